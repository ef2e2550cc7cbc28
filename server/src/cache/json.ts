/**
 * A cached value's JSON response body, serialized once per cached object rather than once
 * per request. The in-process tier hands out the same object on every hit, so the HTTP
 * layer can send `encodeJson(value).body` (and answer `If-None-Match` with `.etag`) without
 * re-serializing; the cache seeds the body it already has (from the loader's serialization
 * or the Redis bytes), so a hit costs no JSON work at all. Entries go with their object.
 */
import { createHash } from 'node:crypto';
import { brotliCompress, constants, gzipSync } from 'node:zlib';

/**
 * Brotli quality for cached bodies (0-11), measured on the market map of 500 stocks (92 KB):
 * qualities 5-9 make it only 4-6 % smaller than gzip, 10 makes it 19 % smaller (prices with
 * indicators 28 %) for about 30-100 ms of a pool thread, 11 only 2-6 % more for 3 times that.
 */
const BROTLI_QUALITY = 10;

export class EncodedJson {
  /** The JSON text until the bytes are made (then dropped: the bytes alone are kept). */
  #text: string | undefined;
  #body: Buffer | undefined;
  #etag: string | undefined;
  #weakEtag: string | undefined;
  #gzip: Buffer | undefined;
  #br: Buffer | undefined;
  #brStarted = false;
  #brEtag: string | undefined;
  constructor(source: string | Buffer) {
    if (typeof source === 'string') this.#text = source;
    else this.#body = source;
  }
  /** The UTF-8 bytes to send (made on first use, then kept). */
  get body(): Buffer {
    if (!this.#body) {
      this.#body = Buffer.from(this.#text ?? 'null');
      this.#text = undefined;
    }
    return this.#body;
  }
  /**
   * The bytes gzip-compressed, made on first use and kept with the value like the bytes:
   * a large cached answer (the market map of 5,000 stocks is ~0.9 MB) is compressed once,
   * not per request. Not counted in the in-process tier's byte bound (a fraction of it).
   */
  get gzip(): Buffer {
    this.#gzip ??= gzipSync(this.body, { level: 6 });
    return this.#gzip;
  }
  /**
   * The bytes Brotli-compressed, or undefined until they are made: the first call starts
   * the compression in libuv's thread pool (off the event loop: at BROTLI_QUALITY it takes
   * tens of milliseconds for a large body, 15-40 times gzip's time), and the bytes are then
   * kept with the value like the gzip ones; until then the caller sends another encoding.
   * A failed compression is not retried (the value goes on without Brotli).
   */
  brotliIfReady(): Buffer | undefined {
    if (this.#br !== undefined || this.#brStarted) return this.#br;
    this.#brStarted = true;
    const body = this.body;
    brotliCompress(
      body,
      {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      },
      (error, bytes) => {
        if (!error) this.#br = bytes;
      },
    );
    return undefined;
  }
  /** A strong ETag of the bytes: it changes whenever the data does. */
  get etag(): string {
    this.#etag ??= `"${createHash('sha1').update(this.body).digest('base64url')}"`;
    return this.#etag;
  }
  /** The ETag as a weak one (`W/"…"`), for the gzip bytes: made once, like the strong one. */
  get weakEtag(): string {
    this.#weakEtag ??= `W/${this.etag}`;
    return this.#weakEtag;
  }
  /**
   * The ETag of the Brotli bytes: weak like the gzip one, and distinct from both (`W/"…-br"`),
   * so that a validator kept with one encoding never revalidates another.
   */
  get brEtag(): string {
    this.#brEtag ??= `W/${this.etag.slice(0, -1)}-br"`;
    return this.#brEtag;
  }
}

/**
 * The UTF-8 bytes of a text in memory of their own: a small Buffer.from() is a slice of an
 * 8 KiB pool, which one long-kept slice would hold whole.
 */
function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
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

/**
 * Record the JSON text a value was serialized to (or parsed from), for encodeJson, as its
 * bytes (the text is not kept): what a cache entry holds besides the value. Returns the
 * value's encoding (undefined for a primitive, which is serialized each time).
 */
export function rememberJson(value: unknown, json: string): EncodedJson | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  let encoded = bodies.get(value);
  if (!encoded) {
    encoded = new EncodedJson(ownBytes(json));
    bodies.set(value, encoded);
  }
  return encoded;
}
