import type { Line, ParsedMeasure, ParsedPlan, ParsedSection, ParseWarning, PlanKind } from "@/lib/import/types.ts";
import { LABEL_DEPTH, readLabel, type Label, type LabelKind } from "@/lib/import/numbering.ts";
import {
  parseAnnotation,
  parseUnitCell,
  readAnnotation,
  readDeadline,
  splitTrailingAnnotation,
  startsWithUnitLabel,
  type UnitAnnotation,
} from "@/lib/import/unit-annotation.ts";
import { toSimplified } from "@/lib/import/chinese.ts";
import { endsLikeUnitName, hadEtcSuffix, splitUnitList } from "@/lib/import/unit-list.ts";
import { findDeadlineInText, parseDeadline } from "@/lib/import/deadline.ts";
import { COMMON_HEADER_CELLS, type HeaderColumn } from "@/lib/import/header-cells.ts";
import { calendarDate } from "@/lib/dates.ts";

// Turns the lines of a plan document into plans, sections and measures. Two
// families of layout:
//  - tables flattened to lines (a header of cells such as 项目/具体项目/牵头单位/
//    责任单位 or 序号/主要任务/牵头、责任部门, then one cell per line), possibly
//    several plans in one file, each after its own header;
//  - running text with numbered headings, where units come in parentheses,
//    brackets, labelled lines or central-government style, or not at all.
// Every doubtful spot becomes a warning with its line.

type Result = { plans: ParsedPlan[]; warnings: ParseWarning[] };

const TITLE_WORDS = /(规划|行动计划|实施方案|工作方案|工作计划|工作要点|分工方案|实施纲要|纲要|任务清单|责任清单)/;

type Column = HeaderColumn | "both";

// Documents also write a bare 任务, and one merged column for both roles.
const HEADER_CELLS = new Map<string, Column>([
  ...COMMON_HEADER_CELLS,
  ["任务", "task"],
  ["牵头、责任部门", "both"],
  ["牵头、责任单位", "both"],
  ["牵头单位、责任单位", "both"],
  ["责任单位(部门)", "both"],
]);

type TableHeader = { index: number; end: number; columns: Column[] };

// Characters that only the traditional forms of header cells have (序號, 責任單位, 完成時限).
const TRADITIONAL_CELL_CHARS = /[號項類體務點舉內牽頭單門責時間節]/u;

/** The column a header cell names; traditional cells (責任單位) are read in their simplified shadow. */
function headerCell(text: string): Column | undefined {
  // Header cells are short; most lines need no shadow.
  const traditional = text.length <= 10 && TRADITIONAL_CELL_CHARS.test(text);
  return HEADER_CELLS.get(text) ?? (traditional ? HEADER_CELLS.get(toSimplified(text)) : undefined);
}

/** Runs of header cells, one per line, naming a task column and at least one unit column. */
function findTableHeaders(lines: Line[]): TableHeader[] {
  const headers: TableHeader[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    const columns: Column[] = [];
    for (; j < lines.length; j++) {
      const column = headerCell(lines[j]!.text);
      if (!column) break;
      columns.push(column);
    }
    const hasTask = columns.includes("task");
    const hasUnits = columns.some((c) => c === "lead" || c === "responsible" || c === "both");
    if (columns.length >= 2 && hasTask && hasUnits) headers.push({ index: i, end: j, columns });
    // No part of a run of cells makes a header that the whole run does not,
    // so the scan goes on after the run (and stays linear on long runs).
    if (j > i) i = j - 1;
  }
  return headers;
}

function looksLikeTitle(printed: string): boolean {
  // Length first: the other tests scan the whole text.
  if (printed.length > 80) return false;
  // Traditional titles (實施綱要, 關於) read in the simplified shadow.
  const text = /[規劃動計實點綱務單責關於]/u.test(printed) ? toSimplified(printed) : printed;
  return TITLE_WORDS.test(text) && !/^(为贯彻|为深入|现将|根据)|关于|通知$|^\d+\.\s*\[|^\[/.test(text) && !/[。;]$/.test(text);
}

/** "关于印发《…》的通知" (or 關於印發): the plan's title as printed. */
function noticeTitle(text: string): string | undefined {
  if (!text.includes("印发") && !text.includes("印發")) return undefined;
  const match = /关于印发《(.+?)》/.exec(toSimplified(text));
  return match ? text.substr(match.index + 5, match[1]!.length) : undefined;
}

function cleanTitle(text: string): string {
  return text
    .replace(/[《》]/g, "")
    .replace(/\s+/g, "")
    .trim();
}

function planKindOf(printed: string): PlanKind {
  const title = toSimplified(printed);
  if (/分工方案|任务分工|责任分工|任务清单|责任清单/.test(title)) return "DIVISION_OF_LABOUR";
  if (/行动计划/.test(title)) return "ACTION_PLAN";
  if (/实施方案/.test(title)) return "IMPLEMENTATION_PLAN";
  if (/工作要点/.test(title)) return "WORK_POINTS";
  return "PLAN";
}

function periodOf(text: string): { periodStart: number | null; periodEnd: number | null } {
  const range = /(20\d{2})\s*[-—–~至到]\s*(20\d{2})/.exec(text);
  if (range) return { periodStart: Number(range[1]), periodEnd: Number(range[2]) };
  if (/十四五/.test(text)) return { periodStart: 2021, periodEnd: 2025 };
  if (/十五五/.test(text)) return { periodStart: 2026, periodEnd: 2030 };
  const year = /(20\d{2})\s*年/.exec(text);
  return year ? { periodStart: Number(year[1]), periodEnd: Number(year[1]) } : { periodStart: null, periodEnd: null };
}

/** Metadata that government sites print above a document. */
function documentMetadata(lines: Line[], warnings: ParseWarning[]) {
  const head = lines.slice(0, 40);
  const field = (names: string): Line | null => {
    const re = new RegExp(`^(?:\\[|【)?(?:${names})(?:\\]|】)?\\s*[::]?\\s*(.+)$`);
    for (const { text, line } of head) {
      const match = re.exec(text.replace(/^\d+\.\s*/, ""));
      if (match) return { text: match[1]!.trim(), line };
    }
    return null;
  };
  const docNumber =
    field("发文字号|文号")?.text ??
    head.map((l) => /[\u4e00-\u9fa5]{1,8}[〔\[]\s*20\d{2}\s*[〕\]]\s*\d+\s*号/.exec(l.text)?.[0]).find(Boolean) ??
    null;

  // A 发布日期 field, else a date alone on its line (the notice's signature).
  const DATE_LINE = /^(20\d{2})年(\d{1,2})月(\d{1,2})日$/;
  const published = field("发布日期|成文日期|印发日期");
  const fieldDate = published && /(20\d{2})[-./年](\d{1,2})[-./月](\d{1,2})/.exec(published.text);
  const dateLine = fieldDate ? published : (head.find((l) => DATE_LINE.test(l.text)) ?? null);
  const dated = fieldDate || (dateLine && DATE_LINE.exec(dateLine.text));
  let issueDate: string | null = null;
  if (dated && dateLine) {
    issueDate = calendarDate(Number(dated[1]), Number(dated[2]), Number(dated[3]));
    // "2021年2月30日" is a typo; no date is better than a wrong one.
    if (!issueDate) warnings.push({ line: dateLine.line, message: `发布日期“${dated[0]}”不是有效日期,已忽略` });
  }
  return {
    documentNumber: docNumber ? docNumber.replace(/\s+/g, "").replace(/\[/g, "〔").replace(/\]/g, "〕") : null,
    issuer: field("发文机构|发文机关|发布机构")?.text.replace(/\s*、\s*/g, "、") ?? null,
    issueDate,
  };
}

function newPlan(title: string, meta: ReturnType<typeof documentMetadata>): ParsedPlan {
  return {
    title,
    kind: planKindOf(title),
    ...periodOf(title),
    ...meta,
    sections: [],
    measures: [],
  };
}

const stripBroken = (text: string) => text.replace(/\uFFFD+/g, "").trim();

/** Section titles lose the punctuation that introduces their items: "开展执法人员培训:". */
const sectionTitle = (text: string) => stripBroken(text).replace(/[:;,]+$/, "");

const quote = (text: string) => `“${text.length > 30 ? `${text.slice(0, 30)}…` : text}”`;

function deadlineFor(text: string, annotation: UnitAnnotation | null) {
  if (annotation?.deadlineText) return readDeadline(annotation.deadlineText);
  return findDeadlineInText(text);
}

/** A cell that states a date or "长期坚持" rather than naming units. */
function readsAsDeadline(printed: string): boolean {
  // Most cells name units; only a digit, 年 or an "ongoing" word can make a deadline.
  if (!/[\d年]|长期|長期|持续|持續|常态化|常態化|经常性|經常性|每年|定期/.test(printed)) return false;
  const text = toSimplified(printed);
  const deadline = parseDeadline(text);
  return deadline !== null && (deadline.date !== null || /^(长期|持续|常态化|经常性|每年|定期)/.test(text));
}

/** A line that is a cell of unit names rather than text. */
function looksLikeUnitCell(text: string): boolean {
  if (readLabel(text) || /[。:]$/.test(text) || text.length > 200 || readsAsDeadline(text)) return false;
  const names = splitUnitList(text);
  return names.length > 0 && names.every((name) => name.length <= 30 && !/[。,:]/.test(name));
}

// How names of units end: "区司法局", "团区委", "区政府办", "各镇乡街道", "各单位党委(党组)".
const UNIT_NAME_END =
  /(局|委|办|院|府|部|厅|会|室|组|处|科|站|所|队|中心|单位|部门|机构|街道|镇|乡|村|社区|团|社|联|公司|银行|人大|政协|\))$/;

/** Every name in the cell ends like a unit's name (role words such as 按职责分工负责 stripped). */
function namesUnits(text: string): boolean {
  const { lead, responsible } = parseUnitCell(text, "responsible");
  const names = [...lead, ...responsible];
  return names.length > 0 && names.every((name) => UNIT_NAME_END.test(name) || endsLikeUnitName(name));
}

/** A short cell, not a sentence: what a 完成时限 column holds, readable or not. */
function looksLikeDeadlineCell(text: string): boolean {
  return text.length <= 40 && !/[。;]$/.test(text) && !readLabel(text);
}

const unreadableWarning = (code: string, line: number): ParseWarning => ({
  line,
  message: `举措 ${code} 的单位标注无法识别,已保留原文,请核对`,
});

/** Text inside an annotation that fits no label or role, quoted so nothing vanishes silently. */
const unparsedWarning = (unparsed: string[], line: number): ParseWarning => ({
  line,
  message: `单位说明中有无法识别的内容:“${unparsed.join(";")}”`,
});

const etcWarning = (code: string, line: number): ParseWarning => ({
  line,
  message: `举措 ${code} 的单位名单以“等”结尾,可能不完整,请核对`,
});

// ---------------------------------------------------------------------------
// Tables flattened one cell per line

function parseTable(lines: Line[], header: TableHeader, headerLine: number, plan: ParsedPlan, warnings: ParseWarning[]) {
  // The cells after a task's text, in header order.
  const cellColumns = header.columns.filter((c) => c === "lead" || c === "responsible" || c === "both" || c === "deadline");
  const deadlineIndex = cellColumns.indexOf("deadline");
  const hasSerial = header.columns.includes("serial");
  let section = null as ParsedSection | null;
  // A missing cell (undefined) was merged with the one above it, or left empty.
  type Row = { code: string; value: number; textParts: string[]; cells: (string | undefined)[]; line: number };
  const rows: { row: Row; section: ParsedSection | null }[] = [];
  let current: Row | null = null;
  let pendingSerial: { value: number; line: number } | null = null;
  /** The deadline cell, the unit cells before it left missing. */
  const toDeadline = (row: Row, text: string) => {
    while (row.cells.length < deadlineIndex) row.cells.push(undefined);
    row.cells.push(text);
  };

  for (const { text, line } of lines) {
    const label = readLabel(text);
    if (label && (label.kind === "CN" || label.kind === "PAREN_CN") && !pendingSerial) {
      const parentKey: string | null = label.kind === "PAREN_CN" ? (section?.parentKey ?? section?.key ?? null) : null;
      section = { key: `s${plan.sections.length + 1}`, parentKey, label: label.printed, title: sectionTitle(label.rest), line };
      plan.sections.push(section);
      current = null;
      continue;
    }
    if (hasSerial && /^\d{1,3}$/.test(text)) {
      pendingSerial = { value: Number(text), line };
      current = null;
      continue;
    }
    if (pendingSerial) {
      current = { code: String(pendingSerial.value), value: pendingSerial.value, textParts: [text], cells: [], line: pendingSerial.line };
      rows.push({ row: current, section });
      pendingSerial = null;
      continue;
    }
    if (!hasSerial && label && (label.kind === "NUM" || label.kind === "NUM_NUM")) {
      current = { code: label.code, value: label.value, textParts: [label.rest], cells: [], line };
      rows.push({ row: current, section });
      continue;
    }
    if (!current) {
      warnings.push({ line, message: `无法归入任何举措的内容,已忽略:${quote(text)}` });
      continue;
    }
    const column = cellColumns[current.cells.length];
    // A 完成时限 column still to come after the cell expected here.
    const deadlineAhead = deadlineIndex > current.cells.length;
    if (column === "deadline" && looksLikeDeadlineCell(text)) {
      // Whatever stands in the deadline column is the deadline; checkPlan warns if unreadable.
      current.cells.push(text);
    } else if (deadlineAhead && readsAsDeadline(text) && looksLikeDeadlineCell(text)) {
      // A date where units belong: the unit cells were merged into the row above.
      toDeadline(current, text);
    } else if (column && column !== "deadline" && looksLikeUnitCell(text) && (deadlineIndex < 0 || namesUnits(text))) {
      current.cells.push(text);
    } else if (deadlineAhead && current.cells.length > 0 && looksLikeDeadlineCell(text)) {
      // After the units, not unit names, with a 完成时限 column to come: an
      // unreadable deadline ("视上级部署"), which checkPlan warns about.
      toDeadline(current, text);
    } else if (current.cells.length === 0) {
      current.textParts.push(text);
    } else {
      warnings.push({ line, message: `多出的单元格,已忽略:${quote(text)}` });
    }
  }

  if (header.columns.includes("both")) {
    warnings.push({ line: headerLine, message: "“牵头、责任部门”为同一列:按惯例把每格第一个单位作为牵头单位,其余作为责任单位,请核对" });
  }
  // What the last row above had, for cells merged across rows. A chapter row
  // spans the whole table, so no merged cell reaches across it.
  let above: { code: string; lead: string[]; responsible: string[]; deadlineText: string | null; section: ParsedSection | null } | null =
    null;
  for (const { row, section: rowSection } of rows) {
    if (above && above.section !== rowSection) above = null;
    let lead: string[] = [];
    let responsible: string[] = [];
    let deadlineText: string | null = null;
    let incomplete = false;
    row.cells.forEach((cell, index) => {
      if (cell === undefined) return;
      const column = cellColumns[index];
      if (column !== "deadline" && cell.includes("等") && hadEtcSuffix(cell)) incomplete = true;
      if (column === "deadline") deadlineText = cell;
      else if (column === "lead" || column === "responsible") {
        // "区司法局牵头", "各乡镇人民政府按职责分工负责": role words glued to names.
        const units = parseUnitCell(cell, column);
        lead.push(...units.lead);
        responsible.push(...units.responsible);
        incomplete ||= units.incomplete;
      } else if (column === "both") {
        const [first, ...rest] = splitUnitList(cell);
        if (first) lead.push(first);
        responsible.push(...rest);
      }
    });
    const text = stripBroken(row.textParts.join(""));

    // A vertically merged cell appears once, on the first row it covers;
    // flattened, a merged cell and an empty one look alike, hence the warnings.
    if (lead.length === 0 && responsible.length === 0 && above && (above.lead.length || above.responsible.length)) {
      ({ lead, responsible } = above);
      warnings.push({ line: row.line, message: `举措 ${row.code} 没有单位格,按合并单元格沿用举措 ${above.code} 的单位,请核对` });
    }
    let deadline = deadlineText ? readDeadline(deadlineText) : findDeadlineInText(text);
    if (!deadline && deadlineIndex >= 0 && above?.deadlineText) {
      deadlineText = above.deadlineText;
      deadline = readDeadline(deadlineText);
      warnings.push({
        line: row.line,
        message: `举措 ${row.code} 没有完成时限格,按合并单元格沿用举措 ${above.code} 的时限“${deadlineText}”,请核对`,
      });
    }
    if (incomplete) warnings.push(etcWarning(row.code, row.line));
    above = { code: row.code, lead, responsible, deadlineText, section: rowSection };

    plan.measures.push({
      code: row.code,
      text,
      sectionKey: rowSection?.key ?? null,
      leadUnits: [...lead],
      responsibleUnits: [...responsible],
      deadline,
      line: row.line,
    });
  }
}

// ---------------------------------------------------------------------------
// Running text

const ENDS_SENTENCE = new Set(["。", ";", "!", "?", "〕", "”", "」"]);

/** Brackets opened and not yet closed: "(" and "〔" counted apart. */
type Balance = { paren: number; bracket: number };

function balanceOf(text: string, start: Balance = { paren: 0, bracket: 0 }): Balance {
  const balance = { ...start };
  if (!/[()〔〕]/.test(text)) return balance;
  for (const ch of text) {
    if (ch === "(") balance.paren++;
    else if (ch === ")") balance.paren--;
    else if (ch === "〔") balance.bracket++;
    else if (ch === "〕") balance.bracket--;
  }
  return balance;
}

function unbalanced(text: string): boolean {
  const { paren, bracket } = balanceOf(text);
  return paren > 0 || bracket > 0;
}

// Where a numbered item may start in the middle of a line.
const LABEL_AHEAD = /^\s*(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,3}(?:\.\d{1,3}){0,2}[.、]?|\(\d{1,3}\)|[①-⑳])/;

/** A closing bracket with what may be a label right after it. */
const RUN_ON = /[)〕]\s*(?:[一二三四五六七八九十]|\(|\d|[①-⑳])/;

/** Annotations are short; a longer bracket is not one (and is not parsed as one). */
const MAX_ANNOTATION = 500;

/**
 * Splits "…〔牵头单位:区司法局〕2.推进…" and "…(区司法局牵头)三、…", where an
 * annotation runs on into the next item. Only after a bracket that really is
 * an annotation: "(2021-2025年)1…" stays whole. One pass per line, pairing
 * brackets with a stack, so long lines stay linear.
 */
function splitRunOns(lines: Line[]): Line[] {
  return lines.flatMap(({ text, line }) => {
    // Most lines have no bracket followed by a label; skip the scan for them.
    if (!RUN_ON.test(text)) return [{ text, line }];
    const parts: string[] = [];
    let start = 0;
    const open: Record<string, number[]> = { ")": [], "〕": [] };
    for (let i = 0; i < text.length - 1; i++) {
      const ch = text[i]!;
      if (ch === "(") open[")"]!.push(i);
      else if (ch === "〔") open["〕"]!.push(i);
      if (ch !== ")" && ch !== "〕") continue;
      const from = open[ch]!.pop();
      if (from === undefined || i - from > MAX_ANNOTATION) continue;
      // A label is short: reading a bounded head keeps long lines linear.
      const ahead = text.slice(i + 1, i + 41);
      if (!LABEL_AHEAD.test(ahead) || !readLabel(ahead.trim())) continue;
      if (!parseAnnotation(text.slice(from + 1, i))) continue;
      parts.push(text.slice(start, i + 1));
      start = i + 1;
      open[")"] = [];
      open["〕"] = [];
    }
    parts.push(text.slice(start));
    return parts.map((part) => ({ text: part.trim(), line })).filter((part) => part.text);
  });
}

/** "…(牵头单位:…)" or "…〔区司法局牵头〕" closing a line: the next line is not its continuation. */
function endsWithAnnotation(text: string): boolean {
  return splitTrailingAnnotation(text).annotation !== null;
}

type Joined = { parts: string[]; line: number; length: number; last: string; balance: Balance; numbered: boolean };

/**
 * An open bracket joins the lines after it (an annotation wrapped over
 * lines), but not once it has run past a sentence: the line after a full
 * stop, or a line ending a sentence with the bracket still open, is a
 * paragraph of its own. So a bracket left open, or closed paragraphs later,
 * never swallows the paragraphs below it.
 */
function paragraphAfterOpenBracket(previous: Joined, current: string): boolean {
  if (/[。!?]/.test(previous.last)) return true;
  if (!/[。!?]$/.test(current)) return false;
  const { paren, bracket } = balanceOf(current, previous.balance);
  return paren > 0 || bracket > 0;
}

/** Whether `current` (not numbered) continues the joined line before it. */
function continuesLine(previous: Joined, current: string): boolean {
  if (previous.balance.paren > 0 || previous.balance.bracket > 0) return !paragraphAfterOpenBracket(previous, current);
  // A date alone on its line is a signature's date, not a sentence's tail.
  if (startsWithUnitLabel(current) || /^[(〔]/.test(current) || /^20\d{2}年\d{1,2}月\d{1,2}日$/.test(current)) return false;
  if (ENDS_SENTENCE.has(previous.last)) return false;
  // A numbered heading is often followed by an unnumbered introduction;
  // a short tail, a long item (headings are short) cut mid-sentence, a
  // comma-ended line or a tail carrying the item's annotation shows that
  // the item itself was wrapped.
  const headingWrapped =
    !previous.numbered ||
    current.length <= 15 ||
    previous.length >= 50 ||
    previous.last === "," ||
    previous.last === "、" ||
    endsWithAnnotation(current);
  return headingWrapped && !(previous.length <= 80 && looksLikeTitle(previous.parts.join("")));
}

/**
 * Rejoins lines hard-wrapped mid-sentence or mid-parenthesis. Linear in the
 * input: a joined line is kept as parts with its length, last character and
 * bracket balance, so a run of thousands of wrapped lines (one paragraph) is
 * never rescanned or flattened while it grows.
 */
function joinWrapped(lines: Line[]): Line[] {
  const out: Joined[] = [];
  for (const current of lines) {
    const previous = out.at(-1);
    // A numbered item always starts anew, even after a truncated "(牵头单位:…".
    const numbered = readLabel(current.text) !== null;
    if (previous && !numbered && continuesLine(previous, current.text)) {
      previous.parts.push(current.text);
      previous.length += current.text.length;
      previous.last = current.text.at(-1) ?? "";
      previous.balance = balanceOf(current.text, previous.balance);
      continue;
    }
    out.push({
      parts: [current.text],
      line: current.line,
      length: current.text.length,
      last: current.text.at(-1) ?? "",
      balance: balanceOf(current.text),
      numbered,
    });
  }
  return out.map(({ parts, line }) => ({ text: parts.join(""), line }));
}

type Item = {
  label: Label;
  depth: number;
  text: string;
  line: number;
  annotation: UnitAnnotation | null;
  /** The annotation came on a line of its own, after the item (may cover a group). */
  standalone: boolean;
  /** Unnumbered paragraphs that follow the item; `unreadable`: a unit line whose "units" are sentences. */
  paragraphs: (Line & { unreadable?: boolean })[];
  /** Its bracket reads as an annotation whose "units" are sentences: kept in the text. */
  unreadable?: boolean;
};

/**
 * The item's text and its trailing annotation. An annotation cut off before
 * its closing bracket ("…工作(牵头单位:区司法局") is still read, with a warning.
 */
function splitItemText(rest: string, line: number, warnings: ParseWarning[]) {
  const split = splitTrailingAnnotation(rest);
  if (split.annotation || split.unreadable) return split;
  const open = Math.max(rest.lastIndexOf("("), rest.lastIndexOf("〔"));
  if (open >= 0 && unbalanced(rest.slice(open))) {
    const { annotation, unreadable } = readAnnotation(rest.slice(open + 1).replace(/[。;,]$/, ""), { unclosed: true });
    if (annotation) {
      warnings.push({ line, message: "单位说明缺少右括号,可能被截断,请核对" });
      return { text: rest.slice(0, open).trim(), annotation };
    }
    if (unreadable) return { ...split, unreadable };
  }
  return split;
}

/**
 * The depth of the measures. The level that carries units most often is the
 * measure level (an item carrying units is a measure at any level). Without
 * any units, the level of most leaf items: a "2.…:" with sub-items (1)(2)
 * among plain "1." "3." items keeps the sub-items as its text.
 */
function measureDepthOf(items: Item[]): number {
  const counts = new Map<number, number>();
  const annotated = items.some((item) => item.annotation);
  items.forEach((item, i) => {
    const next = items[i + 1];
    const counted = annotated ? item.annotation !== null : !next || next.depth <= item.depth;
    if (counted) counts.set(item.depth, (counts.get(item.depth) ?? 0) + 1);
  });
  // Most items first; on a tie the shallower level.
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

function parseText(lines: Line[], plan: ParsedPlan, warnings: ParseWarning[]) {
  const items: Item[] = [];
  for (const { text, line } of joinWrapped(splitRunOns(lines))) {
    const label = readLabel(text);
    const last = items.at(-1);
    if (label) {
      const { text: body, annotation, unreadable } = splitItemText(label.rest, line, warnings);
      if (annotation?.unparsed.length) warnings.push(unparsedWarning(annotation.unparsed, line));
      items.push({ label, depth: LABEL_DEPTH[label.kind], text: body, line, annotation, standalone: false, paragraphs: [], unreadable });
      continue;
    }
    let standalone: UnitAnnotation | null = null;
    let unreadable = false;
    if (startsWithUnitLabel(text)) ({ annotation: standalone, unreadable } = readAnnotation(text));
    else if (/^[(〔]/.test(text)) {
      const closed = /[)〕][。;,]?$/.test(text);
      ({ annotation: standalone, unreadable } = readAnnotation(text.replace(/[。;,]$/, "").slice(1, closed ? -1 : undefined), {
        unclosed: !closed,
      }));
      if (standalone && !closed) warnings.push({ line, message: "单位说明缺少右括号,可能被截断,请核对" });
    }
    if (unreadable && last) {
      // Its "units" are sentences: the line stays in the text, which the clerk corrects.
      last.paragraphs.push({ text, line, unreadable });
      last.unreadable = true;
      continue;
    }
    if (unreadable) warnings.push({ line, message: `单位说明无法识别,已保留原文,请核对:${quote(text)}` });
    if (standalone?.unparsed.length) warnings.push(unparsedWarning(standalone.unparsed, line));
    if (standalone && last) {
      last.annotation = last.annotation ? mergeAnnotations(last.annotation, standalone) : standalone;
      last.standalone = true;
    } else if (standalone) {
      warnings.push({ line, message: "单位说明前没有对应的举措,已忽略" });
    } else if (last) {
      last.paragraphs.push({ text, line });
    }
  }
  if (items.length === 0) return;

  const measureDepth = measureDepthOf(items);
  const stack: ParsedSection[] = [];
  const measures: { measure: ParsedMeasure; item: Item; incomplete: boolean }[] = [];
  const sectionDepth = new Map<string, number>();
  // A heading closes the measure before it: items deeper than the measure
  // level that open a new heading's content (the 1. 2. of a 保障措施 chapter
  // after (一)(二) measures) are that heading's measures, down to their depth.
  let headingOpen = false;
  let promotedDepth: number | null = null;
  for (const item of items) {
    if (headingOpen && measures.length && item.depth > measureDepth) promotedDepth = item.depth;
    headingOpen = false;
    const promoted = promotedDepth !== null && item.depth > measureDepth && item.depth <= promotedDepth;
    const isMeasure = item.depth === measureDepth || (item.annotation !== null && item.depth < measureDepth) || promoted;
    if (item.depth < measureDepth || isMeasure) {
      while (stack.length && sectionDepth.get(stack.at(-1)!.key)! >= item.depth) stack.pop();
    }
    if (item.depth < measureDepth && !isMeasure) {
      // Paragraphs under a heading introduce its chapter; they are not measures.
      const section: ParsedSection = {
        key: `s${plan.sections.length + 1}`,
        parentKey: stack.at(-1)?.key ?? null,
        label: item.label.printed,
        title: sectionTitle(item.text),
        line: item.line,
      };
      plan.sections.push(section);
      sectionDepth.set(section.key, item.depth);
      stack.push(section);
      headingOpen = true;
      promotedDepth = null;
    } else if (isMeasure) {
      if (!promoted) promotedDepth = null;
      const text = stripBroken(item.text);
      if (item.unreadable) warnings.push(unreadableWarning(item.label.code, item.line));
      measures.push({
        item,
        incomplete: item.annotation?.incomplete ?? false,
        measure: {
          code: item.label.code,
          text,
          sectionKey: stack.at(-1)?.key ?? null,
          leadUnits: item.annotation?.lead ?? [],
          responsibleUnits: item.annotation?.responsible ?? [],
          deadline: deadlineFor(text, item.annotation),
          line: item.line,
        },
      });
    } else if (measures.length) {
      // Sub-items below the measure level are part of the measure's text.
      const owner = measures.at(-1)!;
      if (item.unreadable) warnings.push(unreadableWarning(owner.measure.code, item.line));
      owner.measure.text += `\n${item.label.printed}${stripBroken(item.text)}`;
      if (item.annotation && !owner.item.annotation) {
        owner.measure.leadUnits = item.annotation.lead;
        owner.measure.responsibleUnits = item.annotation.responsible;
        owner.measure.deadline ??= item.annotation.deadlineText ? readDeadline(item.annotation.deadlineText) : null;
        owner.incomplete ||= item.annotation.incomplete;
      }
    } else {
      warnings.push({ line: item.line, message: `第一项举措之前的编号内容,已忽略:${quote(item.label.printed + item.text)}` });
    }
    if (item.depth >= measureDepth || isMeasure) attachParagraphs(item, measures.at(-1), warnings);
  }

  // Sub-items and second paragraphs joined the text after the measure's own
  // sentence was searched; with no labelled deadline, they may state it.
  for (const { measure } of measures) measure.deadline ??= findDeadlineInText(measure.text);

  // One unit line after a group of sub-items (1)…(4) covers the whole group.
  // When an earlier measure of the same section had its own units, the line
  // may belong to its own measure only: a guess, so warn.
  let pending: ParsedMeasure[] = [];
  let pendingSection: string | null = null;
  let sectionHadOwn = false;
  for (const { measure, item } of measures) {
    if (measure.sectionKey !== pendingSection) {
      pending = [];
      pendingSection = measure.sectionKey;
      sectionHadOwn = false;
    }
    if (!item.annotation) {
      // A measure whose own annotation was unreadable borrows no other's.
      if (!item.unreadable) pending.push(measure);
      continue;
    }
    if (item.standalone) {
      for (const earlier of pending) {
        earlier.leadUnits = [...measure.leadUnits];
        earlier.responsibleUnits = [...measure.responsibleUnits];
        earlier.deadline ??= measure.deadline;
        if (sectionHadOwn) {
          warnings.push({
            line: earlier.line,
            message: `举措 ${earlier.code} 没有自己的单位说明,沿用其后举措 ${measure.code} 的单位说明,请核对`,
          });
        }
      }
    }
    pending = [];
    sectionHadOwn = true;
  }
  for (const { measure, incomplete } of measures) if (incomplete) warnings.push(etcWarning(measure.code, measure.line));
  plan.measures.push(...measures.map((m) => m.measure));
}

/**
 * Unnumbered paragraphs after a measure (or one of its sub-items): a second
 * paragraph of the measure when it reads as a sentence, else something the
 * parser cannot place (a signature, a date). Either way, a warning.
 */
function attachParagraphs(item: Item, owner: { measure: ParsedMeasure } | undefined, warnings: ParseWarning[]) {
  for (const { text, line, unreadable } of item.paragraphs) {
    // "…公布。)": a bracket closed paragraphs after it opened.
    if (owner && (unreadable || /[。;!?:][)〕]?$/.test(text))) {
      owner.measure.text += `\n${stripBroken(text)}`;
      // An unreadable unit line has its own warning.
      if (!unreadable) warnings.push({ line, message: `未编号的段落已并入举措 ${owner.measure.code} 的正文,请核对` });
    } else {
      warnings.push({ line, message: `无法归入任何举措的内容,已忽略:${quote(text)}` });
    }
  }
}

function mergeAnnotations(a: UnitAnnotation, b: UnitAnnotation): UnitAnnotation {
  return {
    lead: [...a.lead, ...b.lead],
    responsible: [...a.responsible, ...b.responsible],
    deadlineText: a.deadlineText ?? b.deadlineText,
    unparsed: [...a.unparsed, ...b.unparsed],
    incomplete: a.incomplete || b.incomplete,
  };
}

// ---------------------------------------------------------------------------

/** Kind and number of a printed code or label: "11" → NUM 11, "一、" → CN 1, "(十二)" → PAREN_CN 12, "2.3" → NUM_NUM 3. */
function codeLabel(code: string): { kind: LabelKind; value: number } | null {
  const bare = code.replace(/[、.]$/, "");
  const printed = /^\d+$/.test(bare) ? `${bare}.` : /^[一二三四五六七八九十百]+$/.test(bare) ? `${bare}、` : bare;
  const label = readLabel(`${printed} x`);
  return label ? { kind: label.kind, value: label.value } : null;
}

function checkPlan(plan: ParsedPlan, warnings: ParseWarning[]) {
  const anyUnits = plan.measures.some((m) => m.leadUnits.length || m.responsibleUnits.length);
  // Numbering runs on (…, 5, 6), or restarts at 1 under a new heading of a
  // shallower level; anything else is a gap or a repeat. Each kind of label is
  // checked against the last item of that kind, section or measure, in
  // document order (the stable sort keeps run-on items of one line in order).
  const items = [
    ...plan.sections.map((s) => ({ line: s.line, code: s.label.replace(/[、.]$/, "") })),
    ...plan.measures.map((m) => ({ line: m.line, code: m.code })),
  ].sort((a, b) => a.line - b.line);
  const last = new Map<LabelKind, { value: number; code: string; underNewHeading: boolean }>();
  for (const item of items) {
    const numbering = codeLabel(item.code);
    if (!numbering) continue;
    const { kind, value } = numbering;
    const previous = last.get(kind);
    if (previous && value !== previous.value + 1 && !(previous.underNewHeading && value === 1)) {
      const message =
        value === previous.value && !previous.underNewHeading
          ? `编号重复:${previous.code} 之后又是 ${item.code},请核对`
          : `编号不连续:${previous.code} 之后是 ${item.code},请核对是否有遗漏`;
      warnings.push({ line: item.line, message });
    }
    last.set(kind, { value, code: item.code, underNewHeading: false });
    for (const [other, entry] of last) if (LABEL_DEPTH[other] > LABEL_DEPTH[kind]) entry.underNewHeading = true;
  }
  for (const measure of plan.measures) {
    if (anyUnits && measure.leadUnits.length === 0) {
      warnings.push({ line: measure.line, message: `举措 ${measure.code} 未找到牵头单位` });
    }
    if (measure.deadline && !measure.deadline.date && !measure.deadline.ongoing) {
      warnings.push({ line: measure.line, message: `举措 ${measure.code} 的完成时限“${measure.deadline.text}”无法识别为日期` });
    }
  }
}

export function parsePlans(lines: Line[]): Result {
  const warnings: ParseWarning[] = [];
  const meta = documentMetadata(lines, warnings);
  const plans: ParsedPlan[] = [];
  const headers = findTableHeaders(lines);

  if (headers.length) {
    headers.forEach((header, index) => {
      // The plan's title is the title-like line just above its header.
      const above = lines.slice(Math.max(0, header.index - 4), header.index).reverse();
      const titleLine = above.find((l) => looksLikeTitle(l.text));
      const nextHeader = headers[index + 1];
      let end = nextHeader ? nextHeader.index : lines.length;
      if (nextHeader) {
        const nextTitle = lines
          .slice(Math.max(header.end, nextHeader.index - 4), nextHeader.index)
          .findIndex((l) => looksLikeTitle(l.text));
        if (nextTitle >= 0) end = Math.max(header.end, nextHeader.index - 4) + nextTitle;
      }
      const plan = newPlan(cleanTitle(titleLine?.text ?? `分工方案${index + 1}`), meta);
      const headerLine = lines[header.index]!.line;
      if (!titleLine) warnings.push({ line: headerLine, message: "未找到该表格所属规划的标题,请补充" });
      parseTable(lines.slice(header.end, end), header, headerLine, plan, warnings);
      plans.push(plan);
    });
  } else {
    const titleLine = lines.slice(0, 40).find((l) => looksLikeTitle(l.text));
    const notice = lines
      .slice(0, 40)
      .map((l) => noticeTitle(l.text))
      .find(Boolean);
    const plan = newPlan(cleanTitle(titleLine?.text ?? notice ?? "未命名规划"), meta);
    if (!titleLine && !notice) warnings.push({ line: 1, message: "未找到规划标题,请补充" });
    // Site metadata and the covering notice above the title are not the plan.
    parseText(titleLine ? lines.slice(lines.indexOf(titleLine) + 1) : lines, plan, warnings);
    plans.push(plan);
  }

  for (const plan of plans) checkPlan(plan, warnings);
  return { plans: plans.filter((p) => p.measures.length > 0), warnings: warnings.sort((a, b) => a.line - b.line) };
}
