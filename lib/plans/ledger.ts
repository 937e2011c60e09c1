import ExcelJS from "exceljs";
import { parseDeadline } from "@/lib/import/deadline.ts";
import { readLabel } from "@/lib/import/numbering.ts";
import { toHalfWidth } from "@/lib/import/normalize.ts";
import { COMMON_HEADER_CELLS, type HeaderColumn } from "@/lib/import/header-cells.ts";
import { splitUnitList } from "@/lib/import/unit-list.ts";
import { MAX_ZIP_ENTRIES, checkZip } from "@/lib/import/zip-guard.ts";
import type { ParsedPlan, ParsedSection, PlanKind } from "@/lib/import/types.ts";
import { PLAN_KINDS, PLAN_KIND_LABELS, importedPlanSchema } from "@/lib/plans/schema.ts";

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
export type LedgerPlanInfo = Omit<ParsedPlan, "sections" | "measures"> & { sections: LedgerSection[] };

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
const CHAPTER_SHEET_HEADER = ["key", "parentKey", "label", "title"] as const;
const PATH_SEPARATOR = " / ";

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
const LIMITS = {
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

// Building -----------------------------------------------------------------

/** "一、全面贯彻实施宪法 / (一)加强宪法实施": the 章节 value of a measure in that section. */
export function chapterPath(sections: readonly LedgerSection[], sectionKey: string | null): string {
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const segments: string[] = [];
  const seen = new Set<string>();
  for (let key = sectionKey; key && !seen.has(key); ) {
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

function periodText(start: number | null, end: number | null): string | null {
  if (start && end) return start === end ? `${start}年` : `${start}—${end}年`;
  if (start) return `${start}年起`;
  if (end) return `至${end}年`;
  return null;
}

function issueDateText(date: string | null): string | null {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

function infoLine(plan: LedgerPlanInfo): string {
  const fields: [string, string | null][] = [
    ["文号", plan.documentNumber],
    ["发文机关", plan.issuer],
    ["印发日期", issueDateText(plan.issueDate)],
    ["期限", periodText(plan.periodStart, plan.periodEnd)],
    ["类型", PLAN_KIND_LABELS[plan.kind]],
  ];
  return fields
    .filter((f): f is [string, string] => Boolean(f[1]))
    .map(([label, value]) => `${label}:${value}`)
    .join(";");
}

type ColumnSpec = { header: string; width: number; wrap: boolean; center: boolean };

const BASE_COLUMNS: ColumnSpec[] = [
  { header: "序号", width: 7, wrap: false, center: true },
  { header: "章节", width: 24, wrap: true, center: false },
  { header: "举措", width: 60, wrap: true, center: false },
  { header: "牵头单位", width: 20, wrap: true, center: false },
  { header: "责任单位", width: 28, wrap: true, center: false },
  { header: "完成时限", width: 14, wrap: true, center: true },
];
const STATUS_COLUMNS: ColumnSpec[] = [
  { header: "状态", width: 10, wrap: true, center: true },
  { header: "最新进展", width: 40, wrap: true, center: false },
];

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };
const BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = "宋体";

export async function buildLedgerWorkbook(plan: LedgerPlanInfo, rows: readonly LedgerRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "法治任务通";
  workbook.title = plan.title;
  workbook.created = new Date();

  const withStatus = rows.some((r) => Boolean(r.status?.trim() || r.latestProgress?.trim()));
  const columns = withStatus ? [...BASE_COLUMNS, ...STATUS_COLUMNS] : BASE_COLUMNS;
  const last = columns.length;

  const sheet = workbook.addWorksheet(ledgerSheetName(plan.title), {
    views: [{ state: "frozen", xSplit: 0, ySplit: 3, topLeftCell: "A4", activeCell: "A4" }],
    pageSetup: {
      paperSize: 9 as ExcelJS.PaperSize, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: "3:3",
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "第 &P 页,共 &N 页" },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));

  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = plan.title;
  titleRow.getCell(1).font = { name: FONT, size: 16, bold: true };
  titleRow.getCell(1).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  titleRow.height = 32;
  sheet.mergeCells(1, 1, 1, last);

  const infoRow = sheet.getRow(2);
  infoRow.getCell(1).value = infoLine(plan);
  infoRow.getCell(1).font = { name: FONT, size: 10 };
  infoRow.getCell(1).alignment = { horizontal: "left", vertical: "middle" };
  sheet.mergeCells(2, 1, 2, last);

  const headerRow = sheet.getRow(3);
  columns.forEach((c, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = BORDERS;
  });
  headerRow.height = 22;

  rows.forEach((r, index) => {
    const row = sheet.getRow(4 + index);
    const values: (string | number | null)[] = [
      // Plain integers as numbers (no "number stored as text" marks); "1.10" stays text.
      /^[1-9]\d{0,8}$/.test(r.code) ? Number(r.code) : r.code,
      r.chapter || null,
      r.text,
      r.leadUnits.join("、") || null,
      r.responsibleUnits.join("、") || null,
      r.deadlineText || null,
    ];
    if (withStatus) values.push(r.status || null, r.latestProgress || null);
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      const spec = columns[i]!;
      cell.value = value;
      cell.font = { name: FONT, size: 11 };
      cell.alignment = { vertical: "top", horizontal: spec.center ? "center" : "left", wrapText: spec.wrap };
      cell.border = BORDERS;
    });
  });

  const chapters = workbook.addWorksheet(CHAPTER_SHEET, { state: "hidden" });
  chapters.columns = [{ width: 10 }, { width: 10 }, { width: 10 }, { width: 60 }];
  chapters.addRow([...CHAPTER_SHEET_HEADER]);
  for (const s of plan.sections) chapters.addRow([s.key, s.parentKey ?? null, s.label || null, s.title || null]);

  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}

// Reading ------------------------------------------------------------------

type Column = HeaderColumn | "status" | "progress";

// A ledger exported here adds its own headings to the documents' vocabulary.
const HEADER_CELLS = new Map<string, Column>([
  ...COMMON_HEADER_CELLS,
  ["编号", "serial"],
  ["章节", "chapter"],
  ["举措", "task"],
  ["状态", "status"],
  ["最新进展", "progress"],
]);

const HEADER_SEARCH_ROWS = 10;
/** Columns looked at: a stray cell far to the right must not make every row slow. */
const MAX_COLUMNS = 64;
/** Total inflated size of a workbook: a 10 MB upload can hold gigabytes of XML (lib/import/zip-guard.ts). */
export const MAX_LEDGER_UNZIPPED_BYTES = 100 * 1024 * 1024;

const lastColumn = (sheet: ExcelJS.Worksheet) => Math.min(sheet.columnCount, MAX_COLUMNS);

/** Numbers of the rows after `after` that exist in the file, in order. */
function rowNumbers(sheet: ExcelJS.Worksheet, after: number): number[] {
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (_row, number) => {
    if (number > after) numbers.push(number);
  });
  return numbers;
}

function emptyPlan(title = ""): LedgerPlan {
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

function fail(message: string): LedgerReadResult {
  return { plan: emptyPlan(), errors: [{ row: 0, message }] };
}

/** Why these bytes are not an xlsx workbook, or null when they look like one. */
function notXlsxReason(bytes: Uint8Array): string | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return LEDGER_MESSAGES.xls;
  if (!starts([0x50, 0x4b, 0x03, 0x04])) return LEDGER_MESSAGES.notXlsx;
  // Real inflated sizes and entry count, before exceljs unpacks anything.
  const check = checkZip(bytes, { maxTotalBytes: MAX_LEDGER_UNZIPPED_BYTES, maxEntries: MAX_ZIP_ENTRIES, label: "工作簿" });
  if (!check.ok) return check.problem === "corrupt" ? LEDGER_MESSAGES.corrupt : check.message;
  const names = check.entries.map((e) => e.name);
  if (names.includes("xl/workbook.xml")) return null;
  if (names.includes("word/document.xml")) return LEDGER_MESSAGES.docx;
  return LEDGER_MESSAGES.zipNotXlsx;
}

function richText(parts: { text: string }[]): string {
  return parts.map((p) => p.text).join("");
}

function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) {
    return `${value.getUTCFullYear()}年${value.getUTCMonth() + 1}月${value.getUTCDate()}日`;
  }
  if ("richText" in value) return richText(value.richText);
  if ("error" in value) return "";
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: string | number | boolean | Date | object | null }).result;
    if (result === undefined || result === null || typeof result === "object") {
      return result instanceof Date ? valueText(result) : "";
    }
    return String(result);
  }
  if ("hyperlink" in value) {
    const text = (value as { text?: unknown }).text;
    if (typeof text === "string") return text;
    if (text && typeof text === "object" && "richText" in text) return richText((text as ExcelJS.CellRichTextValue).richText);
    return "";
  }
  return "";
}

/**
 * The text of a cell, trimmed, with \r\n made \n. A cell merged across a row
 * reads as empty except in its first column (a heading spanning the columns is
 * not the 举措 or the 牵头单位); a cell merged down a column reads as its top
 * cell (a 章节 or 牵头单位 shared by several measures).
 */
function cellText(sheet: ExcelJS.Worksheet, row: number, col: number): string {
  if (col < 1) return "";
  const cell = sheet.getCell(row, col);
  let source: ExcelJS.Cell = cell;
  if (cell.isMerged && cell.master !== cell) {
    if (Number(cell.master.col) !== Number(cell.col)) return "";
    source = cell.master;
  }
  return valueText(source.value).replace(/\r\n?/g, "\n").trim();
}

/** The text a cell holds itself: empty for every cell of a merge but its first. */
function ownText(sheet: ExcelJS.Worksheet, row: number, col: number): string {
  if (col < 1) return "";
  const cell = sheet.getCell(row, col);
  if (cell.isMerged && cell.master !== cell) return "";
  return valueText(cell.value).trim();
}

/** The width in columns of the horizontal merge starting at this cell (1 when not merged). */
function mergeWidth(sheet: ExcelJS.Worksheet, row: number, col: number): number {
  let width = 1;
  const master = sheet.getCell(row, col);
  while (col + width <= lastColumn(sheet)) {
    const next = sheet.getCell(row, col + width);
    if (!next.isMerged || next.master !== master) break;
    width++;
  }
  return width;
}

const normalizeHeader = (text: string) =>
  toHalfWidth(text)
    .replace(/\s+/g, "")
    .replace(/\uFF08/g, "(")
    .replace(/\uFF09/g, ")")
    .replace(/[*※]/g, "");

type Header = { row: number; columns: Map<Column, number> };

function findHeader(sheet: ExcelJS.Worksheet): Header | null {
  const lastRow = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= lastRow; r++) {
    const columns = new Map<Column, number>();
    for (let c = 1; c <= lastColumn(sheet); c++) {
      const column = HEADER_CELLS.get(normalizeHeader(cellText(sheet, r, c)));
      if (column && !columns.has(column)) columns.set(column, c);
    }
    if (columns.has("task") && columns.has("lead")) return { row: r, columns };
  }
  return null;
}

function isChapterSheet(sheet: ExcelJS.Worksheet): boolean {
  return (
    sheet.name === CHAPTER_SHEET && CHAPTER_SHEET_HEADER.every((name, i) => cellText(sheet, 1, i + 1) === name)
  );
}

function readChapterSheet(sheet: ExcelJS.Worksheet, errors: LedgerError[]): LedgerSection[] {
  const sections: LedgerSection[] = [];
  const keys = new Set<string>();
  for (const r of rowNumbers(sheet, 1)) {
    const [key, parentKey, label, title] = [1, 2, 3, 4].map((c) => cellText(sheet, r, c)) as [string, string, string, string];
    if (!key && !parentKey && !label && !title) continue;
    const where = `隐藏的“${CHAPTER_SHEET}”工作表第 ${r} 行`;
    if (!key || key.length > LIMITS.sectionKey || keys.has(key)) {
      errors.push({ row: r, message: `${where}:章节编号 key 为空、过长或重复` });
      continue;
    }
    if (parentKey && !keys.has(parentKey)) {
      errors.push({ row: r, message: `${where}:上级章节“${parentKey}”不存在或排在本章节之后` });
    }
    if (label.length > LIMITS.sectionLabel) {
      errors.push({ row: r, message: `${where}:章节编号不能超过 ${LIMITS.sectionLabel} 个字` });
    }
    if (title.length > LIMITS.sectionTitle) {
      errors.push({ row: r, message: `${where}:章节标题不能超过 ${LIMITS.sectionTitle} 个字` });
    }
    keys.add(key);
    sections.push({ key, parentKey: parentKey || null, label, title });
  }
  return sections;
}

function planKindOf(title: string): PlanKind {
  if (/分工方案|任务分工|责任分工|任务清单|责任清单|分工台账/.test(title)) return "DIVISION_OF_LABOUR";
  if (/行动计划/.test(title)) return "ACTION_PLAN";
  if (/实施方案/.test(title)) return "IMPLEMENTATION_PLAN";
  if (/工作要点/.test(title)) return "WORK_POINTS";
  if (/规划|纲要/.test(title)) return "PLAN";
  return "DIVISION_OF_LABOUR";
}

function periodOf(text: string): { periodStart: number | null; periodEnd: number | null } {
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

function isoDate(text: string): string | null {
  const m = /(20\d{2}|19\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
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

/** "一、全面贯彻实施宪法" → label "一、", title "全面贯彻实施宪法". */
function splitSegment(segment: string): { label: string; title: string; depth: number | null } {
  const halfWidth = segment.replace(/\uFF08/g, "(").replace(/\uFF09/g, ")").replace(/\uFF0E/g, ".");
  const chapter = /^第[一二三四五六七八九十百零〇\d]+[章节部分篇编]\s*/.exec(halfWidth);
  if (chapter) {
    const label = segment.slice(0, chapter[0].trimEnd().length);
    return { label, title: segment.slice(label.length).trim(), depth: 1 };
  }
  const label = readLabel(halfWidth);
  if (label && label.printed.length <= LIMITS.sectionLabel) {
    const printed = segment.slice(0, label.printed.length);
    const depth = label.kind === "CN" ? 1 : label.kind === "PAREN_CN" ? 2 : null;
    return { label: printed, title: segment.slice(printed.length).trim(), depth };
  }
  // No numbering: the label still has to tell sections apart, since a re-import
  // matches sections by their label path. label + title is the text as printed.
  const chars = Array.from(segment);
  return {
    label: chars.slice(0, LIMITS.sectionLabel).join(""),
    title: chars.slice(LIMITS.sectionLabel).join(""),
    depth: null,
  };
}

const squash = (text: string) => text.replace(/\s+/g, "");

/** Sections by path; adds the ones a 章节 value names that are not there yet. */
class SectionIndex {
  readonly sections: LedgerSection[];
  private byPath = new Map<string, string>();
  private byLeaf = new Map<string, string[]>();
  private next = 1;
  private keys: Set<string>;

  constructor(sections: LedgerSection[]) {
    this.sections = [...sections];
    this.keys = new Set(sections.map((s) => s.key));
    for (const s of sections) this.remember(s);
  }

  private remember(section: LedgerSection) {
    const path = squash(chapterPath(this.sections, section.key));
    if (!this.byPath.has(path)) this.byPath.set(path, section.key);
    const leaf = squash(`${section.label}${section.title}`);
    this.byLeaf.set(leaf, [...(this.byLeaf.get(leaf) ?? []), section.key]);
  }

  private newKey(): string {
    let key = `s${this.next++}`;
    while (this.keys.has(key)) key = `s${this.next++}`;
    this.keys.add(key);
    return key;
  }

  pathOf(key: string | null): string {
    return chapterPath(this.sections, key);
  }

  /** The key for a 章节 value; `added` lists sections created for it. */
  resolve(value: string): { key: string; added: LedgerSection[] } {
    const segments = value
      .split(/\s*[/\uFF0F]\s*/)
      .map((s) => s.trim())
      .filter(Boolean);
    const whole = this.byPath.get(squash(segments.join(PATH_SEPARATOR)));
    if (whole) return { key: whole, added: [] };
    if (segments.length === 1) {
      const leaves = this.byLeaf.get(squash(segments[0]!));
      if (leaves?.length === 1) return { key: leaves[0]!, added: [] };
    }
    const added: LedgerSection[] = [];
    let parentKey: string | null = null;
    for (let i = 0; i < segments.length; i++) {
      const path = squash(segments.slice(0, i + 1).join(PATH_SEPARATOR));
      const known = this.byPath.get(path);
      if (known) {
        parentKey = known;
        continue;
      }
      const { label, title } = splitSegment(segments[i]!);
      const section: LedgerSection = { key: this.newKey(), parentKey, label, title };
      this.sections.push(section);
      this.byPath.set(path, section.key);
      const leaf = squash(`${label}${title}`);
      this.byLeaf.set(leaf, [...(this.byLeaf.get(leaf) ?? []), section.key]);
      added.push(section);
      parentKey = section.key;
    }
    return { key: parentKey!, added };
  }
}

const stripCode = (text: string) => text.replace(/\s+/g, "").replace(/[、,\uFF0C.\uFF0E。:\uFF1A]+$/u, "");

const unitsOf = (text: string) => splitUnitList(text.replace(/\s*\n\s*/g, "、"));

/** Reads a ledger made by buildLedgerWorkbook or by hand. Never throws on bad input. */
export async function readLedgerWorkbook(bytes: Uint8Array): Promise<LedgerReadResult> {
  const reason = notXlsxReason(bytes);
  if (reason) return fail(reason);

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return fail(LEDGER_MESSAGES.corrupt);
  }

  const errors: LedgerError[] = [];
  const chapterSheet = workbook.worksheets.find(isChapterSheet);
  let sheet: ExcelJS.Worksheet | undefined;
  let header: Header | null = null;
  // The first visible sheet with a header; hidden sheets only when no visible one has it.
  const candidates = workbook.worksheets
    .filter((s) => s !== chapterSheet)
    .sort((a, b) => Number(a.state !== "visible") - Number(b.state !== "visible"));
  for (const candidate of candidates) {
    header = findHeader(candidate);
    if (header) {
      sheet = candidate;
      break;
    }
  }
  if (!sheet || !header) return { plan: emptyPlan(), errors: [{ row: 0, message: LEDGER_MESSAGES.noHeader }] };

  // Title and plan information.
  const top = readTop(sheet, header.row);
  const plan = emptyPlan(top.title || sheet.name.trim());
  if (plan.title.length > LIMITS.title) {
    errors.push({ row: top.titleRow, message: `规划标题不能超过 ${LIMITS.title} 个字` });
  }
  if (top.info) {
    const field = (...names: string[]) => {
      for (const name of names) {
        const value = top.info!.get(name);
        if (value !== undefined) return value || null;
      }
      return null;
    };
    plan.documentNumber = field("文号", "发文字号");
    plan.issuer = field("发文机关");
    const dateText = field("印发日期", "成文日期");
    plan.issueDate = dateText ? isoDate(dateText) : null;
    if (dateText && !plan.issueDate) errors.push({ row: top.infoRow, message: `印发日期“${dateText}”无法识别` });
    const period = field("期限", "规划期限");
    Object.assign(plan, period ? periodOf(period) : { periodStart: null, periodEnd: null });
    const kindText = field("类型", "规划类型");
    plan.kind = (kindText && kindFromLabel(kindText)) || planKindOf(plan.title);
    if (plan.documentNumber && plan.documentNumber.length > LIMITS.documentNumber) {
      errors.push({ row: top.infoRow, message: `文号不能超过 ${LIMITS.documentNumber} 个字` });
    }
    if (plan.issuer && plan.issuer.length > LIMITS.issuer) {
      errors.push({ row: top.infoRow, message: `发文机关不能超过 ${LIMITS.issuer} 个字` });
    }
  } else {
    plan.kind = planKindOf(plan.title);
    Object.assign(plan, periodOf(plan.title));
  }

  // Sections: exact from the hidden sheet, completed from 章节 values and heading rows.
  const index = new SectionIndex(chapterSheet ? readChapterSheet(chapterSheet, errors) : []);
  const reportSections = (added: LedgerSection[], row: number) => {
    for (const s of added) {
      if (s.title.length > LIMITS.sectionTitle) {
        errors.push({ row, message: `章节标题不能超过 ${LIMITS.sectionTitle} 个字` });
      }
    }
  };

  const col = (column: Column) => header.columns.get(column) ?? 0;
  type Pending = {
    row: number;
    serial: string;
    sectionKey: string | null;
    text: string;
    lead: string;
    responsible: string;
    deadline: string;
  };
  const pending: Pending[] = [];
  // The chapter set by a heading row ("一、…" alone on its row), for rows with no 章节 value.
  type Heading = { key: string; topKey: string | null };
  let heading = null as Heading | null;

  for (const r of rowNumbers(sheet, header.row)) {
    // Codes, chapters and units in ASCII punctuation, as the document importer
    // stores them, so a ledger and a document of the same plan match on re-import.
    const normalised = (column: Column) => toHalfWidth(cellText(sheet, r, col(column))).trim();
    const serial = stripCode(normalised("serial"));
    const chapter = normalised("chapter");
    const text = cellText(sheet, r, col("task"));
    const lead = normalised("lead");
    const responsible = normalised("responsible");
    const deadline = normalised("deadline");

    // Empty, even where a merged 章节 or 牵头单位 above reaches into it.
    const owned: { col: number; text: string }[] = [];
    for (let c = 1; c <= lastColumn(sheet); c++) {
      const t = ownText(sheet, r, c);
      if (t) owned.push({ col: c, text: toHalfWidth(t).replace(/\s*\n\s*/g, "") });
    }
    if (!owned.length) continue;

    // A heading row sets the chapter of the rows below that have no 章节 value:
    // its only text spread over merged columns, in the 章节 column, or numbered
    // like a chapter ("一、…", "(一)…", "第一部分"); or a Chinese 序号 with a
    // title and no units ("一" | "加强党的领导").
    let headingText: string | null = null;
    if (owned.length === 1) {
      const only = owned[0]!;
      const merged = mergeWidth(sheet, r, only.col) >= 2;
      if (merged || only.col === col("chapter") || splitSegment(only.text).depth !== null) headingText = only.text;
      else if (only.col === col("serial")) continue; // a lone 序号: an unused row
    } else if (!lead && !responsible && !deadline && (text || chapter)) {
      const cn = /^[一二三四五六七八九十百]+$/.test(serial) ? `${serial}、` : /^\([一二三四五六七八九十百]+\)$/.test(serial) ? serial : null;
      if (cn) headingText = `${cn}${toHalfWidth(text || chapter).replace(/\s*\n\s*/g, "")}`;
    }
    if (headingText !== null) {
      const depth = splitSegment(headingText).depth;
      // "(一)…" under the last "一、…" heading; anything else starts a new top level.
      const parent: string | null = depth === 2 ? (heading?.topKey ?? null) : null;
      const value = parent ? `${index.pathOf(parent)}${PATH_SEPARATOR}${headingText}` : headingText;
      const { key, added } = index.resolve(value);
      reportSections(added, r);
      heading = { key, topKey: depth === 1 ? key : parent };
      continue;
    }

    let sectionKey: string | null = heading?.key ?? null;
    if (chapter) {
      const { key, added } = index.resolve(chapter.replace(/\s*\n\s*/g, PATH_SEPARATOR));
      reportSections(added, r);
      sectionKey = key;
    }
    pending.push({ row: r, serial, sectionKey, text, lead, responsible, deadline });
  }

  // Codes: as printed; a missing 序号 gets the next number free in its chapter.
  const taken = new Map<string, Set<string>>();
  const chapterKey = (key: string | null) => key ?? "";
  for (const p of pending) {
    if (!p.serial) continue;
    const set = taken.get(chapterKey(p.sectionKey)) ?? new Set<string>();
    set.add(p.serial);
    taken.set(chapterKey(p.sectionKey), set);
  }
  const counters = new Map<string, number>();
  const firstRow = new Map<string, number>();
  const measureRows: number[] = [];

  for (const p of pending) {
    const chapterId = chapterKey(p.sectionKey);
    let code = p.serial;
    if (!code) {
      const set = taken.get(chapterId) ?? new Set<string>();
      let n = counters.get(chapterId) ?? 0;
      do n++;
      while (set.has(String(n)));
      counters.set(chapterId, n);
      code = String(n);
      set.add(code);
      taken.set(chapterId, set);
    }

    if (!p.text) {
      errors.push({ row: p.row, message: p.lead || p.responsible ? LEDGER_MESSAGES.unitsWithoutText : LEDGER_MESSAGES.noText });
      continue;
    }

    const dupKey = `${chapterId}#${code}`;
    const earlier = firstRow.get(dupKey);
    if (earlier !== undefined) {
      const where = p.sectionKey ? `在章节“${index.pathOf(p.sectionKey)}”中` : "";
      errors.push({ row: p.row, message: `序号“${code}”${where}重复(与第 ${earlier} 行相同)` });
    } else {
      firstRow.set(dupKey, p.row);
    }

    const leadUnits = unitsOf(p.lead);
    const responsibleUnits = unitsOf(p.responsible);
    if (code.length > LIMITS.code) errors.push({ row: p.row, message: `序号不能超过 ${LIMITS.code} 个字` });
    if (p.text.length > LIMITS.text) {
      errors.push({ row: p.row, message: `举措内容不能超过 ${LIMITS.text} 个字(现有 ${p.text.length} 个字)` });
    }
    for (const [label, units, max] of [
      ["牵头单位", leadUnits, LIMITS.leadUnits],
      ["责任单位", responsibleUnits, LIMITS.responsibleUnits],
    ] as const) {
      if (units.length > max) errors.push({ row: p.row, message: `${label}不能超过 ${max} 个` });
      for (const name of units) {
        if (name.length > LIMITS.unitName) {
          errors.push({ row: p.row, message: `${label}“${name.slice(0, 20)}…”不能超过 ${LIMITS.unitName} 个字` });
        }
      }
    }
    if (p.deadline) {
      if (p.deadline.length > LIMITS.deadline) {
        errors.push({ row: p.row, message: `完成时限不能超过 ${LIMITS.deadline} 个字` });
      } else {
        const parsed = parseDeadline(p.deadline);
        if (parsed && !parsed.date && !parsed.ongoing) {
          errors.push({
            row: p.row,
            message: `完成时限“${p.deadline}”无法识别,请写成“2025年底前”“2024年6月”或“长期坚持”等形式`,
          });
        }
      }
    }

    plan.measures.push({
      code,
      text: p.text,
      sectionKey: p.sectionKey,
      leadUnits,
      responsibleUnits,
      deadlineText: p.deadline || null,
    });
    measureRows.push(p.row);
  }
  plan.sections = index.sections;

  // Whatever the checks above let through must still pass the schema.
  if (!errors.length) {
    const checked = importedPlanSchema.safeParse(plan);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const [field, i] = issue.path;
        const row = field === "measures" && typeof i === "number" ? (measureRows[i] ?? 0) : 0;
        errors.push({ row, message: issue.message });
      }
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { plan, errors };
}
