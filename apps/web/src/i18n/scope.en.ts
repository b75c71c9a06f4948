import type { scopeZhCN } from "./scope.zh-CN.ts";

/** What a role may see and change (issue 5 point 1): notes where the page shows less, or only reading. */
export const scopeEn: { [K in keyof typeof scopeZhCN]: string } = {
  townshipsCompareNote: "You compare every township by its totals; village and community detail is open for your own township only.",
  villagesWithheld: "The villages and communities of {{township}} are not open to you: only the township's totals are compared.",
  qualityVillageDetailNote: "Villages and communities that sent nothing are named for your own township only; the other townships show counts.",
  qualityMemberNote: "Only your township's monthly reports are shown, counting your own village or community.",
  readOnly: "Read only: your role may view this, not change it.",
  entryReadOnly: "Read only: you may not enter data for {{orgUnit}}.",
  notAllowed: "Your role may not use this page.",
  missingVillagesNoneOwn: "Every village and community of your township reported every month; the other townships show counts only (in the table above).",
  townshipsNotForRole: "The township comparison is for county users and township officers; the data you may see is your own village's or community's: see the Overview and Indicator pages.",
  validationOwnTownship: "This list covers only {{township}} and its villages and communities; the other townships and the county are not in it.",
  validationOwnUnits: "This list covers only {{units}}; other villages and communities, the townships and the county are not in it.",
};
