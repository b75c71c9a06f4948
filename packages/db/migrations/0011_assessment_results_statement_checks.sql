ALTER TABLE "assessment_results" DROP CONSTRAINT "assessment_results_run_id_assessment_runs_id_fk";
--> statement-breakpoint
ALTER TABLE "assessment_results" DROP CONSTRAINT "assessment_results_org_unit_org_units_code_fk";

--> statement-breakpoint
-- The two foreign keys above become statement-level checks, as migration 0006 did for data_values
-- (issue 6 P3: a county members' run inserts 83 results, and their 166 per-row checks took ~3 ms
-- of PGlite's time, ~1 ms of PostgreSQL's). Each statement that writes assessment_results checks its
-- rows at once, over the statement's transition table: it locks the runs and org units they reference
-- FOR KEY SHARE, as a foreign key does, and raises foreign_key_violation with a foreign key's own
-- DETAIL for the first missing one. Deleting a run deletes its results (the old ON DELETE CASCADE);
-- changing a referenced run's id, or deleting or renaming a referenced org unit, is refused.
CREATE FUNCTION assessment_results_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  runs integer[];
  codes text[];
  missing_run integer;
  missing_org_unit text;
BEGIN
  SELECT array_agg(DISTINCT n.run_id), array_agg(DISTINCT n.org_unit) INTO runs, codes FROM new_rows n;
  PERFORM 1 FROM assessment_runs r WHERE r.id = ANY (runs) FOR KEY SHARE;
  SELECT c INTO missing_run FROM unnest(runs) c WHERE NOT EXISTS (SELECT 1 FROM assessment_runs r WHERE r.id = c) LIMIT 1;
  IF missing_run IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "assessment_results" violates foreign key constraint "assessment_results_run_ref"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (run_id)=(%s) is not present in table "assessment_runs".', missing_run);
  END IF;
  PERFORM 1 FROM org_units u WHERE u.code = ANY (codes) FOR KEY SHARE;
  SELECT c INTO missing_org_unit FROM unnest(codes) c WHERE NOT EXISTS (SELECT 1 FROM org_units u WHERE u.code = c) LIMIT 1;
  IF missing_org_unit IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "assessment_results" violates foreign key constraint "assessment_results_org_unit_ref"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (org_unit)=(%s) is not present in table "org_units".', missing_org_unit);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_results_refs_insert AFTER INSERT ON assessment_results REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_results_check_references();
--> statement-breakpoint
CREATE TRIGGER assessment_results_refs_update AFTER UPDATE ON assessment_results REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_results_check_references();
--> statement-breakpoint
CREATE FUNCTION assessment_runs_delete_results() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM assessment_results r USING old_rows o WHERE r.run_id = o.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_runs_results_delete AFTER DELETE ON assessment_runs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_runs_delete_results();
--> statement-breakpoint
CREATE FUNCTION assessment_runs_check_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  used integer;
BEGIN
  SELECT o.id INTO used FROM old_rows o
  WHERE NOT EXISTS (SELECT 1 FROM assessment_runs r WHERE r.id = o.id) AND EXISTS (SELECT 1 FROM assessment_results x WHERE x.run_id = o.id)
  LIMIT 1;
  IF used IS NOT NULL THEN
    RAISE EXCEPTION 'update or delete on table "assessment_runs" violates foreign key constraint "assessment_results_run_ref"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (id)=(%s) is still referenced from table "assessment_results".', used);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_runs_referenced_update AFTER UPDATE ON assessment_runs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_runs_check_referenced();
--> statement-breakpoint
CREATE FUNCTION org_units_check_referenced_by_results() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  used text;
BEGIN
  SELECT o.code INTO used FROM old_rows o
  WHERE NOT EXISTS (SELECT 1 FROM org_units u WHERE u.code = o.code) AND EXISTS (SELECT 1 FROM assessment_results x WHERE x.org_unit = o.code)
  LIMIT 1;
  IF used IS NOT NULL THEN
    RAISE EXCEPTION 'update or delete on table "org_units" violates foreign key constraint "assessment_results_org_unit_ref"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (code)=(%s) is still referenced from table "assessment_results".', used);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER org_units_results_referenced_delete AFTER DELETE ON org_units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION org_units_check_referenced_by_results();
--> statement-breakpoint
CREATE TRIGGER org_units_results_referenced_update AFTER UPDATE ON org_units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION org_units_check_referenced_by_results();
