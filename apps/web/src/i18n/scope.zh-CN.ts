/** What a role may see and change (issue 5 point 1): notes where the page shows less, or only reading. */
export const scopeZhCN = {
  townshipsCompareNote: "您可比较各乡镇的指标汇总值；村（社区）明细仅限本镇。",
  villagesWithheld: "{{township}}的村（社区）明细不对您开放，只能比较该镇的汇总值。",
  qualityVillageDetailNote: "未报送数据的村（社区）只列出本镇的；其他乡镇只显示报送村数。",
  qualityMemberNote: "这里只显示本村（社区）所在乡镇的月报情况，村数只计本村（社区）。",
  readOnly: "只读：您的角色可以查看，不能修改。",
  entryReadOnly: "只读：您不能为{{orgUnit}}录入数据。",
  notAllowed: "您的角色不能使用此页面。",
  missingVillagesNoneOwn: "本镇各村（社区）每月均有上报；其他乡镇只显示报送村数（见上表）。",
  townshipsNotForRole: "乡镇对比供县级用户和乡镇专干使用；您可查看的是本村（社区）的数据，请到“总览”和“指标详情”查看。",
  validationOwnTownship: "本列表只包含{{township}}及其村（社区）的校验结果；其他乡镇和全县不在其中。",
  validationOwnUnits: "本列表只包含{{units}}的校验结果；其他村（社区）、乡镇和全县不在其中。",
} as const;
