import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import { decodePastedText, ImportInputError } from "@/lib/import/decode.ts";
import type { ParsedDocument } from "@/lib/import/types.ts";
import { readSeed, SEEDS } from "./seeds.ts";

// Randomised robustness test of the document parsers: thousands of mangled
// versions of the five seed documents must parse without throwing, into a
// well-formed result, quickly. Everything is driven by one seeded PRNG, so a
// failure replays exactly:
//   FUZZ_SEED=<seed> FUZZ_CASE=<case> npx vitest run --project unit tests/unit/import/fuzz.test.ts
// (FUZZ_CASES=<n> runs more or fewer cases.) Nothing is mocked.

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed2026) >>> 0;
const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const ONLY_CASE = process.env.FUZZ_CASE === undefined ? null : Number(process.env.FUZZ_CASE);
/** A hang guard, not a benchmark: the seeds themselves parse in about 1–12 ms. */
const PARSE_BUDGET_MS = 200;

// ---------------------------------------------------------------- PRNG

/** mulberry32: tiny, fast, good enough to drive mutations. Returns [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = {
  next: () => number;
  int: (max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
};

function rngFor(seed: number, stream: number): Rng {
  // Each case has its own stream, so one case replays without running the others.
  const next = mulberry32(seed ^ Math.imul(stream + 1, 0x9e3779b1));
  const int = (max: number) => Math.floor(next() * max);
  return { next, int, pick: (items) => items[int(items.length)]!, chance: (p) => next() < p };
}

// ---------------------------------------------------------------- inputs

const SEED_NAMES = Object.keys(SEEDS) as (keyof typeof SEEDS)[];
const SEED_TEXTS = SEED_NAMES.map((name) => readSeed(name));
const SEED_LINES = SEED_TEXTS.map((text) => text.split("\n"));

const CONTROL_CHARS = [...Array(32).keys()]
  .filter((c) => c !== 10)
  .map((c) => String.fromCharCode(c))
  .concat("\u007f");
const ODD_CHARS = [
  "（",
  "）",
  "〔",
  "〕",
  "、",
  ";",
  ":",
  "，",
  "\uFFFD",
  "(",
  ")",
  "[",
  "]",
  "【",
  "】",
  "《",
  "》",
  "“",
  "”",
  "。",
  ";",
  ":",
  "\u3000",
  "\u00a0",
  "\u200b",
  "\ufeff",
  "\u2028",
  "\u0085",
  "\t",
  " ",
  "—",
  "-",
  "~",
  ".",
  "一",
  "二",
  "十",
  "百",
  "①",
  "㉑",
  "㊿",
  "0",
  "1",
  "9",
  "年",
  "月",
  "日",
  "\ud83d\ude00",
  "\ud800",
];
/** Fragments the parsers look for, so mutations reach their branches. */
const TOKENS = [
  "牵头单位:",
  "责任单位:",
  "完成时限:",
  "牵头单位",
  "责任单位",
  "序号",
  "项目",
  "具体项目",
  "主要任务",
  "牵头、责任部门",
  "完成时限",
  "1.",
  "12.",
  "1.1",
  "1.1.1",
  "(一)",
  "(十二)",
  "一、",
  "二十、",
  "(3)",
  "一是",
  "第一,",
  "〔牵头单位:区司法局〕",
  "(牵头单位:区司法局;责任单位:区直各部门;完成时限:2025年底前)",
  "2022年年底前",
  "长期坚持",
  "持续推进",
  "2025年6月",
  "区直各部门",
  "各街办",
  "区委(党组)",
  "发文字号:",
  "发布日期:2024-01-01",
  "〔2023〕5号",
  "法治政府建设年度报告",
  "2024年",
  "分工方案",
  "行动计划",
  "关于印发《",
  "》的通知",
  "主要举措和成效",
  "存在的不足和原因",
  "下一年度主要安排",
];

function randomChars(rng: Rng): string {
  const pool = rng.pick([CONTROL_CHARS, ODD_CHARS, ODD_CHARS, TOKENS, TOKENS]);
  return Array.from({ length: 1 + rng.int(4) }, () => rng.pick(pool)).join("");
}

type Mutation = { name: string; apply: (text: string, rng: Rng) => string };

const lineMutation = (name: string, fn: (lines: string[], rng: Rng) => string[]): Mutation => ({
  name,
  apply: (text, rng) => fn(text.split("\n"), rng).join("\n"),
});

const MUTATIONS: Mutation[] = [
  lineMutation("deleteLines", (lines, rng) => {
    const at = rng.int(lines.length);
    lines.splice(at, 1 + rng.int(rng.chance(0.2) ? 40 : 3));
    return lines;
  }),
  lineMutation("duplicateLines", (lines, rng) => {
    const at = rng.int(lines.length);
    const block = lines.slice(at, at + 1 + rng.int(5));
    lines.splice(rng.int(lines.length + 1), 0, ...Array.from({ length: 1 + rng.int(3) }, () => block).flat());
    return lines;
  }),
  lineMutation("swapLines", (lines, rng) => {
    for (let n = 1 + rng.int(5); n > 0; n--) {
      const [i, j] = [rng.int(lines.length), rng.int(lines.length)];
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    return lines;
  }),
  {
    name: "insertChars",
    apply: (text, rng) => {
      let out = text;
      for (let n = 1 + rng.int(20); n > 0; n--) {
        const at = rng.int(out.length + 1);
        out = out.slice(0, at) + randomChars(rng) + out.slice(at);
      }
      return out;
    },
  },
  {
    name: "replaceChars",
    apply: (text, rng) => {
      const chars = [...text];
      for (let n = 1 + rng.int(30); n > 0 && chars.length; n--) chars[rng.int(chars.length)] = randomChars(rng);
      return chars.join("");
    },
  },
  { name: "truncate", apply: (text, rng) => text.slice(0, rng.int(text.length + 1)) },
  { name: "truncateStart", apply: (text, rng) => text.slice(rng.int(text.length + 1)) },
  { name: "joinAllLines", apply: (text, rng) => text.split("\n").join(rng.pick(["", " ", "\t"])) },
  {
    name: "splitLines",
    apply: (text, rng) => {
      let out = text;
      for (let n = 1 + rng.int(30); n > 0; n--) {
        const at = rng.int(out.length + 1);
        out = `${out.slice(0, at)}\n${out.slice(at)}`;
      }
      return out;
    },
  },
  {
    name: "hardWrap",
    apply: (text, rng) => {
      const width = 5 + rng.int(40);
      return text
        .split("\n")
        .map((line) => line.replace(new RegExp(`(.{${width}})`, "gu"), "$1\n"))
        .join("\n");
    },
  },
  {
    name: "replaceDigits",
    apply: (text, rng) => {
      const style = rng.int(3);
      return text.replace(/\d/g, (d) =>
        !rng.chance(0.3)
          ? d
          : style === 0
            ? String(rng.int(10))
            : style === 1
              ? "一二三四五六七八九十"[rng.int(10)]!
              : `${d}${rng.int(10)}${rng.int(10)}`,
      );
    },
  },
  {
    name: "fullWidth",
    apply: (text, rng) => text.replace(/[!-~]/g, (ch) => (rng.chance(0.5) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)),
  },
  {
    name: "dropPunctuation",
    apply: (text, rng) => {
      const target = rng.pick(["。", "、", ";", ":", "(", ")", "〔", "〕", ","]);
      return text.split(target).join(rng.chance(0.5) ? "" : rng.pick(["、", ";", "(", ")", ":", " "]));
    },
  },
  lineMutation("crossOver", (lines, rng) => {
    const other = rng.pick(SEED_LINES);
    const at = rng.int(other.length);
    lines.splice(rng.int(lines.length + 1), 0, ...other.slice(at, at + 1 + rng.int(60)));
    return lines;
  }),
  lineMutation("indent", (lines, rng) =>
    lines.map((line) => (rng.chance(0.3) ? rng.pick(["  ", "\t", "\u3000\u3000", "• "]) + line : line)),
  ),
  {
    name: "mixedLineEndings",
    apply: (text, rng) => text.replace(/\n/g, () => rng.pick(["\n", "\r\n", "\r", "\r\n"])),
  },
];

/** A base document (a whole seed, or a window of one) mangled by one to four mutations. */
function makeCase(index: number): { text: string; recipe: string } {
  const rng = rngFor(SEED, index);
  const seed = rng.int(SEED_TEXTS.length);
  const lines = SEED_LINES[seed]!;
  let text = SEED_TEXTS[seed]!;
  let recipe = SEED_NAMES[seed]!;
  if (rng.chance(0.7)) {
    const start = rng.int(lines.length);
    const length = 1 + rng.int(rng.chance(0.5) ? 40 : 300);
    text = lines.slice(start, start + length).join("\n");
    recipe += `[${start}:${start + length}]`;
  }
  for (let n = 1 + rng.int(4); n > 0; n--) {
    const mutation = rng.pick(MUTATIONS);
    text = mutation.apply(text, rng);
    recipe += ` > ${mutation.name}`;
  }
  return { text, recipe };
}

// ---------------------------------------------------------------- checks

const isPositiveInt = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n > 0;
const isNonEmpty = (s: unknown) => typeof s === "string" && s.trim().length > 0;

function isIsoDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** What is wrong with a parse result (empty when nothing is). */
function problems(doc: ParsedDocument, lineCount: number): string[] {
  const out: string[] = [];
  const lineOk = (n: unknown) => isPositiveInt(n) && (n as number) <= lineCount;
  if (doc.kind !== "plans" && doc.kind !== "annualReport" && doc.kind !== "unrecognised")
    return [`unknown kind ${String((doc as { kind: unknown }).kind)}`];
  if (!Array.isArray(doc.warnings)) out.push("warnings is not an array");
  for (const warning of doc.warnings ?? []) {
    if (!lineOk(warning.line)) out.push(`warning line ${warning.line} (of ${lineCount}): ${warning.message}`);
    if (!isNonEmpty(warning.message)) out.push(`empty warning message at line ${warning.line}`);
  }
  if (doc.kind === "unrecognised") return isNonEmpty(doc.reason) ? out : [...out, "unrecognised without a reason"];
  if (doc.kind === "annualReport") {
    const { report } = doc;
    if (typeof report.title !== "string") out.push("report title is not a string");
    if (report.year !== null && !Number.isInteger(report.year)) out.push(`report year ${report.year}`);
    for (const section of report.sections) {
      if (typeof section.heading !== "string" || typeof section.body !== "string") out.push("report section without text");
      if (!lineOk(section.line)) out.push(`report section line ${section.line}`);
    }
    return out;
  }
  if (!Array.isArray(doc.plans)) return [...out, "plans is not an array"];
  for (const plan of doc.plans) {
    if (typeof plan.title !== "string") out.push("plan title is not a string");
    if (plan.issueDate !== null && !isIsoDate(plan.issueDate)) out.push(`plan issueDate ${plan.issueDate}`);
    const sectionKeys = new Set(plan.sections.map((s) => s.key));
    for (const section of plan.sections) {
      if (section.parentKey !== null && !sectionKeys.has(section.parentKey)) out.push(`section ${section.key} has unknown parent`);
      if (!lineOk(section.line)) out.push(`section line ${section.line}`);
    }
    for (const measure of plan.measures) {
      const where = `measure ${JSON.stringify(measure.code)} (line ${measure.line})`;
      if (!isNonEmpty(measure.code)) out.push(`${where}: empty code`);
      if (typeof measure.text !== "string") out.push(`${where}: text is not a string`);
      if (!lineOk(measure.line)) out.push(`${where}: bad line`);
      for (const field of ["leadUnits", "responsibleUnits"] as const) {
        const units = measure[field];
        if (!Array.isArray(units)) out.push(`${where}: ${field} is not an array`);
        else if (!units.every(isNonEmpty)) out.push(`${where}: ${field} has an empty name ${JSON.stringify(units)}`);
      }
      if (measure.sectionKey !== null && !sectionKeys.has(measure.sectionKey)) out.push(`${where}: unknown section ${measure.sectionKey}`);
      const deadline = measure.deadline;
      if (deadline !== null) {
        if (typeof deadline.text !== "string" || typeof deadline.ongoing !== "boolean") out.push(`${where}: malformed deadline`);
        if (deadline.date !== null && !isIsoDate(deadline.date)) out.push(`${where}: deadline date ${deadline.date} (“${deadline.text}”)`);
      }
    }
  }
  return out;
}

type Outcome = { ms: number; error: unknown; problems: string[]; doc: ParsedDocument | null };

function run(text: string): Outcome {
  const start = performance.now();
  let doc: ParsedDocument | null = null;
  let error: unknown = null;
  try {
    doc = parseDocumentText(text);
  } catch (caught) {
    error = caught;
  }
  const ms = performance.now() - start;
  const lineCount = text.split(/\r\n|\r|\n/).length;
  return { ms, error, doc, problems: doc ? problems(doc, lineCount) : [] };
}

const broken = (outcome: Outcome) => outcome.error !== null || outcome.problems.length > 0;

/** Greedy delta debugging: the smallest input (by lines, then characters) that still breaks. */
function shrink(text: string, stillBroken: (text: string) => boolean, maxTries = 3000): string {
  let tries = 0;
  const pass = (parts: string[], join: string): string[] => {
    for (let chunk = Math.max(1, Math.floor(parts.length / 2)); chunk >= 1; chunk = Math.floor(chunk / 2)) {
      for (let at = 0; at < parts.length && tries < maxTries;) {
        const candidate = [...parts.slice(0, at), ...parts.slice(at + chunk)];
        tries++;
        if (candidate.length && stillBroken(candidate.join(join))) parts = candidate;
        else at += chunk;
      }
      if (chunk === 1) break;
    }
    return parts;
  };
  const lines = pass(text.split("\n"), "\n");
  return pass([...lines.join("\n")], "").join("");
}

function describeFailure(label: string, text: string, outcome: Outcome): string {
  const minimal = shrink(text, (candidate) => broken(run(candidate)));
  const reason = outcome.error
    ? `threw ${(outcome.error as Error)?.stack ?? inspect(outcome.error)}`
    : outcome.problems.slice(0, 5).join("; ");
  return `${label}: ${reason}\n  smallest input found (${minimal.length} chars): ${JSON.stringify(minimal.slice(0, 600))}`;
}

function checkDecoded(text: string): string[] {
  let decoded;
  try {
    decoded = decodePastedText(text);
  } catch (error) {
    if (error instanceof ImportInputError && (error.code === "EMPTY" || error.code === "TOO_LARGE")) return [];
    return [`decodePastedText threw ${(error as Error)?.stack ?? String(error)}`];
  }
  const out: string[] = [];
  if (decoded.encoding !== "utf-8") out.push(`encoding ${decoded.encoding}`);
  if (decoded.text.includes("\r")) out.push("decoded text keeps a CR");
  const lines = decoded.text.split("\n");
  for (const warning of decoded.warnings) {
    if (!isPositiveInt(warning.line) || warning.line > lines.length) out.push(`decode warning line ${warning.line}`);
    else if (!lines[warning.line - 1]!.includes("\uFFFD")) out.push(`decode warning on line ${warning.line} without U+FFFD`);
  }
  const outcome = run(decoded.text);
  if (broken(outcome)) out.push(describeFailure("parse of decoded text", decoded.text, outcome));
  return out;
}

// ---------------------------------------------------------------- tests

describe(`parser fuzz, seed=0x${SEED.toString(16)} (replay: FUZZ_SEED=${SEED} FUZZ_CASE=<case>)`, () => {
  it(`${ONLY_CASE === null ? CASES : 1} mutated seed documents parse without throwing, well-formed, each within ${PARSE_BUDGET_MS} ms`, () => {
    // Warm up the JIT so the first cases are not timed cold.
    for (const text of SEED_TEXTS) parseDocumentText(text);
    // One example (shrunk) per kind of failure, and how often each kind occurred.
    const failures = new Map<string, { count: number; example: string }>();
    const fail = (kind: string, example: () => string) => {
      const key = kind
        .replace(/\d+/g, "#")
        .replace(/“[^”]*”|"[^"]*"/g, "…")
        .slice(0, 100);
      const seen = failures.get(key);
      if (seen) seen.count++;
      else if (failures.size < 8) failures.set(key, { count: 1, example: example() });
    };
    const slow: string[] = [];
    let max = { ms: 0, index: -1, recipe: "", chars: 0 };
    let total = 0;
    const indices = ONLY_CASE === null ? [...Array(CASES).keys()] : [ONLY_CASE];
    for (const index of indices) {
      const { text, recipe } = makeCase(index);
      const outcome = run(text);
      total += outcome.ms;
      if (outcome.ms > max.ms) max = { ms: outcome.ms, index, recipe, chars: text.length };
      if (broken(outcome)) {
        const kind = outcome.error ? `threw ${(outcome.error as Error)?.message}` : outcome.problems[0]!;
        fail(kind, () => describeFailure(`case ${index} (${recipe})`, text, outcome));
      }
      if (outcome.ms > PARSE_BUDGET_MS) {
        // Timing once more rules out a GC pause or a busy machine.
        const again = run(text).ms;
        if (again > PARSE_BUDGET_MS)
          slow.push(`case ${index} (${recipe}, ${text.length} chars): ${outcome.ms.toFixed(0)} ms, again ${again.toFixed(0)} ms`);
      }
      // Pasted text goes through decodePastedText first; check that path on a sample.
      if (index % 50 === 0) {
        const decodeProblems = checkDecoded(text);
        if (decodeProblems.length)
          fail(`pasted: ${decodeProblems[0]}`, () => `case ${index} (${recipe}), pasted: ${decodeProblems.join("; ")}`);
      }
      // CR, CRLF and LF are all line breaks: the same text with other breaks parses the same.
      if (index % 20 === 0 && !text.includes("\r")) {
        const rng = rngFor(SEED ^ 0xc0ffee, index);
        const crlf = text.replace(/\n/g, () => rng.pick(["\r\n", "\r"]));
        const other = run(crlf);
        if (outcome.doc && other.doc && JSON.stringify(other.doc) !== JSON.stringify(outcome.doc)) {
          fail(
            "CR/CRLF line breaks parse differently from LF",
            () => `case ${index} (${recipe}): CR/CRLF line breaks parse differently from LF`,
          );
        }
      }
    }
    console.log(
      `[fuzz] seed=0x${SEED.toString(16)} cases=${indices.length} parse total=${total.toFixed(0)} ms ` +
        `max single parse=${max.ms.toFixed(1)} ms (case ${max.index}, ${max.chars} chars: ${max.recipe})`,
    );
    const report = [...failures].map(([kind, { count, example }]) => `[${count}×] ${kind}\n  e.g. ${example}`);
    expect(report, report.join("\n\n")).toEqual([]);
    expect(slow, slow.join("\n")).toEqual([]);
  }, 120_000);
});

describe(`pathological inputs, seed=0x${SEED.toString(16)}`, () => {
  const repeatedLine = rngFor(SEED, -1).pick(SEED_LINES.flat().filter((line) => line.trim()));
  const oneMegabyteLine = (() => {
    const joined = SEED_TEXTS.join("").replace(/[\r\n]/g, "");
    return joined.repeat(Math.ceil(1_048_576 / joined.length)).slice(0, 1_048_576);
  })();

  // [name, input, budget]. Budgets grow with the number of lines, about ten
  // times what a linear parse of such lines needs here; a parse that is
  // quadratic in the number of lines blows through them.
  const cases: [string, () => string, number][] = [
    [
      `one seed line repeated 10 000 times: ${JSON.stringify(repeatedLine.slice(0, 40))}`,
      () => Array(10_000).fill(repeatedLine).join("\n"),
      1200,
    ],
    ["5 000 nested (", () => "(".repeat(5000), PARSE_BUDGET_MS],
    [
      "5 000 nested ( after a label, closed, with units",
      () => `1.推进工作${"(".repeat(5000)}牵头单位:区司法局${")".repeat(5000)}`,
      PARSE_BUDGET_MS,
    ],
    ["5 000 nested 〔 and (", () => `(一)${"〔(".repeat(5000)}`, PARSE_BUDGET_MS],
    // Numbers stay below 1000: "1000." is no label, and unlabelled lines after an open "(" all join one paragraph.
    [
      "5 000 numbered lines, each with up to 49 unclosed (",
      () => Array.from({ length: 5000 }, (_, i) => `${(i % 999) + 1}.${"(".repeat(i % 50)}`).join("\n"),
      700,
    ],
    ["a single 1-MB line without newlines", () => oneMegabyteLine, 1000],
    ["a 1-MB line of one character", () => "区".repeat(1_048_576), 1000],
    [
      "all seeds with mixed CRLF / CR / LF",
      () => {
        const r = rngFor(SEED, -2);
        return SEED_TEXTS.join("\n").replace(/\n/g, () => r.pick(["\r\n", "\n", "\r"]));
      },
      PARSE_BUDGET_MS,
    ],
    [
      "U+FFFD and control characters only",
      () => Array.from({ length: 2000 }, (_, i) => CONTROL_CHARS[i % CONTROL_CHARS.length]! + "\uFFFD").join("\n"),
      PARSE_BUDGET_MS,
    ],
  ];

  it.each(cases)(
    "%s",
    (_name, make, budget) => {
      const text = make();
      const outcome = run(text);
      console.log(`[fuzz] ${_name.slice(0, 60)}: ${text.length} chars, ${outcome.ms.toFixed(1)} ms`);
      expect(outcome.error).toBeNull();
      expect(outcome.problems).toEqual([]);
      expect(outcome.ms).toBeLessThan(budget);
      if (Buffer.byteLength(text, "utf8") <= 10 * 1024 * 1024) expect(checkDecoded(text)).toEqual([]);
    },
    60_000,
  );

  it("mixed line endings parse exactly like LF", () => {
    const rng = rngFor(SEED, -3);
    for (const text of SEED_TEXTS) {
      const lf = text.replace(/\r\n?/g, "\n");
      // Never "\r" then a kept "\n": that pair is one CRLF break, not two.
      const mixed = lf.replace(/\n/g, () => rng.pick(["\r\n", "\r"]));
      expect(parseDocumentText(mixed)).toEqual(parseDocumentText(lf));
    }
  });

  // Long runs of lines that all continue one paragraph, and of table-header
  // cells that never make a header, once made the parser quadratic. How time
  // grows with them is printed by `npm run bench:import` (a2); here, that such
  // a run still parses into something whole.
  const shapes: [string, string][] = [
    ["a lone (", "("],
    ["a unit cell of 004", "区司法局、区财政局"],
    ["a header cell that alone is no header", "项目"],
    ["a plain short line", "abc"],
    ["a numbered measure (control)", "1.推进依法行政工作。"],
  ];
  it.each(shapes)(
    "8000 lines of %s parse without error or broken structure",
    (_name, line) => {
      const outcome = run(Array(8000).fill(line).join("\n"));
      expect(outcome.error).toBeNull();
      expect(outcome.problems).toEqual([]);
    },
    60_000,
  );
});
