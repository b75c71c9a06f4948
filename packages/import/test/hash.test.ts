/**
 * The file hash must not depend on Web Crypto: a browser offers `crypto.subtle` only on https:// or
 * localhost, and the dashboard is opened over plain http from LAN addresses too. With and without
 * Web Crypto the hex is the same, and equal to Node's own SHA-256.
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sha256Hex } from "../src/index.ts";
import { parse, utf8Csv } from "./builders.ts";

const nodeSha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Sizes around SHA-256's 64-byte block and its 55/56-byte padding edge, and a multi-megabyte file. */
const SIZES = [0, 1, 55, 56, 63, 64, 65, 1000, 3 * 1024 * 1024 + 7];

function bytesOf(size: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + 7) & 0xff;
  return b;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("sha256Hex", () => {
  it("gives FIPS 180-2's digest of 'abc' with and without Web Crypto", async () => {
    const abc = new TextEncoder().encode("abc");
    const expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    expect(await sha256Hex(abc)).toBe(expected);
    expect(await sha256Hex(abc, undefined)).toBe(expected);
  });

  it.each(SIZES)("equals Node's SHA-256 for %i bytes on both paths", async (size) => {
    const b = bytesOf(size);
    const expected = nodeSha256(b);
    expect(await sha256Hex(b, globalThis.crypto.subtle)).toBe(expected);
    expect(await sha256Hex(b, undefined)).toBe(expected);
  });

  it("parses a file where the page has no Web Crypto (plain http from a LAN address), with the same hash", async () => {
    const bytes = utf8Csv(["org_unit,period,data_element,value", "LZ-SH-V01,2016-12,certified_persons,45"]);
    vi.stubGlobal("crypto", undefined);
    expect(globalThis.crypto).toBeUndefined();
    const r = await parse(bytes, "values.csv");
    expect(r.fileSha256).toBe(nodeSha256(bytes));
    expect(r.values.map((v) => v.value)).toEqual(["45"]);
    expect(r.problems).toEqual([]);
  });
});
