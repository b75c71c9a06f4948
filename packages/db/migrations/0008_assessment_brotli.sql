ALTER TABLE "assessment_results" ALTER COLUMN "result" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_runs" ALTER COLUMN "inputs" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD COLUMN "result_brotli" "bytea";--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD COLUMN "inputs_brotli" "bytea";--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_result_check" CHECK (("assessment_results"."result" IS NULL) <> ("assessment_results"."result_brotli" IS NULL));--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_inputs_check" CHECK (("assessment_runs"."inputs" IS NULL) <> ("assessment_runs"."inputs_brotli" IS NULL));