/**
 * tRPC, initialised once: superjson on the wire, and an error shape that
 * carries zod's issues with the path of each bad field. Every procedure is
 * built from {@link protectedProcedure}, so access control added later lands
 * in one place without changing a procedure's signature.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { AssessmentInputError, InvalidPeriod, UnknownDataElement, UnknownIndicator, UnknownOrgUnit } from "@linze/domain";
import { InvalidTransition, RecordConflict, RecordNotFound } from "@linze/db";
import type { Context } from "./context.ts";

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

const t = initTRPC.context<Context>().create({
  transformer: superjson,
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

/** The store's errors as HTTP-like codes: a missing record, a duplicate or stale version, a refused status change. */
function storeErrorCode(e: unknown): "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST" | null {
  if (e instanceof RecordNotFound) return "NOT_FOUND";
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

/** No caller check: only for what an anonymous visitor may see (none yet). */
export const publicProcedure = t.procedure.use(badInputAsBadRequest);

/** Needs a caller. Permissions (which org units a user may see) will be checked here. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first / 请先登录" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});
