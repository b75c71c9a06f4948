-- The value history gets one row per org unit and month of a write instead of one per value
-- (issue 6 P5): the data elements changed there and each one's value before and after, at the
-- same position in three arrays. A 100,000-value import wrote 100,000 history rows and as many
-- entries in a three-text-column index (on PGlite ~1 s of the import's CPU); it now writes one
-- row per (org unit, month), ~2,500. The readers ask for one org unit-month (the data-entry
-- form's last changes) or one value of it, so the index is on (org_unit, period).
-- Each earlier row becomes a row of one change, with its id, source, user and time.
DROP INDEX "data_value_history_value_idx";--> statement-breakpoint
ALTER TABLE "data_value_history" ADD COLUMN "data_elements" text[];--> statement-breakpoint
ALTER TABLE "data_value_history" ADD COLUMN "previous_values" numeric[];--> statement-breakpoint
ALTER TABLE "data_value_history" ADD COLUMN "new_values" numeric[];--> statement-breakpoint
UPDATE "data_value_history" SET "data_elements" = ARRAY["data_element"], "previous_values" = ARRAY["previous_value"], "new_values" = ARRAY["value"];--> statement-breakpoint
ALTER TABLE "data_value_history" ALTER COLUMN "data_elements" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "data_value_history" ALTER COLUMN "previous_values" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "data_value_history" ALTER COLUMN "new_values" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "data_value_history" DROP COLUMN "data_element";--> statement-breakpoint
ALTER TABLE "data_value_history" DROP COLUMN "previous_value";--> statement-breakpoint
ALTER TABLE "data_value_history" DROP COLUMN "value";--> statement-breakpoint
ALTER TABLE "data_value_history" ADD CONSTRAINT "data_value_history_arrays_check" CHECK (cardinality("data_value_history"."data_elements") >= 1 AND cardinality("data_value_history"."previous_values") = cardinality("data_value_history"."data_elements") AND cardinality("data_value_history"."new_values") = cardinality("data_value_history"."data_elements"));--> statement-breakpoint
CREATE INDEX "data_value_history_org_unit_period_idx" ON "data_value_history" USING btree ("org_unit","period");
