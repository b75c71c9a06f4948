CREATE TABLE "column_mappings" (
	"name" text PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"layout" text NOT NULL,
	"rows_read" integer NOT NULL,
	"values_new" integer NOT NULL,
	"values_updated" integer NOT NULL,
	"values_unchanged" integer NOT NULL,
	"values_ignored" integer NOT NULL,
	"summary" jsonb NOT NULL,
	"committed_by" text NOT NULL,
	"committed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_imports_layout_check" CHECK ("data_imports"."layout" IN ('long', 'wide'))
);
--> statement-breakpoint
CREATE TABLE "data_value_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit" text NOT NULL,
	"period" text NOT NULL,
	"data_element" text NOT NULL,
	"previous_value" numeric,
	"value" numeric,
	"source" text NOT NULL,
	"import_id" integer,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_value_history_source_check" CHECK ("data_value_history"."source" IN ('import', 'entry')),
	CONSTRAINT "data_value_history_period_month_check" CHECK ("data_value_history"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "report_submissions" (
	"org_unit" text NOT NULL,
	"period" text NOT NULL,
	"submitted_on" text NOT NULL,
	"submitted_by" text NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "report_submissions_org_unit_period_pk" PRIMARY KEY("org_unit","period"),
	CONSTRAINT "report_submissions_period_month_check" CHECK ("report_submissions"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "report_submissions_date_check" CHECK ("report_submissions"."submitted_on" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
	CONSTRAINT "report_submissions_source_check" CHECK ("report_submissions"."source" IN ('dataset', 'import', 'entry'))
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_value_history" ADD CONSTRAINT "data_value_history_org_unit_org_units_code_fk" FOREIGN KEY ("org_unit") REFERENCES "public"."org_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_value_history" ADD CONSTRAINT "data_value_history_import_id_data_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."data_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submissions" ADD CONSTRAINT "report_submissions_org_unit_org_units_code_fk" FOREIGN KEY ("org_unit") REFERENCES "public"."org_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_value_history_value_idx" ON "data_value_history" USING btree ("org_unit","period","data_element");