/** 无障碍与阅读舒适（issue 7 第 2、3、5、7 点）：图表的数据点导航与目标说明、大字模式、打印。 */
export const a11yZhCN = {
  points: {
    group: "{{title}}：数据点",
    hint: "用左右方向键逐个查看数据点，Home 键到第一个，End 键到最后一个。",
    point: "{{label}}：{{value}}",
    pointNote: "{{label}}：{{value}}，{{note}}",
    readout: "当前数据点",
  },
  summary: {
    // 例：2016年12月沙河镇适龄残疾儿童少年入学率为96.2%，高于目标95.0%（达标）。
    latest: "{{period}}{{orgUnit}}{{indicator}}为{{value}}，{{relation}}目标{{target}}（{{status}}）。",
    relation: {
      above: "高于",
      justAbove: "略高于",
      equal: "等于",
      justBelow: "略低于",
      below: "低于",
    },
    rankingTarget: "目标{{target}}：{{met}}个达标。",
    rankingTargetMissed: "目标{{target}}：{{met}}个达标，{{missed}}个未达到（{{labels}}）。",
  },
  kpiTable: "月度数据表",
  largeText: "大字模式",
} as const;
