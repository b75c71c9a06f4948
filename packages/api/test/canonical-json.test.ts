/**
 * The canonical JSON an assessment run's inputs are hashed with: the text must
 * never change for the same value (a published run is re-verified against its
 * stored hash), whatever the key order or a JSONB round trip did to the object.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { canonicalJson, canonicalJsonBytes, inputsHash } from "../src/index.ts";

describe("canonical JSON", () => {
  test("keys sorted by UTF-16 code units at every level; undefined dropped in objects, null in arrays", () => {
    const value = { z: 2, Z: 3, é: 1, nested: { b: [1, undefined, "全角：１"], a: { d: undefined, c: 1.5 } } };
    expect(canonicalJson(value)).toBe('{"Z":3,"nested":{"a":{"c":1.5},"b":[1,null,"全角：１"]},"z":2,"é":1}');
    // The same value with its keys in another order (as JSONB returns them) gives the same text and hash.
    const reordered = { nested: { a: { c: 1.5 }, b: [1, null, "全角：１"] }, é: 1, Z: 3, z: 2 };
    expect(canonicalJson(reordered)).toBe(canonicalJson(value));
    expect(inputsHash(reordered)).toBe(createHash("sha256").update('{"Z":3,"nested":{"a":{"c":1.5},"b":[1,null,"全角：１"]},"z":2,"é":1}').digest("hex"));
  });

  test("numbers and strings as JSON.stringify writes them", () => {
    expect(canonicalJson({ n: [0.1, 1e21, -0, 92.5, 1 / 3], s: 'a"\\\n\u2028' })).toBe(JSON.stringify({ n: [0.1, 1e21, -0, 92.5, 1 / 3], s: 'a"\\\n\u2028' }));
  });

  test("values JSON cannot hold are refused, not hashed as a lossy text", () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
    expect(() => canonicalJson({ x: Number.POSITIVE_INFINITY })).toThrow();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow();
  });

  test("made as bytes piece by piece, it is byte for byte the one text", () => {
    const value = { z: 2, Z: 3, é: 1, u: undefined, nested: { b: [1, undefined, "全角：１"], a: { d: undefined, c: 1.5 } }, list: [{ y: 1, x: [2, { q: 1, p: 0 }] }, undefined] };
    // Golden text by hand, as the first test's.
    expect(canonicalJsonBytes(value).toString("utf8")).toBe('{"Z":3,"list":[{"x":[2,{"p":0,"q":1}],"y":1},null],"nested":{"a":{"c":1.5},"b":[1,null,"全角：１"]},"z":2,"é":1}');
    for (const levels of [0, 1, 2, 3]) expect(canonicalJsonBytes(value, levels).toString("utf8")).toBe(canonicalJson(value));
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (v, levels) => {
        expect(canonicalJsonBytes(v, levels).equals(Buffer.from(canonicalJson(v), "utf8"))).toBe(true);
      }),
    );
    expect(() => canonicalJsonBytes({ units: [{ x: Number.NaN }] })).toThrow();
    // A long array below the levels goes 1,000 entries at a time: 2,500 rows with undefined and objects among them.
    const rows = Array.from({ length: 2500 }, (_, i) => (i % 7 === 0 ? undefined : i % 5 === 0 ? { b: i, a: [i, "村"] } : [`LZ-SH-V${i}`, i / 3]));
    const long = { dataValues: { rows, months: ["2016-01"] } };
    expect(canonicalJsonBytes(long).toString("utf8")).toBe(canonicalJson(long));
    expect(canonicalJsonBytes({ rows: Array.from({ length: 1000 }, (_, i) => i) }, 0).toString("utf8")).toBe(canonicalJson({ rows: Array.from({ length: 1000 }, (_, i) => i) }));
    expect(canonicalJsonBytes(Array.from({ length: 1001 }, () => undefined), 0).toString("utf8")).toBe(`[${Array.from({ length: 1001 }, () => "null").join(",")}]`);
  });
});
