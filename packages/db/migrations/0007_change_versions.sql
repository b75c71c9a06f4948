-- Change counters for the server's read caches (issue 6; packages/db/src/change-versions.ts).
-- Two rows: 'data' goes up with every statement that writes a table the reads depend
-- on, 'auth' with every change to an account, its org units or its sessions that can
-- change who a session's user is or what the user may see. Triggers, not the
-- application, count: the API, the CLI, loadDataset, the demo seeding and any other
-- client or process writing to this database all bump them, in the writer's
-- transaction (a reader sees the new version together with the new rows, never
-- before). Every statement counts, even one that changes no row.
-- The triggers run BEFORE each statement, so a writing transaction takes the
-- counter's row lock before it locks any row of that kind: writers of one kind take
-- turns (the second waits for the first to commit) rather than deadlock over it.
-- Readers never wait. The county's writes are form saves and imports, seconds apart.
CREATE TABLE "change_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "change_versions_name_check" CHECK ("change_versions"."name" IN ('data', 'auth'))
);
--> statement-breakpoint
INSERT INTO "change_versions" ("name") VALUES ('data'), ('auth');
--> statement-breakpoint
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE change_versions SET version = version + 1 WHERE name = 'data';
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION bump_auth_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE change_versions SET version = version + 1 WHERE name = 'auth';
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Every table but the accounts' own (below), the append-only audit log (written with
-- every mutation anyway, and read by no cached procedure) and this one. A table added
-- later needs its own trigger: change-versions.test.ts fails until it has one.
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema()
      AND tablename NOT IN ('users', 'user_org_units', 'sessions', 'audit_log', 'change_versions')
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()', t || '_data_version', t);
  END LOOP;
END
$$;
--> statement-breakpoint
-- Accounts: not the sign-in bookkeeping (failed_logins, locked_until, last_login_at),
-- which every sign-in writes and which no session's user depends on.
CREATE TRIGGER users_auth_version BEFORE INSERT OR DELETE OR TRUNCATE OR UPDATE OF username, display_name, role, committee_member, disabled, password_hash, must_change_password ON "users" FOR EACH STATEMENT EXECUTE FUNCTION bump_auth_version();
--> statement-breakpoint
CREATE TRIGGER user_org_units_auth_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "user_org_units" FOR EACH STATEMENT EXECUTE FUNCTION bump_auth_version();
--> statement-breakpoint
-- Sessions: an ended one (sign-out, password change, expiry) — not a new one (its token
-- was never cached) nor last_seen_at, written once a minute per session.
CREATE TRIGGER sessions_auth_version BEFORE DELETE OR TRUNCATE OR UPDATE OF token_hash, user_id, expires_at ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION bump_auth_version();
