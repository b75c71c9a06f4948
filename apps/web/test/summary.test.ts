import { describe, expect, it } from "vitest";
import { formatValue } from "@linze/domain";
import { summariseRanking, summariseTrend } from "../src/charts/summary.ts";
import { createI18n } from "../src/i18n/index.ts";

const zh = createI18n("zh-CN");
const en = createI18n("en");
const pct = (locale: "zh-CN" | "en") => (v: number) => formatValue(v, "percent", locale);
const count = (v: number) => formatValue(v, "count", "en");

/** A ranked org unit: its code orders ties, its label is what the summary names. */
const unit = (code: string, label: string, value: number | null) => ({ code, label, value });

describe("summariseRanking", () => {
  const items = [
    unit("LZ-SH", "Shahe", 96.5),
    unit("LZ-XH", "Xinhua", 100),
    unit("LZ-LQ", "Liaoquan", null),
    unit("LZ-PC", "Pingchuan", 0),
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
    expect(summariseRanking([unit("A", "A", 5), unit("B", "B", null)], count, en.t)).toBe("Only A has a value: 5. 1 without a value: B.");
    expect(summariseRanking([unit("A", "A", null)], count, en.t)).toBe("No data to show.");
  });
  // 2016 enrollment_rate by township (data/linze): 板桥镇, 倪家营镇 and 新华镇 all at 100 %, listed here out of code order.
  const enrollment = [
    unit("LZ-XH", "新华镇", 100),
    unit("LZ-SH", "沙河镇", 96.2),
    unit("LZ-NJY", "倪家营镇", 100),
    unit("LZ-PC", "平川镇", 90),
    unit("LZ-BQ", "板桥镇", 100),
    unit("LZ-LJ", "蓼泉镇", 90),
  ];
  it("names every unit sharing the highest or the lowest value, in code order", () => {
    expect(summariseRanking(enrollment, pct("zh-CN"), zh.t)).toBe("共6个，最高为板桥镇、倪家营镇、新华镇（100.0%），最低为蓼泉镇、平川镇（90.0%）。");
    const enItems = enrollment.map((i) => ({ ...i, label: i.code }));
    expect(summariseRanking(enItems, pct("en"), en.t)).toBe("6 shown; highest LZ-BQ, LZ-NJY, LZ-XH (100.0%), lowest LZ-LJ, LZ-PC (90.0%).");
  });
  it("says that all are equal rather than naming one unit as both highest and lowest", () => {
    const tied = [unit("LZ-SH", "沙河镇", 100), unit("LZ-BQ", "板桥镇", 100), unit("LZ-LQ", "蓼泉镇", null)];
    expect(summariseRanking(tied, pct("zh-CN"), zh.t)).toBe("共2个，均为100.0%。 1个无数据：蓼泉镇。");
    expect(summariseRanking(tied, pct("en"), en.t)).toBe("2 shown, all equal: 100.0%. 1 without a value: 蓼泉镇.");
  });
  it("ties on the exact value, not on the value as shown", () => {
    expect(summariseRanking([unit("A", "A", 99.99), unit("B", "B", 100), unit("C", "C", 50)], pct("en"), en.t)).toBe(
      "3 shown; highest B (100.0%), lowest C (50.0%).",
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
  it("names every month sharing the highest value, and says when the value never changed", () => {
    const points = [
      { label: "Jan 2016", value: 5, reported: true },
      { label: "Feb 2016", value: 9, reported: true },
      { label: "Mar 2016", value: 7, reported: true },
      { label: "Apr 2016", value: 9, reported: true },
    ];
    expect(summariseTrend(points, count, en.t)).toBe("Jan 2016 to Apr 2016: from 5 to 9; highest 9 (Feb 2016, Apr 2016).");
    const flat = [
      { label: "2016年1月", value: 100, reported: true },
      { label: "2016年2月", value: null, reported: false },
      { label: "2016年3月", value: 100, reported: true },
    ];
    expect(summariseTrend(flat, pct("zh-CN"), zh.t)).toBe("2016年1月至2016年3月，始终为100.0%。 1个月未上报：2016年2月。");
    expect(summariseTrend(flat, pct("en"), en.t)).toBe("2016年1月 to 2016年3月: unchanged at 100.0%. Months not reported (1): 2016年2月.");
  });
  it("says when there is nothing to show", () => {
    expect(summariseTrend([], count, en.t)).toBe("No data to show.");
  });
});
