import ExcelJS from "exceljs";
import { chineseDate } from "@/lib/dates.ts";
import { PLAN_KIND_LABELS } from "@/lib/plans/schema.ts";
import { CHAPTER_SHEET, CHAPTER_SHEET_HEADER, ledgerSheetName, type LedgerPlanInfo, type LedgerRow } from "@/lib/plans/ledger/layout.ts";

// Building a ledger: a plan and its measure rows as an xlsx workbook laid out
// as lib/plans/ledger/layout.ts describes.

function periodText(start: number | null, end: number | null): string | null {
  if (start && end) return start === end ? `${start}年` : `${start}—${end}年`;
  if (start) return `${start}年起`;
  if (end) return `至${end}年`;
  return null;
}

function issueDateText(date: string | null): string | null {
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? chineseDate(date) : date;
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

type ColumnSpec = {
  header: string;
  width: number;
  wrap: boolean;
  center: boolean;
};

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

const THIN: Partial<ExcelJS.Border> = {
  style: "thin",
  color: { argb: "FF808080" },
};
const BORDERS: Partial<ExcelJS.Borders> = {
  top: THIN,
  left: THIN,
  bottom: THIN,
  right: THIN,
};
const FONT = "宋体";

/** Exports a plan as a ledger: title, info line, header, one row per measure, and the hidden chapter sheet. */
export async function buildLedgerWorkbook(plan: LedgerPlanInfo, rows: readonly LedgerRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "法治任务通";
  workbook.title = plan.title;
  workbook.created = new Date();

  const withStatus = rows.some((r) => Boolean(r.status?.trim() || r.latestProgress?.trim()));
  const columns = withStatus ? [...BASE_COLUMNS, ...STATUS_COLUMNS] : BASE_COLUMNS;

  const sheet = addLedgerSheet(workbook, plan.title, columns);
  writeTitleRow(sheet, plan.title, columns.length);
  writeInfoRow(sheet, plan, columns.length);
  writeHeaderRow(sheet, columns);
  writeMeasureRows(sheet, rows, columns, withStatus);
  addChapterSheet(workbook, plan);

  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}

/** The visible sheet, printed landscape on A4 with the header row repeated. */
function addLedgerSheet(workbook: ExcelJS.Workbook, title: string, columns: readonly ColumnSpec[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(ledgerSheetName(title), {
    views: [
      {
        state: "frozen",
        xSplit: 0,
        ySplit: 3,
        topLeftCell: "A4",
        activeCell: "A4",
      },
    ],
    pageSetup: {
      paperSize: 9 as ExcelJS.PaperSize, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: "3:3",
      margins: {
        left: 0.4,
        right: 0.4,
        top: 0.6,
        bottom: 0.6,
        header: 0.3,
        footer: 0.3,
      },
    },
    headerFooter: { oddFooter: "第 &P 页,共 &N 页" },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  return sheet;
}

/** Row 1: the plan title, merged across the columns. */
function writeTitleRow(sheet: ExcelJS.Worksheet, title: string, last: number) {
  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).font = { name: FONT, size: 16, bold: true };
  titleRow.getCell(1).alignment = {
    horizontal: "center",
    vertical: "middle",
    wrapText: true,
  };
  titleRow.height = 32;
  sheet.mergeCells(1, 1, 1, last);
}

/** Row 2: 文号:…;发文机关:… */
function writeInfoRow(sheet: ExcelJS.Worksheet, plan: LedgerPlanInfo, last: number) {
  const infoRow = sheet.getRow(2);
  infoRow.getCell(1).value = infoLine(plan);
  infoRow.getCell(1).font = { name: FONT, size: 10 };
  infoRow.getCell(1).alignment = { horizontal: "left", vertical: "middle" };
  sheet.mergeCells(2, 1, 2, last);
}

/** Row 3: the column headings. */
function writeHeaderRow(sheet: ExcelJS.Worksheet, columns: readonly ColumnSpec[]) {
  const headerRow = sheet.getRow(3);
  columns.forEach((c, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFD9E1F2" },
    };
    cell.alignment = {
      horizontal: "center",
      vertical: "middle",
      wrapText: true,
    };
    cell.border = BORDERS;
  });
  headerRow.height = 22;
}

/** From row 4: one row per measure. */
function writeMeasureRows(sheet: ExcelJS.Worksheet, rows: readonly LedgerRow[], columns: readonly ColumnSpec[], withStatus: boolean) {
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
      cell.alignment = {
        vertical: "top",
        horizontal: spec.center ? "center" : "left",
        wrapText: spec.wrap,
      };
      cell.border = BORDERS;
    });
  });
}

/** The hidden 章节 sheet, so a re-import gets the section tree back exactly. */
function addChapterSheet(workbook: ExcelJS.Workbook, plan: LedgerPlanInfo) {
  const chapters = workbook.addWorksheet(CHAPTER_SHEET, { state: "hidden" });
  chapters.columns = [{ width: 10 }, { width: 10 }, { width: 10 }, { width: 60 }];
  chapters.addRow([...CHAPTER_SHEET_HEADER]);
  for (const s of plan.sections) chapters.addRow([s.key, s.parentKey ?? null, s.label || null, s.title || null]);
}
