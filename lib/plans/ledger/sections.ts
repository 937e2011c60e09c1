import type ExcelJS from "exceljs";
import { readLabel } from "@/lib/import/numbering.ts";
import {
  CHAPTER_SHEET,
  CHAPTER_SHEET_HEADER,
  LIMITS,
  PATH_SEPARATOR,
  chapterPath,
  type LedgerError,
  type LedgerSection,
} from "@/lib/plans/ledger/layout.ts";
import { cellText, rowNumbers } from "@/lib/plans/ledger/cells.ts";

// Reading a ledger's chapters: exactly from the hidden 章节 sheet when there is
// one, completed from the 章节 values and heading rows of the measure sheet.

export function isChapterSheet(sheet: ExcelJS.Worksheet): boolean {
  return sheet.name === CHAPTER_SHEET && CHAPTER_SHEET_HEADER.every((name, i) => cellText(sheet, 1, i + 1) === name);
}

export function readChapterSheet(sheet: ExcelJS.Worksheet, errors: LedgerError[]): LedgerSection[] {
  const sections: LedgerSection[] = [];
  const keys = new Set<string>();
  for (const r of rowNumbers(sheet, 1)) {
    const [key, parentKey, label, title] = [1, 2, 3, 4].map((c) => cellText(sheet, r, c)) as [string, string, string, string];
    if (!key && !parentKey && !label && !title) continue;
    const where = `隐藏的“${CHAPTER_SHEET}”工作表第 ${r} 行`;
    if (!key || key.length > LIMITS.sectionKey || keys.has(key)) {
      errors.push({
        row: r,
        message: `${where}:章节编号 key 为空、过长或重复`,
      });
      continue;
    }
    if (parentKey && !keys.has(parentKey)) {
      errors.push({
        row: r,
        message: `${where}:上级章节“${parentKey}”不存在或排在本章节之后`,
      });
    }
    if (label.length > LIMITS.sectionLabel) {
      errors.push({
        row: r,
        message: `${where}:章节编号不能超过 ${LIMITS.sectionLabel} 个字`,
      });
    }
    if (title.length > LIMITS.sectionTitle) {
      errors.push({
        row: r,
        message: `${where}:章节标题不能超过 ${LIMITS.sectionTitle} 个字`,
      });
    }
    keys.add(key);
    sections.push({ key, parentKey: parentKey || null, label, title });
  }
  return sections;
}

/** "一、全面贯彻实施宪法" → label "一、", title "全面贯彻实施宪法". */
export function splitSegment(segment: string): {
  label: string;
  title: string;
  depth: number | null;
} {
  const halfWidth = segment
    .replace(/\uFF08/g, "(")
    .replace(/\uFF09/g, ")")
    .replace(/\uFF0E/g, ".");
  const chapter = /^第[一二三四五六七八九十百零〇\d]+[章节部分篇编]\s*/.exec(halfWidth);
  if (chapter) {
    const label = segment.slice(0, chapter[0].trimEnd().length);
    return { label, title: segment.slice(label.length).trim(), depth: 1 };
  }
  const label = readLabel(halfWidth);
  if (label && label.printed.length <= LIMITS.sectionLabel) {
    const printed = segment.slice(0, label.printed.length);
    const depth = label.kind === "CN" ? 1 : label.kind === "PAREN_CN" ? 2 : null;
    return {
      label: printed,
      title: segment.slice(printed.length).trim(),
      depth,
    };
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
export class SectionIndex {
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
      const section: LedgerSection = {
        key: this.newKey(),
        parentKey,
        label,
        title,
      };
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
