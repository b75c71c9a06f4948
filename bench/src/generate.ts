/**
 * Generated benchmark data: a synthetic province of counties, each with 7
 * townships of 11 villages, reporting the catalogue's data elements monthly.
 * Deterministic (a fixed-seed PRNG); codes are synthetic (`PV`, `PV-C07`,
 * `PV-C07-T03`, `PV-C07-T03-V12`) and names say what they are — nothing
 * real-looking. Four levels (province above the counties), so the closure is
 * built from parent links (`closureColumns`), not by the dashboard's
 * three-level OrgUnitTree.
 */
import { DATA_ELEMENTS, monthsOf, type DataValueColumns, type OrgUnit, type Snapshot } from "@linze/domain";

export const TOWNSHIPS_PER_COUNTY = 7;
export const VILLAGES_PER_TOWNSHIP = 11;
/** Share of (village, month, data element) cells with a value: villages do not report every element every month. */
export const REPORTED_SHARE = 0.7;

/** mulberry32: a small deterministic PRNG, 0 ≤ x < 1. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

export const countyCode = (c: number) => `PV-C${pad(c)}`;
export const townshipCode = (c: number, t: number) => `${countyCode(c)}-T${pad(t)}`;
export const villageCode = (c: number, t: number, v: number) => `${townshipCode(c, t)}-V${pad(v)}`;

/** The province's org units: PV, then per county its townships and villages. Levels 1–4 (the type says 1–3: the cast is the benchmark's). */
export function provinceOrgUnits(counties: number): OrgUnit[] {
  const out: OrgUnit[] = [{ code: "PV", parent: null, level: 1, nameZh: "生成的省（基准测试）", nameEn: "Generated province (benchmark)" }];
  for (let c = 1; c <= counties; c++) {
    out.push({ code: countyCode(c), parent: "PV", level: 2, nameZh: `生成县 C${pad(c)}`, nameEn: `Generated county C${pad(c)}` });
    for (let t = 1; t <= TOWNSHIPS_PER_COUNTY; t++) {
      out.push({ code: townshipCode(c, t), parent: countyCode(c), level: 3, nameZh: `生成乡镇 T${pad(t)}`, nameEn: `Generated township T${pad(t)}` });
      for (let v = 1; v <= VILLAGES_PER_TOWNSHIP; v++) {
        out.push({ code: villageCode(c, t, v), parent: townshipCode(c, t), level: 4 as OrgUnit["level"], nameZh: `生成村 V${pad(v)}`, nameEn: `Generated village V${pad(v)}` });
      }
    }
  }
  return out;
}

/** Values one county reports over `years` years (expected, with {@link REPORTED_SHARE}). */
export const valuesPerCounty = (years: number, elements = DATA_ELEMENTS.length) =>
  TOWNSHIPS_PER_COUNTY * VILLAGES_PER_TOWNSHIP * 12 * years * elements * REPORTED_SHARE;

export interface GeneratedData {
  readonly counties: number;
  readonly years: readonly number[];
  readonly snapshot: Snapshot;
}

/**
 * About `target` data values over the years `years` (labels `YYYY`), in as
 * many counties as that takes, for the data elements `elements` (default
 * the catalogue's 51). Denominators are drawn at least as large as their
 * numerators' typical values so rates stay in 0–100 %.
 */
export function generate(target: number, opts: { years?: readonly number[]; elements?: readonly string[]; seed?: number; counties?: number } = {}): GeneratedData {
  const years = opts.years ?? [2014, 2015, 2016];
  const elements = DATA_ELEMENTS.filter((d) => !opts.elements || opts.elements.includes(d.code));
  const counties = opts.counties ?? Math.max(1, Math.round(target / valuesPerCounty(years.length, elements.length)));
  const rand = prng(opts.seed ?? 20161231);
  const months = years.flatMap((y) => monthsOf(String(y)));
  const dv: DataValueColumns = { orgUnit: [], period: [], dataElement: [], value: [] };
  for (let c = 1; c <= counties; c++)
    for (let t = 1; t <= TOWNSHIPS_PER_COUNTY; t++)
      for (let v = 1; v <= VILLAGES_PER_TOWNSHIP; v++) {
        const village = villageCode(c, t, v);
        for (const month of months)
          for (const d of elements) {
            if (rand() >= REPORTED_SHARE) continue;
            dv.orgUnit.push(village);
            dv.period.push(month);
            dv.dataElement.push(d.code);
            dv.value.push(valueFor(d.code, rand));
          }
      }
  return {
    counties,
    years,
    snapshot: { orgUnits: provinceOrgUnits(counties), dataValues: dv, source: { zh: "基准测试生成数据", en: "Generated benchmark data" } },
  };
}

/** A plausible magnitude per kind of data element: totals and rolls 20–40, outcomes 0–20, CNY in hundreds. */
function valueFor(code: string, rand: () => number): number {
  if (code.endsWith("_cny")) return Math.floor(rand() * 50) * 100;
  if (/total|posts|school_age|surveyed|trained$|received|certified|cumulative/.test(code)) return 20 + Math.floor(rand() * 21);
  return Math.floor(rand() * 21);
}
