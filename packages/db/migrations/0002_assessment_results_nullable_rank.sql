ALTER TABLE "assessment_results" ALTER COLUMN "grade" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assessment_results" ALTER COLUMN "rank" DROP NOT NULL;