/**
 * Past imports (`data_imports`, written by `applyDataValues`) and saved
 * column mappings for wide sheets (`column_mappings`).
 */
import { toNumber } from "@linze/domain";
import type { Database, Queryable } from "./client.ts";
import { RecordNotFound } from "./assessment-store.ts";

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** One committed import, as listed (the full summary is in `summary`). */
export interface StoredImport {
  readonly id: number;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly layout: "long" | "wide";
  readonly rowsRead: number;
  readonly valuesNew: number;
  readonly valuesUpdated: number;
  readonly valuesUnchanged: number;
  readonly valuesIgnored: number;
  readonly summary: unknown;
  readonly committedBy: string;
  readonly committedAt: string;
}

/** Committed imports, newest first (at most `limit`, default 200). */
export async function listImports(q: Queryable, limit = 200): Promise<StoredImport[]> {
  const rows = await q.query("SELECT * FROM data_imports ORDER BY id DESC LIMIT $1", [limit]);
  return rows.map((r) => ({
    id: toNumber(r.id)!,
    fileName: String(r.file_name),
    fileSha256: String(r.file_sha256),
    layout: r.layout as "long" | "wide",
    rowsRead: toNumber(r.rows_read)!,
    valuesNew: toNumber(r.values_new)!,
    valuesUpdated: toNumber(r.values_updated)!,
    valuesUnchanged: toNumber(r.values_unchanged)!,
    valuesIgnored: toNumber(r.values_ignored)!,
    summary: r.summary,
    committedBy: String(r.committed_by),
    committedAt: iso(r.committed_at),
  }));
}

/** A saved column mapping: header text as written → data element code, or "orgUnit" / "period" / "ignore". */
export interface StoredMapping {
  readonly name: string;
  readonly mapping: Record<string, string>;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

const mappingOf = (r: Record<string, unknown>): StoredMapping => ({
  name: String(r.name),
  mapping: r.mapping as Record<string, string>,
  updatedBy: String(r.updated_by),
  updatedAt: iso(r.updated_at),
});

/** Saved mappings by name. */
export async function listMappings(q: Queryable): Promise<StoredMapping[]> {
  return (await q.query("SELECT * FROM column_mappings ORDER BY name")).map(mappingOf);
}

/** The mapping saved as `name`; RecordNotFound when there is none. */
export async function getMapping(q: Queryable, name: string): Promise<StoredMapping> {
  const [r] = await q.query("SELECT * FROM column_mappings WHERE name = $1", [name]);
  if (!r) throw new RecordNotFound("column mapping", name);
  return mappingOf(r);
}

/** Saves (creates or replaces) a mapping under `name`; the caller validates the targets. */
export async function saveMapping(db: Database, name: string, mapping: Record<string, string>, user: string): Promise<StoredMapping> {
  const [r] = await db.query(
    `INSERT INTO column_mappings (name, mapping, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET mapping = EXCLUDED.mapping, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING *`,
    [name, JSON.stringify(mapping), user],
  );
  return mappingOf(r!);
}

/** Removes the mapping `name`; RecordNotFound when there is none. */
export async function removeMapping(db: Database, name: string): Promise<void> {
  const rows = await db.query("DELETE FROM column_mappings WHERE name = $1 RETURNING name", [name]);
  if (rows.length === 0) throw new RecordNotFound("column mapping", name);
}
