CREATE TABLE "data_values" (
	"org_unit" text NOT NULL,
	"period" text NOT NULL,
	"data_element" text NOT NULL,
	"value" numeric NOT NULL,
	CONSTRAINT "data_values_org_unit_period_data_element_pk" PRIMARY KEY("org_unit","period","data_element"),
	CONSTRAINT "data_values_period_month_check" CHECK ("data_values"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "dataset_loads" (
	"name" text PRIMARY KEY NOT NULL,
	"source_zh" text NOT NULL,
	"source_en" text NOT NULL,
	"org_unit_count" integer NOT NULL,
	"data_value_count" integer NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_unit_closure" (
	"ancestor" text NOT NULL,
	"descendant" text NOT NULL,
	CONSTRAINT "org_unit_closure_ancestor_descendant_pk" PRIMARY KEY("ancestor","descendant")
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"code" text PRIMARY KEY NOT NULL,
	"parent" text,
	"level" smallint NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	CONSTRAINT "org_units_level_check" CHECK ("org_units"."level" BETWEEN 1 AND 3)
);
--> statement-breakpoint
ALTER TABLE "data_values" ADD CONSTRAINT "data_values_org_unit_org_units_code_fk" FOREIGN KEY ("org_unit") REFERENCES "public"."org_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_unit_closure" ADD CONSTRAINT "org_unit_closure_ancestor_org_units_code_fk" FOREIGN KEY ("ancestor") REFERENCES "public"."org_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_unit_closure" ADD CONSTRAINT "org_unit_closure_descendant_org_units_code_fk" FOREIGN KEY ("descendant") REFERENCES "public"."org_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_parent_fk" FOREIGN KEY ("parent") REFERENCES "public"."org_units"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_values_element_period_idx" ON "data_values" USING btree ("data_element","period","org_unit");--> statement-breakpoint
CREATE INDEX "org_unit_closure_descendant_idx" ON "org_unit_closure" USING btree ("descendant","ancestor");--> statement-breakpoint
CREATE INDEX "org_units_parent_idx" ON "org_units" USING btree ("parent");