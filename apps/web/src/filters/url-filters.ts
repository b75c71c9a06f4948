/**
 * The dashboard's filters as URL search parameters, so a view can be shared
 * and reloaded: `?periodType=month&period=2016-05&orgUnit=LZ-SH&indicator=enrollment_rate`.
 *
 * Pure: parsing takes the months that have data (from the loaded snapshot,
 * never today's date) and the known org units; anything missing or invalid
 * falls back to a default — the latest period with data, the root org unit,
 * the first indicator of the catalogue.
 */
import { INDICATORS, isIndicatorCode, isPeriod, periodContaining, parsePeriod, PERIOD_TYPES, type PeriodType } from "@linze/domain";

export interface Filters {
  readonly periodType: PeriodType;
  /** A label of `periodType`, or null when there is no data at all. */
  readonly period: string | null;
  readonly orgUnit: string;
  readonly indicator: string;
}

export interface FilterContext {
  /** Month labels `YYYY-MM` that have at least one data value, any order. */
  readonly months: readonly string[];
  readonly isOrgUnit: (code: string) => boolean;
  readonly rootOrgUnit: string;
}

export const PARAM = { periodType: "periodType", period: "period", orgUnit: "orgUnit", indicator: "indicator" } as const;

export const DEFAULT_PERIOD_TYPE: PeriodType = "month";

/** The periods of a type that contain data, oldest first: months [2016-01, 2016-05] → quarters [2016Q1, 2016Q2]. */
export function periodOptions(months: readonly string[], type: PeriodType): string[] {
  return [...new Set(months.map((m) => periodContaining(m, type)))].sort();
}

/** The latest period of a type with data, or null with no data. */
export function defaultPeriod(months: readonly string[], type: PeriodType): string | null {
  const options = periodOptions(months, type);
  return options.length ? options[options.length - 1]! : null;
}

function isPeriodType(s: string | null): s is PeriodType {
  return s !== null && (PERIOD_TYPES as readonly string[]).includes(s);
}

/**
 * A period type or period as the address wrote it, read the way a person
 * means it: spaces around it dropped, a period type in any case (`Month`,
 * `QUARTER`), a quarter's `q` in any case (`2016q1` is `2016Q1`).
 */
const normalised = {
  [PARAM.periodType]: (raw: string) => raw.trim().toLowerCase(),
  [PARAM.period]: (raw: string) => raw.trim().toUpperCase(),
} as const;

function param(params: URLSearchParams, name: keyof typeof normalised): string | null {
  const raw = params.get(name);
  return raw === null ? null : normalised[name](raw);
}

/**
 * Reads the filters from URL parameters. The period type comes from
 * `periodType`, else from the type of a valid `period`, else month. A period
 * is kept only if it is of that type and has data; otherwise the latest one.
 */
export function parseFilters(params: URLSearchParams, ctx: FilterContext): Filters {
  const rawPeriod = param(params, PARAM.period);
  const validPeriod = rawPeriod !== null && isPeriod(rawPeriod) ? rawPeriod : null;
  const rawType = param(params, PARAM.periodType);
  const periodType: PeriodType = isPeriodType(rawType) ? rawType : validPeriod ? parsePeriod(validPeriod).type : DEFAULT_PERIOD_TYPE;
  const options = periodOptions(ctx.months, periodType);
  const period = validPeriod && options.includes(validPeriod) ? validPeriod : (options[options.length - 1] ?? null);
  const rawUnit = params.get(PARAM.orgUnit);
  const orgUnit = rawUnit && ctx.isOrgUnit(rawUnit) ? rawUnit : ctx.rootOrgUnit;
  const rawIndicator = params.get(PARAM.indicator);
  const indicator = rawIndicator && isIndicatorCode(rawIndicator) ? rawIndicator : INDICATORS[0]!.code;
  return { periodType, period, orgUnit, indicator };
}

/** What the address named and {@link parseFilters} did not take, each null when the address named none or it was taken. */
export interface IgnoredFilters {
  /** An org unit that does not exist or has no figures for the user (a committee member's `?orgUnit=LZ-XH`). */
  readonly orgUnit: string | null;
  /** A period that is not one, or has no data for its type. */
  readonly period: string | null;
  /** An indicator code not in the catalogue (`?indicator=nope`). */
  readonly indicator: string | null;
  /** A period type that is not month, quarter or year (`?periodType=bogus`). */
  readonly periodType: string | null;
}

/**
 * What the address asked for and {@link parseFilters} did not take (see
 * {@link IgnoredFilters}): the page says so instead of quietly showing
 * something else. `params` are the address's, `filters` what was read from them.
 */
export function ignoredFilters(params: URLSearchParams, filters: Filters): IgnoredFilters {
  const notTaken = (name: string, taken: string | null): string | null => {
    const raw = params.get(name);
    const read = name in normalised && raw !== null ? normalised[name as keyof typeof normalised](raw) : raw;
    return raw !== null && raw !== "" && read !== taken ? raw : null;
  };
  return {
    orgUnit: notTaken(PARAM.orgUnit, filters.orgUnit),
    period: notTaken(PARAM.period, filters.period),
    indicator: notTaken(PARAM.indicator, filters.indicator),
    periodType: notTaken(PARAM.periodType, filters.periodType),
  };
}

/** The URL parameters for a set of filters (all of them, so the link is stable). */
export function filtersToParams(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  p.set(PARAM.periodType, f.periodType);
  if (f.period) p.set(PARAM.period, f.period);
  p.set(PARAM.orgUnit, f.orgUnit);
  p.set(PARAM.indicator, f.indicator);
  return p;
}

/**
 * Switches the period type, keeping the time in view: a month goes to its
 * quarter or year; a year or quarter goes to its latest month (or quarter)
 * with data; with none inside, the latest period of the new type.
 */
export function withPeriodType(f: Filters, type: PeriodType, months: readonly string[]): Filters {
  if (type === f.periodType) return f;
  const options = periodOptions(months, type);
  let period: string | null = options[options.length - 1] ?? null;
  if (f.period) {
    const inside = periodOptions(
      months.filter((m) => periodContaining(m, f.periodType) === f.period),
      type,
    );
    if (inside.length) period = inside[inside.length - 1]!;
  }
  return { ...f, periodType: type, period };
}

/** An address's value as the filters' notice quotes it: up to 40 characters (code points), then "…"; a value of hundreds would fill the notice. */
export function quoted(value: string): string {
  const chars = [...value];
  return chars.length > 40 ? `${chars.slice(0, 39).join("")}…` : value;
}
