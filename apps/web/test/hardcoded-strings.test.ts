/**
 * Issue 7 point 6: every user-visible string goes through i18n. This parses
 * each apps/web/src/**\/*.tsx with the TypeScript compiler API and lists, as
 * file:line, the literal text a user would see or hear that is not a `t(...)`
 * call: JSX text children, string literals rendered as children (`{"…"}`,
 * `{cond ? "…" : x}`), and the aria-label, aria-description, aria-roledescription,
 * aria-valuetext, title, placeholder, alt and label attributes given as literals. A
 * literal counts when it has a letter (Latin, CJK, any script); punctuation,
 * digits and symbols alone (“—”, “·”, “:”, “%”) are layout, not language.
 * Also any string or template literal with Chinese characters anywhere in the
 * code (state, fallbacks, interpolations): such text is always meant for a
 * reader, never an identifier or a class name.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));
const VISIBLE_ATTRIBUTES = new Set(["aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "aria-placeholder", "title", "placeholder", "alt", "label"]);
const HAS_LETTER = /\p{L}/u;
const HAS_HAN = /\p{Script=Han}/u;
/** An i18n key ("auth.users.heading"): a component may take one in a prop and translate it itself. */
const I18N_KEY = /^[a-z][\w-]*(\.[\w-]+)+$/;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsxFiles(p);
    return e.name.endsWith(".tsx") ? [p] : [];
  });
}

/** String literals an expression can evaluate to directly (through ?:, ||, ??, && and parentheses). */
function literalsOf(e: ts.Expression): (ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression)[] {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e)) return [e];
  if (ts.isParenthesizedExpression(e)) return literalsOf(e.expression);
  if (ts.isConditionalExpression(e)) return [...literalsOf(e.whenTrue), ...literalsOf(e.whenFalse)];
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(e.operatorToken.kind)) {
    return [...literalsOf(e.left), ...literalsOf(e.right)];
  }
  return [];
}

/** The literal words of a string or template literal (a template's `${…}` parts left out). */
function literalText(l: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  if (ts.isTemplateExpression(l)) return [l.head.text, ...l.templateSpans.map((s) => s.literal.text)].join(" ");
  return l.text;
}

/** "file:line: text" for each hard-coded user-visible string in one .tsx source. */
function hardCodedStrings(fileName: string, source: string): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const seen = new Set<ts.Node>();
  const report = (node: ts.Node, text: string) => {
    seen.add(node);
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push(`${fileName}:${line + 1}: ${JSON.stringify(text.trim().replace(/\s+/g, " "))}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (HAS_LETTER.test(node.text)) report(node, node.text);
    } else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const l of literalsOf(node.expression)) if (HAS_LETTER.test(literalText(l))) report(l, literalText(l));
    } else if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      const literals = ts.isStringLiteral(init) ? [init] : ts.isJsxExpression(init) && init.expression ? literalsOf(init.expression) : [];
      // On a component (capitalised tag) the prop may be a key the component translates; on an HTML element it is shown as is.
      const tag = node.parent.parent.tagName.getText(sf);
      const component = /^[A-Z]/.test(tag) || tag.includes(".");
      for (const l of literals) {
        const text = literalText(l);
        if (HAS_LETTER.test(text) && !(component && I18N_KEY.test(text))) report(l, `${node.name.getText(sf)}=${text}`);
      }
    } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && HAS_HAN.test(literalText(node))) {
      if (!seen.has(node)) report(node, literalText(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe("hard-coded UI strings", () => {
  it("finds text, literal children and labelling attributes, and leaves t(...) calls, symbols and class names alone", () => {
    const sample = [
      `const A = () => (`,
      `  <div className="p-2" aria-label={t("a.b")} title="Hello">`,
      `    <h1>{t("x")}</h1>`,
      `    <p>未上报</p>`,
      `    <span aria-hidden="true">— · %</span>`,
      `    {ok ? "Saved" : t("y")}`,
      `    <img alt={\`Chart of \${name}\`} src="/a.png" />`,
      `    <input placeholder={t("p")} type="text" />`,
      `    {t("k", { month: \`\${y}年\` })}`,
      `    {t("k", { status: ok ? "好" : "x" })}`,
      `    <Guard title="auth.users.heading" label="Users" />`,
      `    <p title="auth.users.heading" />`,
      `  </div>`,
      `);`,
    ].join("\n");
    expect(hardCodedStrings("sample.tsx", sample)).toEqual([
      `sample.tsx:2: "title=Hello"`,
      `sample.tsx:4: "未上报"`,
      `sample.tsx:6: "Saved"`,
      `sample.tsx:7: "alt=Chart of"`,
      `sample.tsx:9: "年"`,
      `sample.tsx:10: "好"`,
      `sample.tsx:11: "label=Users"`,
      `sample.tsx:12: "title=auth.users.heading"`,
    ]);
  });

  it("none in apps/web/src/**/*.tsx: every string goes through t(...)", () => {
    const files = tsxFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => hardCodedStrings(path.relative(path.resolve(SRC, "../../.."), f), readFileSync(f, "utf8")));
    expect(found).toEqual([]);
  });
});
