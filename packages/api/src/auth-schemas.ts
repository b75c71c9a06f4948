/**
 * Inputs of sign-in, accounts, users and the audit log (issue 5), shared by
 * the procedures, the server's /auth routes and the dashboard's forms.
 * Imports only zod and the permission names (safe in a browser).
 */
import { z } from "zod";
import { ROLES } from "./permissions.ts";
import { isSystemIdentityId } from "./system-identities.ts";
import { RecordIdSchema } from "./record-id.ts";

/**
 * Lower-case letters, digits, `.`, `_`, `-`; 2–40 characters, starting with a
 * letter or digit (users_username_check); not one of the system's own identities ({@link isSystemIdentityId}).
 */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, { message: "2–40 lower-case letters, digits, . _ - (用户名为2–40位小写字母、数字或 . _ -)" })
  .refine((name) => !isSystemIdentityId(name), {
    message: "this name is reserved for the system's own records (此用户名为系统保留，用于系统自身的记录)",
  });

/** The minimum length of a password a person chooses. */
export const MIN_PASSWORD_LENGTH = 10;

export const NewPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `at least ${MIN_PASSWORD_LENGTH} characters (密码至少${MIN_PASSWORD_LENGTH}位)` })
  .max(200, { message: "at most 200 characters (密码最多200位)" });

/** POST /auth/login's body. */
export const LoginInputSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, { message: "enter the username (请输入用户名)" }).max(100),
  password: z.string().min(1, { message: "enter the password (请输入密码)" }).max(200),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

export const ChangePasswordInputSchema = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: NewPasswordSchema })
  .refine((i) => i.newPassword !== i.currentPassword, { message: "choose a password other than the current one (新密码不能与当前密码相同)", path: ["newPassword"] });

export const RoleSchema = z.enum(ROLES);
const OrgUnitCodes = z.array(z.string().min(1)).max(100);
export const UserOrgUnitsSchema = z.object({ capture: OrgUnitCodes, view: OrgUnitCodes });

/** A new user (the server chooses a random first password, to be changed at first sign-in). */
export const UserCreateInputSchema = z
  .object({
    username: UsernameSchema,
    displayName: z.string().trim().min(1, { message: "enter a name (请输入姓名)" }).max(100),
    role: RoleSchema,
    committeeMember: z.string().min(1).nullable().default(null),
    orgUnits: UserOrgUnitsSchema.default({ capture: [], view: [] }),
  })
  .refine((u) => (u.role === "committee_member") === (u.committeeMember !== null), {
    message: "a committee member's account names the member's post, and only it (专职委员账户须且仅须指定委员岗位)",
    path: ["committeeMember"],
  });

export const UserUpdateInputSchema = z.object({
  id: RecordIdSchema,
  displayName: z.string().trim().min(1).max(100).optional(),
  role: RoleSchema.optional(),
  committeeMember: z.string().min(1).nullable().optional(),
  orgUnits: UserOrgUnitsSchema.optional(),
});
export const UserIdInputSchema = z.object({ id: RecordIdSchema });
/** The identities (`*_by` columns, audit actors) whose display names a page needs: at most 500. */
export const UserNamesInputSchema = z.object({ ids: z.array(z.string().min(1).max(200)).max(500) });
export const UserDisableInputSchema = z.object({ id: RecordIdSchema, disabled: z.boolean() });

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date YYYY-MM-DD (日期格式应为 YYYY-MM-DD)" });
const AuditFilterShape = {
  actor: z.string().min(1).optional(),
  entityType: z.string().min(1).optional(),
  entityId: z.string().min(1).optional(),
  procedure: z.string().min(1).optional(),
  /** A period label or its start: `2016`, `2016Q1`, `2016-03`. */
  period: z.string().regex(/^\d{4}(-\d{2}|Q[1-4])?$/, { message: "expected a period such as 2016, 2016Q1 or 2016-03 (期间格式错误)" }).optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  outcome: z.enum(["ok", "denied"]).optional(),
  beforeId: RecordIdSchema.optional(),
  limit: z.number().int().min(1).max(500).default(100),
};
const AUDIT_FILTER_KEYS = Object.keys(AuditFilterShape);

/**
 * The audit list's filter. Strict: a key it does not know (a misspelt
 * `actr`, a `user` meant as `actor`) is BAD_REQUEST naming it and the known
 * keys, "English (中文)", rather than ignored and answered with every row.
 */
export const AuditListInputSchema = z
  .strictObject(AuditFilterShape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown audit filter ${issue.keys.map((k) => `"${k}"`).join(", ")}; the filters are ${AUDIT_FILTER_KEYS.join(", ")} (未知的审计日志筛选条件${issue.keys.map((k) => `“${k}”`).join("、")}；可用的筛选条件为 ${AUDIT_FILTER_KEYS.join("、")})`
        : undefined,
  })
  .default({ limit: 100 });
