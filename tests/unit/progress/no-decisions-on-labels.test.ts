import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { LIGHT_REASON_LABELS, MEASURE_STATUS_LABELS } from "@/lib/reporting/lights.ts";
import { REVIEW_STATE_LABELS } from "@/lib/progress/schema.ts";

// Rules decide on codes, never on display words: no code in lib, app or
// components compares, searches or switches on the words of a light's reason
// (LIGHT_REASON_LABELS), a measure's status or a report's review state. Those
// words are only rendered. The same check as a one-line grep (issue 16,
// acceptance 2; empty output when clean):
//
// grep -rnP --include='*.ts' --include='*.tsx' --exclude-dir=generated '(===|!==|==|!=)\s*[\x22\x27\x60][^\x22\x27\x60]*(已完成|已逾期)|(已完成|已逾期)[^\x22\x27\x60]*[\x22\x27\x60]\s*(===|!==|==|!=)|\.(includes|startsWith|endsWith|indexOf|test|match)\(\s*[\x22\x27\x60/][^)]*(已完成|已逾期)|/[^/\n]*(已完成|已逾期)[^/\n]*/[a-z]*\.test\(|case\s+[\x22\x27\x60][^\x22\x27\x60]*(已完成|已逾期)|(=|<>)\s*\x27[^\x27]*(已完成|已逾期)' lib app components

const ROOT = join(import.meta.dirname, "..", "..", "..");

/** The fixed words of every label: a template's text between its {placeholders}, two characters or more. */
function labelWords(): string[] {
  const labels = [
    ...Object.values(LIGHT_REASON_LABELS),
    ...Object.values(MEASURE_STATUS_LABELS),
    ...Object.values(REVIEW_STATE_LABELS),
    "未报送",
  ];
  const words = labels.flatMap((label) => label.split(/\{\w+\}/).map((part) => part.trim()));
  return [...new Set(words.filter((w) => w.length >= 2 && /\p{Script=Han}/u.test(w)))];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Patterns of a decision on a literal that holds one of the words. */
function decisionPatterns(words: readonly string[]): RegExp[] {
  const word = `(?:${words.map(escape).join("|")})`;
  const literal = `(?:"[^"\\n]*${word}[^"\\n]*"|'[^'\\n]*${word}[^'\\n]*'|\`[^\`\\n]*${word}[^\`\\n]*\`)`;
  return [
    new RegExp(`(?:===|!==|==|!=)\\s*${literal}`, "u"),
    new RegExp(`${literal}\\s*(?:===|!==|==|!=)`, "u"),
    new RegExp(`\\.(?:includes|startsWith|endsWith|indexOf|lastIndexOf)\\(\\s*${literal}`, "u"),
    new RegExp(`\\bcase\\s+${literal}\\s*:`, "u"),
    new RegExp(`/[^/\\n]*${word}[^/\\n]*/[a-z]*\\.(?:test|exec)\\(`, "u"),
    new RegExp(`\\.(?:match|search|replace)\\(\\s*/[^/\\n]*${word}`, "u"),
    // SQL: WHERE x = '已完成', x <> '已逾期'
    new RegExp(`(?:=|<>)\\s*'[^'\\n]*${word}[^'\\n]*'`, "u"),
  ];
}

/**
 * Patterns of a decision on an error's message: comparing it (or anything) with
 * ERROR_MESSAGES' words, comparing a `.message`, or cutting a message up with a
 * regex or a search. The code, `generic` and `detail` of AppError decide instead.
 */
const MESSAGE_PATTERNS: readonly RegExp[] = [
  /(?:===|!==|==|!=)\s*ERROR_MESSAGES\b/,
  /\bERROR_MESSAGES(?:\.\w+|\[[^\]]+\])\s*(?:===|!==|==|!=)/,
  /\.message\s*(?:===|!==|==|!=)/,
  /(?:===|!==|==|!=)\s*[\w.?!]*\.message\b(?!\s*\.)/,
  /\.message\??\.(?:replace|replaceAll|match|matchAll|search|split|slice|substring|startsWith|endsWith|includes|indexOf|lastIndexOf)\(/,
  /\/[^/\n]+\/[a-z]*\.(?:test|exec)\([\w.?!]*\.message\b/,
];

function offendingLines(source: string, patterns: readonly RegExp[]): string[] {
  return source.split("\n").filter((line) => patterns.some((p) => p.test(line)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" || name === "node_modules" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("no rule decides on display words", () => {
  const patterns = decisionPatterns(labelWords());

  it("the label words include the reasons and states", () => {
    expect(labelWords()).toEqual(
      expect.arrayContaining(["已完成", "已逾期", "今日到期", "尚未启动", "进展正常", "时间节点「", ")报送被退回", "未报送", "被退回"]),
    );
  });

  it.each<[string, boolean]>([
    ['if (overall.reason !== "已完成") return;', true],
    ['done: t.light === "GREEN" && t.reason === "已完成"', true],
    ['"已逾期" === label', true],
    ["r.reviewState !== '未报送'", true],
    ['if (reason.startsWith("本期(")) {', true],
    ['reason.includes("已逾期")', true],
    ['case "进展正常":', true],
    ["if (/已逾期/.test(reason)) {", true],
    ["WHERE s.\"label\" = '已完成'", true],
    ['return { light: "GREEN", reason: "已完成" };', false],
    ['<span>{a.reason}</span> <span>"已完成"</span>', false],
    ['COMPLETED: "已完成",', false],
    ['{ header: "已逾期", value: (r) => r.overdue }', false],
    ['if (x.reasonCode === "COMPLETED") return;', false],
  ])("%s → flagged %s", (line, flagged) => {
    expect(offendingLines(line, patterns).length > 0).toBe(flagged);
  });

  it.each<[string, boolean]>([
    // The lines before issue 16's review, each a decision on a message's words.
    [": error.message === ERROR_MESSAGES.CONFLICT", true],
    [': error.message.replace(/[,,。]?请刷新后.*$/, "");', true],
    [
      'return new CliImportStop(error.message === ERROR_MESSAGES.VALIDATION && fields.length ? fields.join(";") : error.message, fields);',
      true,
    ],
    ['const reason = failure.message.replace(/^未识别为规划或年度报告:/, "");', true],
    ["if (ERROR_MESSAGES.NOT_FOUND !== result.message) return;", true],
    ["if (/请刷新/.test(error.message)) {", true],
    ['if (result.message?.startsWith("未识别")) {', true],
    // Deciding on codes and data, or rendering a message, is fine.
    [': error.code === "CONFLICT" && error.generic', false],
    [": (error.detail ?? error.message);", false],
    ['return { ok: false, code: "VALIDATION", message: ERROR_MESSAGES.VALIDATION, fieldErrors: fieldErrorsOf(parsed.error) };', false],
    ["LOCKED: ERROR_MESSAGES.LOCKED,", false],
    ['setStatus({ kind: "error", message: error.message });', false],
    ["const message = failure.message;", false],
  ])("message decision %s → flagged %s", (line, flagged) => {
    expect(offendingLines(line, MESSAGE_PATTERNS).length > 0).toBe(flagged);
  });

  it("lib, app and components decide on no error message", () => {
    const offenders = ["lib", "app", "components"]
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .flatMap((file) =>
        offendingLines(readFileSync(file, "utf8"), MESSAGE_PATTERNS).map((line) => `${relative(ROOT, file)}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it("lib, app and components have none", () => {
    const offenders = ["lib", "app", "components"]
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .flatMap((file) => offendingLines(readFileSync(file, "utf8"), patterns).map((line) => `${relative(ROOT, file)}: ${line.trim()}`));
    expect(offenders).toEqual([]);
  });
});
