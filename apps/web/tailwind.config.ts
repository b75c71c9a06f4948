import { createRequire } from "node:module";
import path from "node:path";
import forms from "@tailwindcss/forms";
import headlessui from "@headlessui/tailwindcss";
import colors from "tailwindcss/colors";
import type { Config } from "tailwindcss";

// npm workspaces hoist @tremor/react to the root node_modules: resolve its real
// folder, else Tailwind never sees Tremor's classes (STACK.md, "Tremor styles").
const require = createRequire(import.meta.url);
const tremorDir = path.dirname(require.resolve("@tremor/react/package.json"));

// Only the colours the dashboard's charts and statuses use: the full Tremor
// safelist costs ~42 KB gzip of CSS.
const CHART_COLOURS = "blue|cyan|emerald|amber|rose|gray";
const SHADES = "50|100|200|300|400|500|600|700|800|900|950";

export default {
  content: ["./index.html", "./src/**/*.{ts,tsx}", `${tremorDir}/dist/**/*.{js,mjs}`],
  theme: {
    transparent: "transparent",
    current: "currentColor",
    extend: {
      colors: {
        tremor: {
          brand: { faint: colors.blue[50], muted: colors.blue[200], subtle: colors.blue[400], DEFAULT: colors.blue[500], emphasis: colors.blue[700], inverted: colors.white },
          background: { muted: colors.gray[50], subtle: colors.gray[100], DEFAULT: colors.white, emphasis: colors.gray[700] },
          border: { DEFAULT: colors.gray[200] },
          ring: { DEFAULT: colors.gray[200] },
          content: { subtle: colors.gray[400], DEFAULT: colors.gray[500], emphasis: colors.gray[700], strong: colors.gray[900], inverted: colors.white },
        },
      },
      boxShadow: {
        "tremor-input": "0 1px 2px 0 rgb(0 0 0 / 0.05)",
        "tremor-card": "0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)",
        "tremor-dropdown": "0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)",
      },
      borderRadius: { "tremor-small": "0.375rem", "tremor-default": "0.5rem", "tremor-full": "9999px" },
      fontSize: {
        "tremor-label": ["0.75rem", { lineHeight: "1rem" }],
        "tremor-default": ["0.875rem", { lineHeight: "1.25rem" }],
        "tremor-title": ["1.125rem", { lineHeight: "1.75rem" }],
        "tremor-metric": ["1.875rem", { lineHeight: "2.25rem" }],
      },
    },
  },
  safelist: [
    { pattern: new RegExp(`^(bg-(?:${CHART_COLOURS})-(?:${SHADES}))$`), variants: ["hover", "ui-selected"] },
    { pattern: new RegExp(`^(text-(?:${CHART_COLOURS})-(?:${SHADES}))$`), variants: ["hover", "ui-selected"] },
    { pattern: new RegExp(`^(border-(?:${CHART_COLOURS})-(?:${SHADES}))$`), variants: ["hover", "ui-selected"] },
    { pattern: new RegExp(`^(ring-(?:${CHART_COLOURS})-(?:${SHADES}))$`) },
    { pattern: new RegExp(`^(stroke-(?:${CHART_COLOURS})-(?:${SHADES}))$`) },
    { pattern: new RegExp(`^(fill-(?:${CHART_COLOURS})-(?:${SHADES}))$`) },
  ],
  plugins: [headlessui, forms],
} satisfies Config;
