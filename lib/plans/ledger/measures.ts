import { parseDeadline } from "@/lib/import/deadline.ts";
import { splitUnitList } from "@/lib/import/unit-list.ts";
import { LEDGER_MESSAGES, LIMITS, type LedgerError, type LedgerMeasure } from "@/lib/plans/ledger/layout.ts";
import type { MeasureRow } from "@/lib/plans/ledger/rows.ts";
import type { SectionIndex } from "@/lib/plans/ledger/sections.ts";

// Turning the measure rows into measures: each gets its code, and each value
// over a limit or unreadable is named at its row.

const unitsOf = (text: string) => splitUnitList(text.replace(/\s*\n\s*/g, "、"));

/** The measures of the rows, with the Excel row of each (for the schema's messages). */
export function toMeasures(
  rows: readonly MeasureRow[],
  index: SectionIndex,
  errors: LedgerError[],
): { measures: LedgerMeasure[]; measureRows: number[] } {
  const codes = settleCodes(rows);
  const firstRow = new Map<string, number>();
  const measures: LedgerMeasure[] = [];
  const measureRows: number[] = [];

  rows.forEach((p, i) => {
    const code = codes[i]!;
    if (!p.text) {
      errors.push({
        row: p.row,
        message: p.lead || p.responsible ? LEDGER_MESSAGES.unitsWithoutText : LEDGER_MESSAGES.noText,
      });
      return;
    }
    checkDuplicateCode(p, code, firstRow, index, errors);
    const leadUnits = unitsOf(p.lead);
    const responsibleUnits = unitsOf(p.responsible);
    checkLimits(p, code, leadUnits, responsibleUnits, errors);
    checkDeadline(p, errors);
    measures.push({
      code,
      text: p.text,
      sectionKey: p.sectionKey,
      leadUnits,
      responsibleUnits,
      deadlineText: p.deadline || null,
    });
    measureRows.push(p.row);
  });
  return { measures, measureRows };
}

const chapterKey = (key: string | null) => key ?? "";

/** Codes as printed; a missing 序号 gets the next number free in its chapter. */
function settleCodes(rows: readonly MeasureRow[]): string[] {
  const taken = new Map<string, Set<string>>();
  for (const p of rows) {
    if (!p.serial) continue;
    const set = taken.get(chapterKey(p.sectionKey)) ?? new Set<string>();
    set.add(p.serial);
    taken.set(chapterKey(p.sectionKey), set);
  }
  const counters = new Map<string, number>();
  return rows.map((p) => {
    if (p.serial) return p.serial;
    const chapterId = chapterKey(p.sectionKey);
    const set = taken.get(chapterId) ?? new Set<string>();
    let n = counters.get(chapterId) ?? 0;
    do n++;
    while (set.has(String(n)));
    counters.set(chapterId, n);
    const code = String(n);
    set.add(code);
    taken.set(chapterId, set);
    return code;
  });
}

/** A code used twice in one chapter names the row that had it first. */
function checkDuplicateCode(p: MeasureRow, code: string, firstRow: Map<string, number>, index: SectionIndex, errors: LedgerError[]) {
  const dupKey = `${chapterKey(p.sectionKey)}#${code}`;
  const earlier = firstRow.get(dupKey);
  if (earlier !== undefined) {
    const where = p.sectionKey ? `在章节“${index.pathOf(p.sectionKey)}”中` : "";
    errors.push({
      row: p.row,
      message: `序号“${code}”${where}重复(与第 ${earlier} 行相同)`,
    });
  } else {
    firstRow.set(dupKey, p.row);
  }
}

function checkLimits(p: MeasureRow, code: string, leadUnits: string[], responsibleUnits: string[], errors: LedgerError[]) {
  if (code.length > LIMITS.code) errors.push({ row: p.row, message: `序号不能超过 ${LIMITS.code} 个字` });
  if (p.text.length > LIMITS.text) {
    errors.push({
      row: p.row,
      message: `举措内容不能超过 ${LIMITS.text} 个字(现有 ${p.text.length} 个字)`,
    });
  }
  for (const [label, units, max] of [
    ["牵头单位", leadUnits, LIMITS.leadUnits],
    ["责任单位", responsibleUnits, LIMITS.responsibleUnits],
  ] as const) {
    if (units.length > max) errors.push({ row: p.row, message: `${label}不能超过 ${max} 个` });
    for (const name of units) {
      if (name.length > LIMITS.unitName) {
        errors.push({
          row: p.row,
          message: `${label}“${name.slice(0, 20)}…”不能超过 ${LIMITS.unitName} 个字`,
        });
      }
    }
  }
}

/** A 完成时限 is kept as written, but one the deadline reader cannot place is refused. */
function checkDeadline(p: MeasureRow, errors: LedgerError[]) {
  if (!p.deadline) return;
  if (p.deadline.length > LIMITS.deadline) {
    errors.push({
      row: p.row,
      message: `完成时限不能超过 ${LIMITS.deadline} 个字`,
    });
    return;
  }
  const parsed = parseDeadline(p.deadline);
  if (parsed && !parsed.date && !parsed.ongoing) {
    errors.push({
      row: p.row,
      message: `完成时限“${p.deadline}”无法识别,请写成“2025年底前”“2024年6月”或“长期坚持”等形式`,
    });
  }
}
