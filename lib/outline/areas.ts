// The areas of the national outline (法治政府建设实施纲要(2021－2025年)) that
// districts' plan chapters map to, in the outline's order, so a city leader can
// compare districts chapter by chapter. The first ten are the outline's own
// chapters; SOCIETY and JUSTICE cover the chapters of 法治社会/法治建设 plans
// that the outline on government has no place for.
//
// The same rows are reference data in the "OutlineArea" table (written by the
// migration 20261123180000_outline_areas); tests/integration/outline-areas.test.ts
// keeps the two equal. Pure data: safe to import from client components.

export const OUTLINE_AREA_CODES = [
  "GUIDING",
  "FUNCTIONS",
  "RULES",
  "DECISIONS",
  "ENFORCEMENT",
  "EMERGENCIES",
  "DISPUTES",
  "OVERSIGHT",
  "TECHNOLOGY",
  "LEADERSHIP",
  "SOCIETY",
  "JUSTICE",
] as const;

export type OutlineAreaCode = (typeof OUTLINE_AREA_CODES)[number];

export const OUTLINE_AREA_NAMES: Record<OutlineAreaCode, string> = {
  GUIDING: "总体要求",
  FUNCTIONS: "政府机构职能",
  RULES: "依法行政制度",
  DECISIONS: "行政决策",
  ENFORCEMENT: "行政执法",
  EMERGENCIES: "突发事件应对",
  DISPUTES: "矛盾纠纷化解",
  OVERSIGHT: "权力制约监督",
  TECHNOLOGY: "科技保障",
  LEADERSHIP: "党的领导",
  SOCIETY: "法治社会",
  JUSTICE: "司法公正",
};

export function isOutlineAreaCode(value: unknown): value is OutlineAreaCode {
  return typeof value === "string" && (OUTLINE_AREA_CODES as readonly string[]).includes(value);
}

/** The label to show for a stored area; null (or a code this build does not know) shows as unmapped. */
export function outlineAreaName(code: string | null | undefined): string | null {
  return isOutlineAreaCode(code) ? OUTLINE_AREA_NAMES[code] : null;
}
