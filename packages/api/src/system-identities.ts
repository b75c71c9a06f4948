/**
 * The identities that are not accounts, and how a person reads them. No
 * imports: the dashboard's translations import this module (safe in a
 * browser, no zod on the first page).
 */

/**
 * The identities that record changes without being accounts: the server
 * (`system`), a visitor not signed in (`anonymous`, trpc.ts), the command
 * line (`local-admin`, context.ts), the dataset loader (`dataset-loader`,
 * @linze/db load.ts), the demo seeding's assessor and reviewer
 * (demo-seed.ts). The `*_by` columns and the audit log hold them where they
 * hold usernames, so no account may take one of these names (a user named
 * `system` would be shown, and audited, as the server). A unit's self-scores
 * from the dataset are recorded as `demo-self:<unit code>`, which no
 * username can spell (no ":").
 */
export const SYSTEM_IDENTITIES = ["system", "anonymous", "local-admin", "dataset-loader", "demo-assessor", "demo-reviewer"] as const;
export type SystemIdentity = (typeof SYSTEM_IDENTITIES)[number];

/** Whether `id` is one of {@link SYSTEM_IDENTITIES} (exactly: usernames are lower-case). */
export function isSystemIdentityId(id: string): id is SystemIdentity {
  return (SYSTEM_IDENTITIES as readonly string[]).includes(id);
}

/** How a person reads each of {@link SYSTEM_IDENTITIES}: the dashboard's labels (i18n `auth.people`) and the exported workbook's. */
export const SYSTEM_IDENTITY_NAMES: { readonly [K in SystemIdentity]: { readonly zh: string; readonly en: string } } = {
  system: { zh: "系统（服务器）", en: "System (server)" },
  anonymous: { zh: "未登录的访问者", en: "Visitor not signed in" },
  "local-admin": { zh: "本机管理员（命令行）", en: "Local administrator (command line)" },
  "dataset-loader": { zh: "数据集导入", en: "Dataset loader" },
  "demo-assessor": { zh: "县残联考核组（演示）", en: "County assessment team (demo)" },
  "demo-reviewer": { zh: "县残联理事长（演示）", en: "County federation chair (demo)" },
};

/** {@link SYSTEM_IDENTITY_NAMES} in one language, as i18n strings. */
export function systemIdentityNames(lang: "zh" | "en"): Record<SystemIdentity, string> {
  return Object.fromEntries(SYSTEM_IDENTITIES.map((id) => [id, SYSTEM_IDENTITY_NAMES[id][lang]])) as Record<SystemIdentity, string>;
}
