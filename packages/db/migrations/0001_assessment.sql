CREATE TABLE "assessment_results" (
	"run_id" integer NOT NULL,
	"assessed_kind" text NOT NULL,
	"assessed_code" text NOT NULL,
	"org_unit" text NOT NULL,
	"result" jsonb NOT NULL,
	"total" numeric NOT NULL,
	"grade" text NOT NULL,
	"rank" integer NOT NULL,
	"self_scores" jsonb,
	CONSTRAINT "assessment_results_run_id_assessed_kind_assessed_code_pk" PRIMARY KEY("run_id","assessed_kind","assessed_code")
);
--> statement-breakpoint
CREATE TABLE "assessment_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"quarter" smallint NOT NULL,
	"scope" text NOT NULL,
	"scope_org_unit" text NOT NULL,
	"revision" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"engine_version" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"inputs_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" text,
	"submitted_at" timestamp with time zone,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"published_by" text,
	"published_at" timestamp with time zone,
	CONSTRAINT "assessment_runs_revision_unique" UNIQUE("year","quarter","scope","scope_org_unit","revision"),
	CONSTRAINT "assessment_runs_quarter_check" CHECK ("assessment_runs"."quarter" BETWEEN 1 AND 4),
	CONSTRAINT "assessment_runs_scope_check" CHECK ("assessment_runs"."scope" IN ('townships', 'townshipMembers', 'countyMembers')),
	CONSTRAINT "assessment_runs_status_check" CHECK ("assessment_runs"."status" IN ('draft', 'submitted', 'reviewed', 'published'))
);
--> statement-breakpoint
CREATE TABLE "committee_members" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"org_unit" text NOT NULL,
	"in_post_from" text NOT NULL,
	"in_post_to" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_members_in_post_from_check" CHECK ("committee_members"."in_post_from" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "committee_members_in_post_to_check" CHECK ("committee_members"."in_post_to" IS NULL OR ("committee_members"."in_post_to" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND "committee_members"."in_post_to" >= "committee_members"."in_post_from"))
);
--> statement-breakpoint
CREATE TABLE "letter_revisions" (
	"letter_id" integer NOT NULL,
	"version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_revisions_letter_id_version_pk" PRIMARY KEY("letter_id","version")
);
--> statement-breakpoint
CREATE TABLE "letters" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"assessed_kind" text NOT NULL,
	"assessed_code" text NOT NULL,
	"items" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"copied_from" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letters_year_unit_unique" UNIQUE("year","assessed_kind","assessed_code"),
	CONSTRAINT "letters_assessed_kind_check" CHECK ("letters"."assessed_kind" IN ('township', 'committeeMember'))
);
--> statement-breakpoint
CREATE TABLE "supervision_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"assessed_kind" text NOT NULL,
	"assessed_code" text NOT NULL,
	"month" text NOT NULL,
	"item_id" text NOT NULL,
	"description" text NOT NULL,
	"points_deducted" numeric NOT NULL,
	"owner" text NOT NULL,
	"due_date" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"verification_note" text,
	"rectified_by" text,
	"rectified_at" timestamp with time zone,
	"verified_by" text,
	"verified_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_findings_kind_check" CHECK ("supervision_findings"."assessed_kind" IN ('township', 'committeeMember')),
	CONSTRAINT "supervision_findings_month_check" CHECK ("supervision_findings"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "supervision_findings_due_date_check" CHECK ("supervision_findings"."due_date" ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
	CONSTRAINT "supervision_findings_status_check" CHECK ("supervision_findings"."status" IN ('open', 'rectified', 'verified')),
	CONSTRAINT "supervision_findings_points_check" CHECK ("supervision_findings"."points_deducted" >= 0 AND "supervision_findings"."points_deducted" <= 100)
);
--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_run_id_assessment_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."assessment_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_org_unit_org_units_code_fk" FOREIGN KEY ("org_unit") REFERENCES "public"."org_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_runs" ADD CONSTRAINT "assessment_runs_scope_org_unit_org_units_code_fk" FOREIGN KEY ("scope_org_unit") REFERENCES "public"."org_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_org_unit_org_units_code_fk" FOREIGN KEY ("org_unit") REFERENCES "public"."org_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_revisions" ADD CONSTRAINT "letter_revisions_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_copied_from_fk" FOREIGN KEY ("copied_from") REFERENCES "public"."letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_results_rank_idx" ON "assessment_results" USING btree ("run_id","rank");--> statement-breakpoint
CREATE INDEX "committee_members_org_unit_idx" ON "committee_members" USING btree ("org_unit");--> statement-breakpoint
CREATE INDEX "letters_unit_idx" ON "letters" USING btree ("assessed_kind","assessed_code");--> statement-breakpoint
CREATE INDEX "supervision_findings_unit_month_idx" ON "supervision_findings" USING btree ("assessed_kind","assessed_code","month");--> statement-breakpoint
CREATE INDEX "supervision_findings_status_due_idx" ON "supervision_findings" USING btree ("status","due_date");