import ExcelJS from "exceljs";
import { MAX_ZIP_ENTRIES, checkZip } from "@/lib/import/zip-guard.ts";
import { importedPlanSchema } from "@/lib/plans/schema.ts";
import { LEDGER_MESSAGES, type LedgerError, type LedgerPlan, type LedgerReadResult } from "@/lib/plans/ledger/layout.ts";
import { findHeader, type Header } from "@/lib/plans/ledger/cells.ts";
import { emptyPlan, readPlanInfo } from "@/lib/plans/ledger/plan-info.ts";
import { SectionIndex, isChapterSheet, readChapterSheet } from "@/lib/plans/ledger/sections.ts";
import { readMeasureRows } from "@/lib/plans/ledger/rows.ts";
import { toMeasures } from "@/lib/plans/ledger/measures.ts";

// Reading a ledger, made by buildLedgerWorkbook or by hand, in named steps:
// open the workbook, find the sheet with the header, read the plan above it,
// the chapters, the measure rows, then the measures; the schema has the last word.

/** Total inflated size of a workbook: a 10 MB upload can hold gigabytes of XML (lib/import/zip-guard.ts). */
export const MAX_LEDGER_UNZIPPED_BYTES = 100 * 1024 * 1024;

/** Reads a ledger made by buildLedgerWorkbook or by hand. Never throws on bad input. */
export async function readLedgerWorkbook(bytes: Uint8Array): Promise<LedgerReadResult> {
  const opened = await openWorkbook(bytes);
  if (typeof opened === "string") return fail(opened);

  const errors: LedgerError[] = [];
  const chapterSheet = opened.worksheets.find(isChapterSheet);
  const found = findLedgerSheet(opened, chapterSheet);
  if (!found) return fail(LEDGER_MESSAGES.noHeader);
  const { sheet, header } = found;

  const plan = readPlanInfo(sheet, header.row, errors);
  // Sections: exact from the hidden sheet, completed from 章节 values and heading rows.
  const index = new SectionIndex(chapterSheet ? readChapterSheet(chapterSheet, errors) : []);
  const rows = readMeasureRows(sheet, header, index, errors);
  const { measures, measureRows } = toMeasures(rows, index, errors);
  plan.measures.push(...measures);
  plan.sections = index.sections;

  // Whatever the checks above let through must still pass the schema.
  if (!errors.length) errors.push(...schemaErrors(plan, measureRows));
  errors.sort((a, b) => a.row - b.row);
  return { plan, errors };
}

function fail(message: string): LedgerReadResult {
  return { plan: emptyPlan(), errors: [{ row: 0, message }] };
}

/** The workbook, or why these bytes are not one that can be read. */
async function openWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook | string> {
  const reason = notXlsxReason(bytes);
  if (reason) return reason;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return LEDGER_MESSAGES.corrupt;
  }
  return workbook;
}

/** Why these bytes are not an xlsx workbook, or null when they look like one. */
function notXlsxReason(bytes: Uint8Array): string | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return LEDGER_MESSAGES.xls;
  if (!starts([0x50, 0x4b, 0x03, 0x04])) return LEDGER_MESSAGES.notXlsx;
  // Real inflated sizes and entry count, before exceljs unpacks anything.
  const check = checkZip(bytes, {
    maxTotalBytes: MAX_LEDGER_UNZIPPED_BYTES,
    maxEntries: MAX_ZIP_ENTRIES,
    label: "工作簿",
  });
  if (!check.ok) return check.problem === "corrupt" ? LEDGER_MESSAGES.corrupt : check.message;
  const names = check.entries.map((e) => e.name);
  if (names.includes("xl/workbook.xml")) return null;
  if (names.includes("word/document.xml")) return LEDGER_MESSAGES.docx;
  return LEDGER_MESSAGES.zipNotXlsx;
}

/** The first visible sheet with a header; hidden sheets only when no visible one has it. */
function findLedgerSheet(
  workbook: ExcelJS.Workbook,
  chapterSheet: ExcelJS.Worksheet | undefined,
): { sheet: ExcelJS.Worksheet; header: Header } | null {
  const candidates = workbook.worksheets
    .filter((s) => s !== chapterSheet)
    .sort((a, b) => Number(a.state !== "visible") - Number(b.state !== "visible"));
  for (const sheet of candidates) {
    const header = findHeader(sheet);
    if (header) return { sheet, header };
  }
  return null;
}

/** importedPlanSchema's complaints, each at the Excel row of its measure (0 for the plan as a whole). */
function schemaErrors(plan: LedgerPlan, measureRows: readonly number[]): LedgerError[] {
  const checked = importedPlanSchema.safeParse(plan);
  if (checked.success) return [];
  return checked.error.issues.map((issue) => {
    const [field, i] = issue.path;
    return {
      row: field === "measures" && typeof i === "number" ? (measureRows[i] ?? 0) : 0,
      message: issue.message,
    };
  });
}
