/**
 * Inputs of the data-entry, value-history, import and column-mapping
 * procedures (issue 4), shared with the dashboard's forms. Imports only zod,
 * the domain and the import package's cell-number rule (`@linze/import/numbers`,
 * no file parsing): safe in a browser.
 *
 * Messages a user sees carry both languages as "English (中文)", the form the
 * web's `messageIn` splits.
 */
import { z } from "zod";
import { dataElement, isDataElementCode, MonthSchema, type DataElement } from "@linze/domain";
import { parseCellNumber, type CellNumberErrorCode } from "@linze/import/numbers";

const CodeSchema = z.string().min(1, { message: "must not be empty (不能为空)" });

/** Field messages for the cell-number rule's errors, without the value (the field shows it). */
const CELL_ERROR: Record<CellNumberErrorCode, string> = {
  bad_number: "not a number (不是数字)",
  exponent: "exponent notation such as 1e3 is not accepted: write the number in full (不接受科学计数法（如 1e3），请写出完整数字)",
  too_large: "number too large: at most 15 digits before the decimal point (数字过大：整数部分最多15位)",
  negative_count: "a count cannot be negative (人数、个数不能为负数)",
  negative_amount: "an amount cannot be negative (金额不能为负数)",
  decimal_count: "a count must be a whole number (人数、个数须为整数)",
  too_many_decimals: "an amount in CNY has at most 2 decimals (金额最多保留两位小数，即到分)",
};

/**
 * One form field's text → the value to store: canonical decimal text
 * ("1,200" → "1200", "９.５０" → "9.5"), or null for no value (blank, "—",
 * "无": missing, never 0, which deletes a stored value). Rules are
 * `parseCellNumber`'s (`@linze/import`): counts whole and ≥ 0, CNY ≥ 0 with
 * at most 2 decimals. Returns `{ error }` with an "English (中文)" message.
 */
export function entryValue(element: DataElement, text: string | null): { ok: true; value: string | null } | { ok: false; error: string } {
  const parsed = parseCellNumber(text, element.valueType);
  if (parsed.kind === "missing") return { ok: true, value: null };
  if (parsed.kind === "error") return { ok: false, error: CELL_ERROR[parsed.code] };
  return { ok: true, value: parsed.value };
}

/** The data-entry form of one org unit and one month (`YYYY-MM`). */
export const DataEntryFormInputSchema = z.object({ orgUnit: CodeSchema, period: MonthSchema });
export type DataEntryFormInput = z.infer<typeof DataEntryFormInputSchema>;

const FieldTextSchema = z.string().max(100).nullable();

/**
 * The form's values as sent: an object of code → text. Not `z.record`: zod's
 * record leaves a key "__proto__" out without an issue, so a save of
 * `{ "__proto__": "5" }` succeeded having written nothing; here every own key
 * of the object as parsed from JSON is checked, that one included.
 */
const FieldTextsSchema = z.custom<Record<string, string | null>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), {
  message: "expected an object of data element code → text (应为“数据元代码 → 数值文本”的对象)",
});

/**
 * A save of the form: data element code → the field's text (null or blank:
 * no value). Each value is checked with {@link entryValue}; an unknown code
 * (`__proto__` too) is an issue at `values.<code>`. Output: the values as
 * canonical text or null. (Whether the org unit's level reports a code, and
 * whether the month is locked, the procedure checks: they need the tree and
 * the database.)
 */
export const DataEntrySaveInputSchema = z
  .object({
    orgUnit: CodeSchema,
    period: MonthSchema,
    values: FieldTextsSchema,
  })
  .transform((input, ctx) => {
    const values: Record<string, string | null> = {};
    for (const code of Object.keys(input.values)) {
      const path = ["values", code];
      if (!isDataElementCode(code)) {
        ctx.addIssue({ code: "custom", path, message: `unknown data element "${code}" (未知的数据元)` });
        continue;
      }
      const text = FieldTextSchema.safeParse(input.values[code]);
      if (!text.success) {
        for (const issue of text.error.issues) ctx.addIssue({ code: "custom", path, message: issue.message });
        continue;
      }
      const checked = entryValue(dataElement(code), text.data);
      if (checked.ok) values[code] = checked.value;
      else ctx.addIssue({ code: "custom", path, message: checked.error });
    }
    return { orgUnit: input.orgUnit, period: input.period, values };
  });
export type DataEntrySaveInput = z.input<typeof DataEntrySaveInputSchema>;

/** One data value's key: its history. */
export const ValueHistoryInputSchema = z.object({ orgUnit: CodeSchema, period: MonthSchema, dataElement: CodeSchema });

// --- Imports and column mappings ----------------------------------------------------------------------

/** The words a saved mapping may map a header to besides a data element code. */
export const MAPPING_KEYWORDS = ["orgUnit", "period", "dataElementColumn", "value", "ignore"] as const;

/**
 * A column mapping as saved and typed: normalised header text → a data element
 * code, or one of {@link MAPPING_KEYWORDS} ("orgUnit" the row's org unit,
 * "period" its month, "dataElementColumn"/"value" the long layout's two
 * columns, "ignore" read nothing from it).
 */
export const ColumnMappingSchema = z.record(
  z.string().min(1),
  z.string().refine((t) => (MAPPING_KEYWORDS as readonly string[]).includes(t) || isDataElementCode(t), {
    message: `expected a data element code or one of ${MAPPING_KEYWORDS.join(", ")} (应为数据元代码或 ${MAPPING_KEYWORDS.join("、")})`,
  }),
);
export type ColumnMappingText = z.infer<typeof ColumnMappingSchema>;

/** Base64 of at most 20 MB of file bytes (4 characters per 3 bytes). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const MAX_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;

/**
 * A file to import: its name (the extension chooses CSV or XLSX), its bytes
 * as base64 (≤ 20 MB), the month for a sheet that names none, and a column
 * mapping — a saved mapping's name, or the mapping itself.
 */
export const ImportFileInputSchema = z.object({
  fileName: z.string().min(1).max(255),
  contentBase64: z
    .string()
    .max(MAX_BASE64, { message: "the file is larger than 20 MB (文件超过20 MB)" })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: "not base64 (不是 base64 编码)" }),
  period: MonthSchema.optional(),
  mapping: z.union([z.string().min(1), ColumnMappingSchema]).optional(),
});
export type ImportFileInput = z.infer<typeof ImportFileInputSchema>;

/** A commit: the same file and options, and the SHA-256 (hex) the dry run reported for it. */
export const ImportCommitInputSchema = ImportFileInputSchema.extend({
  expectedSha256: z.string().regex(/^[0-9a-f]{64}$/, { message: "expected the dry run's SHA-256, 64 hex digits (应为试导入给出的 SHA-256)" }),
});
export type ImportCommitInput = z.infer<typeof ImportCommitInputSchema>;

export const MappingSaveInputSchema = z.object({ name: z.string().trim().min(1).max(100), mapping: ColumnMappingSchema });
export const MappingRemoveInputSchema = z.object({ name: z.string().min(1) });
