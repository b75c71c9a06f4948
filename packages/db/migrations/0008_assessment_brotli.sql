ALTER TABLE "assessment_results" ALTER COLUMN "result" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_runs" ALTER COLUMN "inputs" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD COLUMN "inputs_brotli" "bytea";--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD COLUMN "results_brotli" "bytea";--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_storage_check" CHECK (("assessment_runs"."inputs" IS NULL AND "assessment_runs"."inputs_brotli" IS NOT NULL AND "assessment_runs"."results_brotli" IS NOT NULL) OR ("assessment_runs"."inputs" IS NOT NULL AND "assessment_runs"."inputs_brotli" IS NULL AND "assessment_runs"."results_brotli" IS NULL));