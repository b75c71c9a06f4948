/**
 * The parser as the import page will use it: bundled by Vite, run by the
 * browser (TextDecoder, crypto.subtle, exceljs's browser build).
 */
import { linzeOrgUnitTree } from "@linze/domain";
import { parseImportFile, type ParseOptions } from "@linze/import";

const tree = linzeOrgUnitTree();

declare global {
  interface Window {
    parseImport: (base64: string, fileName: string, options: Omit<ParseOptions, "tree" | "onProgress"> & { summary?: boolean }) => Promise<unknown>;
    parserReady: boolean;
  }
}

window.parseImport = async (base64, fileName, options) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const progress: [number, number][] = [];
  const started = performance.now();
  const result = await parseImportFile(bytes, fileName, { ...options, tree, onProgress: (d, t) => progress.push([d, t]) });
  const ms = performance.now() - started;
  // A large result crosses the DevTools protocol slowly: the summary is enough for large files.
  if (options.summary) return { summary: { rowsRead: result.rowsRead, values: result.values.length, problems: result.problems.length }, progress, ms };
  return { result, progress, ms };
};
window.parserReady = true;
