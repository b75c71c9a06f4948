import type { assessDataZhCN } from "./assess-data.zh-CN.ts";

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The data values of a result's items, and the notes on inputs after publication (issue 3). */
export const assessDataEn: Strings<typeof assessDataZhCN> = {
  disclosure: "Data values",
  intro: "The data values frozen when this result was computed (by org unit and month), beside the values in the database now. The totals are the month's numerator and denominator in the monthly breakdown above.",
  notFrozen: "This revision was computed before data values were kept with results, so they cannot be shown; a new revision (compute again) keeps them.",
  month: "Month",
  caption: "{{item}} data values: {{orgUnit}} and the units below it, {{month}}",
  orgUnit: "Org unit",
  level: "Level",
  levels: { "1": "County", "2": "Township", "3": "Village / community" },
  numeratorOf: "{{name}} (numerator)",
  denominatorOf: "{{name}} (denominator)",
  total: "Total",
  notReported: "not reported",
  notAtLevel: "—",
  notAtLevelText: "not reported at this level",
  legend: "“not reported”: the org unit reported no value of the data element that month (never counted as 0); “—”: org units of this level do not report the data element.",
  changed: "changed since the run: {{then}} → {{now}}",
  changedCount_one: "{{count}} data value has changed since this revision was computed (marked “changed since the run”); this result is not affected.",
  changedCount_other: "{{count}} data values have changed since this revision was computed (marked “changed since the run”); this result is not affected.",
  unchanged: "None of these data values has changed since this revision was computed.",
  none: "none",
  published: {
    short: "Published: changes will go into a new revision.",
    note: "Published: changes will go into a new revision. The quarter's latest revision ({{revision}}) is published and will not change; enter or change values here, then “Start revision {{next}}” computes again with them.",
    startRevision: "Start revision {{next}}",
    newerExists: "The quarter has a newer revision:",
    latest: "revision {{revision}} ({{status}})",
  },
};
