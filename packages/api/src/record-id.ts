/**
 * The id of a stored record (a letter, a supervision finding, an assessment
 * run, a user, an audit entry): a whole number from 1 to 2,147,483,647, the
 * range of PostgreSQL's `integer` (the `serial` columns these ids come
 * from). A larger number, say from an edited address, is refused as bad
 * input (400) instead of reaching the database, which would refuse it with
 * 22003 (a 500 and its raw message).
 */
import { z } from "zod";

/** PostgreSQL's largest `integer`. */
export const MAX_RECORD_ID = 2_147_483_647;

export const RecordIdSchema = z.number().int().positive().max(MAX_RECORD_ID);
