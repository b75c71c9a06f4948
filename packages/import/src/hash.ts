/** SHA-256 of a file's bytes with Web Crypto (Node 20 and browsers alike). */

export class WebCryptoUnavailable extends Error {
  constructor() {
    super(
      "Web Crypto (crypto.subtle) is unavailable: browsers offer it only on https:// or localhost pages / 浏览器仅在 https 或 localhost 页面提供 crypto.subtle",
    );
    this.name = "WebCryptoUnavailable";
  }
}

/**
 * Lower-case hex SHA-256 of `bytes`. Throws {@link WebCryptoUnavailable} where `crypto.subtle` is
 * missing (a browser page served over plain http from another host).
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new WebCryptoUnavailable();
  const digest = new Uint8Array(await subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}
