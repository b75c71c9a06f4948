/** Tremor's SparkAreaChart as a module of its own, for React.lazy (the KPI card shows its figures before the chart library has loaded). */
export { SparkAreaChart as default } from "@tremor/react";
