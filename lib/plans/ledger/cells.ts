import ExcelJS from "exceljs";
import { chineseDate, isoDate } from "@/lib/dates.ts";
import { toHalfWidth } from "@/lib/import/normalize.ts";
import { COMMON_HEADER_CELLS, type HeaderColumn } from "@/lib/import/header-cells.ts";

// Reading a ledger's cells: text as a person sees it (merges, rich text,
// formulas, dates), and the header row that says which column is which.

export type Column = HeaderColumn | "status" | "progress";

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

export const lastColumn = (sheet: ExcelJS.Worksheet) => Math.min(sheet.columnCount, MAX_COLUMNS);

/** Numbers of the rows after `after` that exist in the file, in order. */
export function rowNumbers(sheet: ExcelJS.Worksheet, after: number): number[] {
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (_row, number) => {
    if (number > after) numbers.push(number);
  });
  return numbers;
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
    return chineseDate(isoDate(value));
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
export function cellText(sheet: ExcelJS.Worksheet, row: number, col: number): string {
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
export function ownText(sheet: ExcelJS.Worksheet, row: number, col: number): string {
  if (col < 1) return "";
  const cell = sheet.getCell(row, col);
  if (cell.isMerged && cell.master !== cell) return "";
  return valueText(cell.value).trim();
}

/** The width in columns of the horizontal merge starting at this cell (1 when not merged). */
export function mergeWidth(sheet: ExcelJS.Worksheet, row: number, col: number): number {
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

export type Header = { row: number; columns: Map<Column, number> };

export function findHeader(sheet: ExcelJS.Worksheet): Header | null {
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
