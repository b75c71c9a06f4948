/**
 * The server's tables (DOMAIN.md §1, §3). The two tables the one SQL compiler
 * reads (`@linze/domain` sql.ts) are `data_values` and `org_unit_closure`;
 * their column names are fixed by it.
 */
import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, numeric, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";

/** The org unit tree: county (level 1) → townships (2) → villages and communities (3). */
export const orgUnits = pgTable(
  "org_units",
  {
    code: text("code").primaryKey(),
    parent: text("parent"),
    level: smallint("level").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.parent], foreignColumns: [t.code], name: "org_units_parent_fk" }),
    check("org_units_level_check", sql`${t.level} BETWEEN 1 AND 3`),
    index("org_units_parent_idx").on(t.parent),
  ],
);

/**
 * Every (ancestor, descendant) pair of the tree, including (u, u), so that
 * "an org unit and everything below it" is one join. Built from
 * `OrgUnitTree.closure()`.
 */
export const orgUnitClosure = pgTable(
  "org_unit_closure",
  {
    ancestor: text("ancestor").notNull().references(() => orgUnits.code),
    descendant: text("descendant").notNull().references(() => orgUnits.code),
  },
  (t) => [
    primaryKey({ columns: [t.ancestor, t.descendant] }),
    // The compiled SQL joins data_values.org_unit = closure.descendant, then filters on ancestor.
    index("org_unit_closure_descendant_idx").on(t.descendant, t.ancestor),
  ],
);

/** One reported number: (org unit, month `YYYY-MM`, data element) → count or CNY, kept exact as NUMERIC. */
export const dataValues = pgTable(
  "data_values",
  {
    orgUnit: text("org_unit").notNull().references(() => orgUnits.code),
    period: text("period").notNull(),
    dataElement: text("data_element").notNull(),
    value: numeric("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgUnit, t.period, t.dataElement] }),
    check("data_values_period_month_check", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    // The compiled SQL filters on data element and month, then joins on org unit.
    index("data_values_element_period_idx").on(t.dataElement, t.period, t.orgUnit),
  ],
);

/**
 * Which dataset was loaded, once: a database with a row here is not loaded
 * again. `source_zh`/`source_en` say where the data comes from (shown on the
 * dashboard, e.g. the demo-data notice).
 */
export const datasetLoads = pgTable("dataset_loads", {
  name: text("name").primaryKey(),
  sourceZh: text("source_zh").notNull(),
  sourceEn: text("source_en").notNull(),
  orgUnitCount: integer("org_unit_count").notNull(),
  dataValueCount: integer("data_value_count").notNull(),
  loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
});

export const schema = { orgUnits, orgUnitClosure, dataValues, datasetLoads };
export type Schema = typeof schema;
