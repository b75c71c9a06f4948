/**
 * JSON text stored compressed (issue 6 P3): an assessment run's inputs
 * snapshot and its results are written once and read rarely, and are
 * 0.4–1.3 MB of JSON for a county's 83 committee members. Written as JSONB
 * they cost ~160 ms of a 195 ms run on PGlite (parsing, the wire protocol,
 * the WAL); Brotli at quality 1 (node:zlib) makes them about 1/13 of the
 * bytes in a few milliseconds (bench/src/p3-assessment.ts, docs/scaling.md P3).
 */
import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants, type BrotliOptions } from "node:zlib";

const brotliCompressAsync = promisify(brotliCompress);

/**
 * The text's UTF-8 bytes and Brotli's options for them: quality 1, text mode,
 * the size as a hint, and an output chunk as large as the input, so that the
 * thread pool compresses it in one pass (with 16 KB chunks each one waits for
 * a turn of the main thread's event loop).
 */
function brotliInput(text: string | Uint8Array): [Uint8Array, BrotliOptions] {
  // Encoded once, so the size hint costs nothing (Buffer.byteLength scans a Chinese text as long as encoding it does).
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  return [bytes, { chunkSize: Math.max(constants.Z_MIN_CHUNK, bytes.length + 1024), params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }];
}

/**
 * JSON text compressed with Brotli, quality 1 (fastest; repeated JSON keys
 * compress well at any quality): a string, or its UTF-8 bytes when the caller
 * has them already (a run's canonical inputs, encoded once for their hash).
 */
export function compressJsonText(text: string | Uint8Array): Buffer {
  return brotliCompressSync(...brotliInput(text));
}

/**
 * {@link compressJsonText} on libuv's thread pool (the same bytes): the main
 * thread goes on meanwhile — a run serialises its results and takes its lock
 * while its inputs and results are compressed (~0.6 ms each for a county's members, issue 6 P3).
 */
export function compressJsonTextAsync(text: string | Uint8Array): Promise<Buffer> {
  return brotliCompressAsync(...brotliInput(text));
}

/**
 * `JSON.stringify(items)` as UTF-8 bytes (the same bytes), each item
 * stringified and encoded on its own: V8 flattens and encodes a string of a
 * megabyte several times slower per character than many of a few kilobytes
 * (a county's 83 members' results, 0.9 MB of JSON: ~8 ms as one text, issue 6 P3).
 */
export function jsonArrayBytes(items: readonly unknown[]): Buffer {
  const chunks: Buffer[] = [Buffer.from("[")];
  items.forEach((item, i) => {
    // JSON.stringify writes an array entry it cannot hold (undefined, a function) as null.
    chunks.push(Buffer.from(`${i > 0 ? "," : ""}${JSON.stringify(item) ?? "null"}`, "utf8"));
  });
  chunks.push(Buffer.from("]"));
  return Buffer.concat(chunks);
}

/** The JSON text of {@link compressJsonText}'s bytes (a Buffer from pg, a Uint8Array from PGlite). Throws on bytes that are not Brotli. */
export function decompressJsonText(bytes: Uint8Array): string {
  return brotliDecompressSync(bytes).toString("utf8");
}
