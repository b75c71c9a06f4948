/**
 * Keyboard access to a chart's points: one tab stop (roving tabindex), the
 * arrow keys move from point to point, Home and End to the ends. Each point
 * is a button named "label: value, status"; the current one is also shown in
 * words under the chart for sighted keyboard and pointer users. With
 * `revealOnFocus` the row stays visually hidden until it holds the focus
 * (the KPI cards' sparklines, where a row of chips would crowd the card).
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { TargetStatus } from "@linze/domain";
import { StatusIcon } from "./icons.tsx";

export interface ChartPoint {
  readonly key: string;
  /** The category: a period or an org unit, as the chart's axis shows it. */
  readonly label: string;
  /** The value as the chart's formatter writes it (or "not reported"). */
  readonly value: string;
  /** The status in words (e.g. 达标), said after the value. */
  readonly note?: string;
  /** A shape that carries the status next to its colour (aria-hidden). */
  readonly icon?: ReactNode;
}

/**
 * An indicator chart's point: the value in the chart's format — "—" for a
 * report without a value (a 0 denominator), "not reported" for none — and
 * its target status in words and as a shape (none for "no target" and "no
 * value"). The monthly, ranking and KPI trend charts make theirs with it.
 */
export function statusPoint(
  t: TFunction,
  fmt: (value: number) => string,
  p: { readonly key: string; readonly label: string; readonly value: number | null; readonly reported: boolean; readonly status: TargetStatus },
): ChartPoint {
  return {
    key: p.key,
    label: p.label,
    value: p.value !== null ? fmt(p.value) : p.reported ? "—" : t("value.notReported"),
    note: p.status === "noTarget" || p.status === "noValue" ? undefined : t(`status.${p.status}`),
    icon: <StatusIcon status={p.status} className="h-3 w-3" />,
  };
}

export function ChartPoints({ title, points, testId, revealOnFocus = false }: { title: string; points: readonly ChartPoint[]; testId?: string; revealOnFocus?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [active, setActive] = useState(0);
  const [shown, setShown] = useState<number | null>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  if (points.length === 0) return null;
  const current = Math.min(active, points.length - 1);
  const name = (p: ChartPoint) => (p.note ? t("a11y.points.pointNote", { label: p.label, value: p.value, note: p.note }) : t("a11y.points.point", { label: p.label, value: p.value }));

  const go = (i: number) => {
    const next = Math.max(0, Math.min(points.length - 1, i));
    setActive(next);
    setShown(next);
    buttons.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const step: Record<string, number> = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: points.length - 1 };
    if (!(e.key in step)) return;
    e.preventDefault();
    go(step[e.key]!);
  };

  return (
    <div
      role="group"
      aria-label={t("a11y.points.group", { title })}
      aria-describedby={`${id}-hint`}
      data-testid={testId}
      className={`chart-points ${revealOnFocus ? "sr-only focus-within:not-sr-only focus-within:mt-2 focus-within:block" : "mt-3"}`}
    >
      <p id={`${id}-hint`} className="sr-only">
        {t("a11y.points.hint")}
      </p>
      <ul className="flex flex-wrap gap-1">
        {points.map((p, i) => (
          <li key={p.key}>
            <button
              type="button"
              ref={(el) => {
                buttons.current[i] = el;
              }}
              tabIndex={i === current ? 0 : -1}
              aria-label={name(p)}
              data-point={p.key}
              onKeyDown={(e) => onKeyDown(e, i)}
              onFocus={() => {
                setActive(i);
                setShown(i);
              }}
              onClick={() => go(i)}
              className="inline-flex items-center gap-1 rounded border border-gray-300 bg-white px-1.5 py-0.5 text-xs text-gray-800 hover:bg-gray-100 focus:outline-none focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700"
            >
              {p.icon}
              {p.label}
            </button>
          </li>
        ))}
      </ul>
      {/* Said already as the focused button's name: shown, not announced twice. */}
      <p aria-hidden="true" data-testid={testId ? `${testId}-readout` : undefined} className="mt-1 min-h-[1.25rem] text-sm font-medium text-gray-900">
        {shown === null ? "" : name(points[Math.min(shown, points.length - 1)]!)}
      </p>
    </div>
  );
}
