/** The audit log (issue 5 point 4), for administrators and auditors. */
import { listAudit, type StoredAuditEntry } from "@linze/db";
import { AuditListInputSchema } from "../auth-schemas.ts";
import { requires, router } from "../trpc.ts";

export const auditRouter = router({
  /**
   * Audit rows newest first, filtered by actor (username), entity type and
   * id, procedure, period (a label or its start: `2016` matches `2016-03`
   * and `2016Q1`), date range (China dates `YYYY-MM-DD`, inclusive) and
   * outcome; `beforeId` pages on; at most `limit` (default 100, ≤ 500).
   */
  list: requires("audit.read").input(AuditListInputSchema).query(({ ctx, input }): Promise<StoredAuditEntry[]> => listAudit(ctx.db, input)),
});
