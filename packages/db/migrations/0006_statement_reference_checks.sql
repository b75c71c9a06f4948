ALTER TABLE "data_value_history" DROP CONSTRAINT "data_value_history_org_unit_org_units_code_fk";
--> statement-breakpoint
ALTER TABLE "data_value_history" DROP CONSTRAINT "data_value_history_import_id_data_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "data_values" DROP CONSTRAINT "data_values_org_unit_org_units_code_fk";
--> statement-breakpoint
-- The three foreign keys above become statement-level checks (issue 4 point 10: a
-- 100,000-value import spent about a second on 300,000 per-row checks). Each
-- statement that writes data_values or data_value_history checks its rows at once,
-- over the statement's transition table: it locks the org units (and imports) they
-- reference FOR KEY SHARE, as a foreign key does, and raises foreign_key_violation
-- with a foreign key's own DETAIL ("Key (org_unit)=(X) is not present in table
-- "org_units".") for the first missing one. Deleting or renaming an org unit (or an
-- import) still referenced is refused the same way.
CREATE FUNCTION data_values_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  codes text[];
  imports integer[];
  missing_org_unit text;
  missing_import integer;
BEGIN
  -- The distinct references first (a few hundred at most), then one lookup each.
  SELECT array_agg(d.org_unit) INTO codes FROM (SELECT DISTINCT n.org_unit FROM new_rows n) d;
  PERFORM 1 FROM org_units u WHERE u.code = ANY (codes) FOR KEY SHARE;
  SELECT c INTO missing_org_unit FROM unnest(codes) c WHERE NOT EXISTS (SELECT 1 FROM org_units u WHERE u.code = c) LIMIT 1;
  IF missing_org_unit IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%_org_unit_ref"', TG_TABLE_NAME, TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (org_unit)=(%s) is not present in table "org_units".', missing_org_unit);
  END IF;
  IF TG_TABLE_NAME = 'data_value_history' THEN
    SELECT array_agg(d.import_id) INTO imports FROM (SELECT DISTINCT n.import_id FROM new_rows n WHERE n.import_id IS NOT NULL) d;
    PERFORM 1 FROM data_imports i WHERE i.id = ANY (imports) FOR KEY SHARE;
    SELECT c INTO missing_import FROM unnest(imports) c WHERE NOT EXISTS (SELECT 1 FROM data_imports i WHERE i.id = c) LIMIT 1;
    IF missing_import IS NOT NULL THEN
      RAISE EXCEPTION 'insert or update on table "data_value_history" violates foreign key constraint "data_value_history_import_ref"'
        USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (import_id)=(%s) is not present in table "data_imports".', missing_import);
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER data_values_org_unit_ref_insert AFTER INSERT ON data_values REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_values_check_references();
--> statement-breakpoint
CREATE TRIGGER data_values_org_unit_ref_update AFTER UPDATE ON data_values REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_values_check_references();
--> statement-breakpoint
CREATE TRIGGER data_value_history_refs_insert AFTER INSERT ON data_value_history REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_values_check_references();
--> statement-breakpoint
CREATE TRIGGER data_value_history_refs_update AFTER UPDATE ON data_value_history REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_values_check_references();
--> statement-breakpoint
CREATE FUNCTION org_units_check_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  used text;
BEGIN
  SELECT o.code INTO used FROM old_rows o
  WHERE NOT EXISTS (SELECT 1 FROM org_units u WHERE u.code = o.code)
    AND (EXISTS (SELECT 1 FROM data_values d WHERE d.org_unit = o.code) OR EXISTS (SELECT 1 FROM data_value_history h WHERE h.org_unit = o.code))
  LIMIT 1;
  IF used IS NOT NULL THEN
    RAISE EXCEPTION 'update or delete on table "org_units" violates foreign key constraint "data_values_org_unit_ref"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (code)=(%s) is still referenced from table "data_values" or "data_value_history".', used);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER org_units_referenced_delete AFTER DELETE ON org_units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION org_units_check_referenced();
--> statement-breakpoint
CREATE TRIGGER org_units_referenced_update AFTER UPDATE ON org_units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION org_units_check_referenced();
--> statement-breakpoint
CREATE FUNCTION data_imports_check_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  used integer;
BEGIN
  SELECT o.id INTO used FROM old_rows o
  WHERE NOT EXISTS (SELECT 1 FROM data_imports i WHERE i.id = o.id) AND EXISTS (SELECT 1 FROM data_value_history h WHERE h.import_id = o.id)
  LIMIT 1;
  IF used IS NOT NULL THEN
    RAISE EXCEPTION 'update or delete on table "data_imports" violates foreign key constraint "data_value_history_import_ref"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (id)=(%s) is still referenced from table "data_value_history".', used);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER data_imports_referenced_delete AFTER DELETE ON data_imports REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_imports_check_referenced();
--> statement-breakpoint
CREATE TRIGGER data_imports_referenced_update AFTER UPDATE ON data_imports REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_imports_check_referenced();
