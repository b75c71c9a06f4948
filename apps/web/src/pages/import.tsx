/**
 * 导入数据 / Import data (issue 4 point 9). Choose a monthly-report file (a
 * labelled file input, or drop it on its box), optionally a month and a saved
 * column mapping, and check it: the file is parsed in the browser in a Web
 * Worker (a progress bar and a polite live region say which phase it is in
 * and which row), then sent to `imports.dryRun`, whose summary is the
 * authoritative one — rows read; values new, updated, unchanged, refused and ignored
 * against the database; total rows skipped; layout, encoding, sheets; locked
 * months; the column mapping used (editable and savable under a name); every
 * problem in a paginated table, errors first. "Confirm import" stays
 * disabled, with the reason, while the file has errors; a commit is all or
 * nothing, its result is announced, and the dashboard's in-browser data are
 * reloaded. Past imports are listed below.
 */
import { useEffect, useId, useRef, useState, type DragEvent, type ReactNode, type RefObject } from "react";
import { flushSync } from "react-dom";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { dataElement, formatNumber, formatPeriod, isDataElementCode, type Locale } from "@linze/domain";
import type { RouterOutputs } from "@linze/api";
import { MAX_IMPORT_BYTES, type ImportFileInput } from "@linze/api/schemas";
import { buttonClass, formatInstant, TableRegion } from "../components/assessment.tsx";
import { StatusIcon } from "../components/icons.tsx";
import { orgUnitName, useLocale } from "../components/locale.ts";
import { messageIn } from "../assessment/logic.ts";
import { RequirePermission } from "../auth/require-permission.tsx";
import { useAbilities } from "../auth/session.ts";
import { useData } from "../data/hooks.ts";
import { refreshDashboardData } from "../data/refresh.ts";
import { trpc } from "../data/trpc.ts";
import { entryMonths } from "../entry/logic.ts";
import { parseInWorker } from "../import/client-parse.ts";
import type { BrowserParse } from "../import/protocol.ts";
import { usePeople } from "../data/people.ts";
import { Person } from "../components/person.tsx";
import {
  ACCEPTED_FILES,
  changedEdits,
  DATA_ELEMENT_TARGETS,
  editedMapping,
  formatBytes,
  isAcceptedFileName,
  MAPPING_WORDS,
  orderProblems,
  pageOf,
  problemCounts,
  reasonsIn,
  targetText,
  type MappingColumn,
} from "../import/logic.ts";

type Summary = RouterOutputs["imports"]["dryRun"];
type CommitResult = RouterOutputs["imports"]["commit"];
type Problem = Summary["problems"][number];
type StoredImport = RouterOutputs["imports"]["list"][number];

/** Where a check is: the live region and the progress bar follow it. */
type Phase =
  | { kind: "idle" }
  | { kind: "reading" }
  | { kind: "parsing"; done: number; total: number }
  | { kind: "validating" }
  | { kind: "checked"; errors: number }
  | { kind: "failed"; message: string };

/** A finished check: the server's summary, the exact input it was made from (to commit the same), the browser's parse. */
interface Checked {
  readonly summary: Summary;
  readonly input: ImportFileInput;
  readonly parsed: BrowserParse;
}

const num = (n: number, locale: Locale) => formatNumber(n, locale);

/** The import page for those who may enter data (data.capture); the others (leadership, auditors) are told so. */
export default function ImportPage() {
  return (
    <RequirePermission permission="data.capture" title="import.heading">
      <ImportForm />
    </RequirePermission>
  );
}

function ImportForm() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree, months } = useData();
  const client = useQueryClient();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const summaryHeadingRef = useRef<HTMLHeadingElement>(null);
  const abortRef = useRef<AbortController | null>(null);

  const [file, setFile] = useState<File | null>(null);
  // Worded when shown, so it follows a change of language (issue 7).
  const [fileError, setFileError] = useState<{ text: () => string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [period, setPeriod] = useState("");
  const [mappingName, setMappingName] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [checked, setChecked] = useState<Checked | null>(null);
  const [focusSummary, setFocusSummary] = useState(false);

  const mappings = useQuery({ queryKey: ["column-mappings"], queryFn: () => trpc.mappings.list.query() });
  // The list of past imports is for roles with imports.view (not a committee member, who may still import).
  const mayListImports = useAbilities().can("imports.view");
  const history = useQuery({ queryKey: ["imports-list"], queryFn: () => trpc.imports.list.query(), enabled: mayListImports });
  const monthOptions = entryMonths(months);

  useEffect(() => () => abortRef.current?.abort(), []);
  useEffect(() => {
    // After a check the keyboard goes to its result, which screen readers then read from its heading.
    if (focusSummary && checked) {
      summaryHeadingRef.current?.focus();
      setFocusSummary(false);
    }
  }, [focusSummary, checked]);

  /** A new file or option makes an earlier check's result stale: it goes, so nothing stale can be confirmed. */
  const forget = () => {
    abortRef.current?.abort();
    setChecked(null);
    setPhase({ kind: "idle" });
  };

  const choose = (f: File | null) => {
    forget();
    setFileError(null);
    if (f && !isAcceptedFileName(f.name)) {
      setFile(null);
      setFileError({ text: () => t("import.notAccepted", { name: f.name }) });
      return;
    }
    if (f && f.size > MAX_IMPORT_BYTES) {
      setFile(null);
      setFileError({ text: () => t("import.tooLarge", { name: f.name }) });
      return;
    }
    setFile(f);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files;
    if (dropped.length === 0) return;
    // The input shows the dropped file as if chosen with it, and stays the one place a file comes from.
    if (fileRef.current) fileRef.current.files = dropped;
    choose(dropped[0]!);
  };

  /** `saved`: a mapping just saved (its name and text), used before the list of mappings is fetched again. */
  const check = async (saved?: { name: string; mapping: Readonly<Record<string, string>> }) => {
    if (!file) {
      setFileError({ text: () => t("import.noFile") });
      fileRef.current?.focus();
      return;
    }
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    const chosenMapping = saved?.name ?? mappingName;
    setChecked(null);
    setPhase({ kind: "reading" });
    try {
      const bytes = await file.arrayBuffer();
      if (controller.signal.aborted) return;
      setPhase({ kind: "parsing", done: 0, total: 0 });
      const savedMapping = saved?.mapping ?? (chosenMapping ? (mappings.data?.find((m) => m.name === chosenMapping)?.mapping ?? null) : null);
      const outcome = await parseInWorker(bytes, file.name, {
        period: period || null,
        mapping: savedMapping,
        orgUnits: tree.all,
        signal: controller.signal,
        onProgress: (done, total) => {
          // Each report reaches the page (and the live region) even when two arrive before React would render.
          if (!controller.signal.aborted) flushSync(() => setPhase({ kind: "parsing", done, total }));
        },
      });
      setPhase({ kind: "validating" });
      const input: ImportFileInput = {
        fileName: file.name,
        contentBase64: outcome.base64,
        ...(period ? { period } : {}),
        ...(chosenMapping ? { mapping: chosenMapping } : {}),
      };
      const summary = await trpc.imports.dryRun.mutate(input);
      if (controller.signal.aborted) return;
      setChecked({ summary, input, parsed: outcome.parsed });
      setPhase({ kind: "checked", errors: summary.errorCount });
      setFocusSummary(true);
    } catch (e) {
      if (controller.signal.aborted) return;
      setPhase({ kind: "failed", message: messageIn(e instanceof Error ? e.message : String(e), locale) });
    }
  };

  const busy = phase.kind === "reading" || phase.kind === "parsing" || phase.kind === "validating";
  const phaseText = (() => {
    switch (phase.kind) {
      case "idle":
        return "";
      case "reading":
        return t("import.phases.reading");
      case "parsing":
        return phase.total > 0 ? t("import.phases.parsing", { done: num(phase.done, locale), total: num(phase.total, locale) }) : t("import.phases.reading");
      case "validating":
        return t("import.phases.validating");
      case "checked":
        return t("import.phases.checked", { verdict: phase.errors === 0 ? t("import.verdictOk") : t("import.verdictErrors", { count: num(phase.errors, locale) }) });
      case "failed":
        return t("import.phases.failed", { message: phase.message });
    }
  })();

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">{t("import.heading")}</h1>
      <p className="max-w-3xl text-sm text-gray-700">{t("import.intro")}</p>

      <section aria-labelledby={`${id}-choose`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
        <h2 id={`${id}-choose`} className="text-lg font-semibold text-gray-900">
          {t("import.chooseHeading")}
        </h2>
        <form
          className="mt-3 grid grid-cols-1 gap-4 lg:grid-cols-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void check();
          }}
          data-testid="import-form"
        >
          <div
            className={`rounded-md border-2 border-dashed p-3 lg:col-span-3 ${dragging ? "border-blue-600 bg-blue-50" : "border-gray-300"}`}
            onDragOver={(e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = "copy";
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="import-drop-zone"
          >
            <label htmlFor={`${id}-file`} className="block text-sm font-medium text-gray-900">
              {t("import.file")}
            </label>
            {/* The native field lies, transparent, over its look-alike: the button's words and the empty state are the page's (in its
                language), not the browser's "Choose File / No file chosen"; a click or a key still opens the browser's file picker. */}
            <div className="relative mt-1 flex items-center gap-3 text-sm">
              <input
                ref={fileRef}
                id={`${id}-file`}
                type="file"
                accept={ACCEPTED_FILES}
                aria-describedby={`${id}-file-hint${fileError ? ` ${id}-file-error` : ""}`}
                aria-invalid={fileError ? "true" : "false"}
                className="peer absolute inset-0 h-full w-full cursor-pointer opacity-0"
                onChange={(e) => choose(e.target.files?.[0] ?? null)}
                data-testid="import-file"
              />
              <span
                aria-hidden="true"
                className="shrink-0 rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white peer-hover:bg-blue-800 peer-focus-visible:ring-2 peer-focus-visible:ring-blue-600 peer-focus-visible:ring-offset-2"
                data-testid="import-file-button"
              >
                {t("import.chooseFile")}
              </span>
              <span aria-hidden="true" className="min-w-0 truncate text-gray-800" data-testid="import-file-name">
                {file ? file.name : t("import.noFileChosen")}
              </span>
            </div>
            <p id={`${id}-file-hint`} className="mt-1 text-xs text-gray-700">
              {dragging ? t("import.dropHere") : t("import.fileHint")}
            </p>
            {file && (
              <p className="mt-1 text-sm text-gray-800" data-testid="import-chosen">
                {t("import.chosen", { name: file.name, size: formatBytes(file.size, locale) })}
              </p>
            )}
            {fileError && (
              <p id={`${id}-file-error`} className="mt-1 flex items-center gap-1 text-sm text-rose-800" data-testid="import-file-error">
                <StatusIcon status="below" className="h-3.5 w-3.5" />
                {fileError.text()}
              </p>
            )}
          </div>
          <div>
            <label htmlFor={`${id}-period`} className="text-sm font-medium text-gray-800">
              {t("import.period")}
            </label>
            <select
              id={`${id}-period`}
              className="field-select"
              value={period}
              onChange={(e) => {
                forget();
                setPeriod(e.target.value);
              }}
              data-testid="import-period"
            >
              <option value="">{t("import.periodFromFile")}</option>
              {monthOptions.map((m) => (
                <option key={m} value={m}>
                  {formatPeriod(m, locale)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-mapping`} className="text-sm font-medium text-gray-800">
              {t("import.mapping")}
            </label>
            <select
              id={`${id}-mapping`}
              className="field-select"
              value={mappingName}
              onChange={(e) => {
                forget();
                setMappingName(e.target.value);
              }}
              data-testid="import-mapping"
            >
              <option value="">{t("import.mappingAuto")}</option>
              {(mappings.data ?? []).map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div className="flex items-end">
            <button type="submit" className={buttonClass.primary} disabled={busy} data-testid="import-check">
              {busy ? t("import.checking") : t("import.check")}
            </button>
          </div>
        </form>
      </section>

      <CheckProgress phase={phase} text={phaseText} busy={busy} />

      {checked && (
        <CheckResult
          key={checked.summary.fileSha256 + JSON.stringify(checked.input.mapping ?? "") + (checked.input.period ?? "")}
          checked={checked}
          headingRef={summaryHeadingRef}
          mappingName={mappingName}
          onCommitted={() => {
            void client.invalidateQueries({ queryKey: ["imports-list"] });
            void refreshDashboardData(client);
          }}
          onMappingSaved={(saved) => {
            setMappingName(saved.name);
            void mappings.refetch();
            void check(saved);
          }}
        />
      )}

      {mayListImports && <ImportHistory imports={history.data} error={history.error} />}
    </div>
  );
}

/** The live region (always in the page, so every change is announced) and, while checking, the progress bar. */
function CheckProgress({ phase, text, busy }: { phase: Phase; text: string; busy: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const determinate = phase.kind === "parsing" && phase.total > 0;
  return (
    <div className={busy || phase.kind === "failed" ? "rounded-lg border border-gray-200 bg-white p-4 shadow-sm" : ""}>
      {busy && (
        <div className="mb-2">
          <span id={`${id}-label`} className="text-sm font-medium text-gray-800">
            {t("import.progressLabel")}
          </span>
          <progress
            aria-labelledby={`${id}-label`}
            aria-describedby={`${id}-text`}
            className="mt-1 block h-3 w-full accent-blue-700"
            max={determinate ? phase.total : undefined}
            value={determinate ? phase.done : undefined}
            data-testid="import-progress"
          />
        </div>
      )}
      <p
        id={`${id}-text`}
        role="status"
        aria-live="polite"
        data-testid="import-phase"
        data-phase={phase.kind}
        className={
          phase.kind === "failed" ? "flex items-center gap-2 text-sm font-medium text-rose-800" : busy ? "text-sm text-gray-800" : "sr-only"
        }
      >
        {phase.kind === "failed" && <StatusIcon status="below" />}
        {text}
      </p>
    </div>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className="rounded-md border border-gray-200 p-3">
      <dt className="text-xs font-medium text-gray-700">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums text-gray-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function CheckResult({
  checked,
  headingRef,
  mappingName,
  onCommitted,
  onMappingSaved,
}: {
  checked: Checked;
  headingRef: RefObject<HTMLHeadingElement>;
  mappingName: string;
  onCommitted: () => void;
  onMappingSaved: (saved: { name: string; mapping: Readonly<Record<string, string>> }) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const { summary } = checked;
  const [committed, setCommitted] = useState<CommitResult | null>(null);

  const commit = useMutation({
    mutationFn: () => trpc.imports.commit.mutate({ ...checked.input, expectedSha256: summary.fileSha256 }),
    onSuccess: (result) => {
      setCommitted(result);
      onCommitted();
    },
  });

  const canConfirm = summary.canCommit && committed === null && !commit.isPending;
  const reasonId = `${id}-reason`;
  const reason = !summary.canCommit
    ? t("import.cannotConfirmErrors", { count: num(summary.errorCount, locale) })
    : committed
      ? t("import.alreadyCommitted")
      : t("import.confirmNote", { new: num(summary.values.new, locale), updated: num(summary.values.updated, locale) });
  const layoutText = t(`import.layouts.${summary.layout ?? "none"}`);
  const encodingText = t(`import.encodings.${summary.encoding ?? "none"}`);

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-5 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="import-summary">
      <h2 id={`${id}-h`} ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-gray-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">
        {t("import.summaryHeading", { file: summary.fileName })}
      </h2>
      <p
        className={`flex items-center gap-2 text-sm font-medium ${summary.canCommit ? "text-emerald-800" : "text-rose-800"}`}
        data-testid="import-verdict"
        data-can-commit={summary.canCommit ? "true" : "false"}
      >
        <StatusIcon status={summary.canCommit ? "met" : "below"} />
        {summary.canCommit ? t("import.verdictOk") : t("import.verdictErrors", { count: num(summary.errorCount, locale) })}
        <span className="font-normal text-gray-700">· {t("import.browserParse", { ms: num(Math.round(checked.parsed.parseMs), locale) })}</span>
      </p>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        <Fact label={t("import.facts.rowsRead")} testId="import-rows-read">
          {num(summary.rowsRead, locale)}
        </Fact>
        <Fact label={t("import.facts.valuesRead")} testId="import-values-read">
          {num(summary.values.read, locale)}
        </Fact>
        <Fact label={t("import.facts.new")} testId="import-new">
          {num(summary.values.new, locale)}
        </Fact>
        <Fact label={t("import.facts.updated")} testId="import-updated">
          {num(summary.values.updated, locale)}
        </Fact>
        <Fact label={t("import.facts.unchanged")} testId="import-unchanged">
          {num(summary.values.unchanged, locale)}
        </Fact>
        <Fact label={t("import.facts.refused")} testId="import-refused">
          {num(summary.values.refused, locale)}
          <span className="block text-xs font-normal text-gray-700">{t("import.facts.refusedDetail")}</span>
        </Fact>
        <Fact label={t("import.facts.ignored")} testId="import-ignored">
          {num(summary.values.ignored, locale)}
          <span className="block text-xs font-normal text-gray-700">
            {t("import.facts.ignoredDetail", { missing: num(summary.ignored.missingCells, locale), skipped: num(summary.ignored.skipped, locale) })}
          </span>
        </Fact>
      </dl>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <div className="flex gap-2">
          <dt className="font-medium text-gray-700">{t("import.facts.totalRows")}</dt>
          <dd data-testid="import-total-rows">{num(summary.totalRowsSkipped, locale)}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-medium text-gray-700">{t("import.facts.layout")}</dt>
          <dd data-testid="import-layout">{layoutText}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-medium text-gray-700">{t("import.facts.encoding")}</dt>
          <dd data-testid="import-encoding">{encodingText}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-medium text-gray-700">{t("import.facts.sheets")}</dt>
          <dd data-testid="import-sheets">{summary.sheets.length > 0 ? summary.sheets.join(locale === "zh-CN" ? "、" : ", ") : t("import.noSheets")}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-medium text-gray-700">{t("import.facts.lockedMonths")}</dt>
          <dd data-testid="import-locked-months">
            {summary.lockedMonths.length > 0 ? summary.lockedMonths.map((m) => formatPeriod(m.month, locale)).join(locale === "zh-CN" ? "、" : ", ") : t("import.none")}
          </dd>
        </div>
        <div className="flex min-w-0 gap-2">
          <dt className="font-medium text-gray-700">{t("import.facts.fileHash")}</dt>
          <dd className="truncate font-mono text-xs leading-5" title={summary.fileSha256}>
            {summary.fileSha256}
          </dd>
        </div>
      </dl>

      <div className="flex flex-wrap items-center gap-3 rounded-md border border-gray-200 bg-gray-50 p-3">
        <button
          type="button"
          className={buttonClass.primary}
          disabled={!canConfirm}
          aria-describedby={reasonId}
          onClick={() => commit.mutate()}
          data-testid="import-confirm"
        >
          {commit.isPending ? t("import.confirming") : t("import.confirm")}
        </button>
        <p id={reasonId} className="flex items-center gap-1 text-sm text-gray-800" data-testid="import-confirm-reason">
          {!summary.canCommit && <StatusIcon status="below" className="h-3.5 w-3.5" />}
          {reason}
        </p>
        <div role="status" aria-live="polite" className="w-full text-sm" data-testid="import-result">
          {committed && (
            <p className="flex items-center gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-2 font-medium text-emerald-900">
              <StatusIcon status="met" />
              {t("import.committed", {
                id: committed.importId,
                new: num(committed.values.new, locale),
                updated: num(committed.values.updated, locale),
                unchanged: num(committed.values.unchanged, locale),
                ignored: num(committed.values.ignored, locale),
              })}
              {committed.violations.length > 0 && ` ${t("import.violationsCount", { count: committed.violations.length })}`}
            </p>
          )}
        </div>
        {commit.error && (
          <p role="alert" className="flex w-full items-center gap-1 text-sm font-medium text-rose-800" data-testid="import-commit-error">
            <StatusIcon status="below" />
            {t("import.commitFailed", { message: messageIn(commit.error.message, locale) })}
          </p>
        )}
      </div>

      {committed && <ViolationsAfterImport rows={committed.violations} />}
      {summary.changesTotal > 0 && <Changes summary={summary} />}
      <Problems problems={summary.problems} />
      <MappingEditor summary={summary} mappingName={mappingName} onSaved={onMappingSaved} />
    </section>
  );
}

/** The validation rules broken after the commit (issue 4 point 5): the import stands; the rows say what to check. */
function ViolationsAfterImport({ rows }: { rows: CommitResult["violations"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`} className="space-y-2" data-testid="import-violations">
      <h3 id={`${id}-h`} className="text-base font-semibold text-gray-900">
        {t("import.violationsHeading")}
      </h3>
      {rows.length === 0 ? (
        <p className="text-sm text-gray-700" data-testid="import-violations-none">
          {t("import.violationsNone")}
        </p>
      ) : (
        <>
          <p className="flex items-center gap-1 text-sm font-medium text-amber-900" data-testid="import-violations-count">
            <StatusIcon status="below" className="h-3.5 w-3.5" />
            {t("import.violationsCount", { count: rows.length })}
          </p>
          <TableRegion label={t("import.violationsCaption")}>
            <table className="data-table">
              <caption className="sr-only">{t("import.violationsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.violationsRule")}</th>
                  <th scope="col">{t("import.violationsOrgUnit")}</th>
                  <th scope="col">{t("import.violationsMonth")}</th>
                  <th scope="col">{t("import.violationsDetail")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((v) => (
                  <tr key={`${v.rule}-${v.orgUnit}-${v.period}`} data-testid={`import-violation-${v.rule}-${v.orgUnit}-${v.period}`}>
                    <td>{locale === "zh-CN" ? v.ruleNameZh : v.ruleNameEn}</td>
                    <td className="whitespace-nowrap">{orgUnitName(tree.get(v.orgUnit), locale)}</td>
                    <td className="whitespace-nowrap">{formatPeriod(v.period, locale)}</td>
                    <td>{locale === "zh-CN" ? v.textZh : v.textEn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
      <p className="text-sm">
        <Link to="/quality" className="text-blue-800 underline">
          {t("import.violationsLink")}
        </Link>
      </p>
    </section>
  );
}

/** The values a commit would change, previous → new (the server lists the first 500). */
function Changes({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const caption = t("import.changesCaption");
  const changeWhere = (l: { sheet: string | null; row: number | null; column: string | null }) =>
    [l.sheet, l.row !== null ? t("import.rowN", { row: l.row }) : null, l.column !== null ? t("import.columnC", { column: l.column }) : null].filter((x) => x !== null).join(" · ");
  const shown = (v: string | null) => (v === null ? "—" : num(Number(v), locale));
  return (
    <details className="text-sm" data-testid="import-changes">
      <summary className="cursor-pointer font-medium text-blue-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">
        {t("import.changesHeading", { count: num(summary.changesTotal, locale) })}
      </summary>
      {summary.changes.length < summary.changesTotal && (
        <p className="mt-1 text-gray-700">{t("import.changesShown", { shown: num(summary.changes.length, locale), total: num(summary.changesTotal, locale) })}</p>
      )}
      <TableRegion label={caption}>
        <table className="data-table mt-2 min-w-[40rem]">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.changeColumns.orgUnit")}</th>
              <th scope="col">{t("import.changeColumns.period")}</th>
              <th scope="col">{t("import.changeColumns.dataElement")}</th>
              <th scope="col" className="num">
                {t("import.changeColumns.change")}
              </th>
              <th scope="col">{t("import.changeColumns.location")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.changes.map((c, i) => {
              const element = isDataElementCode(c.dataElement) ? dataElement(c.dataElement) : null;
              return (
                <tr key={i}>
                  <td>{tree.has(c.orgUnit) ? orgUnitName(tree.get(c.orgUnit), locale) : c.orgUnit}</td>
                  <td>{formatPeriod(c.period, locale)}</td>
                  <td>{element ? (locale === "zh-CN" ? element.nameZh : element.nameEn) : c.dataElement}</td>
                  <td className="num whitespace-nowrap">
                    {shown(c.previous)} → {shown(c.value)} <span className="text-xs text-gray-700">{t("import.changeKind", { kind: t(`import.changeKinds.${c.kind}`) })}</span>
                  </td>
                  <td className="whitespace-nowrap">{c.location ? changeWhere(c.location) : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </details>
  );
}

/** The problem table: errors first, 50 a page, the reason in the page's language with the other one below it. */
function Problems({ problems }: { problems: readonly Problem[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const ordered = orderProblems(problems);
  const counts = problemCounts(problems);
  const [page, setPage] = useState(0);
  const shown = pageOf(ordered, page);
  const caption = t("import.problemsCaption");
  return (
    <section aria-labelledby={`${id}-h`} data-testid="import-problems">
      <h3 id={`${id}-h`} className="text-base font-semibold text-gray-900" data-testid="import-problem-counts">
        {t("import.problemsHeading", { errors: num(counts.errors, locale), warnings: num(counts.warnings, locale) })}
      </h3>
      {ordered.length === 0 ? (
        <p className="mt-1 text-sm text-gray-700">{t("import.noProblems")}</p>
      ) : (
        <>
          <TableRegion label={caption}>
            <table className="data-table mt-2 min-w-[48rem]" data-testid="import-problem-table">
              <caption className="sr-only">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.problemColumns.severity")}</th>
                  <th scope="col">{t("import.problemColumns.file")}</th>
                  <th scope="col">{t("import.problemColumns.sheet")}</th>
                  <th scope="col" className="num">
                    {t("import.problemColumns.row")}
                  </th>
                  <th scope="col">{t("import.problemColumns.column")}</th>
                  <th scope="col">{t("import.problemColumns.value")}</th>
                  <th scope="col">{t("import.problemColumns.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.items.map((p, i) => {
                  const r = reasonsIn(p, locale);
                  return (
                    <tr key={`${shown.page}-${i}`} data-severity={p.severity} data-code={p.code}>
                      <td className="whitespace-nowrap">
                        <span className={`inline-flex items-center gap-1 font-medium ${p.severity === "error" ? "text-rose-800" : "text-amber-900"}`}>
                          <StatusIcon status={p.severity === "error" ? "below" : "near"} className="h-3.5 w-3.5" />
                          {t(`import.severity.${p.severity}`)}
                        </span>
                      </td>
                      <td className="max-w-[12rem] break-words">{p.file}</td>
                      <td>{p.sheet ?? "—"}</td>
                      <td className="num">{p.row > 0 ? p.row : t("import.wholeFile")}</td>
                      <td>
                        {p.column ?? (p.row > 0 ? t("import.wholeRow") : "—")}
                        {p.header && <span className="block text-xs text-gray-700">{p.header}</span>}
                      </td>
                      <td className="break-all font-mono text-xs">{p.value ?? "—"}</td>
                      <td>
                        <span>{r.main}</span>
                        <span lang={r.otherLang} className="mt-0.5 block text-xs text-gray-700">
                          {r.other}
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
          {shown.pages > 1 && (
            <nav aria-label={t("import.pagination")} className="mt-2 flex flex-wrap items-center gap-3 text-sm">
              <button type="button" className={buttonClass.secondary} disabled={shown.page === 0} onClick={() => setPage(shown.page - 1)} data-testid="import-problems-previous">
                {t("import.previousPage")}
              </button>
              <span aria-live="polite" data-testid="import-problems-page">
                {t("import.pageStatus", {
                  first: num(shown.first, locale),
                  last: num(shown.last, locale),
                  total: num(shown.total, locale),
                  page: shown.page + 1,
                  pages: shown.pages,
                })}
              </span>
              <button type="button" className={buttonClass.secondary} disabled={shown.page >= shown.pages - 1} onClick={() => setPage(shown.page + 1)} data-testid="import-problems-next">
                {t("import.nextPage")}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

/** The mapping used, a select per column to change it, and a name to save it under (then the file is checked again with it). */
function MappingEditor({
  summary,
  mappingName,
  onSaved,
}: {
  summary: Summary;
  mappingName: string;
  onSaved: (saved: { name: string; mapping: Readonly<Record<string, string>> }) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const columns = summary.columns as readonly MappingColumn[];
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [name, setName] = useState(mappingName);
  const [nameError, setNameError] = useState("");
  const changed = changedEdits(columns, edits);
  const save = useMutation({
    mutationFn: (input: { name: string; mapping: Record<string, string> }) => trpc.mappings.save.mutate(input),
    onSuccess: (saved) => onSaved({ name: saved.name, mapping: saved.mapping }),
  });
  const caption = t("import.mappingCaption");
  const elementName = (code: string) => {
    const d = dataElement(code);
    return locale === "zh-CN" ? d.nameZh : d.nameEn;
  };
  if (columns.length === 0) return null;

  return (
    <section aria-labelledby={`${id}-h`} data-testid="import-mapping-editor">
      <h3 id={`${id}-h`} className="text-base font-semibold text-gray-900">
        {t("import.mappingHeading")}
      </h3>
      <p className="mt-1 max-w-3xl text-sm text-gray-700">{t("import.mappingIntro")}</p>
      <TableRegion label={caption}>
        <table className="data-table mt-2 min-w-[40rem]" data-testid="import-mapping-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.mappingColumns.sheet")}</th>
              <th scope="col">{t("import.mappingColumns.column")}</th>
              <th scope="col">{t("import.mappingColumns.header")}</th>
              <th scope="col">{t("import.mappingColumns.target")}</th>
              <th scope="col">{t("import.mappingColumns.source")}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => {
              const used = targetText(c.target);
              const value = edits[c.key] ?? used ?? "";
              const header = c.header || t("import.noHeader");
              return (
                <tr key={`${c.sheet ?? ""}|${c.column}`} data-testid={`import-mapping-row-${c.column}`} data-source={c.source}>
                  <td>{c.sheet ?? "—"}</td>
                  <td>{c.column}</td>
                  <th scope="row" className="font-normal">
                    {header}
                  </th>
                  <td>
                    {c.key === "" ? (
                      <span>{used ? (isDataElementCode(used) ? elementName(used) : t(`import.words.${used as "orgUnit"}`)) : t("import.unmatched")}</span>
                    ) : (
                      <select
                        className="field-select mt-0 min-w-[14rem]"
                        aria-label={t("import.mappingTargetOf", { column: c.column, header })}
                        value={value}
                        onChange={(e) => setEdits((prev) => ({ ...prev, [c.key]: e.target.value }))}
                        data-testid={`import-mapping-target-${c.column}`}
                      >
                        {used === null && <option value="">{t("import.unmatched")}</option>}
                        <optgroup label={t("import.wordsGroup")}>
                          {MAPPING_WORDS.map((w) => (
                            <option key={w} value={w}>
                              {t(`import.words.${w}`)}
                            </option>
                          ))}
                        </optgroup>
                        <optgroup label={t("import.elementsGroup")}>
                          {DATA_ELEMENT_TARGETS.map((code) => (
                            <option key={code} value={code}>
                              {t("import.elementOption", { name: elementName(code), code })}
                            </option>
                          ))}
                        </optgroup>
                      </select>
                    )}
                  </td>
                  <td className="whitespace-nowrap">
                    {c.source === "unmatched" && <StatusIcon status="near" className="mr-1 inline h-3.5 w-3.5 align-[-2px]" />}
                    {t(`import.sources.${c.source}`)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
      <form
        className="mt-3 flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setNameError("");
          const trimmed = name.trim();
          if (!trimmed) {
            setNameError(t("import.mappingNameRequired"));
            return;
          }
          const mapping = editedMapping(summary.mapping, Object.fromEntries(changed.map((k) => [k, edits[k]!])));
          save.mutate({ name: trimmed, mapping: mapping ?? {} });
        }}
      >
        <div>
          <label htmlFor={`${id}-name`} className="text-sm font-medium text-gray-800">
            {t("import.mappingName")}
          </label>
          <input
            id={`${id}-name`}
            type="text"
            className="field-select"
            value={name}
            maxLength={100}
            aria-invalid={nameError ? "true" : "false"}
            aria-describedby={`${id}-name-hint${nameError ? ` ${id}-name-error` : ""}`}
            onChange={(e) => setName(e.target.value)}
            data-testid="import-mapping-name"
          />
          <p id={`${id}-name-hint`} className="mt-1 text-xs text-gray-700">
            {t("import.mappingNameHint")}
          </p>
        </div>
        <button type="submit" className={buttonClass.secondary} disabled={save.isPending} data-testid="import-mapping-save">
          {save.isPending ? t("import.savingMapping") : t("import.saveMapping")}
        </button>
        <span className="text-sm text-gray-700" data-testid="import-mapping-changed">
          {changed.length > 0 ? t("import.mappingChanged", { count: changed.length }) : ""}
        </span>
        {nameError && (
          <p id={`${id}-name-error`} className="flex w-full items-center gap-1 text-sm text-rose-800">
            <StatusIcon status="below" className="h-3.5 w-3.5" />
            {nameError}
          </p>
        )}
        {save.error && (
          <p role="alert" className="flex w-full items-center gap-1 text-sm font-medium text-rose-800">
            <StatusIcon status="below" />
            {t("import.mappingFailed", { message: messageIn(save.error.message, locale) })}
          </p>
        )}
      </form>
    </section>
  );
}

function ImportHistory({ imports, error }: { imports: readonly StoredImport[] | undefined; error: Error | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const person = usePeople((imports ?? []).map((i) => i.committedBy));
  const caption = t("import.historyCaption");
  return (
    <section aria-labelledby={`${id}-h`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="import-history">
      <h2 id={`${id}-h`} className="text-lg font-semibold text-gray-900">
        {t("import.historyHeading")}
      </h2>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-rose-800">
          {messageIn(error.message, locale)}
        </p>
      ) : !imports ? null : imports.length === 0 ? (
        <p className="mt-1 text-sm text-gray-700">{t("import.historyEmpty")}</p>
      ) : (
        <TableRegion label={caption}>
          <table className="data-table mt-2 min-w-[48rem]" data-testid="import-history-table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("import.historyColumns.id")}
                </th>
                <th scope="col">{t("import.historyColumns.file")}</th>
                <th scope="col">{t("import.historyColumns.at")}</th>
                <th scope="col">{t("import.historyColumns.by")}</th>
                <th scope="col" className="num">
                  {t("import.historyColumns.rows")}
                </th>
                <th scope="col" className="num">
                  {t("import.historyColumns.new")}
                </th>
                <th scope="col" className="num">
                  {t("import.historyColumns.updated")}
                </th>
                <th scope="col" className="num">
                  {t("import.historyColumns.unchanged")}
                </th>
                <th scope="col" className="num">
                  {t("import.historyColumns.ignored")}
                </th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id} data-testid={`import-history-${i.id}`}>
                  <td className="num">{i.id}</td>
                  <td className="break-all">{i.fileName}</td>
                  <td className="whitespace-nowrap">{formatInstant(i.committedAt, locale)}</td>
                  <td>
                    <Person id={i.committedBy} name={person} />
                  </td>
                  <td className="num">{num(i.rowsRead, locale)}</td>
                  <td className="num">{num(i.valuesNew, locale)}</td>
                  <td className="num">{num(i.valuesUpdated, locale)}</td>
                  <td className="num">{num(i.valuesUnchanged, locale)}</td>
                  <td className="num">{num(i.valuesIgnored, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
