import type ExcelJS from "exceljs";
import { readDate } from "@/lib/dates.ts";
import type { PlanKind } from "@/lib/import/types.ts";
import { PLAN_KINDS, PLAN_KIND_LABELS } from "@/lib/plans/schema.ts";
import { LIMITS, type LedgerError, type LedgerPlan } from "@/lib/plans/ledger/layout.ts";
import { cellText, lastColumn } from "@/lib/plans/ledger/cells.ts";

// Reading a ledger's plan: its title and the 文号/发文机关/印发日期/期限/类型
// row above the header, or what the title alone tells.

export function emptyPlan(title = ""): LedgerPlan {
  return {
    title,
    kind: "DIVISION_OF_LABOUR",
    periodStart: null,
    periodEnd: null,
    issuer: null,
    documentNumber: null,
    issueDate: null,
    sections: [],
    measures: [],
  };
}

function planKindOf(title: string): PlanKind {
  if (/分工方案|任务分工|责任分工|任务清单|责任清单|分工台账/.test(title)) return "DIVISION_OF_LABOUR";
  if (/行动计划/.test(title)) return "ACTION_PLAN";
  if (/实施方案/.test(title)) return "IMPLEMENTATION_PLAN";
  if (/工作要点/.test(title)) return "WORK_POINTS";
  if (/规划|纲要/.test(title)) return "PLAN";
  return "DIVISION_OF_LABOUR";
}

function periodOf(text: string): {
  periodStart: number | null;
  periodEnd: number | null;
} {
  const t = text.replace(/\s+/g, "");
  const range = /(20\d{2})年?[-—–~至到](20\d{2})/.exec(t);
  if (range) return { periodStart: Number(range[1]), periodEnd: Number(range[2]) };
  const from = /(20\d{2})年?(?:起|以来|开始)/.exec(t);
  if (from) return { periodStart: Number(from[1]), periodEnd: null };
  const until = /(?:至|到)(20\d{2})/.exec(t);
  if (until) return { periodStart: null, periodEnd: Number(until[1]) };
  if (/十四五/.test(t)) return { periodStart: 2021, periodEnd: 2025 };
  if (/十五五/.test(t)) return { periodStart: 2026, periodEnd: 2030 };
  const year = /(20\d{2})/.exec(t);
  return year ? { periodStart: Number(year[1]), periodEnd: Number(year[1]) } : { periodStart: null, periodEnd: null };
}

const INFO_FIELD = /^(文号|发文字号|发文机关|印发日期|成文日期|期限|规划期限|类型|规划类型)$/;

/** "文号:…;发文机关:…": the info row, or null when the text is not one. */
function parseInfo(text: string): Map<string, string> | null {
  const fields = new Map<string, string>();
  for (const part of text.split(/[;\uFF1B\n]+/)) {
    const m = /^\s*([^:\uFF1A]+?)\s*[:\uFF1A]\s*(.*?)\s*$/.exec(part);
    if (m && INFO_FIELD.test(m[1]!)) fields.set(m[1]!, m[2]!);
  }
  return fields.size ? fields : null;
}

type TitleInfo = {
  title: string;
  titleRow: number;
  info: Map<string, string> | null;
  infoRow: number;
};

/** The title and info rows above the header. */
function readTop(sheet: ExcelJS.Worksheet, headerRow: number): TitleInfo {
  const top: TitleInfo = { title: "", titleRow: 0, info: null, infoRow: 0 };
  for (let r = 1; r < headerRow; r++) {
    const texts: string[] = [];
    for (let c = 1; c <= lastColumn(sheet); c++) {
      const t = cellText(sheet, r, c);
      if (t) texts.push(t);
    }
    const text = texts.join(" ").trim();
    if (!text) continue;
    const info = parseInfo(text);
    if (info) {
      if (!top.info) Object.assign(top, { info, infoRow: r });
      continue;
    }
    // "附件1", "附件:" alone are not titles; "附件1:XX分工方案" keeps the title.
    const title = text
      .replace(/^附件\s*\d*\s*[:\uFF1A]?\s*/, "")
      .replace(/^《(.*)》$/, "$1")
      .replace(/\s*\n\s*/g, "")
      .trim();
    if (title && !top.title) Object.assign(top, { title, titleRow: r });
  }
  return top;
}

function kindFromLabel(text: string): PlanKind | null {
  for (const kind of PLAN_KINDS) if (PLAN_KIND_LABELS[kind] === text) return kind;
  return (PLAN_KINDS as readonly string[]).includes(text) ? (text as PlanKind) : null;
}

/** The plan above the header row: title, then the info row's fields (or the title's hints when there is none). */
export function readPlanInfo(sheet: ExcelJS.Worksheet, headerRow: number, errors: LedgerError[]): LedgerPlan {
  const top = readTop(sheet, headerRow);
  const plan = emptyPlan(top.title || sheet.name.trim());
  if (plan.title.length > LIMITS.title) {
    errors.push({
      row: top.titleRow,
      message: `规划标题不能超过 ${LIMITS.title} 个字`,
    });
  }
  if (!top.info) {
    plan.kind = planKindOf(plan.title);
    Object.assign(plan, periodOf(plan.title));
    return plan;
  }
  const info = top.info;
  const field = (...names: string[]) => {
    for (const name of names) {
      const value = info.get(name);
      if (value !== undefined) return value || null;
    }
    return null;
  };
  plan.documentNumber = field("文号", "发文字号");
  plan.issuer = field("发文机关");
  const dateText = field("印发日期", "成文日期");
  plan.issueDate = dateText ? readDate(dateText) : null;
  if (dateText && !plan.issueDate) errors.push({ row: top.infoRow, message: `印发日期“${dateText}”无法识别` });
  const period = field("期限", "规划期限");
  Object.assign(plan, period ? periodOf(period) : { periodStart: null, periodEnd: null });
  const kindText = field("类型", "规划类型");
  plan.kind = (kindText && kindFromLabel(kindText)) || planKindOf(plan.title);
  if (plan.documentNumber && plan.documentNumber.length > LIMITS.documentNumber) {
    errors.push({
      row: top.infoRow,
      message: `文号不能超过 ${LIMITS.documentNumber} 个字`,
    });
  }
  if (plan.issuer && plan.issuer.length > LIMITS.issuer) {
    errors.push({
      row: top.infoRow,
      message: `发文机关不能超过 ${LIMITS.issuer} 个字`,
    });
  }
  return plan;
}
