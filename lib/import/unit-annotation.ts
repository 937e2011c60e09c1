import { splitUnitList } from "@/lib/import/unit-list.ts";

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
};

const LEAD = "牵头单位|牵头部门|主责单位|牵头";
const RESPONSIBLE = "责任单位|责任部门|配合单位|配合部门|参与单位|协办单位|协同单位";
const BOTH = "牵头单位、责任单位|牵头及责任单位|牵头、责任单位|牵头、责任部门|牵头和责任单位|责任主体";
const DEADLINE = "完成时限|完成时间|时间节点|时限要求|时限";
const LABEL = new RegExp(`(${BOTH}|${LEAD}|${RESPONSIBLE}|${DEADLINE})\\s*[::]`, "g");

/** True when the text starts with a unit or deadline label (a labelled line). */
export function startsWithUnitLabel(text: string): boolean {
  return new RegExp(`^(${BOTH}|${LEAD}|${RESPONSIBLE}|${DEADLINE})\\s*[::]`).test(text);
}

function roleOf(label: string): "lead" | "responsible" | "both" | "deadline" {
  if (new RegExp(`^(${BOTH})$`).test(label)) return "both";
  if (new RegExp(`^(${DEADLINE})$`).test(label)) return "deadline";
  if (new RegExp(`^(${RESPONSIBLE})$`).test(label)) return "responsible";
  return "lead";
}

/** "牵头单位:A;责任单位:B;完成时限:2023年" (any order, any subset). */
export function parseLabelled(content: string): UnitAnnotation | null {
  const matches = [...content.matchAll(LABEL)];
  if (matches.length === 0) return null;
  const result: UnitAnnotation = { lead: [], responsible: [], deadlineText: null, unparsed: [] };
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
    if (role === "deadline") result.deadlineText = value || null;
    else if (role === "responsible") result.responsible.push(...splitUnitList(value));
    // Units named as both lead and responsible lead the measure.
    else result.lead.push(...splitUnitList(value));
  });
  return result;
}

/** "A、B牵头,C按职责分工负责" as the central government writes it. */
export function parseCentralStyle(content: string): UnitAnnotation | null {
  if (!/牵头|负责|配合|参与/.test(content)) return null;
  const result: UnitAnnotation = { lead: [], responsible: [], deadlineText: null, unparsed: [] };
  for (const part of content.split(/[,;]/)) {
    const segment = part.trim();
    const lead = /^(.+?)(共同)?牵头$/.exec(segment);
    const responsible = /^(.+?)(按职责分工负责|按职责负责|分工负责|负责|配合|参与|落实)$/.exec(segment);
    if (lead) result.lead.push(...splitUnitList(lead[1]!));
    else if (responsible) result.responsible.push(...splitUnitList(responsible[1]!));
    else return null;
  }
  return result.lead.length || result.responsible.length ? result : null;
}

/** Whatever style the content of a parenthesis or bracket uses, or null if it names no units. */
export function parseAnnotation(content: string): UnitAnnotation | null {
  return parseLabelled(content) ?? parseCentralStyle(content);
}

/**
 * Splits a trailing "(…)" or "〔…〕" annotation off a measure's text, if it is
 * one; other parentheses (like "(试行)") stay in the text.
 */
export function splitTrailingAnnotation(text: string): { text: string; annotation: UnitAnnotation | null } {
  const trimmed = text.trim();
  const close = trimmed.at(-1);
  if (close !== ")" && close !== "〕") return { text: trimmed, annotation: null };
  const open = close === ")" ? "(" : "〔";
  let depth = 0;
  for (let i = trimmed.length - 1; i >= 0; i--) {
    const ch = trimmed[i];
    if (ch === close) depth++;
    else if (ch === open && --depth === 0) {
      const annotation = parseAnnotation(trimmed.slice(i + 1, -1));
      if (!annotation) return { text: trimmed, annotation: null };
      return { text: trimmed.slice(0, i).trim(), annotation };
    }
  }
  return { text: trimmed, annotation: null };
}
