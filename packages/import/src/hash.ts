/**
 * SHA-256 of a file's bytes: Web Crypto where the page has it, @noble/hashes
 * where it does not. Browsers offer `crypto.subtle` only in a secure context
 * (https:// or localhost), and the dashboard is often opened over plain http
 * from a LAN address (http://192.168.x.x:3000): the import page must still
 * hash the file there. Both give the same lower-case hex.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** The part of `SubtleCrypto` used here (injectable so tests can take Web Crypto away). */
export interface Sha256Digest {
  digest(algorithm: "SHA-256", data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

/**
 * Lower-case hex SHA-256 (64 digits) of `bytes`. Uses `subtle` (default: `globalThis.crypto.subtle`,
 * about 25× faster on large files) when present, else @noble/hashes' pure-JS sha256 (about 750 ms
 * for 20 MB on this machine's Node 20). Never throws for want of Web Crypto.
 */
export async function sha256Hex(bytes: Uint8Array, subtle: Sha256Digest | undefined = globalThis.crypto?.subtle): Promise<string> {
  if (!subtle) return bytesToHex(sha256(bytes));
  return bytesToHex(new Uint8Array(await subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>)));
}
