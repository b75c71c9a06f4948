/**
 * JSON text stored compressed (issue 6 P3): an assessment run's inputs
 * snapshot and its results are written once and read rarely, and are
 * 0.4–1.3 MB of JSON for a county's 83 committee members. Written as JSONB
 * they cost ~160 ms of a 195 ms run on PGlite (parsing, the wire protocol,
 * the WAL); Brotli at quality 1 (node:zlib) makes them about 1/13 of the
 * bytes in a few milliseconds (bench/src/p3-assessment.ts, docs/scaling.md P3).
 */
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";

/** UTF-8 `text` compressed with Brotli, quality 1 (fastest; repeated JSON keys compress well at any quality). */
export function compressJsonText(text: string): Buffer {
  // Encoded once, so the size hint costs nothing (Buffer.byteLength scans a Chinese text as long as encoding it does).
  const bytes = Buffer.from(text, "utf8");
  return brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
  });
}

/** The JSON text of {@link compressJsonText}'s bytes (a Buffer from pg, a Uint8Array from PGlite). Throws on bytes that are not Brotli. */
export function decompressJsonText(bytes: Uint8Array): string {
  return brotliDecompressSync(bytes).toString("utf8");
}
