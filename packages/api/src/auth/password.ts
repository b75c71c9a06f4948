/**
 * Passwords: argon2id through @node-rs/argon2 (the Rust argon2 crate, its
 * Linux/macOS/Windows builds published on the npm registry as platform
 * packages: nothing is downloaded or compiled at install or run time), with
 * its defaults (m = 19 MiB, t = 2, p = 1: OWASP's argon2id minimum). Stored
 * as the PHC string `$argon2id$v=19$m=…`, which carries its own salt and
 * parameters, so stronger parameters later still verify old hashes.
 */
import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

/** The argon2id PHC string of `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

/** Whether `password` matches the stored PHC string; false (never a throw) for a malformed hash. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the username does not exist, so that answer takes as long as a wrong password. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomPassword());
  return dummyHash;
}

/** Letters and digits without look-alikes (0/O, 1/l/I). */
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password of `length` characters (default 16: about 93 bits) from the system's CSPRNG. */
export function randomPassword(length = 16): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
