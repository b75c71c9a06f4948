CREATE TABLE "assessment_adjustments" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"quarter" smallint NOT NULL,
	"assessed_kind" text NOT NULL,
	"assessed_code" text NOT NULL,
	"type" text NOT NULL,
	"item_id" text,
	"points" numeric,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_adjustments_quarter_check" CHECK ("assessment_adjustments"."quarter" BETWEEN 1 AND 4),
	CONSTRAINT "assessment_adjustments_kind_check" CHECK ("assessment_adjustments"."assessed_kind" IN ('township', 'committeeMember')),
	CONSTRAINT "assessment_adjustments_type_check" CHECK (("assessment_adjustments"."type" = 'commendation' AND "assessment_adjustments"."points" > 0 AND "assessment_adjustments"."points" <= 100 AND "assessment_adjustments"."item_id" IS NULL) OR ("assessment_adjustments"."type" = 'veto' AND "assessment_adjustments"."item_id" IS NOT NULL AND "assessment_adjustments"."points" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "assessment_item_scores" (
	"year" integer NOT NULL,
	"quarter" smallint NOT NULL,
	"assessed_kind" text NOT NULL,
	"assessed_code" text NOT NULL,
	"item_id" text NOT NULL,
	"source" text NOT NULL,
	"points" numeric NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_item_scores_year_quarter_assessed_kind_assessed_code_item_id_source_pk" PRIMARY KEY("year","quarter","assessed_kind","assessed_code","item_id","source"),
	CONSTRAINT "assessment_item_scores_quarter_check" CHECK ("assessment_item_scores"."quarter" BETWEEN 1 AND 4),
	CONSTRAINT "assessment_item_scores_kind_check" CHECK ("assessment_item_scores"."assessed_kind" IN ('township', 'committeeMember')),
	CONSTRAINT "assessment_item_scores_source_check" CHECK ("assessment_item_scores"."source" IN ('assessor', 'self')),
	CONSTRAINT "assessment_item_scores_points_check" CHECK ("assessment_item_scores"."points" >= 0 AND "assessment_item_scores"."points" <= 100)
);
--> statement-breakpoint
CREATE INDEX "assessment_adjustments_unit_idx" ON "assessment_adjustments" USING btree ("year","quarter","assessed_kind","assessed_code");