/**
 * Messages between the import page and its parse worker (parse-worker.ts),
 * and the base64 encoding of the file for `imports.dryRun`. No imports at
 * run time: both the page and the worker bundle this file.
 */
import type { OrgUnit } from "@linze/domain";

/** Page → worker: the file's bytes (transferred), the options of the parse, the org units of the loaded tree. */
export interface ParseRequest {
  readonly bytes: ArrayBuffer;
  readonly fileName: string;
  /** `YYYY-MM` for a wide sheet that names no month. */
  readonly period: string | null;
  /** A mapping in its saved text form (header → data element code or word), or null for header matching alone. */
  readonly mapping: Readonly<Record<string, string>> | null;
  readonly orgUnits: readonly OrgUnit[];
}

/** What the browser's own parse found: enough for the page before the server's authoritative dry run. */
export interface BrowserParse {
  /** Lower-case hex SHA-256 of the bytes (the server's dry run reports the same). */
  readonly fileSha256: string;
  readonly rowsRead: number;
  readonly valuesRead: number;
  readonly errors: number;
  readonly warnings: number;
  /** Milliseconds the parse took in the worker (hash included). */
  readonly parseMs: number;
}

/** Worker → page. `progress`: `done` of `total` rows below the headers (every 2,000 rows, and at the start and end). */
export type WorkerMessage =
  | { readonly kind: "progress"; readonly done: number; readonly total: number }
  | { readonly kind: "parsed"; readonly parsed: BrowserParse; readonly base64: string }
  | { readonly kind: "failed"; readonly message: string };

type WithToBase64 = Uint8Array & { toBase64?: () => string };

/** Standard base64 (with padding) of `bytes`: the browser's own `toBase64` where it exists, else `btoa` over 32 KB chunks. */
export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as WithToBase64).toBase64;
  if (typeof native === "function") return native.call(bytes);
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  return btoa(parts.join(""));
}
