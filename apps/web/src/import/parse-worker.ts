/**
 * The import page's Web Worker: parses the chosen file with @linze/import off
 * the main thread (so the progress bar paints and the page stays usable) and
 * encodes its bytes as base64 for `imports.dryRun`. Messages: see
 * protocol.ts. exceljs is loaded by the parser only for an XLSX file.
 */
import { OrgUnitTree } from "@linze/domain";
import { parseImportFile } from "@linze/import";
import { columnMapping } from "@linze/api/import-summary";
import { bytesToBase64, type ParseRequest, type WorkerMessage } from "./protocol.ts";

const post = (message: WorkerMessage) => (self as unknown as Worker).postMessage(message);

self.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const { bytes, fileName, period, mapping, orgUnits } = event.data;
  try {
    const started = performance.now();
    const data = new Uint8Array(bytes);
    const result = await parseImportFile(data, fileName, {
      tree: new OrgUnitTree(orgUnits),
      ...(period ? { period } : {}),
      ...(mapping ? { mapping: columnMapping(mapping) } : {}),
      onProgress: (done, total) => post({ kind: "progress", done, total }),
    });
    const parseMs = performance.now() - started;
    const errors = result.problems.filter((p) => p.severity === "error").length;
    post({
      kind: "parsed",
      parsed: {
        fileSha256: result.fileSha256,
        rowsRead: result.rowsRead,
        valuesRead: result.values.length,
        errors,
        warnings: result.problems.length - errors,
        parseMs,
      },
      base64: bytesToBase64(data),
    });
  } catch (e) {
    post({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
  }
};
