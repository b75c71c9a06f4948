/**
 * CSV text → one grid sheet, with papaparse (delimiter detected: comma, tab,
 * semicolon, …; quoted fields may hold commas and line breaks).
 */
import Papa from "papaparse";
import type { GridSheet } from "./grid.ts";

export interface CsvSheet {
  sheet: GridSheet;
  /** Unclosed or stray quotes: the 1-based line where the broken field starts. */
  quoteErrors: { line: number; message: string }[];
}

function lineAt(text: string, index: number, from: { index: number; line: number }): number {
  let line = from.line;
  for (let i = from.index; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  from.index = Math.max(from.index, Math.min(index, text.length));
  from.line = line;
  return line;
}

/**
 * papaparse gives the empty text after a file's final line break as one more row ([""]); it is no line
 * of the file (and would count in the progress total: 10,001 rows for a 10,000-row file).
 */
function dropFinalEmptyRow(rows: string[][], rowNumbers?: number[]): void {
  const last = rows[rows.length - 1];
  if (last && last.length === 1 && last[0] === "") {
    rows.pop();
    rowNumbers?.pop();
  }
}

export function readCsv(text: string): CsvSheet {
  // Without a quote no field spans lines: record i is line i + 1, and the faster whole-text parse will do.
  if (!text.includes('"')) {
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
    if (/\n$/.test(text)) dropFinalEmptyRow(parsed.data);
    return { sheet: { name: null, rows: parsed.data }, quoteErrors: [] };
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const quoteErrors: CsvSheet["quoteErrors"] = [];
  const pos = { index: 0, line: 1 };
  let start = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step: (result) => {
      rowNumbers.push(lineAt(text, start, pos));
      rows.push(result.data);
      for (const e of result.errors) {
        if (e.type === "Quotes") quoteErrors.push({ line: rowNumbers[rowNumbers.length - 1]!, message: e.message });
      }
      start = result.meta.cursor;
    },
  });
  if (/\n$/.test(text)) dropFinalEmptyRow(rows, rowNumbers);
  return { sheet: { name: null, rows, rowNumbers }, quoteErrors };
}
