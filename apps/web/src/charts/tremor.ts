/**
 * The Tremor charts the dashboard uses, imported one by one. @tremor/react's
 * index re-exports every component (date pickers, dialogs, …) and declares no
 * `sideEffects: false`, so importing from it bundled all of them with the
 * charts (the first page loaded 270 KB gzip of Tremor + recharts). Vite maps
 * `import { … } from "@tremor/react"` to this module (vite.config.ts): a
 * component missing here fails the build, to be added with its own path.
 */
export { default as BarChart } from "@tremor/react/dist/components/chart-elements/BarChart/BarChart.js";
export { default as LineChart } from "@tremor/react/dist/components/chart-elements/LineChart/LineChart.js";
