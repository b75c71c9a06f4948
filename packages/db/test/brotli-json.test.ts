/**
 * The JSON a run stores compressed, made as bytes piece by piece: it must be
 * byte for byte the text of JSON.stringify, or the stored results would not
 * read back as what was computed.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { compressJsonText, compressJsonTextAsync, decompressJsonText, jsonArrayBytes } from "../src/brotli-json.ts";

describe("jsonArrayBytes", () => {
  test("the UTF-8 bytes of JSON.stringify of the array, Chinese text and all", () => {
    const items = [{ zh: "动态更新完成率", n: 0.1 }, null, undefined, [1, "a\u2028"], "全角：１"];
    const bytes = jsonArrayBytes(items);
    // Golden text by hand: undefined is null in an array, U+2028 stays a raw character, 0.1 prints as itself.
    expect(bytes.toString("utf8")).toBe('[{"zh":"动态更新完成率","n":0.1},null,null,[1,"a\u2028"],"全角：１"]');
    expect(jsonArrayBytes([]).toString("utf8")).toBe("[]");
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), (xs) => {
        expect(jsonArrayBytes(xs).equals(Buffer.from(JSON.stringify(xs), "utf8"))).toBe(true);
      }),
    );
  });

  test("compressed as bytes, it reads back as the same text", () => {
    const items = [{ unit: "CM-LZ-SH", total: "92.50" }, { unit: "CM-LZ-SH-V01", total: "88.00" }];
    expect(decompressJsonText(compressJsonText(jsonArrayBytes(items)))).toBe(JSON.stringify(items));
  });

  test("compressed on the thread pool, a text larger than zlib's 16 KB chunk gives the same bytes as compressed here, and reads back", async () => {
    // ~250 KB of JSON with Chinese text and scattered numbers, over 16 KB compressed: one output chunk for
    // the whole (chunkSize ≥ the input), none lost or repeated.
    const items = Array.from({ length: 3000 }, (_, i) => ({ unit: `CM-LZ-SH-V${i}`, zh: "动态更新完成率", total: ((i * 7919) % 100_003) / 7 }));
    const bytes = jsonArrayBytes(items);
    expect(bytes.length).toBeGreaterThan(150_000);
    const compressed = await compressJsonTextAsync(bytes);
    expect(compressed.length).toBeGreaterThan(16_384);
    expect(compressed.equals(compressJsonText(bytes))).toBe(true);
    expect(decompressJsonText(compressed)).toBe(JSON.stringify(items));
    expect(decompressJsonText(await compressJsonTextAsync("全角：１"))).toBe("全角：１");
  });
});
