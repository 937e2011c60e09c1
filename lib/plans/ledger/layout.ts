import type { ParsedPlan, ParsedSection } from "@/lib/import/types.ts";

// The division of labour as judicial bureaus keep it: an Excel ledger
// (分工台账) with one row per measure. buildLedgerWorkbook exports a plan;
// readLedgerWorkbook reads that export back, or a ledger someone made by hand,
// into the shape importedPlanSchema accepts. Pure functions: no database.
//
// Layout written (and recognised on reading):
//   row 1  the plan title, merged across the columns
//   row 2  文号:…;发文机关:…;印发日期:…;期限:…;类型:…  (only fields that are set)
//   row 3  序号 | 章节 | 举措 | 牵头单位 | 责任单位 | 完成时限 [| 状态 | 最新进展]
//   a hidden sheet "章节" with key | parentKey | label | title, so the section
//   tree comes back exactly. Without it, sections are built from the 章节
//   values ("一、… / (一)…") and from heading rows such as a merged
//   "一、全面贯彻实施宪法" between measures.
//
// This module holds the layout both sides share; write.ts builds a ledger,
// read.ts reads one (with cells.ts, plan-info.ts, sections.ts and rows.ts as
// its steps).

export type LedgerRow = {
  code: string;
  /** Section path as chapterPath() prints it; "" for a measure outside any section. */
  chapter: string;
  text: string;
  leadUnits: string[];
  responsibleUnits: string[];
  deadlineText: string | null;
  status?: string | null;
  latestProgress?: string | null;
};

export type LedgerSection = Omit<ParsedSection, "line">;

/** A plan's particulars as the importer reads them from a document, with its chapter tree. */
export type LedgerPlanInfo = Omit<ParsedPlan, "sections" | "measures"> & {
  sections: LedgerSection[];
};

export type LedgerMeasure = {
  code: string;
  text: string;
  sectionKey: string | null;
  leadUnits: string[];
  responsibleUnits: string[];
  deadlineText: string | null;
};

/** What a ledger holds, in the input shape of importedPlanSchema. */
export type LedgerPlan = LedgerPlanInfo & { measures: LedgerMeasure[] };

/** Row numbers are as Excel shows them (1-based); 0 means the file as a whole. */
export type LedgerError = { row: number; message: string };

export type LedgerReadResult = { plan: LedgerPlan; errors: LedgerError[] };

export const CHAPTER_SHEET = "章节";
export const CHAPTER_SHEET_HEADER = ["key", "parentKey", "label", "title"] as const;
export const PATH_SEPARATOR = " / ";

export const LEDGER_MESSAGES = {
  noHeader: "未找到表头:需要“举措”和“牵头单位”两列",
  unitsWithoutText: "填写了单位但没有举措内容",
  noText: "没有举措内容",
  notXlsx: "文件不是 Excel 工作簿(.xlsx),无法读取",
  xls: "这是旧版 Excel(.xls)文件或加密的工作簿,无法读取。请在 Excel 中“另存为”Excel 工作簿(.xlsx)后再导入",
  zipNotXlsx: "这是一个压缩文件,但不是 Excel 工作簿(.xlsx)",
  docx: "这是 Word 文档(.docx),不是 Excel 工作簿(.xlsx)",
  corrupt: "无法读取该 Excel 文件,文件可能已损坏",
} as const;

// Mirrors importedPlanSchema, so a row over a limit is named with its row
// rather than failing the whole import at commit time.
export const LIMITS = {
  title: 200,
  issuer: 200,
  documentNumber: 100,
  code: 20,
  text: 5000,
  deadline: 100,
  unitName: 100,
  leadUnits: 200,
  responsibleUnits: 500,
  sectionLabel: 20,
  sectionTitle: 500,
  sectionKey: 20,
} as const;

/** "一、全面贯彻实施宪法 / (一)加强宪法实施": the 章节 value of a measure in that section. */
export function chapterPath(sections: readonly LedgerSection[], sectionKey: string | null): string {
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const segments: string[] = [];
  const seen = new Set<string>();
  for (let key = sectionKey; key && !seen.has(key);) {
    seen.add(key);
    const section = byKey.get(key);
    if (!section) break;
    segments.unshift(`${section.label}${section.title}`.trim());
    key = section.parentKey;
  }
  return segments.join(PATH_SEPARATOR);
}

/** A valid worksheet name: at most 31 characters, none of []:*?/\, not blank, not "章节". */
export function ledgerSheetName(title: string): string {
  let name = title
    .replace(/[[\]:*?/\\]/g, "_")
    .replace(/[\u0000-\u001f]/g, "")
    .trim()
    .replace(/^'+|'+$/g, "");
  name = Array.from(name).slice(0, 31).join("").trim();
  if (!name || name === CHAPTER_SHEET || name.toLowerCase() === "history") return "分工台账";
  return name;
}
