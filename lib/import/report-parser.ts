import type { Line, ParsedAnnualReport, ParsedReportSection, ParseWarning } from "@/lib/import/types.ts";
import { toSimplified } from "@/lib/import/chinese.ts";

// Parses a published 法治政府建设年度报告 (already normalised by normaliseLines)
// into title, region, year and its top-level 一、二、… sections. Reports are
// prose: numbered achievements (一是, (一), 1.) stay inside their section's body.

/** The national outline's sections, in the order the import presents them. */
export const STANDARD_REPORT_SECTIONS = [
  "党政主要负责人履行推进法治建设第一责任人职责情况",
  "主要举措和成效",
  "存在的不足和原因",
  "下一年度主要安排",
  "督察整改情况",
] as const;

// Checked in this order because headings combine words: "党政主要负责人…第一责任人职责…
// 有关情况" is section 0 although it also says 情况; "2025年主要工作安排" is a plan (3)
// although it says 主要工作; "法治督查整改情况" is 4 although 整改 implies problems.
const STANDARD_KEYWORDS: Array<[RegExp, number]> = [
  [/第一责任人/, 0],
  [/督察|督查/, 4],
  [/下一年度|下一步|下年度|主要安排|工作计划|工作安排|工作打算|工作思路/, 3],
  [/不足|问题|短板/, 2],
  [/整改/, 4],
  [/主要举措|举措|成效|主要工作|主要做法|工作情况/, 1],
  // 001 words section 0 as "切实履行推进法治政府建设工作职责" without 第一责任人.
  [/履行.{0,20}职责/, 0],
];

/** Index in STANDARD_REPORT_SECTIONS the heading corresponds to, or null. */
export function matchStandardSection(heading: string): number | null {
  for (const [pattern, index] of STANDARD_KEYWORDS) if (pattern.test(heading)) return index;
  return null;
}

// ---------------------------------------------------------------------------
// Line shapes

const CN_DIGITS = "一二三四五六七八九";

/** 一 … 九十九 as a number; null for anything else. */
function cnNumber(text: string): number | null {
  if (text.length === 1 && CN_DIGITS.includes(text)) return CN_DIGITS.indexOf(text) + 1;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (!m) return null;
  const tens = m[1] ? CN_DIGITS.indexOf(m[1]) + 1 : 1;
  const ones = m[2] ? CN_DIGITS.indexOf(m[2]) + 1 : 0;
  return tens * 10 + ones;
}

/** "一、heading" – a top-level section label. "一是" has no 、 and never matches. */
const TOP_LABEL = /^([一二三四五六七八九十]{1,3})[、.]\s*(.*)$/;

/** Labels of sub-headings and numbered paragraphs: (一) 一是 一、 1. 1、 1) 第一, */
const SUB_LABEL =
  /^(?:[((][一二三四五六七八九十\d]{1,3}[))]|[一二三四五六七八九十]{1,3}(?:是|要|、|\.)|\d{1,2}(?:[.、](?!\d)|[))])|第[一二三四五六七八九十]{1,3}[,,、是])/;

/** Sentence-final punctuation: a line ending otherwise was probably broken by the page. */
const TERMINAL = /[。;!?:”」』】…]$/;

const DATE_ONLY = /^[((]?\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?[))]?$/;

// Site metadata rows ("发布日期:2025-03-20", "[索引号]…", "1. [发文字号]…").
const META =
  /^(?:\d+\.\s*)?(?:\[[^\]]{1,12}\]|【[^】]{1,12}】|(?:发布|成文|生成|印发|公开|更新|发文)?(?:日期|时间)\s*:|(?:索引号|发文机关|发布机构|发文字号|文号|主题分类|公开方式|有效性|所属机构|信息名称|文件名称|文件编号|标题|名称|来源|分类|关键词)\s*:)/;

const BREADCRUMB = /[>»]|当前位置|您的位置|您现在的位置|^首页/;

/** "XX区人民政府", "中共XX镇委员会" under the text, above the date. */
const SIGNATURE = /^[\u4e00-\u9fa5() ]{2,40}(?:人民政府|委员会|办公室|政府|党委|办事处|局)$/;

export function isMeta(text: string): boolean {
  return META.test(text) || BREADCRUMB.test(text) || DATE_ONLY.test(text);
}

/** A line of running prose, as opposed to a title, a site header or a date. */
export function isParagraph(text: string): boolean {
  if (isMeta(text)) return false;
  return text.includes("。") || (text.length >= 40 && /[,;]/.test(text));
}

/** What a title line says once its site label ("标题:", "[内容概述]") is dropped. */
export function titleText(text: string): string {
  return text
    .replace(/^(?:\d+\.\s*)?(?:\[[^\]]{1,12}\]|【[^】]{1,12}】)\s*/, "")
    .replace(/^(?:标题|名称|信息名称|文件名称)\s*:\s*/, "")
    .replace(/^《(.*)》$/, "$1")
    .trim();
}

/** Short, unpunctuated lines near the top that could be a document's title. */
export function isTitleShaped(text: string): boolean {
  return !text.includes("。") && !BREADCRUMB.test(text) && !DATE_ONLY.test(text) && text.length <= 120;
}

// "政府工作报告" is not a 法治 report, hence the 法治/依法行政 requirement.
export const REPORT_TITLE = /(?:法治|依法行政).*(?:年度报告|情况的?报告|工作报告|年报)|(?:19|20)\d{2}\s*年度?.*法治政府建设.*情况$/;
export const PLAN_TITLE = /规划|纲要|行动计划|实施方案|分工方案|工作要点|实施意见|征求意见稿|责任分工|印发/;

/** Plans and division-of-labour tables carry these column labels; reports never do. */
function hasPlanMarkers(lines: Line[]): boolean {
  return lines.some(
    ({ text }) =>
      /^(?:牵头单位|责任单位|配合单位|完成时限)$/.test(text) ||
      (/牵头(?:单位|部门)\s*:/.test(text) && /(?:责任单位|配合单位|完成时限)\s*:/.test(text)),
  );
}

// ---------------------------------------------------------------------------
// Document layout

type SectionStart = { index: number; number: number; rest: string };

/** Top-level sections, which must count 一, 二, 三 … so a stray "一、" in a body can't split it. */
function findSectionStarts(lines: Line[]): SectionStart[] {
  const starts: SectionStart[] = [];
  lines.forEach(({ text }, index) => {
    const m = TOP_LABEL.exec(text);
    if (!m) return;
    const number = cnNumber(m[1]!);
    if (number !== starts.length + 1) return;
    starts.push({ index, number, rest: m[2]! });
  });
  return starts;
}

type Layout = {
  starts: SectionStart[];
  /** Lines before the first section (the whole text when there are none). */
  headerEnd: number;
  /** First line of prose before the first section, or -1. */
  openingIndex: number;
  /** The report's own title line, or -1. */
  titleIndex: number;
};

function layout(lines: Line[]): Layout {
  const starts = findSectionStarts(lines);
  const headerEnd = starts[0]?.index ?? lines.length;
  let openingIndex = -1;
  for (let i = 0; i < headerEnd; i++) {
    if (isParagraph(lines[i]!.text)) {
      openingIndex = i;
      break;
    }
  }
  // The title sits above the prose; site names and dates there are skipped
  // because they don't read like a report title. A site column called just
  // "法治政府建设年度报告" gives way to a later line naming a year or place.
  const titleEnd = openingIndex === -1 ? headerEnd : openingIndex;
  const candidates: number[] = [];
  for (let i = 0; i < titleEnd; i++) {
    const text = lines[i]!.text;
    if (isTitleShaped(text) && REPORT_TITLE.test(titleText(text))) candidates.push(i);
  }
  const specific = candidates.find((i) => {
    const title = titleText(lines[i]!.text);
    return yearHits(title).length > 0 || regionFrom(title, TITLE_ANCHORS) !== null;
  });
  const titleIndex = specific ?? candidates[0] ?? -1;
  return { starts, headerEnd, openingIndex, titleIndex };
}

// ---------------------------------------------------------------------------
// Year and region

/** "二〇二三年" → "2023年", so Chinese-numeral years are found too. */
function arabicYears(text: string): string {
  return text.replace(/([〇零一二三四五六七八九]{4})(?=年)/g, (digits) =>
    [...digits].map((ch) => ("〇零".includes(ch) ? "0" : String(CN_DIGITS.indexOf(ch) + 1))).join(""),
  );
}

/** True when position `at` is inside 《…》 or (…): years there name other documents. */
function insideBrackets(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const depth = (open: string, close: string) => before.split(open).length - before.split(close).length;
  return depth("《", "》") > 0 || depth("(", ")") > 0 || depth("〔", "〕") > 0;
}

type YearHit = { year: number; index: number };

/**
 * Years written as "2024年"/"2024年度", skipping ranges ("2021-2025年"), full
 * dates ("2025年3月20日", a publication date) and years inside 《》 or ().
 */
function yearHits(raw: string): YearHit[] {
  const text = arabicYears(raw);
  const hits: YearHit[] = [];
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)/g)) {
    const index = m.index;
    const prev = text[index - 1] ?? "";
    if (/[\d\-—–~至到]/.test(prev) || insideBrackets(text, index)) continue;
    hits.push({ year: Number(m[1]), index });
  }
  return hits;
}

function yearFromTitle(title: string): number | null {
  return yearHits(title)[0]?.year ?? null;
}

/** "2023年,我县…" – the year the opening sentence reports on. */
function yearFromOpening(paragraph: string): number | null {
  const text = arabicYears(paragraph);
  const firstStop = text.indexOf("。");
  const hits = yearHits(text);
  const inFirstSentence = hits.find((hit) => firstStop === -1 || hit.index < firstStop);
  if (inFirstSentence) return inFirstSentence.year;
  // Otherwise only a year that starts a sentence ("…。2024年,全区…").
  const sentenceStart = hits.find((hit) => /^$|[。,;]$/.test(text.slice(Math.max(0, hit.index - 1), hit.index)));
  return sentenceStart?.year ?? null;
}

/** "2024年度…主要举措和成效" says the year; "2025年…主要安排" says the year after. */
function yearFromHeadings(headings: string[]): number | null {
  for (const heading of headings) {
    const year = yearHits(heading)[0]?.year;
    if (year === undefined) continue;
    const standard = matchStandardSection(heading);
    if (standard === 3) return year - 1;
    if (standard !== null) return year;
  }
  return null;
}

const REGION_NAME = /^([\u4e00-\u9fa5]{2,9}?)(特别行政区|自治区|自治州|自治县|自治旗|新区|地区|街道|省|市|州|盟|区|县|旗|镇|乡)/;
/** Words that make "我县", "全区各镇", "区委区" and "中共罗店镇" look like names. */
const NOT_NAME_START = /^[全本我各该此每这其在对于把将为是和与及等近今去据按根经]/;
const NOT_NAME = /法治|政府|建设|工作|人民|委员|年度|推进|依法|中共|共产党|[的委党办局部厅]/;
/** Units below which nothing smaller follows: "宝山区罗店镇" but not "罗店镇X区". */
const LOWEST_LEVEL = new Set(["镇", "乡", "街道"]);

/** The most specific place name starting at `pos`: "上海市松江区" → "松江区". */
function regionAt(text: string, pos: number): string | null {
  let found: string | null = null;
  let rest = text.slice(pos);
  for (;;) {
    const m = REGION_NAME.exec(rest);
    if (!m || NOT_NAME_START.test(m[1]!) || NOT_NAME.test(m[1]!)) break;
    found = m[0];
    if (LOWEST_LEVEL.has(m[2]!)) break;
    rest = rest.slice(m[0].length);
  }
  return found;
}

/** In a title, a name may follow punctuation, "关于", "中共" or a year ("2024年松江区…"). */
const TITLE_ANCHORS = /[,;:、\s]|关于|中共|(?:19|20)\d{2}\s*年度?/g;
/**
 * In prose only the subject of a sentence counts ("2024年,松江区…", "…。松江区…"):
 * mid-sentence phrases like "提升城区能级" would otherwise read as names.
 */
const OPENING_ANCHORS = /。|(?:(?:19|20)\d{2}\s*年度?(?:以来)?|近年来|一年来|过去一年|今年以来|(?:领导|指导|关心|支持)下)\s*,?/g;

/** First place name found at one of the anchors. */
function regionFrom(text: string, anchorPattern: RegExp): string | null {
  const anchors = new Set<number>([0]);
  for (const m of text.matchAll(anchorPattern)) anchors.add(m.index + m[0].length);
  for (const pos of [...anchors].sort((a, b) => a - b)) {
    const name = regionAt(text, pos);
    if (name) return name;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Bodies

/** Rejoins lines a PDF or web page broke mid-sentence ("加强对政府法律" + "顾问的日常管理…"). */
function joinBroken(texts: string[]): string[] {
  const out: string[] = [];
  for (const text of texts) {
    const last = out.length - 1;
    const prev = out[last];
    const prevIsHeading = SUB_LABEL.test(prev ?? "") && !(prev ?? "").includes("。");
    if (
      prev !== undefined &&
      prev.length >= 20 &&
      !TERMINAL.test(prev) &&
      !prevIsHeading &&
      !SUB_LABEL.test(text) &&
      !TOP_LABEL.test(text)
    ) {
      out[last] = prev + (/[A-Za-z0-9]$/.test(prev) && /^[A-Za-z0-9]/.test(text) ? " " : "") + text;
    } else {
      out.push(text);
    }
  }
  return out;
}

/** Drops the signature and date under the last section. */
function withoutSignature(lines: Line[]): Line[] {
  let end = lines.length;
  while (end > 0) {
    const text = lines[end - 1]!.text;
    if (!(DATE_ONLY.test(text) || SIGNATURE.test(text))) break;
    end--;
  }
  return lines.slice(0, end);
}

/** "主要举措和成效。2024年,我区…" → heading "主要举措和成效", the rest opens the body. */
function splitHeading(rest: string): { heading: string; lead: string | null } {
  const m = /^(.+?)[。:](.+)$/.exec(rest);
  const heading = (m ? m[1]! : rest).replace(/[。:;,]+$/, "").trim();
  return { heading, lead: m ? m[2]!.trim() : null };
}

function body(lines: Line[], lead: string | null): string {
  const texts = lines.map((l) => l.text);
  if (lead) texts.unshift(lead);
  return joinBroken(texts).join("\n");
}

/**
 * The lines in simplified characters, one for one (lib/import/chinese.ts):
 * reports printed in traditional characters are read through this shadow,
 * and their text is cut from the lines as printed.
 */
export function simplifiedLines(lines: Line[]): Line[] {
  return lines.map((l) => ({ line: l.line, text: toSimplified(l.text) }));
}

/** An untitled report says what it is in its first sentence: "2022年度,……现将有关情况报告如下。" */
const REPORT_OPENING = /^(?:19|20)\d{2}\s*年度?(?:以来)?\s*,.*(?:报告如下|总结如下)/;

// ---------------------------------------------------------------------------
// Public API

/**
 * Whether the text is an annual report rather than a plan, action plan or
 * division-of-labour table (all of which also talk about 法治政府建设).
 */
export function looksLikeAnnualReport(printed: Line[]): boolean {
  return looksLikeAnnualReportShadow(simplifiedLines(printed));
}

/** looksLikeAnnualReport on lines already in simplified characters (simplifiedLines). */
export function looksLikeAnnualReportShadow(lines: Line[]): boolean {
  const { starts, headerEnd, openingIndex } = layout(lines);
  // The first title-like line near the top decides when it names the kind.
  const top = lines.slice(0, Math.min(headerEnd, 30));
  for (const { text } of top) {
    if (!isTitleShaped(text)) continue;
    const title = titleText(text);
    if (REPORT_TITLE.test(title)) return true;
    if (PLAN_TITLE.test(title)) return false;
  }
  if (hasPlanMarkers(lines)) return false;
  if (openingIndex === 0 && REPORT_OPENING.test(lines[0]!.text)) return true;
  // Untitled reports (like seed 001) still follow the outline: a year in the
  // opening sentence and headings for 成效/不足/安排/督察. Plans never list 不足.
  const headings = starts.map((s) => s.rest);
  const standard = new Set(headings.map(matchStandardSection).filter((i) => i !== null));
  const reportOnly = headings.some((h) => /不足|存在的问题|整改情况|成效/.test(h));
  if (!reportOnly) return false;
  const opening = openingIndex === -1 ? null : lines[openingIndex]!.text;
  const openingYear = opening !== null && yearFromOpening(opening) !== null;
  return standard.size >= (openingYear ? 2 : 3);
}

/** Parses an annual report into title, region, year and top-level sections. */
export function parseAnnualReport(printed: Line[]): { report: ParsedAnnualReport; warnings: ParseWarning[] } {
  // Structure, year and region are read in simplified characters; titles,
  // headings and bodies keep the characters as printed.
  const lines = simplifiedLines(printed);
  const printedText = new Map(printed.map((l) => [l.line, l.text]));
  const asPrinted = (ls: Line[]): Line[] => ls.map((l) => ({ line: l.line, text: printedText.get(l.line)! }));
  /** The end of a line as printed, as long as `tail` (a suffix of its shadow). */
  const printedTail = (l: Line, tail: string) => {
    const text = printedText.get(l.line)!;
    return text.slice(text.length - tail.length);
  };
  const warnings: ParseWarning[] = [];
  const firstLine = lines[0]?.line ?? 1;
  const { starts, headerEnd, openingIndex, titleIndex } = layout(lines);

  const titleLine = titleIndex === -1 ? null : lines[titleIndex]!;
  const shadowTitle = titleLine ? titleText(titleLine.text) : null;
  const foundTitle =
    titleLine && shadowTitle !== null
      ? printedText.get(titleLine.line)!.substr(titleLine.text.indexOf(shadowTitle), shadowTitle.length)
      : null;
  const opening = openingIndex === -1 ? null : lines[openingIndex]!.text;
  const split = starts.map((s) => splitHeading(printedTail(lines[s.index]!, s.rest)));

  const year =
    (shadowTitle ? yearFromTitle(shadowTitle) : null) ??
    (opening ? yearFromOpening(opening) : null) ??
    yearFromHeadings(starts.map((s) => splitHeading(s.rest).heading));
  const regionName =
    (shadowTitle ? regionFrom(shadowTitle, TITLE_ANCHORS) : null) ?? (opening ? regionFrom(opening, OPENING_ANCHORS) : null);
  const whereToLook = titleLine?.line ?? lines[openingIndex]?.line ?? firstLine;

  if (year === null) {
    warnings.push({ line: whereToLook, message: "未能识别报告年度:标题和开头段落中没有“XXXX年”,请手工填写" });
  }
  if (regionName === null) {
    warnings.push({ line: whereToLook, message: "未能识别报告所属地区:标题和开头段落中没有区、县、镇、街道等地名,请手工选择" });
  }

  // Reports copied without their heading (like seed 001) get the standard title.
  const title = foundTitle ?? `${regionName ?? ""}${year === null ? "" : `${year}年`}法治政府建设年度报告`;
  if (foundTitle === null) {
    warnings.push({ line: firstLine, message: `未找到报告标题,已按地区和年度生成“${title}”` });
  }

  const sections: ParsedReportSection[] = [];
  // The preamble counts only from its first real paragraph: title, site
  // headers and dates above it are not part of the report's text.
  if (openingIndex !== -1) {
    const preamble = lines.slice(openingIndex, headerEnd).filter((l) => !isMeta(l.text));
    const kept = starts.length === 0 ? withoutSignature(preamble) : preamble;
    if (kept.length > 0) sections.push({ heading: "概述", body: body(asPrinted(kept), null), line: kept[0]!.line });
  }

  starts.forEach((start, i) => {
    const next = starts[i + 1]?.index ?? lines.length;
    let content = lines.slice(start.index + 1, next);
    if (i === starts.length - 1) content = withoutSignature(content);
    let { heading, lead } = split[i]!;
    // "一、" alone on its line: the heading is on the next line.
    if (heading === "" && content[0] && !isParagraph(content[0].text)) {
      ({ heading, lead } = splitHeading(printedTail(content[0], content[0].text)));
      content = content.slice(1);
    }
    sections.push({ heading, body: body(asPrinted(content), lead), line: lines[start.index]!.line });
  });

  if (starts.length === 0) {
    warnings.push({
      line: firstLine,
      message:
        sections.length > 0
          ? "未找到“一、二、三……”形式的一级标题,全文作为“概述”一节导入"
          : "未找到“一、二、三……”形式的一级标题,也没有可导入的正文",
    });
  }

  return { report: { title, regionName, year, sections }, warnings };
}
