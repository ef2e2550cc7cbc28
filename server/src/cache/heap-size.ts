/**
 * What a JSON value (plain objects, arrays, strings, numbers, booleans, null) costs on V8's
 * heap, estimated from V8's object layout on a 64-bit build without pointer compression
 * (Node's official builds): every field and element is an 8-byte slot; a number that is not
 * a small integer is a separate 16-byte HeapNumber, except in an array of numbers only (one
 * 8-byte double each); a string is a 16-byte header plus one byte a character (two when any
 * character is above U+00FF), rounded up to 8. Property names live in the shared maps and are
 * not counted. A string or object reachable twice is counted twice, so the estimate errs high.
 * `npm run bench:cache-memory` compares it with the heap measured after a GC.
 *
 * JSON text counts one unit a character, which under-counts what its object graph holds by
 * 2-3 times (the bench measured it): the in-process tier's byte bound counts this instead.
 */

const SLOT = 8;
/** A JSObject: map, properties and elements pointers. */
const OBJECT_HEADER = 3 * SLOT;
/** A JSArray: an object's header and its length; its elements are a FixedArray (map + length). */
const ARRAY_HEADER = 4 * SLOT;
const FIXED_ARRAY_HEADER = 2 * SLOT;
/** A boxed double: map + value. */
const HEAP_NUMBER = 2 * SLOT;
/** A sequential string: map, hash and length. */
const STRING_HEADER = 2 * SLOT;

const align = (n: number) => Math.ceil(n / SLOT) * SLOT;

/** A small integer (Smi) sits in its slot; any other number is a HeapNumber of its own. */
function isSmi(n: number): boolean {
  return Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 && !Object.is(n, -0);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the Latin-1 range is the point
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

export function stringBytes(s: string): number {
  return align(STRING_HEADER + s.length * (BEYOND_LATIN1.test(s) ? 2 : 1));
}

/** Bytes of a value beyond the slot that points at it (0 for small integers, booleans, null). */
export function heapBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return stringBytes(value);
    case 'number':
      return isSmi(value) ? 0 : HEAP_NUMBER;
    case 'object': {
      if (value === null) return 0;
      if (Array.isArray(value)) {
        const header = ARRAY_HEADER + FIXED_ARRAY_HEADER;
        // An array of numbers only keeps raw doubles (or Smis) in its elements.
        if (value.every((v) => typeof v === 'number')) return header + value.length * SLOT;
        let n = header + value.length * SLOT;
        for (const v of value) n += heapBytes(v);
        return n;
      }
      let n = OBJECT_HEADER;
      for (const key in value) {
        n += SLOT + heapBytes((value as Record<string, unknown>)[key]);
      }
      return n;
    }
    default:
      // booleans, undefined (skipped by JSON): oddballs shared by the whole heap
      return 0;
  }
}
