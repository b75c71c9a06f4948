/**
 * tRPC, initialised once: superjson on the wire (inputs keep an own key
 * "__proto__", input-transformer.ts), and an error shape that
 * carries zod's issues with the path of each bad field. Every procedure is
 * built with {@link requires}: it declares its permission
 * (`meta.permission`), and the middleware here refuses an anonymous caller,
 * a caller who must first change the password, a mutation that failed the
 * CSRF check, and a role without the permission; then it runs a mutation in
 * one transaction with its audit-log row (audit.ts). Org-unit scope is
 * checked by the procedures with the caller's `ctx.access` (permissions.ts).
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import { AssessmentInputError, configureBilingualZodMessages, InvalidPeriod, UnknownDataElement, UnknownIndicator, UnknownOrgUnit } from "@linze/domain";
import { appendAudit, InvalidTransition, RecordConflict, RecordNotFound, SameUserRefused, transactionDatabase } from "@linze/db";
import type { Context } from "./context.ts";
import { wireTransformer } from "./input-transformer.ts";
import { AUDITED, periodOfInput, redactForAudit } from "./audit.ts";
import { hasPermission, type Access, type Permission, type User } from "./permissions.ts";

// Input issues reach the web app as "English (中文)" messages, each shown in the page's language.
configureBilingualZodMessages();

/** What every procedure declares: the permission it needs (permissions.ts). */
export interface ProcedureMeta {
  readonly permission?: Permission;
}

/** One input issue: `path` like "periods.0", and zod's message. */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The message for a caller: zod's issues as "✖ expected a period … → at
 * periods[1]" (zod's own message is JSON), otherwise the error's message.
 */
export function errorMessage(error: TRPCError): string {
  return error.cause instanceof ZodError ? z.prettifyError(error.cause) : error.message;
}

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
  transformer: wireTransformer,
  // Never send stack traces (server paths) to callers, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zodError ? errorMessage(error) : shape.message,
      data: {
        ...shape.data,
        zodError: zodError
          ? {
              issues: zodError.issues.map((i): InputIssue => ({ path: i.path.map(String).join("."), message: i.message })),
              fieldErrors: z.flattenError(zodError).fieldErrors as Record<string, string[] | undefined>,
            }
          : null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The domain's errors for a code or label that does not exist: the caller's mistake, with the valid values in the message. */
function isBadInput(e: unknown): e is Error {
  return e instanceof UnknownIndicator || e instanceof UnknownOrgUnit || e instanceof UnknownDataElement || e instanceof InvalidPeriod;
}

/** The store's errors as HTTP-like codes: a missing record, a duplicate or stale version, a refused status change, a step its submitter may not take. */
function storeErrorCode(e: unknown): "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST" | "FORBIDDEN" | null {
  if (e instanceof RecordNotFound) return "NOT_FOUND";
  if (e instanceof SameUserRefused) return "FORBIDDEN";
  if (e instanceof RecordConflict) return "CONFLICT";
  if (e instanceof InvalidTransition || e instanceof AssessmentInputError) return "BAD_REQUEST";
  return null;
}

const badInputAsBadRequest = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isBadInput(result.error.cause)) {
    throw new TRPCError({ code: "BAD_REQUEST", message: result.error.cause.message, cause: result.error.cause });
  }
  const storeCode = result.ok ? null : storeErrorCode(result.error.cause);
  if (!result.ok && storeCode) {
    throw new TRPCError({ code: storeCode, message: result.error.cause!.message, cause: result.error.cause });
  }
  return result;
});

/** No caller check: only for what an anonymous visitor may see (none: sign-in is the server's /auth/login). */
export const publicProcedure = t.procedure.use(badInputAsBadRequest);

const forbidden = (en: string, zh: string) => new TRPCError({ code: "FORBIDDEN", message: `${en} (${zh})` });

/** Records a refused mutation (permission, scope, separation of duties) in the audit log; never fails the request. */
async function recordDenied(ctx: Context, path: string, input: unknown, reason: string): Promise<void> {
  await appendAudit(ctx.db, {
    actor: ctx.user?.id ?? "anonymous",
    actorRole: ctx.user?.role ?? null,
    procedure: path,
    outcome: "denied",
    entityType: AUDITED[path]?.entity ?? null,
    entityId: null,
    period: periodOfInput(input),
    input: redactForAudit(input),
    before: null,
    after: { reason },
  }).catch((e: unknown) => console.error("audit (denied):", e));
}

/**
 * The caller, the CSRF check, the permission of `meta.permission` (none
 * declared → refused: fail closed), and for mutations the audit row.
 */
const guarded = publicProcedure.use(async ({ ctx, meta, type, path, getRawInput, next }) => {
  if (!ctx.user || !ctx.access) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first (请先登录)" });
  const user: User = ctx.user;
  const access: Access = ctx.access;
  if (type === "mutation" && ctx.csrf === "refused") {
    throw forbidden("Refused: the request did not come from this site's pages (missing X-Linze-Request header or foreign Origin)", "请求不是来自本站页面，已拒绝");
  }
  const permission = meta?.permission;
  if (!permission) throw forbidden(`${path} declares no permission`, "该接口未声明权限");
  if (user.mustChangePassword && permission !== "account.self") {
    throw forbidden("Change your password first", "请先修改密码");
  }
  if (!hasPermission(access, permission)) {
    if (type === "mutation") await recordDenied(ctx, path, await getRawInput().catch(() => null), `role ${user.role} lacks ${permission}`);
    throw forbidden(`Your role (${user.role}) may not do this: ${permission}`, "您的角色无此权限");
  }
  const nextCtx = { ...ctx, user, access };
  if (type !== "mutation") return next({ ctx: nextCtx });

  // A mutation and its audit row commit together, or neither does.
  const input = await getRawInput().catch(() => undefined);
  const spec = AUDITED[path];
  let failure: { ok: false; error: TRPCError } | undefined;
  try {
    return await ctx.db.transaction(async (tx) => {
      const db = transactionDatabase(ctx.db, tx);
      const before = spec?.before ? await spec.before(db, input).catch(() => null) : null;
      const result = await next({ ctx: { ...nextCtx, db } });
      if (!result.ok) {
        failure = result;
        throw result.error;
      }
      const output = result.data;
      const id = spec?.id ? spec.id(input, output) : null;
      await appendAudit(db, {
        actor: user.id,
        actorRole: user.role,
        procedure: path,
        outcome: "ok",
        entityType: spec?.entity ?? path.split(".")[0]!,
        entityId: id === null || id === undefined ? null : String(id),
        period: periodOfInput(input),
        input: redactForAudit(input),
        before: redactForAudit(before),
        after: redactForAudit(spec?.after ? spec.after(output, input) : output),
      });
      return result;
    });
  } catch (e) {
    if (!failure) throw e;
    // Outside the rolled-back transaction: a scope refusal is on record too, and so is the store's (a submitter reviewing the own run).
    if (failure.error.code === "FORBIDDEN" || storeErrorCode(failure.error.cause) === "FORBIDDEN") await recordDenied(ctx, path, input, failure.error.message);
    return failure as Awaited<ReturnType<typeof next>>;
  }
});

/**
 * A procedure that needs `permission` (permissions.ts). Usage:
 * `requires("data.view").input(Schema).query(...)`. The router test walks
 * every procedure and fails on one without a permission.
 */
export const requires = (permission: Permission) => guarded.meta({ permission });

/**
 * Needs a caller but declares no permission: refused for everyone (kept so
 * that code written before issue 5 fails closed, and the router test names it).
 */
export const protectedProcedure = guarded;

/** FORBIDDEN with the message "English (中文)": for the procedures' scope checks. */
export function scopeForbidden(en: string, zh: string): TRPCError {
  return forbidden(en, zh);
}

/**
 * BAD_REQUEST whose `data.zodError.issues` carry one "English (中文)" message
 * per field path (`values.<code>`, `period`, `pointsDeducted`): a check the
 * store makes, shown by a form under its field as an input issue is.
 */
export function inputIssues(issues: { path: (string | number)[]; message: string }[]): TRPCError {
  // Made by a parse, as tRPC's own input errors are: zod 4's thrown ZodError is an Error, a constructed one is not.
  const error = z
    .unknown()
    .superRefine((_, ctx) => issues.forEach((i) => ctx.addIssue({ code: "custom", path: i.path, message: i.message })))
    .safeParse(null).error!;
  return new TRPCError({ code: "BAD_REQUEST", message: z.prettifyError(error), cause: error });
}
