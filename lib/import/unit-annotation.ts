import { parseDeadline } from "@/lib/import/deadline.ts";
import { hadEtcSuffix, splitUnitList } from "@/lib/import/unit-list.ts";

// Documents say who does a measure in several ways; each becomes the same
// UnitAnnotation:
//   (牵头单位:A、B;责任单位:C;完成时限:2023年)      labelled, in parentheses
//   〔牵头单位:A;责任单位:C〕                         labelled, in brackets
//   牵头单位:A        责任单位:C                      labelled lines
//   (A、B牵头,C按职责分工负责)                        central-government style
// Cooperating units (配合单位, 责任部门 …) count as responsible units.

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
  return STARTS_WITH_LABEL.test(text);
}

function roleOf(label: string): "lead" | "responsible" | "both" | "deadline" {
  if (IS_BOTH.test(label)) return "both";
  if (IS_DEADLINE.test(label)) return "deadline";
  if (IS_RESPONSIBLE.test(label)) return "responsible";
  return "lead";
}

/** "牵头单位:A;责任单位:B;完成时限:2023年" (any order, any subset). */
export function parseLabelled(content: string): UnitAnnotation | null {
  const matches = [...content.matchAll(LABEL)];
  if (matches.length === 0) return null;
  const result = empty();
  const before = content.slice(0, matches[0]!.index).trim();
  if (before) result.unparsed.push(before);
  matches.forEach((match, i) => {
    const start = match.index! + match[0].length;
    const end = i + 1 < matches.length ? matches[i + 1]!.index! : content.length;
    // A value ends at ";": what follows without a label of its own is not understood.
    const [value = "", ...rest] = content
      .slice(start, end)
      .replace(/[;,。\s]+$/, "")
      .split(";")
      .map((part) => part.trim());
    if (rest.some(Boolean)) result.unparsed.push(rest.filter(Boolean).join(";"));
    const role = roleOf(match[1]!);
    if (role !== "deadline" && value.includes("等") && hadEtcSuffix(value)) result.incomplete = true;
    if (role === "deadline") result.deadlineText = value || null;
    else if (role === "responsible") result.responsible.push(...splitUnitList(value));
    // Units named as both lead and responsible lead the measure.
    else result.lead.push(...splitUnitList(value));
  });
  return result;
}

// "区司法局牵头", "区司法局牵头负责"; "区财政局等部门按职责分工负责",
// "各相关部门按职责分工落实", "区民政局配合".
const CENTRAL_LEAD = /^(.+?)(?:共同)?牵头(?:负责)?$/u;
const CENTRAL_RESPONSIBLE = /^(.+?)(按照?职责(?:分工)?|分工|共同|具体)?(负责|配合|参与|落实)$/u;

/**
 * "A、B牵头,C按职责分工负责" as the central government writes it. A clause
 * stating a deadline ("2022年底前完成", "长期坚持") is the deadline; any
 * other clause means this is not an annotation (null), so ordinary
 * parentheses in a sentence are left alone.
 */
export function parseCentralStyle(content: string): UnitAnnotation | null {
  // 落实 alone is too common a verb ("各区要抓好落实") to mark an annotation.
  if (!/牵头|负责|配合|参与/.test(content)) return null;
  const result = empty();
  // Units that plainly 负责 (not "按职责分工负责"): in charge, if nobody leads.
  const inCharge: string[] = [];
  for (const part of content.split(/[,;]/)) {
    const segment = part.trim().replace(/[。.]+$/, "");
    if (!segment) continue;
    const lead = CENTRAL_LEAD.exec(segment);
    if (lead) {
      if (hadEtcSuffix(lead[1]!)) result.incomplete = true;
      result.lead.push(...splitUnitList(lead[1]!));
      continue;
    }
    const responsible = CENTRAL_RESPONSIBLE.exec(segment);
    if (responsible) {
      const [, names = "", manner, verb] = responsible;
      if (hadEtcSuffix(names)) result.incomplete = true;
      const units = splitUnitList(names);
      if (verb === "负责" && !manner) inCharge.push(...units);
      else result.responsible.push(...units);
      continue;
    }
    const deadline = parseDeadline(segment);
    if (deadline && (deadline.date || deadline.ongoing) && !result.deadlineText) result.deadlineText = segment;
    else return null;
  }
  // "(区司法局负责,区财政局配合)": with nobody leading, the unit in charge
  // leads; beside a 牵头 unit it is one of the responsible units.
  if (result.lead.length === 0) result.lead = inCharge;
  else result.responsible.unshift(...inCharge);
  return result.lead.length || result.responsible.length ? result : null;
}

/** Whatever style the content of a parenthesis or bracket uses, or null if it names no units. */
export function parseAnnotation(content: string): UnitAnnotation | null {
  return parseLabelled(content) ?? parseCentralStyle(content);
}

/**
 * Splits a trailing "(…)" or "〔…〕" annotation off a measure's text, if it is
 * one; other parentheses (like "(试行)") stay in the text. Sentence
 * punctuation after the annotation ("…管理(区司法局牵头)。") stays with the text.
 */
export function splitTrailingAnnotation(text: string): { text: string; annotation: UnitAnnotation | null } {
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
      const annotation = parseAnnotation(body.slice(i + 1, -1));
      if (!annotation) return { text: trimmed, annotation: null };
      const before = body.slice(0, i).trim();
      // "…建设。(区政府办牵头)。": one full stop is enough.
      const punctuation = /[。;,.]$/.test(before) ? "" : tail.slice(0, 1);
      return { text: before + punctuation, annotation };
    }
  }
  return { text: trimmed, annotation: null };
}
