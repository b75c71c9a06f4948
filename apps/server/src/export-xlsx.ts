/**
 * An assessment run as an Excel workbook (issue 3), with Chinese headings:
 * 排名 (the ranking), 项目明细 (every item of every unit: points, actual,
 * expected, rule, deductions, score, bonus) and 考核信息 (the run: period,
 * scope, revision, status, who and when, engine version, inputs hash). Totals,
 * scores, actual and expected values are the engine's display strings: stored
 * as numbers with a number format of as many decimals as the display has
 * ("89.996" stays three decimals; a rate "36.67" is 0.3667 shown "36.67%"),
 * so the sheet shows exactly what the dashboard shows. The ranking's 说明 is
 * the page's remarks; 考核信息's times are Excel date-times on China's clock
 * (Asia/Shanghai), shown as the page shows them ("2026年12月6日 07:43").
 */
import ExcelJS from "exceljs";
import { isSystemIdentityId, SYSTEM_IDENTITY_NAMES, type RouterOutputs } from "@linze/api";
import { displayNamesOf, type Queryable } from "@linze/db";
import type { Exact, Grade, OrgUnitTree, RankedResult, ScoringRule } from "@linze/domain";

export type RunDetail = RouterOutputs["assessments"]["get"];

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const GRADE_ZH: Record<Grade, string> = { excellent: "优秀", good: "良好", pass: "合格", fail: "不合格" };
const SCOPE_ZH: Record<string, string> = { townships: "乡镇", townshipMembers: "乡镇专职委员", countyMembers: "全县专职委员" };
const STATUS_ZH: Record<string, string> = { draft: "草稿", submitted: "已提交", reviewed: "已审核", published: "已发布" };

export const RANKING_HEADERS = ["名次", "单位编码", "单位名称", "总分", "等级", "基础分", "督查扣分", "加分", "自评总分", "状态", "说明"] as const;
export const ITEM_HEADERS = ["单位编码", "单位名称", "项目", "项目名称", "分值", "实际", "应完成", "规则", "扣分", "得分", "加分", "自评分", "说明"] as const;

/**
 * A display string ("92.50", "89.996") as a number cell with that many
 * decimals; anything else (an exact "n/d", "—") as text. `percent`: the
 * display is in percent ("36.67") and the cell an Excel percentage (0.3667
 * shown "36.67%"), divided in decimal so no binary rounding creeps in.
 */
function shown(display: string, percent = false): { value: number | string; numFmt?: string } {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(display);
  if (!m) return { value: display };
  const decimals = m[1]?.length ?? 0;
  const format = decimals === 0 ? "0" : `0.${"0".repeat(decimals)}`;
  return percent ? { value: Number(`${display}e-2`), numFmt: `${format}%` } : { value: Number(display), numFmt: format };
}

function setShown(cell: ExcelJS.Cell, display: string, percent = false): void {
  const s = shown(display, percent);
  cell.value = s.value;
  if (s.numFmt) cell.numFmt = s.numFmt;
}

/** China's clock (UTC+8 all year, no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
/** As the page's zh-CN `formatInstant` shows a time: "2026年12月6日 07:43". */
export const DATE_TIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm';

/**
 * An instant (ISO 8601) as an Excel date-time on China's clock. Excel has no
 * time zones and ExcelJS writes a Date's UTC fields, so the Date carries the
 * China wall-clock time in them: 2026-12-05T23:43:33Z → 2026-12-06 07:43:33.
 */
function chinaDateTime(iso: string): Date {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS);
}

function ruleZh(rule: ScoringRule | { kind: "manual" }, direction: "higher" | "lower"): string {
  const dir = direction === "lower" ? "（越低越好）" : "";
  switch (rule.kind) {
    case "proportional":
      return `按完成比例${dir}`;
    case "thresholds":
      return `阈值：每差1个百分点（或1%）扣${rule.pointsOffPerPoint}分，底线${rule.floor}${dir}`;
    case "perCase":
      return `按件计分${dir}`;
    case "manual":
      return "评分人打分";
  }
}

/** The unit's name: the org unit's Chinese name, "专职委员" added for a committee member. */
function unitName(tree: OrgUnitTree, kind: string, orgUnit: string): string {
  const name = tree.has(orgUnit) ? tree.get(orgUnit).nameZh : orgUnit;
  return kind === "committeeMember" ? `${name} 专职委员` : name;
}


/**
 * A unit's remarks as the run page shows them in Chinese (assessment-run.tsx,
 * zh-CN strings), joined with "；": the items not yet scored and why, a veto
 * (with its reasons, which the page gives on the unit's page), the cap on
 * "excellent", the items whose self-score differs from the assessor's.
 */
function remarksZh(full: RankedResult): string {
  const remarks: string[] = [];
  if (full.incomplete) {
    const items = full.items.filter((i) => i.incomplete);
    remarks.push(items.length > 0 ? `未完成：${items.map((i) => `${i.itemId}（${i.incompleteReason?.zh ?? "未评分"}）`).join("、")}` : `未完成（${full.incompleteItems.length}项未评分）`);
  }
  if (full.vetoed) remarks.push(full.vetoReasons.length > 0 ? `一票否决：${full.vetoReasons.map((v) => `${v.itemId} ${v.reason}`).join("、")}` : "一票否决");
  if (full.cappedFromExcellent) remarks.push("得分达优秀，受优秀比例限制评为良好");
  if (full.flaggedItems.length > 0) remarks.push(`自评分与考核分不一致：${full.flaggedItems.join("、")}`);
  return remarks.join("；");
}

/** The people a run names (computed, submitted, reviewed, published by): username → display name, from `users`. */
export async function runPeople(db: Queryable, run: RunDetail["run"]): Promise<Map<string, string>> {
  const ids = [run.createdBy, run.submittedBy, run.reviewedBy, run.publishedBy].filter((id): id is string => typeof id === "string");
  return new Map((await displayNamesOf(db, [...new Set(ids)])).map((u) => [u.username, u.displayName]));
}

/**
 * Who, as 考核信息 names them: an account's display name with its username
 * in brackets ("演示管理员 / Demo administrator（demo-admin）"), a system
 * identity's Chinese label with its id ("数据集导入（dataset-loader）"), else
 * the id alone (an account since deleted).
 */
function personZh(id: string, people: ReadonlyMap<string, string>): string {
  const name = people.get(id) ?? (isSystemIdentityId(id) ? SYSTEM_IDENTITY_NAMES[id].zh : undefined);
  return name === undefined ? id : `${name}（${id}）`;
}

/** Builds the workbook of one run (as returned by `assessments.get`); `people` names its accounts ({@link runPeople}). */
export function assessmentWorkbook(detail: RunDetail, tree: OrgUnitTree, people: ReadonlyMap<string, string> = new Map()): ExcelJS.Workbook {
  const { run } = detail;
  const who = (id: string | null, at: string | null): [string, Date?] => (id === null ? ["—"] : at === null ? [personZh(id, people)] : [personZh(id, people), chinaDateTime(at)]);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Linze disability-work dashboard";
  const results = detail.results.map((r) => ({ row: r, full: r.result as RankedResult }));

  const ranking = wb.addWorksheet("排名");
  ranking.addRow([...RANKING_HEADERS]).font = { bold: true };
  for (const { row, full } of results) {
    const status = full.vetoed ? "一票否决" : full.incomplete ? "不完整" : "完整";
    const note = remarksZh(full);
    const r = ranking.addRow([
      row.rank ?? "—",
      row.assessedCode,
      unitName(tree, row.assessedKind, row.orgUnit),
      null,
      row.grade ? GRADE_ZH[row.grade as Grade] : "—",
      null,
      null,
      null,
      null,
      status,
      note,
    ]);
    const cells: [number, string | null][] = [
      [4, full.totalDisplay],
      [6, full.base.display],
      [7, full.deductionsTotal.display],
      [8, full.bonus.total.display],
      [9, full.selfTotal?.display ?? null],
    ];
    for (const [col, display] of cells) {
      const cell = r.getCell(col);
      if (display === null) cell.value = "—";
      else setShown(cell, display);
    }
  }
  ranking.columns.forEach((c, i) => (c.width = [6, 16, 24, 10, 8, 10, 10, 8, 10, 10, 60][i]));
  ranking.views = [{ state: "frozen", ySplit: 1 }];

  const items = wb.addWorksheet("项目明细");
  items.addRow([...ITEM_HEADERS]).font = { bold: true };
  for (const { row, full } of results) {
    for (const item of full.items) {
      const ex = item.explanation;
      const percent = ex.indicator?.unit === "percent";
      const note = item.incomplete ? `不完整：${item.incompleteReason?.zh ?? ""}` : item.vetoReasons.length > 0 ? `一票否决：${item.vetoReasons.join("；")}` : "";
      const r = items.addRow([
        row.assessedCode,
        unitName(tree, row.assessedKind, row.orgUnit),
        item.itemId,
        ex.titleZh,
        null,
        null,
        null,
        ruleZh(ex.rule, ex.direction),
        null,
        null,
        null,
        null,
        note,
      ]);
      const entered = ex.steps?.kind === "manual" ? ex.steps.entered.display : null;
      setShown(r.getCell(6), item.kind === "manual" ? (entered ?? "—") : (ex.actual?.display ?? "—"), percent);
      setShown(r.getCell(7), item.kind === "manual" ? "—" : (ex.expected?.display ?? "—"), percent);
      const cells: [number, string | null][] = [
        [5, item.points.display],
        [9, item.deductionsApplied?.display ?? null],
        [10, item.score?.display ?? null],
        [11, item.bonus.display],
        [12, item.selfScore?.selfScore.display ?? null],
      ];
      for (const [col, display] of cells) {
        const cell = r.getCell(col);
        if (display === null) cell.value = col === 10 ? "不完整" : "—";
        else setShown(cell, display);
      }
    }
  }
  items.columns.forEach((c, i) => (c.width = [16, 24, 6, 36, 8, 14, 14, 40, 8, 8, 8, 8, 50][i]));
  items.views = [{ state: "frozen", ySplit: 1 }];

  const info = wb.addWorksheet("考核信息");
  // Who in column B, when in column C (a date-time cell).
  const rows: [string, string | number, Date?][] = [
    ["年度", run.year],
    ["季度", `第${run.quarter}季度（1月至${run.quarter * 3}月累计）`],
    ["考核范围", `${SCOPE_ZH[run.scope] ?? run.scope}（${run.scopeOrgUnit}）`],
    ["版本", run.revision],
    ["状态", STATUS_ZH[run.status] ?? run.status],
    ["计算人 / 时间", ...who(run.createdBy, run.createdAt)],
    ["提交人 / 时间", ...who(run.submittedBy, run.submittedAt)],
    ["审核人 / 时间", ...who(run.reviewedBy, run.reviewedAt)],
    ["发布人 / 时间", ...who(run.publishedBy, run.publishedAt)],
    ["计分规则版本", run.engineVersion],
    ["输入数据校验码 (SHA-256)", run.inputsHash],
  ];
  for (const r of rows) {
    const row = info.addRow(r);
    if (r[2]) row.getCell(3).numFmt = DATE_TIME_FORMAT;
  }
  info.getColumn(1).width = 26;
  info.getColumn(2).width = 70;
  info.getColumn(3).width = 22;
  info.getColumn(1).font = { bold: true };
  return wb;
}

/** `assessment-2016Q1-townships-LZ-r1.xlsx` (ASCII) and a Chinese name for `filename*`. */
export function workbookFileNames(run: RunDetail["run"]): { ascii: string; zh: string } {
  return {
    ascii: `assessment-${run.year}Q${run.quarter}-${run.scope}-${run.scopeOrgUnit}-r${run.revision}.xlsx`,
    zh: `考核结果-${run.year}年第${run.quarter}季度-${SCOPE_ZH[run.scope] ?? run.scope}-${run.scopeOrgUnit}-第${run.revision}版.xlsx`,
  };
}
