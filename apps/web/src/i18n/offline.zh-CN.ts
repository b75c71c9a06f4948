/** The offline notice (issue 6: a repeat visit works offline through the service worker). */
export const offlineZhCN = {
  badge: "离线",
  notice: "无法连接服务器，当前显示的是 {{when}} 保存的离线数据，可能不是最新数据；恢复连接后刷新页面即可查看最新数据。",
  noticeUnknownTime: "无法连接服务器，当前显示的是此前保存的离线数据，可能不是最新数据；恢复连接后刷新页面即可查看最新数据。",
} as const;
