/**
 * A cached value's JSON response body, serialized once per cached object rather than once
 * per request. The in-process tier hands out the same object on every hit, so the HTTP
 * layer can send `encodeJson(value).body` (and answer `If-None-Match` with `.etag`) without
 * re-serializing; the cache seeds the body it already has (from the loader's serialization
 * or the Redis bytes), so a hit costs no JSON work at all. Entries go with their object.
 */
import { createHash } from 'node:crypto';

export class EncodedJson {
  #text: string;
  #body: Buffer | undefined;
  #etag: string | undefined;
  constructor(text: string) {
    this.#text = text;
  }
  /** The UTF-8 bytes to send (made on first use, then kept). */
  get body(): Buffer {
    this.#body ??= Buffer.from(this.#text);
    return this.#body;
  }
  /** A strong ETag of the bytes: it changes whenever the data does. */
  get etag(): string {
    this.#etag ??= `"${createHash('sha1').update(this.body).digest('base64url')}"`;
    return this.#etag;
  }
}

const bodies = new WeakMap<object, EncodedJson>();

/** The JSON bytes of a value, memoized per object (primitives are serialized each call). */
export function encodeJson(value: unknown): EncodedJson {
  if (typeof value !== 'object' || value === null) return new EncodedJson(JSON.stringify(value) ?? 'null');
  let encoded = bodies.get(value);
  if (!encoded) {
    encoded = new EncodedJson(JSON.stringify(value));
    bodies.set(value, encoded);
  }
  return encoded;
}

/** Record the JSON text a value was serialized to (or parsed from), for encodeJson. */
export function rememberJson(value: unknown, json: string): void {
  if (typeof value === 'object' && value !== null && !bodies.has(value)) {
    bodies.set(value, new EncodedJson(json));
  }
}
