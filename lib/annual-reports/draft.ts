// Building an annual report's draft text from the year's figures. Pure: the
// queries (lib/annual-reports/queries.ts) load the figures and rows, this turns
// them into section rows the bureau then edits. Headings are stored without
// their numbers (一、, (一)): numbering follows the order on screen and in the
// .docx, so deleting or editing a paragraph never leaves a gap.

import { chineseDate } from "@/lib/dates.ts";
import type { MeasureTargetLine } from "@/lib/targets/draft-lines.ts";

export const SECTION_KINDS = ["LEADER_DUTY", "MEASURES", "SHORTCOMINGS", "NEXT_YEAR", "RECTIFICATION"] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** The standard headings, in the national outline's order. */
export const SECTION_HEADINGS: Record<SectionKind, string> = {
  LEADER_DUTY: "党政主要负责人履行推进法治建设第一责任人职责情况",
  MEASURES: "主要举措和成效",
  SHORTCOMINGS: "存在的不足和原因",
  NEXT_YEAR: "下一年度主要安排",
  RECTIFICATION: "督察整改情况",
};

export type DraftFigures = {
  /** Measures (not 长期坚持 or otherwise) completed during the year. */
  completed: number;
  /** Of them, completed on or before their deadline (only measures with a deadline can be). */
  completedOnTime: number;
  /** Not completed by the end of the year (today for the current year) although the deadline had passed. */
  overdue: number;
  /** Progress reports submitted during the year. */
  reportsSubmitted: number;
  /** Progress reports returned during the year and not resubmitted since. */
  reportsReturned: number;
  /** Units with an assignment among the measures covered. */
  units: number;
  /** Measures covered (the plans in force, or the unit's assignments). */
  measures: number;
};

export type ChapterProgress = {
  chapterId: number;
  title: string;
  measures: number;
  completed: number;
  approvedReports: number;
  /** Approved report texts of the year, one per measure, the measures drawn on. */
  excerpts: { measureId: number; code: string; text: string }[];
};

export type BehindMeasure = {
  measureId: number;
  code: string;
  text: string;
  /** RED: overdue at the judged day; YELLOW: due soon, report missing or returned. */
  light: "RED" | "YELLOW";
  deadline: string | null;
};

export type NextYearChapter = {
  chapterId: number | null;
  title: string;
  measures: { measureId: number; code: string; text: string; deadline: string }[];
};

export type RectificationState = "CLOSED" | "IN_PROGRESS" | "OVERDUE";

export type InspectionRow = {
  title: string;
  inspector: string | null;
  inspectedOn: string;
  findings: {
    text: string;
    measureId: number | null;
    rectifications: { unitName: string; state: RectificationState; deadline: string; closedOn: string | null }[];
  }[];
};

export type DraftInput = {
  /** 下陆区, or the unit's name for a department's own report. */
  subject: string;
  unitReport: boolean;
  year: number;
  /** The report covers a year still running: figures are "to date". */
  currentYear: boolean;
  /** The day the figures are judged on, "YYYY-MM-DD". */
  judgedOn: string;
  figures: DraftFigures;
  chapters: ChapterProgress[];
  behind: BehindMeasure[];
  nextYear: NextYearChapter[];
  inspections: InspectionRow[];
  /** Measures with a 年度目标 for the year, each with its line (lib/targets/format.ts targetAgainstResults). */
  targets?: MeasureTargetLine[];
};

/** Under 主要举措和成效: each measure's yearly target quoted against its indicators' results. */
export const TARGETS_HEADING = "年度目标和工作指标完成情况";

function targetsParagraph(lines: readonly MeasureTargetLine[]): DraftSection {
  return {
    level: 2,
    kind: null,
    heading: TARGETS_HEADING,
    body: lines.map((t) => `${t.code}:${t.line}`).join("\n"),
    measureIds: lines.map((t) => t.measureId),
  };
}

export type DraftSection = { level: 1 | 2; kind: SectionKind | null; heading: string; body: string; measureIds: number[] };

export type Draft = { title: string; sections: DraftSection[] };

/** Excerpts are quoted this long at most, then cut with "……". */
export const EXCERPT_CHARS = 80;
/** At most this many report excerpts per chapter. */
export const EXCERPTS_PER_CHAPTER = 6;
/** At most this many measures listed per shortcomings paragraph. */
export const BEHIND_LISTED = 30;

export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max).join("")}……`;
}

export { chineseDate };

function percent(part: number, whole: number): string | null {
  return whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : null;
}

function measureLine(m: { code: string; text: string }): string {
  return `${m.code} ${excerpt(m.text, 40)}`;
}

const RECTIFICATION_LABEL = (r: InspectionRow["findings"][number]["rectifications"][number]) =>
  r.state === "CLOSED"
    ? `已销号${r.closedOn ? `(${chineseDate(r.closedOn)})` : ""}`
    : r.state === "OVERDUE"
      ? `逾期未整改(整改时限${chineseDate(r.deadline)})`
      : `整改中(整改时限${chineseDate(r.deadline)})`;

function openingParagraph(input: DraftInput): string {
  const { figures: f, year, subject, currentYear, judgedOn } = input;
  const span = currentYear ? `${year}年以来(截至${chineseDate(judgedOn)})` : `${year}年`;
  const onTime =
    f.completed > 0
      ? `,其中按期完成${f.completedOnTime}项${percent(f.completedOnTime, f.completed) ? `(占${percent(f.completedOnTime, f.completed)})` : ""}`
      : "";
  const overdue =
    f.overdue > 0
      ? `截至${currentYear ? chineseDate(judgedOn) : "年底"},仍有${f.overdue}项任务超过完成时限尚未完成。`
      : `截至${currentYear ? chineseDate(judgedOn) : "年底"},没有超过完成时限未完成的任务。`;
  const scope = input.unitReport
    ? `${subject}承担法治政府建设任务${f.measures}项`
    : `${subject}法治政府建设规划确定的任务${f.measures}项,涉及责任单位${f.units}个`;
  return (
    `${span},${scope}。全年完成任务${f.completed}项${onTime}。${overdue}` +
    `各责任单位报送进展${f.reportsSubmitted}次,经审核退回补充完善${f.reportsReturned}次。`
  );
}

function chapterParagraph(chapter: ChapterProgress): DraftSection {
  const lines = [
    `本领域共有任务${chapter.measures}项,年内完成${chapter.completed}项,审核通过进展报送${chapter.approvedReports}次。`,
    ...chapter.excerpts.map((e) => `${e.code}:${excerpt(e.text)}`),
  ];
  return { level: 2, kind: null, heading: chapter.title, body: lines.join("\n"), measureIds: chapter.excerpts.map((e) => e.measureId) };
}

function shortcomingSections(input: DraftInput): DraftSection[] {
  const red = input.behind.filter((m) => m.light === "RED");
  const yellow = input.behind.filter((m) => m.light === "YELLOW");
  const judged = input.currentYear ? `截至${chineseDate(input.judgedOn)}` : "截至年底";
  const out: DraftSection[] = [];
  const list = (rows: BehindMeasure[]) =>
    rows
      .slice(0, BEHIND_LISTED)
      .map((m) => `${measureLine(m)}${m.deadline ? `(完成时限${chineseDate(m.deadline)})` : ""}`)
      .join("\n") + (rows.length > BEHIND_LISTED ? `\n另有${rows.length - BEHIND_LISTED}项,详见统计看板。` : "");
  if (red.length > 0) {
    out.push({
      level: 2,
      kind: null,
      heading: "部分任务未按期完成",
      body: `${judged},${red.length}项任务超过完成时限尚未完成:\n${list(red)}`,
      measureIds: red.slice(0, BEHIND_LISTED).map((m) => m.measureId),
    });
  }
  if (yellow.length > 0) {
    out.push({
      level: 2,
      kind: null,
      heading: "部分任务推进滞后",
      body: `${judged},${yellow.length}项任务临近完成时限或进展报送不及时:\n${list(yellow)}`,
      measureIds: yellow.slice(0, BEHIND_LISTED).map((m) => m.measureId),
    });
  }
  out.push({
    level: 2,
    kind: null,
    heading: "原因分析",
    body: "【请填写原因分析:如部分单位对法治政府建设重视不够、统筹推进力度不足,专业人才和保障不足,相关配套政策尚未出台等。】",
    measureIds: [],
  });
  return out;
}

/** The draft's title and section rows, in order (sortOrder is the index). */
export function buildDraft(input: DraftInput): Draft {
  const { year, subject } = input;
  const sections: DraftSection[] = [];
  const section = (kind: SectionKind, body: string, measureIds: number[] = []) =>
    sections.push({ level: 1, kind, heading: SECTION_HEADINGS[kind], body, measureIds });

  section(
    "LEADER_DUTY",
    `${year}年,${input.unitReport ? `${subject}主要负责人` : `${subject}党政主要负责人`}认真履行推进法治建设第一责任人职责……` +
      "【系统中没有这部分的数据,请据实填写:学习贯彻习近平法治思想、专题研究法治建设重大问题、带头尊法学法守法用法、述法等情况。】",
  );

  section("MEASURES", openingParagraph(input));
  sections.push(...input.chapters.map(chapterParagraph));
  if (input.targets && input.targets.length > 0) sections.push(targetsParagraph(input.targets));

  const red = input.behind.filter((m) => m.light === "RED").length;
  section(
    "SHORTCOMINGS",
    input.behind.length > 0
      ? `对照年度任务,${subject}法治政府建设工作仍存在一些不足:${red > 0 ? `${red}项任务未按期完成` : ""}${red > 0 && input.behind.length > red ? "," : ""}${input.behind.length > red ? `${input.behind.length - red}项任务推进滞后` : ""}。`
      : `对照年度任务,${subject}各项任务总体按计划推进,但仍存在一些不足。`,
  );
  sections.push(...shortcomingSections(input));

  const dueNext = input.nextYear.reduce((n, c) => n + c.measures.length, 0);
  section(
    "NEXT_YEAR",
    dueNext > 0
      ? `${year + 1}年,${subject}将围绕规划确定的目标任务,重点推进${dueNext}项在${year + 1}年到期的任务,确保按期完成。`
      : `${year + 1}年,${subject}将围绕规划确定的目标任务持续推进法治政府建设。【请补充下一年度的主要安排。】`,
  );
  for (const chapter of input.nextYear) {
    sections.push({
      level: 2,
      kind: null,
      heading: chapter.title,
      body: chapter.measures.map((m) => `${measureLine(m)}(${chineseDate(m.deadline)}前完成)`).join("\n"),
      measureIds: chapter.measures.map((m) => m.measureId),
    });
  }

  if (input.inspections.length > 0) {
    const all = input.inspections.flatMap((i) => i.findings.flatMap((f) => f.rectifications));
    const closed = all.filter((r) => r.state === "CLOSED").length;
    const overdue = all.filter((r) => r.state === "OVERDUE").length;
    section(
      "RECTIFICATION",
      `${year}年,${subject}接受督察${input.inspections.length}次,发现问题${input.inspections.reduce((n, i) => n + i.findings.length, 0)}个,` +
        `形成整改事项${all.length}项,已销号${closed}项,整改中${all.length - closed - overdue}项,逾期未整改${overdue}项。`,
    );
    for (const inspection of input.inspections) {
      const lines = inspection.findings.map((f, index) => {
        const states = f.rectifications.map((r) => `${r.unitName}${RECTIFICATION_LABEL(r)}`).join(";");
        return `${index + 1}. ${f.text}${states ? `——${states}` : "——尚未分解整改事项"}`;
      });
      sections.push({
        level: 2,
        kind: null,
        heading: `${inspection.title}(${chineseDate(inspection.inspectedOn)}${inspection.inspector ? `,${inspection.inspector}` : ""})`,
        body: lines.length > 0 ? lines.join("\n") : "未发现问题。",
        measureIds: [...new Set(inspection.findings.flatMap((f) => (f.measureId ? [f.measureId] : [])))],
      });
    }
  }

  return { title: `${subject}${year}年法治政府建设年度报告`, sections };
}

// ---------------------------------------------------------------------------
// Numbering for the read view and the .docx.

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones ? DIGITS[ones] : ""}`;
}

export type NumberedSection<S> = S & { number: string; preamble: boolean };

/** The importer keeps the text before a report's 一、 as a first section headed 概述. */
export const PREAMBLE_HEADING = "概述";

/**
 * Numbers level-1 rows 一、二、… and level-2 rows (一)(二)… restarting under
 * each level-1 row. An imported report's opening 概述 is a preamble: shown
 * without heading or number, as in the original document.
 */
export function numberSections<S extends { level: number; heading: string }>(sections: readonly S[]): NumberedSection<S>[] {
  let first = 0;
  let second = 0;
  return sections.map((s, index) => {
    if (index === 0 && s.level <= 1 && s.heading === PREAMBLE_HEADING) return { ...s, number: "", preamble: true };
    if (s.level <= 1) {
      first += 1;
      second = 0;
      return { ...s, number: `${chineseNumber(first)}、`, preamble: false };
    }
    second += 1;
    return { ...s, number: `(${chineseNumber(second)})`, preamble: false };
  });
}
