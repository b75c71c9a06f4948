/**
 * One process per PGlite directory: PGlite itself does not stop a second
 * process from opening the same files, which would corrupt them. The lock is
 * a file next to the directory holding the owner's pid; a lock whose process
 * is gone is taken over.
 */
import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from "node:fs";
import path from "node:path";

export class DirectoryInUse extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly owner: string,
  ) {
    super(`${dir} is in use by ${owner} (pid ${pid}). Stop it first, or use another directory (PGLITE_DIR) or a PostgreSQL server (DATABASE_URL).`);
    this.name = "DirectoryInUse";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock of `dir` for this process (`owner` says who, e.g. "the server"); returns the release function. Throws {@link DirectoryInUse}. */
export function lockDirectory(dir: string, owner: string): () => void {
  const file = `${path.resolve(dir)}.lock`;
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, owner }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let held: { pid: number; owner: string } | null = null;
      try {
        held = JSON.parse(readFileSync(file, "utf8")) as { pid: number; owner: string };
      } catch {
        held = null;
      }
      if (held && held.pid !== process.pid && alive(held.pid)) throw new DirectoryInUse(dir, held.pid, held.owner);
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
