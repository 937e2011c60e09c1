import type ExcelJS from "exceljs";
import { toHalfWidth } from "@/lib/import/normalize.ts";
import { LIMITS, PATH_SEPARATOR, type LedgerError, type LedgerSection } from "@/lib/plans/ledger/layout.ts";
import { cellText, lastColumn, mergeWidth, ownText, rowNumbers, type Column, type Header } from "@/lib/plans/ledger/cells.ts";
import { splitSegment, type SectionIndex } from "@/lib/plans/ledger/sections.ts";

// Reading a ledger's rows below the header: each is a heading (it sets the
// chapter of the rows under it), a measure row, or nothing.

/** A measure row as read, before its code is settled and its values checked. */
export type MeasureRow = {
  row: number;
  serial: string;
  sectionKey: string | null;
  text: string;
  lead: string;
  responsible: string;
  deadline: string;
};

/** The chapter set by a heading row ("一、…" alone on its row), for rows with no 章节 value. */
type Heading = { key: string; topKey: string | null };

const stripCode = (text: string) => text.replace(/\s+/g, "").replace(/[、,\uFF0C.\uFF0E。:\uFF1A]+$/u, "");

/** The measure rows under the header, each in its chapter; headings extend `index` on the way. */
export function readMeasureRows(sheet: ExcelJS.Worksheet, header: Header, index: SectionIndex, errors: LedgerError[]): MeasureRow[] {
  const col = (column: Column) => header.columns.get(column) ?? 0;
  const resolveChapter = (value: string, row: number) => {
    const { key, added } = index.resolve(value);
    reportLongTitles(added, row, errors);
    return key;
  };
  const rows: MeasureRow[] = [];
  let heading = null as Heading | null;

  for (const r of rowNumbers(sheet, header.row)) {
    // Codes, chapters and units in ASCII punctuation, as the document importer
    // stores them, so a ledger and a document of the same plan match on re-import.
    const normalised = (column: Column) => toHalfWidth(cellText(sheet, r, col(column))).trim();
    const values: RowValues = {
      serial: stripCode(normalised("serial")),
      chapter: normalised("chapter"),
      text: cellText(sheet, r, col("task")),
      lead: normalised("lead"),
      responsible: normalised("responsible"),
      deadline: normalised("deadline"),
    };

    const owned = ownedCells(sheet, r);
    if (!owned.length) continue;

    const kind = rowKind(sheet, r, owned, values, col);
    if (kind.is === "unused") continue;
    if (kind.is === "heading") {
      const depth = splitSegment(kind.text).depth;
      // "(一)…" under the last "一、…" heading; anything else starts a new top level.
      const parent: string | null = depth === 2 ? (heading?.topKey ?? null) : null;
      const key = resolveChapter(parent ? `${index.pathOf(parent)}${PATH_SEPARATOR}${kind.text}` : kind.text, r);
      heading = { key, topKey: depth === 1 ? key : parent };
      continue;
    }

    const sectionKey = values.chapter ? resolveChapter(values.chapter.replace(/\s*\n\s*/g, PATH_SEPARATOR), r) : (heading?.key ?? null);
    const { serial, text, lead, responsible, deadline } = values;
    rows.push({
      row: r,
      serial,
      sectionKey,
      text,
      lead,
      responsible,
      deadline,
    });
  }
  return rows;
}

/** The cells of a row holding text of their own: empty, even where a merged 章节 or 牵头单位 above reaches into it. */
function ownedCells(sheet: ExcelJS.Worksheet, row: number): { col: number; text: string }[] {
  const owned: { col: number; text: string }[] = [];
  for (let c = 1; c <= lastColumn(sheet); c++) {
    const t = ownText(sheet, row, c);
    if (t) owned.push({ col: c, text: toHalfWidth(t).replace(/\s*\n\s*/g, "") });
  }
  return owned;
}

type RowValues = {
  serial: string;
  chapter: string;
  text: string;
  lead: string;
  responsible: string;
  deadline: string;
};
type RowKind = { is: "heading"; text: string } | { is: "unused" } | { is: "measure" };

/**
 * Whether a row is a heading (with its text), a row to skip, or a measure row.
 * A heading row sets the chapter of the rows below that have no 章节 value:
 * its only text spread over merged columns, in the 章节 column, or numbered
 * like a chapter ("一、…", "(一)…", "第一部分"); or a Chinese 序号 with a
 * title and no units ("一" | "加强党的领导").
 */
function rowKind(
  sheet: ExcelJS.Worksheet,
  row: number,
  owned: { col: number; text: string }[],
  values: RowValues,
  col: (column: Column) => number,
): RowKind {
  if (owned.length === 1) {
    const only = owned[0]!;
    const merged = mergeWidth(sheet, row, only.col) >= 2;
    if (merged || only.col === col("chapter") || splitSegment(only.text).depth !== null) return { is: "heading", text: only.text };
    if (only.col === col("serial")) return { is: "unused" }; // a lone 序号: an unused row
    return { is: "measure" };
  }
  const { serial, chapter, text, lead, responsible, deadline } = values;
  if (!lead && !responsible && !deadline && (text || chapter)) {
    const cn = /^[一二三四五六七八九十百]+$/.test(serial) ? `${serial}、` : /^\([一二三四五六七八九十百]+\)$/.test(serial) ? serial : null;
    if (cn)
      return {
        is: "heading",
        text: `${cn}${toHalfWidth(text || chapter).replace(/\s*\n\s*/g, "")}`,
      };
  }
  return { is: "measure" };
}

/** Sections a 章节 value or heading added, with titles over the limit named at their row. */
function reportLongTitles(added: LedgerSection[], row: number, errors: LedgerError[]) {
  for (const s of added) {
    if (s.title.length > LIMITS.sectionTitle) {
      errors.push({
        row,
        message: `章节标题不能超过 ${LIMITS.sectionTitle} 个字`,
      });
    }
  }
}
