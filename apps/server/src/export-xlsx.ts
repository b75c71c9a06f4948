/**
 * An assessment run as an Excel workbook (issue 3), with Chinese headings:
 * 排名 (the ranking), 项目明细 (every item of every unit: points, actual,
 * expected, rule, deductions, score, bonus) and 考核信息 (the run: period,
 * scope, revision, status, who and when, engine version, inputs hash). Totals
 * and scores are the engine's display strings: stored as numbers with a
 * number format of as many decimals as the display has ("89.996" stays
 * three decimals), so the sheet shows exactly what the dashboard shows.
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

/** A display string ("92.50", "89.996") as a number cell with that many decimals; anything else (an exact "n/d") as text. */
function shown(display: string): { value: number | string; numFmt?: string } {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(display);
  if (!m) return { value: display };
  const decimals = m[1]?.length ?? 0;
  return { value: Number(display), numFmt: decimals === 0 ? "0" : `0.${"0".repeat(decimals)}` };
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

const withUnit = (e: Exact | null, unit: string): string => (e ? `${e.display}${unit === "percent" ? "%" : ""}` : "—");

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
  const who = (id: string, at: string | null) => `${personZh(id, people)} ${at ?? ""}`.trim();
  const wb = new ExcelJS.Workbook();
  wb.creator = "Linze disability-work dashboard";
  const results = detail.results.map((r) => ({ row: r, full: r.result as RankedResult }));

  const ranking = wb.addWorksheet("排名");
  ranking.addRow([...RANKING_HEADERS]).font = { bold: true };
  for (const { row, full } of results) {
    const status = full.vetoed ? "一票否决" : full.incomplete ? "不完整" : "完整";
    const note = full.vetoed
      ? full.vetoReasons.map((v) => `${v.itemId}：${v.reason}`).join("；")
      : full.incomplete
        ? full.items.filter((i) => i.incomplete).map((i) => `${i.itemId}：${i.incompleteReason?.zh ?? "不完整"}`).join("；")
        : full.cappedFromExcellent
          ? "超出优秀比例，定为良好"
          : "";
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
      if (display === null) {
        cell.value = "—";
        continue;
      }
      const s = shown(display);
      cell.value = s.value;
      if (s.numFmt) cell.numFmt = s.numFmt;
    }
  }
  ranking.columns.forEach((c, i) => (c.width = [6, 16, 24, 10, 8, 10, 10, 8, 10, 10, 60][i]));
  ranking.views = [{ state: "frozen", ySplit: 1 }];

  const items = wb.addWorksheet("项目明细");
  items.addRow([...ITEM_HEADERS]).font = { bold: true };
  for (const { row, full } of results) {
    for (const item of full.items) {
      const ex = item.explanation;
      const unit = ex.indicator?.unit ?? "";
      const note = item.incomplete ? `不完整：${item.incompleteReason?.zh ?? ""}` : item.vetoReasons.length > 0 ? `一票否决：${item.vetoReasons.join("；")}` : "";
      const r = items.addRow([
        row.assessedCode,
        unitName(tree, row.assessedKind, row.orgUnit),
        item.itemId,
        ex.titleZh,
        null,
        item.kind === "manual" ? (item.explanation.steps?.kind === "manual" ? item.explanation.steps.entered.display : "—") : withUnit(ex.actual, unit),
        item.kind === "manual" ? "—" : withUnit(ex.expected, unit),
        ruleZh(ex.rule, ex.direction),
        null,
        null,
        null,
        null,
        note,
      ]);
      const cells: [number, string | null][] = [
        [5, item.points.display],
        [9, item.deductionsApplied?.display ?? null],
        [10, item.score?.display ?? null],
        [11, item.bonus.display],
        [12, item.selfScore?.selfScore.display ?? null],
      ];
      for (const [col, display] of cells) {
        const cell = r.getCell(col);
        if (display === null) {
          cell.value = col === 10 ? "不完整" : "—";
          continue;
        }
        const s = shown(display);
        cell.value = s.value;
        if (s.numFmt) cell.numFmt = s.numFmt;
      }
    }
  }
  items.columns.forEach((c, i) => (c.width = [16, 24, 6, 36, 8, 14, 14, 40, 8, 8, 8, 8, 50][i]));
  items.views = [{ state: "frozen", ySplit: 1 }];

  const info = wb.addWorksheet("考核信息");
  const rows: [string, string | number][] = [
    ["年度", run.year],
    ["季度", `第${run.quarter}季度（1月至${run.quarter * 3}月累计）`],
    ["考核范围", `${SCOPE_ZH[run.scope] ?? run.scope}（${run.scopeOrgUnit}）`],
    ["版本", run.revision],
    ["状态", STATUS_ZH[run.status] ?? run.status],
    ["计算人 / 时间", who(run.createdBy, run.createdAt)],
    ["提交人 / 时间", run.submittedBy ? who(run.submittedBy, run.submittedAt) : "—"],
    ["审核人 / 时间", run.reviewedBy ? who(run.reviewedBy, run.reviewedAt) : "—"],
    ["发布人 / 时间", run.publishedBy ? who(run.publishedBy, run.publishedAt) : "—"],
    ["计分规则版本", run.engineVersion],
    ["输入数据校验码 (SHA-256)", run.inputsHash],
  ];
  for (const r of rows) info.addRow(r);
  info.getColumn(1).width = 26;
  info.getColumn(2).width = 70;
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
