/**
 * zod's own messages (a field left empty, a number out of range, a value not
 * among the choices) in the project's bilingual form "English (中文)", the
 * form the schemas' own messages use and the web app's `messageIn` splits by
 * language. Without it zod says "Too small: expected string to have >=1
 * characters" to a Chinese reader. An empty required text is "required
 * (必填)"; every other issue takes zod's en and zh-CN locale messages. A
 * schema's own message (`{ message }`) still wins: zod only asks this for
 * issues without one.
 */
import { z } from "zod";
import en from "zod/v4/locales/en.js";
import zhCN from "zod/v4/locales/zh-CN.js";

type Issue = Parameters<NonNullable<z.core.$ZodConfig["customError"]>>[0];

const english = en().localeError;
const chinese = zhCN().localeError;
const text = (r: ReturnType<typeof english>): string => (typeof r === "string" ? r : (r?.message ?? ""));

/** The bilingual message of one zod issue (see the module comment). */
export function bilingualZodMessage(issue: Issue): string {
  if (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) === 1) return "required (必填)";
  return `${text(english(issue))} (${text(chinese(issue))})`;
}

/** Makes zod use {@link bilingualZodMessage} in this process or page (zod's global config). Call once at start-up. */
export function configureBilingualZodMessages(): void {
  z.config({ customError: bilingualZodMessage });
}
