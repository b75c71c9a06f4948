/**
 * Runs the import parser in its Web Worker (parse-worker.ts) for one file:
 * progress as rows are parsed, then what the browser's parse found and the
 * file's bytes as base64 for the server's dry run. A new worker per file,
 * ended when the parse ends or is cancelled, so nothing of an earlier file
 * lingers.
 */
import type { OrgUnit } from "@linze/domain";
import type { BrowserParse, ParseRequest, WorkerMessage } from "./protocol.ts";

export interface BrowserParseOutcome {
  readonly parsed: BrowserParse;
  readonly base64: string;
}

export interface ParseInWorkerOptions {
  readonly period: string | null;
  /** A mapping in its saved text form, or null. */
  readonly mapping: Readonly<Record<string, string>> | null;
  readonly orgUnits: readonly OrgUnit[];
  readonly onProgress: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** Parses `bytes` (transferred: the buffer is unusable afterwards) in a worker. Rejects with the worker's error or on abort. */
export function parseInWorker(bytes: ArrayBuffer, fileName: string, options: ParseInWorkerOptions): Promise<BrowserParseOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./parse-worker.ts", import.meta.url), { type: "module", name: "import-parser" });
    const end = () => {
      worker.terminate();
      options.signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      end();
      reject(new DOMException("The parse was cancelled", "AbortError"));
    };
    options.signal?.addEventListener("abort", onAbort);
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const m = event.data;
      if (m.kind === "progress") options.onProgress(m.done, m.total);
      else if (m.kind === "parsed") {
        end();
        resolve({ parsed: m.parsed, base64: m.base64 });
      } else {
        end();
        reject(new Error(m.message));
      }
    };
    worker.onerror = (event) => {
      end();
      reject(new Error(event.message || "the parse worker failed to start"));
    };
    const request: ParseRequest = { bytes, fileName, period: options.period, mapping: options.mapping, orgUnits: options.orgUnits };
    worker.postMessage(request, [bytes]);
  });
}
