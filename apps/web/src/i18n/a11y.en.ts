import type { a11yZhCN } from "./a11y.zh-CN.ts";

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** Accessibility and comfort (issue 7 points 2, 3, 5, 7): chart point navigation and target sentences, large text, print. */
export const a11yEn: Strings<typeof a11yZhCN> = {
  points: {
    group: "{{title}}: data points",
    hint: "Use the left and right arrow keys to go through the points, Home for the first, End for the last.",
    point: "{{label}}: {{value}}",
    pointNote: "{{label}}: {{value}}, {{note}}",
    readout: "Current data point",
  },
  summary: {
    latest: "{{period}}, {{orgUnit}}, {{indicator}}: {{value}}, {{relation}} the target of {{target}} ({{status}}).",
    relation: {
      above: "above",
      justAbove: "just above",
      equal: "equal to",
      justBelow: "just below",
      below: "below",
    },
    rankingTarget: "Target {{target}}: {{met}} met it.",
    rankingTargetMissed: "Target {{target}}: {{met}} met it, {{missed}} did not ({{labels}}).",
  },
  kpiTable: "Monthly data table",
  largeText: "Large text",
};
