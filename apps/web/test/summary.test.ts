import { describe, expect, it } from "vitest";
import { formatValue } from "@linze/domain";
import { summariseRanking, summariseTrend } from "../src/charts/summary.ts";
import { createI18n } from "../src/i18n/index.ts";

const zh = createI18n("zh-CN");
const en = createI18n("en");
const pct = (locale: "zh-CN" | "en") => (v: number) => formatValue(v, "percent", locale);
const count = (v: number) => formatValue(v, "count", "en");

describe("summariseRanking", () => {
  const items = [
    { label: "Shahe", value: 96.5 },
    { label: "Xinhua", value: 100 },
    { label: "Liaoquan", value: null },
    { label: "Pingchuan", value: 0 },
  ];
  it("names the highest and lowest, with a reported 0 as the lowest, and lists those without a value", () => {
    expect(summariseRanking(items, pct("en"), en.t)).toBe(
      "3 shown; highest Xinhua (100.0%), lowest Pingchuan (0.0%). 1 without a value: Liaoquan.",
    );
  });
  it("is written in Chinese for Chinese readers", () => {
    expect(summariseRanking(items, pct("zh-CN"), zh.t)).toBe("共3个，最高为Xinhua（100.0%），最低为Pingchuan（0.0%）。 1个无数据：Liaoquan。");
  });
  it("handles one value and no values", () => {
    expect(summariseRanking([{ label: "A", value: 5 }, { label: "B", value: null }], count, en.t)).toBe(
      "Only A has a value: 5. 1 without a value: B.",
    );
    expect(summariseRanking([{ label: "A", value: null }], count, en.t)).toBe("No data to show.");
  });
  it("keeps the first listed on a tie", () => {
    expect(summariseRanking([{ label: "A", value: 2 }, { label: "B", value: 2 }], count, en.t)).toBe(
      "2 shown; highest A (2), lowest A (2).",
    );
  });
});

describe("summariseTrend", () => {
  it("goes from the first to the last value and names the months not reported", () => {
    const points = [
      { label: "Jan 2016", value: 12, reported: true },
      { label: "Feb 2016", value: null, reported: false },
      { label: "Mar 2016", value: 0, reported: true },
      { label: "Apr 2016", value: 1500, reported: true },
    ];
    expect(summariseTrend(points, count, en.t)).toBe(
      "Jan 2016 to Apr 2016: from 12 to 1,500; highest 1,500 (Apr 2016). Months not reported (1): Feb 2016.",
    );
  });
  it("treats a reported month without a value (denominator 0) as reported", () => {
    const points = [
      { label: "2016年1月", value: 95, reported: true },
      { label: "2016年2月", value: null, reported: true },
    ];
    expect(summariseTrend(points, pct("zh-CN"), zh.t)).toBe("仅2016年1月有数据：95.0%。");
  });
  it("says when there is nothing to show", () => {
    expect(summariseTrend([], count, en.t)).toBe("No data to show.");
  });
});
