/**
 * The reasons of import problems, in Chinese and English, in one place so the
 * dry-run table, the CLI and the tests read the same words.
 */
import type { DataElement, OrgUnit, OrgUnitLevel } from "@linze/domain";
import { quote } from "./text.ts";

export interface Reason {
  zh: string;
  en: string;
}

const LEVEL_ZH: Record<OrgUnitLevel, string> = { 1: "县残联", 2: "镇残联", 3: "村（社区）" };
const LEVEL_EN: Record<OrgUnitLevel, string> = { 1: "the county", 2: "townships", 3: "villages/communities" };

export const reasons = {
  unknownOrgUnit(text: string): Reason {
    if (text === "") {
      return { zh: "组织机构为空，但该行有数据", en: "the org unit is blank but the row has values" };
    }
    return {
      zh: `未知的组织机构${quote(text)}（应填代码如 LZ-SH-V03 或名称如“沙河镇 3号村”）`,
      en: `unknown org unit "${text}" (expected a code such as LZ-SH-V03 or a name such as "沙河镇 3号村")`,
    };
  },
  unknownDataElement(text: string): Reason {
    if (text === "") return { zh: "数据元为空", en: "the data element is blank" };
    return {
      zh: `未知的数据元${quote(text)}（应填代码如 cataract_surgeries、中文名称或英文名称）`,
      en: `unknown data element "${text}" (expected a code such as cataract_surgeries, its Chinese or English name)`,
    };
  },
  mappedToUnknownDataElement(header: string, code: string): Reason {
    return {
      zh: `列映射把${quote(header)}指向未知的数据元“${code}”，该列已忽略`,
      en: `the column mapping points "${header}" to the unknown data element "${code}": column ignored`,
    };
  },
  badPeriod(text: string): Reason {
    if (text === "") return { zh: "期间为空", en: "the period is blank" };
    return {
      zh: `无效的期间${quote(text)}（应为月份，如 2016-03 或 2016年3月）`,
      en: `invalid period "${text}" (expected a month such as 2016-03 or 2016年3月)`,
    };
  },
  badOptionPeriod(text: string): Reason {
    return {
      zh: `所选期间“${text}”无效（应为月份 YYYY-MM，如 2016-03）`,
      en: `the chosen period "${text}" is invalid (expected a month YYYY-MM such as 2016-03)`,
    };
  },
  noPeriod(): Reason {
    return {
      zh: "未找到报表期间：表中没有“期间/月份”列，标题、工作表名和文件名中也没有月份（如“2016年3月”）；请在导入时选择期间",
      en: 'no period: the sheet has no period/month column and its title, sheet name and file name name no month (such as "2016年3月"); choose the period when importing',
    };
  },
  periodConflict(found: string, chosen: string): Reason {
    return {
      zh: `标题中的期间 ${found} 与所选期间 ${chosen} 不一致`,
      en: `the title's period ${found} differs from the chosen period ${chosen}`,
    };
  },
  notReportedAtLevel(d: DataElement, unit: OrgUnit, levels: readonly OrgUnitLevel[]): Reason {
    const byZh = levels.map((l) => LEVEL_ZH[l]).join("、");
    const byEn = levels.map((l) => LEVEL_EN[l]).join(" and ");
    return {
      zh: `“${d.nameZh}”（${d.code}）由${byZh}填报，不由${LEVEL_ZH[unit.level]}填报：${unit.nameZh}（${unit.code}）`,
      en: `${d.code} (${d.nameEn}) is reported by ${byEn}, not by ${LEVEL_EN[unit.level]}: ${unit.code} (${unit.nameEn})`,
    };
  },
  duplicateDifferent(firstRow: number, firstSheet: string | null, first: string, value: string): Reason {
    const whereZh = firstSheet ? `工作表“${firstSheet}”第 ${firstRow} 行` : `第 ${firstRow} 行`;
    const whereEn = firstSheet ? `sheet "${firstSheet}" row ${firstRow}` : `row ${firstRow}`;
    return {
      zh: `同一组织机构、期间和数据元已在${whereZh}填为 ${first}，此处为 ${value}，两者不一致`,
      en: `the same org unit, period and data element is ${first} at ${whereEn} but ${value} here`,
    };
  },
  duplicateSame(firstRow: number, firstSheet: string | null, value: string): Reason {
    const whereZh = firstSheet ? `工作表“${firstSheet}”第 ${firstRow} 行` : `第 ${firstRow} 行`;
    const whereEn = firstSheet ? `sheet "${firstSheet}" row ${firstRow}` : `row ${firstRow}`;
    return {
      zh: `与${whereZh}重复（同为 ${value}），只导入一次`,
      en: `repeats ${whereEn} (both ${value}); imported once`,
    };
  },
  totalMismatch(kind: "total" | "subtotal", label: string, total: string, sum: string): Reason {
    const name = kind === "subtotal" ? "小计" : label.includes("总计") ? "总计" : "合计";
    return {
      zh: `${name}行 ${total} 与各行之和 ${sum} 不符`,
      en: `${kind === "subtotal" ? "subtotal" : "total"} row says ${total}, rows sum to ${sum}`,
    };
  },
  totalCell(reason: Reason): Reason {
    return { zh: `合计/小计行：${reason.zh}（未核对）`, en: `total row: ${reason.en} (not checked)` };
  },
  unknownHeader(header: string): Reason {
    return {
      zh: `未识别的列标题${quote(header)}，该列已忽略（可在列映射中指定）`,
      en: `unrecognised column header "${header}": column ignored (set it in the column mapping)`,
    };
  },
  duplicateColumn(header: string, code: string, firstLetter: string): Reason {
    return {
      zh: `${quote(header)}与第 ${firstLetter} 列是同一数据元（${code}），该列已忽略`,
      en: `"${header}" is the same data element (${code}) as column ${firstLetter}: column ignored`,
    };
  },
  noOrgUnitColumn(): Reason {
    return {
      zh: "长表缺少组织机构列（org_unit / 组织机构 / 单位）",
      en: "the long sheet has no org unit column (org_unit / 组织机构 / 单位)",
    };
  },
  noHeader(): Reason {
    return {
      zh: "未找到表头：应有组织机构列和以数据元代码、中文名称或英文名称为标题的列，或 org_unit、period、data_element、value 四列",
      en: "no header row: expected an org unit column and columns headed by data element codes, Chinese or English names, or the four columns org_unit, period, data_element, value",
    };
  },
  sheetWithoutHeader(): Reason {
    return {
      zh: "此工作表没有可识别的表头，已忽略",
      en: "this sheet has no recognisable header: ignored",
    };
  },
  noData(): Reason {
    return { zh: "表头下没有数据行", en: "no data rows below the header" };
  },
  ignoredRow(text: string): Reason {
    return {
      zh: `该行不是数据行（无可识别的组织机构，也没有数值），已忽略：${quote(text)}`,
      en: `not a data row (no known org unit and no values): ignored: "${text}"`,
    };
  },
  formulaWithoutResult(): Reason {
    return {
      zh: "公式没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再导入",
      en: "the formula has no saved result: open and save the file in Excel or WPS, then import it again",
    };
  },
  badCsv(message: string): Reason {
    return {
      zh: `CSV 格式错误（引号未闭合或位置不对），此后的数据可能被并入一个单元格：${message}`,
      en: `CSV structure error (an unclosed or misplaced quote; the data after it may have run into one cell): ${message}`,
    };
  },
  unreadableXlsx(detail: string): Reason {
    return {
      zh: `无法读取该 Excel 工作簿（文件已损坏或不是 .xlsx）：${detail}`,
      en: `cannot read this Excel workbook (damaged, or not an .xlsx file): ${detail}`,
    };
  },
  oldExcel(): Reason {
    return {
      zh: "这是旧版 Excel 97-2003（.xls）或加密的工作簿；请在 Excel/WPS 中另存为 .xlsx 或 CSV",
      en: "this is an old Excel 97-2003 (.xls) or encrypted workbook: save it as .xlsx or CSV in Excel/WPS",
    };
  },
  binaryFile(): Reason {
    return {
      zh: "该文件不是文本（CSV）也不是 Excel 工作簿（.xlsx）",
      en: "this file is neither text (CSV) nor an Excel workbook (.xlsx)",
    };
  },
} as const;
