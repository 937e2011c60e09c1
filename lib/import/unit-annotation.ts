import { toSimplified } from "@/lib/import/chinese.ts";
import { parseDeadline } from "@/lib/import/deadline.ts";
import type { Deadline } from "@/lib/import/types.ts";
import { endsLikeUnitName, hadEtcSuffix, isCollectiveDesignation, isPlausibleUnitName, splitUnitList } from "@/lib/import/unit-list.ts";

// Documents say who does a measure in several ways; each becomes the same
// UnitAnnotation:
//   (牵头单位:A、B;责任单位:C;完成时限:2023年)      labelled, in parentheses
//   〔牵头单位:A;责任单位:C〕                         labelled, in brackets
//   牵头单位:A        责任单位:C                      labelled lines
//   (A、B牵头,C按职责分工负责)                        central-government style
//   (责任单位:A、B牵头,C负责)                         both: role words override the label
// Cooperating units (配合单位, 责任部门 …) count as responsible units.
// Traditional characters (牽頭, 責任單位, 按職責分工負責) are read in a
// simplified shadow of the text (lib/import/chinese.ts), which keeps every
// character in its place: keywords are found in the shadow, names are cut
// from the text as printed.

export type UnitAnnotation = {
  lead: string[];
  responsible: string[];
  deadlineText: string | null;
  /** Text inside the annotation that fits no label (often a truncated tail), for a warning. */
  unparsed: string[];
  /** A list ended in 等/等部门: it names examples, so the units may be incomplete. */
  incomplete: boolean;
};

const empty = (): UnitAnnotation => ({ lead: [], responsible: [], deadlineText: null, unparsed: [], incomplete: false });

const LEAD = "牵头单位|牵头部门|主责单位|牵头";
const RESPONSIBLE = "责任单位|责任部门|配合单位|配合部门|参与单位|协办单位|协同单位";
const BOTH = "牵头单位、责任单位|牵头及责任单位|牵头、责任单位|牵头、责任部门|牵头和责任单位|责任主体";
const DEADLINE = "完成时限|完成时间|时间节点|时限要求|时限";
const LABEL = new RegExp(`(${BOTH}|${LEAD}|${RESPONSIBLE}|${DEADLINE})\\s*[::]`, "g");
const STARTS_WITH_LABEL = new RegExp(`^(${BOTH}|${LEAD}|${RESPONSIBLE}|${DEADLINE})\\s*[::]`);
const IS_BOTH = new RegExp(`^(${BOTH})$`);
const IS_DEADLINE = new RegExp(`^(${DEADLINE})$`);
const IS_RESPONSIBLE = new RegExp(`^(${RESPONSIBLE})$`);

/** True when the text starts with a unit or deadline label (a labelled line). */
export function startsWithUnitLabel(text: string): boolean {
  // Labels are short and end in a colon: the shadow of the head is enough.
  const head = text.slice(0, 16);
  return /[:\uFF1A]/.test(head) && STARTS_WITH_LABEL.test(toSimplified(head));
}

function roleOf(label: string): "lead" | "responsible" | "both" | "deadline" {
  if (IS_BOTH.test(label)) return "both";
  if (IS_DEADLINE.test(label)) return "deadline";
  if (IS_RESPONSIBLE.test(label)) return "responsible";
  return "lead";
}

/** Text as printed and its simplified shadow, the same length. */
type Shadowed = { text: string; shadow: string };

const cut = (s: Shadowed, start: number, end = s.text.length): Shadowed => ({
  text: s.text.slice(start, end),
  shadow: s.shadow.slice(start, end),
});

/** Without surrounding whitespace, and without trailing characters matching `tail`. */
function trim(s: Shadowed, tail = /\s+$/u): Shadowed {
  const start = /^\s*/u.exec(s.text)![0].length;
  const rest = cut(s, start);
  return cut(rest, 0, rest.text.length - (tail.exec(rest.shadow)?.[0].length ?? 0));
}

/** Splits at each character `at` accepts, outside brackets. */
function splitAt(s: Shadowed, at: (shadow: string, index: number) => boolean): Shadowed[] {
  const parts: Shadowed[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.shadow.length; i++) {
    const ch = s.shadow[i]!;
    if (ch === "(" || ch === "\uFF08") depth++;
    else if ((ch === ")" || ch === "\uFF09") && depth > 0) depth--;
    else if (depth === 0 && at(s.shadow, i)) {
      parts.push(cut(s, start, i));
      start = i + 1;
    }
  }
  parts.push(cut(s, start));
  return parts;
}

// Role words that end a list of units: "A、B牵头", "C按职责分工分别负责",
// "D配合落实". Read in the shadow; the longest ending is the role phrase.
// "区司法局(牵头)" marks one unit of a list.
const LEAD_PHRASE = /(?:(?:共同)?牵头(?:负责|抓总|落实)?|[(\uFF08]牵头[)\uFF09])$/u;
const RESPONSIBLE_PHRASE =
  /(?:(?:按照?|依照?|根据)(?:各自)?(?:职责|职能)+(?:分工)?|按分工|分工|分头|各自|共同|具体|协同|积极|分别|抓好)*(?:负责|配合|参与|落实|协助)(?:落实)?$/u;
/** A 、 right after a role word starts a list with another role: "A牵头、B配合", "A(牵头)、B". */
const ROLE_WORD_BEFORE = /(?:牵头|负责|配合|参与|落实|协助|抓总)[)\uFF09]?$/u;
/** A 、 right before "B(牵头)": the mark is B's alone, not the list's. */
const MARKED_AFTER = /[^、]*[(\uFF08]牵头[)\uFF09](?:、|$)/uy;

/** Whether the list splits at the 、 at `i`. */
function splitsListAt(shadow: string, i: number): boolean {
  if (shadow[i] !== "、") return false;
  if (ROLE_WORD_BEFORE.test(shadow.slice(Math.max(0, i - 5), i))) return true;
  MARKED_AFTER.lastIndex = i + 1;
  return MARKED_AFTER.test(shadow);
}

type Role = "lead" | "responsible" | "inCharge";

/** "区司法局、区财政局牵头" → names and role; null when no role phrase ends it. */
function roleOfList(s: Shadowed): { names: string; role: Role } | null {
  const phrase = LEAD_PHRASE.exec(s.shadow) ?? RESPONSIBLE_PHRASE.exec(s.shadow);
  if (!phrase || phrase.index === 0) return null;
  const names = s.text.slice(0, phrase.index);
  // Plainly 负责 (not 按职责分工负责): the unit in charge.
  const role: Role = phrase[0].includes("牵头") ? "lead" : phrase[0] === "负责" ? "inCharge" : "responsible";
  return { names, role };
}

/** Clauses (split at , and ;) and, inside them, lists ended by a role word. */
function listsOf(s: Shadowed): Shadowed[][] {
  return splitAt(s, (shadow, i) => ",;\uFF0C\uFF1B".includes(shadow[i]!))
    .map((clause) => trim(clause, /[\s。.]+$/u))
    .filter((clause) => clause.text)
    .map((clause) =>
      splitAt(clause, splitsListAt)
        .map((list) => trim(list))
        .filter((list) => list.text),
    );
}

/** "2022年底前完成", "长期坚持": a clause that states a deadline, not units. */
function isDeadlineClause(clause: Shadowed): boolean {
  if (roleOfList(clause)) return false;
  const deadline = parseDeadline(clause.shadow);
  return deadline !== null && (deadline.date !== null || deadline.ongoing);
}

/** Units in charge (plainly 负责) lead when nobody else does, else they are responsible. */
function settleInCharge(result: UnitAnnotation, inCharge: string[]): void {
  if (result.lead.length === 0) result.lead = inCharge;
  else result.responsible.unshift(...inCharge);
}

function addUnits(result: UnitAnnotation, role: "lead" | "responsible", names: string): void {
  if (names.includes("等") && hadEtcSuffix(names)) result.incomplete = true;
  result[role].push(...splitUnitList(names));
}

/** "牵头单位:A;责任单位:B;完成时限:2023年" (any order, any subset). */
export function parseLabelled(content: string): UnitAnnotation | null {
  // Every label ends in a colon: most brackets have none, and need no shadow.
  if (!/[:\uFF1A]/.test(content)) return null;
  const whole: Shadowed = { text: content, shadow: toSimplified(content) };
  const matches = [...whole.shadow.matchAll(LABEL)];
  if (matches.length === 0) return null;
  const result = empty();
  const before = content.slice(0, matches[0]!.index).trim();
  if (before) result.unparsed.push(before);
  matches.forEach((match, i) => {
    const start = match.index + match[0].length;
    const end = i + 1 < matches.length ? matches[i + 1]!.index : content.length;
    // A value ends at ";": what follows has no label of its own.
    const [value, ...rest] = splitAt(trim(cut(whole, start, end), /[;,。\s]+$/u), (shadow, at) => shadow[at] === ";").map((part) =>
      trim(part),
    );
    const role = roleOf(match[1]!);
    if (role === "deadline") result.deadlineText = value!.text || null;
    // Units named as both lead and responsible lead the measure.
    else readValue(value!, role === "responsible" ? "responsible" : "lead", result);
    for (const clause of rest) if (clause.text) readUnlabelledClause(clause, result);
  });
  return result;
}

/**
 * A clause after a value's ";" without a label: "责任单位:A牵头;B配合".
 * Units it names with their own role words, or a deadline, are read (plainly
 * 负责 there is responsible: the label before the ";" named its own units);
 * anything else would be a guess at a role, so it is reported as unparsed.
 */
function readUnlabelledClause(clause: Shadowed, result: UnitAnnotation): void {
  const clauses = listsOf(clause);
  const isDeadline = (lists: Shadowed[]) => lists.length === 1 && isDeadlineClause(lists[0]!);
  const readable = clauses.every(
    (lists) => lists.every((list) => roleOfList(list) !== null) || (isDeadline(lists) && !result.deadlineText),
  );
  if (!readable) {
    result.unparsed.push(clause.text);
    return;
  }
  for (const lists of clauses) {
    if (isDeadline(lists)) {
      result.deadlineText = lists[0]!.text;
      continue;
    }
    for (const list of lists) {
      const own = roleOfList(list)!;
      addUnits(result, own.role === "inCharge" ? "responsible" : own.role, own.names);
    }
  }
}

/**
 * The units of a labelled value or a table cell whose label (or column) gives
 * `labelRole`. Role words inside the value ("责任单位:A牵头,B负责",
 * "C按职责分工分别负责") are stripped from the names and override the label.
 */
function readValue(value: Shadowed, labelRole: "lead" | "responsible", result: UnitAnnotation): void {
  listsOf(value).forEach((lists, clause) => {
    // "责任单位:A牵头,2023年底前完成": a later clause may state the deadline.
    if (clause > 0 && lists.length === 1 && !result.deadlineText && isDeadlineClause(lists[0]!)) {
      result.deadlineText = lists[0]!.text;
      return;
    }
    // Plainly 负责 restates the label: "责任单位:A负责" is responsible.
    for (const list of lists) {
      const own = roleOfList(list);
      if (!own) addUnits(result, labelRole, list.text);
      else addUnits(result, own.role === "inCharge" ? labelRole : own.role, own.names);
    }
  });
}

/** The units of a 牵头单位 or 责任单位 table cell, read like a labelled value. */
export function parseUnitCell(cell: string, column: "lead" | "responsible"): UnitAnnotation {
  const result = empty();
  readValue(trim({ text: cell, shadow: toSimplified(cell) }, /[;,。\s]+$/u), column, result);
  return result;
}

/**
 * "A、B牵头,C按职责分工负责" as the central government writes it. A clause
 * stating a deadline ("2022年底前完成", "长期坚持") is the deadline; any
 * other clause means this is not an annotation (null), so ordinary
 * parentheses in a sentence are left alone.
 */
export function parseCentralStyle(content: string): UnitAnnotation | null {
  return readCentralStyle(content).annotation;
}

/**
 * The central style clause by clause. `runOn`: some clauses name units with
 * role words and others are neither units nor a deadline, as when a bracket
 * left open runs on into the measure's sentences ("区司法局牵头,区直各执法
 * 部门配合,建立健全…"): an annotation that cannot be read, not a plain aside.
 */
function readCentralStyle(content: string): { annotation: UnitAnnotation | null; runOn: boolean } {
  // 落实 alone is too common a verb ("各区要抓好落实") to mark an annotation.
  if (!/牵头|牽頭|负责|負責|配合|参与|參與|协助|協助/.test(content)) return { annotation: null, runOn: false };
  const whole: Shadowed = { text: content, shadow: toSimplified(content) };
  const result = empty();
  // Units that plainly 负责 (not "按职责分工负责"): in charge, if nobody leads.
  const inCharge: string[] = [];
  let stray = false;
  for (const lists of listsOf(whole)) {
    const roles = lists.map(roleOfList);
    if (roles.every((role) => role !== null)) {
      roles.forEach((own) => {
        if (own.role === "inCharge") {
          if (own.names.includes("等") && hadEtcSuffix(own.names)) result.incomplete = true;
          inCharge.push(...splitUnitList(own.names));
        } else addUnits(result, own.role, own.names);
      });
      continue;
    }
    const clause = lists.length === 1 ? lists[0]! : null;
    if (clause && !result.deadlineText && isDeadlineClause(clause)) result.deadlineText = clause.text;
    else stray = true;
  }
  // "(区司法局负责,区财政局配合)": with nobody leading, the unit in charge
  // leads; beside a 牵头 unit it is one of the responsible units.
  settleInCharge(result, inCharge);
  const units = result.lead.length > 0 || result.responsible.length > 0;
  return { annotation: units && !stray ? result : null, runOn: units && stray };
}

/** What a bracket's content says about units: an annotation, or one whose "units" are not names. */
export type AnnotationReading = {
  annotation: UnitAnnotation | null;
  /** It reads as an annotation, but a "unit" holds sentence punctuation or is too long: it swallowed text. */
  unreadable: boolean;
};

/**
 * The content of a bracket or a labelled line as an annotation, if its units
 * are plausible names. `unclosed`: the bracket never closes, so reading it is
 * a guess, and every name must also end the way unit names end.
 */
export function readAnnotation(content: string, options: { unclosed?: boolean } = {}): AnnotationReading {
  const labelled = parseLabelled(content);
  const central = labelled ? null : readCentralStyle(content);
  if (central?.runOn) return { annotation: null, unreadable: true };
  const annotation = labelled ?? central!.annotation;
  if (!annotation) return { annotation: null, unreadable: false };
  const plausible = [...annotation.lead, ...annotation.responsible].every(
    (name) => isPlausibleUnitName(name) && (!options.unclosed || endsLikeUnitName(name) || isCollectiveDesignation(name)),
  );
  return plausible ? { annotation, unreadable: false } : { annotation: null, unreadable: true };
}

/** Whatever style the content of a parenthesis or bracket uses, or null if it names no units. */
export function parseAnnotation(content: string): UnitAnnotation | null {
  return readAnnotation(content).annotation;
}

/** A deadline as printed in a 完成时限 field, in either script: "長期堅持" is ongoing, its text stays as printed. */
export function readDeadline(text: string): Deadline | null {
  const deadline = parseDeadline(toSimplified(text));
  return deadline && { ...deadline, text: text.trim() };
}

/**
 * Splits a trailing "(…)" or "〔…〕" annotation off a measure's text, if it is
 * one; other parentheses (like "(试行)") stay in the text. Sentence
 * punctuation after the annotation ("…管理(区司法局牵头)。") stays with the text.
 */
export function splitTrailingAnnotation(text: string): {
  text: string;
  annotation: UnitAnnotation | null;
  /** Set when the trailing bracket reads as an annotation whose units are not names; the text keeps it. */
  unreadable?: true;
} {
  const trimmed = text.trim();
  const tail = /[。;,.]+$/.exec(trimmed)?.[0] ?? "";
  const body = trimmed.slice(0, trimmed.length - tail.length).trimEnd();
  const close = body.at(-1);
  if (close !== ")" && close !== "〕") return { text: trimmed, annotation: null };
  const open = close === ")" ? "(" : "〔";
  let depth = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const ch = body[i];
    if (ch === close) depth++;
    else if (ch === open && --depth === 0) {
      const { annotation, unreadable } = readAnnotation(body.slice(i + 1, -1));
      if (!annotation) return unreadable ? { text: trimmed, annotation: null, unreadable } : { text: trimmed, annotation: null };
      const before = body.slice(0, i).trim();
      // "…建设。(区政府办牵头)。": one full stop is enough.
      const punctuation = /[。;,.]$/.test(before) ? "" : tail.slice(0, 1);
      return { text: before + punctuation, annotation };
    }
  }
  return { text: trimmed, annotation: null };
}
