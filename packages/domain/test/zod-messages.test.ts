import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bilingualZodMessage, CommitteeMemberSchema, DateLabelSchema } from "../src/index.ts";

describe("zod's messages in English and Chinese", () => {
  const messages = (schema: z.ZodType, value: unknown) => schema.safeParse(value, { error: bilingualZodMessage }).error!.issues.map((i) => i.message);

  it("says 'required (必填)' for an empty required text, zod's en and zh-CN locale texts otherwise, and keeps a schema's own message", () => {
    expect(messages(CommitteeMemberSchema, { code: "CM-", name: "", orgUnit: "LZ-SH", inPostFrom: "2016-01", inPostTo: null })).toEqual([
      "expected a member code such as CM-LZ-SH-V03 (专职委员编号格式错误)",
      "required (必填)",
    ]);
    // An empty date field is "required" first (the form shows the first issue), a malformed one says the format.
    expect(messages(DateLabelSchema, "")[0]).toBe("required (必填)");
    expect(messages(DateLabelSchema, "2016-13-01")).toEqual(["expected a date YYYY-MM-DD (日期格式应为 YYYY-MM-DD)"]);
    expect(messages(z.number().max(3), 5)).toEqual(["Too big: expected number to be <=3 (数值过大：期望 number <=3)"]);
    expect(messages(z.enum(["open", "verified"]), "x")).toEqual(['Invalid option: expected one of "open"|"verified" (无效选项：期望以下之一 "open"|"verified")']);
  });
});
