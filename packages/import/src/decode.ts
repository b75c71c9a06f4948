/**
 * Text files from Chinese Windows machines: Excel and WPS save "CSV" in the
 * ANSI code page (GBK, a subset of GB18030), "CSV UTF-8" with a BOM. Decoding
 * is strict: strict UTF-8 first (a GBK file is almost never valid UTF-8), then
 * strict GB18030; never a U+FFFD replacement character in the data.
 */

export type DecodedText =
  | { text: string; encoding: "utf-8" | "gb18030" }
  | { text: null; encoding: null; line: number; reasonZh: string; reasonEn: string };

function strictDecode(label: "utf-8" | "gb18030", bytes: Uint8Array): string | null {
  try {
    // ignoreBOM false (the default): a leading BOM is stripped.
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The 1-based line holding the first byte sequence `label` cannot decode. */
function firstBadLine(label: "utf-8" | "gb18030", bytes: Uint8Array): number {
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (strictDecode(label, bytes.subarray(start, i)) === null) return line;
      start = i + 1;
      line += 1;
    }
  }
  return line - 1;
}

/**
 * Decodes the bytes of a text file: UTF-8 (with or without BOM, which is stripped), else
 * GB18030 (which includes GBK and GB2312). When neither decodes, says on which line and why:
 * `{ text: null, encoding: null, line, reasonZh, reasonEn }`, which the parser reports as a
 * `bad_encoding` problem. UTF-16 text (Excel's "Unicode text") is refused with a hint to save
 * as CSV.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return {
      text: null,
      encoding: null,
      line: 1,
      reasonZh: "文件为 UTF-16 文本（Excel“Unicode 文本”），请另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）",
      reasonEn: 'the file is UTF-16 text (Excel "Unicode Text"): save it as "CSV UTF-8" or an Excel workbook (.xlsx)',
    };
  }
  const utf8 = strictDecode("utf-8", bytes);
  if (utf8 !== null) return { text: utf8, encoding: "utf-8" };
  const gb = strictDecode("gb18030", bytes);
  if (gb !== null) return { text: gb, encoding: "gb18030" };
  const utf8Line = firstBadLine("utf-8", bytes);
  const gbLine = firstBadLine("gb18030", bytes);
  return {
    text: null,
    encoding: null,
    line: gbLine,
    reasonZh: `文件编码无法识别：第 ${utf8Line} 行不是有效的 UTF-8，第 ${gbLine} 行不是有效的 GB18030/GBK；请另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）`,
    reasonEn: `unrecognised text encoding: line ${utf8Line} is not valid UTF-8 and line ${gbLine} is not valid GB18030/GBK; save the file as "CSV UTF-8" or an Excel workbook (.xlsx)`,
  };
}
