import type { offlineZhCN } from "./offline.zh-CN.ts";

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The offline notice (issue 6: a repeat visit works offline through the service worker). */
export const offlineEn: Strings<typeof offlineZhCN> = {
  badge: "Offline",
  notice: "The server cannot be reached: this page shows the offline copy of the data saved on {{when}}, which may be out of date. Reload the page once the connection is back to see the latest data.",
  noticeUnknownTime: "The server cannot be reached: this page shows an earlier offline copy of the data, which may be out of date. Reload the page once the connection is back to see the latest data.",
};
