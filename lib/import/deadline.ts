import type { Deadline } from "@/lib/import/types.ts";
import { toSimplified } from "@/lib/import/chinese.ts";
import { daysInMonth, ymd } from "@/lib/dates.ts";

// Deadlines in plan documents come in two places: the 完成时限 field of a
// measure ("2023 年", "长期坚持") and phrases inside the measure's sentence
// ("2022年年底前编制…"). Both share one date grammar; the sentence scanner adds
// guards because sentences also mention plan periods and past years.

// Years may be printed with ASCII, full-width or Chinese digits (二〇二三);
// the Chinese form gets its own look-behind so "统一2023年" still matches.
const YEAR = "(?<year>(?<![0-9０-９])[0-9０-９]{4}|(?<![〇○零一二三四五六七八九十])[〇○零一二三四五六七八九]{4})";
const MONTH = "(?<month>[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])";
const DAY = "(?<day>[0-9０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])";

// One date phrase: a year, optionally narrowed to a month (and day), a half,
// a quarter or the year's end, optionally followed by 前/之前/以前/内.
const DATE_PHRASE = new RegExp(
  `${YEAR}\\s*年\\s*(?:` +
    `${MONTH}\\s*月份?(?:\\s*${DAY}\\s*日)?(?<monthPart>上旬|中旬|下旬|底|末)?` +
    `|(?<half>上半年|下半年)(?:底|末)?` +
    `|第?(?<quarter>[一二三四1-4１-４])季度(?:底|末)?` +
    `|(?<yearEnd>年底|年末|底|末)` +
    `)?(?<suffix>之前|以前|以内|前|内)?`,
  "gu",
);

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  "○": 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "2023", "２０２３", "二〇二三" → 2023; digit by digit, as years are printed. */
function digitsToNumber(text: string): number {
  let value = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const digit = code >= 0xff10 && code <= 0xff19 ? code - 0xff10 : code >= 48 && code <= 57 ? code - 48 : CN_DIGITS[ch];
    value = value * 10 + (digit ?? 0);
  }
  return value;
}

/** Months and days: "12", "十二", "二十一", "六". */
function smallNumber(text: string): number {
  const ten = text.indexOf("十");
  if (ten < 0) return digitsToNumber(text);
  const tens = ten === 0 ? 1 : (CN_DIGITS[text.slice(0, ten)] ?? 1);
  const units = ten === text.length - 1 ? 0 : (CN_DIGITS[text.slice(ten + 1)] ?? 0);
  return tens * 10 + units;
}

type DateMatch = {
  index: number;
  end: number;
  /** Matched substring, as printed. */
  text: string;
  date: string;
  /** Carries 前/底/末/内: reads as a deadline wherever it appears. */
  strong: boolean;
  suffix: string;
};

/** Every date phrase in `text` with a year in 2000–2099. */
function scanDates(text: string): DateMatch[] {
  const matches: DateMatch[] = [];
  for (const m of text.matchAll(DATE_PHRASE)) {
    const g = m.groups ?? {};
    const year = digitsToNumber(g.year ?? "");
    if (year < 2000 || year > 2099) continue;

    let date = ymd(year, 12, 31);
    if (g.month) {
      const month = smallNumber(g.month);
      if (month < 1 || month > 12) continue;
      const last = daysInMonth(year, month);
      const day = g.day ? smallNumber(g.day) : 0;
      if (day >= 1 && day <= last) date = ymd(year, month, day);
      else if (g.monthPart === "上旬") date = ymd(year, month, 10);
      else if (g.monthPart === "中旬") date = ymd(year, month, 20);
      else date = ymd(year, month, last);
    } else if (g.half === "上半年") {
      date = ymd(year, 6, 30);
    } else if (g.quarter) {
      const quarter = smallNumber(g.quarter);
      date = ymd(year, quarter * 3, daysInMonth(year, quarter * 3));
    }

    const strong = Boolean(g.yearEnd || g.suffix || g.monthPart === "底" || g.monthPart === "末");
    const index = m.index ?? 0;
    matches.push({ index, end: index + m[0].length, text: m[0], date, strong, suffix: g.suffix ?? "" });
  }
  return matches;
}

/** "2022年起", "2020年以来": a starting point, not an end date. */
const START_POINT = /^\s*(?:起|开始|以来|以后|之后|后)/u;

// Words that make a field "ongoing". Recurring work (每年…) is ongoing too:
// there is no single last day to track.
const ONGOING = /长期|持续|常态化|经常性|长效|每年|每季度|每半年|每月|定期/u;

function latest(dates: DateMatch[]): DateMatch | undefined {
  return dates.reduce<DateMatch | undefined>((best, d) => (!best || d.date > best.date ? d : best), undefined);
}

/**
 * A deadline as printed in a 完成时限 field. The latest date mentioned wins,
 * so ranges ("2021-2025年", "2021年至2025年") end on the last year's 12-31.
 * Unrecognised text is kept with date null so the caller can show it.
 */
export function parseDeadline(text: string): Deadline | null {
  // 長期堅持 reads as 长期坚持; the text stays as printed.
  const deadline = parseSimplifiedDeadline(toSimplified(text));
  return deadline && { ...deadline, text: text.trim() };
}

function parseSimplifiedDeadline(text: string): Deadline | null {
  const printed = text.trim();
  if (!printed) return null;

  const ends: DateMatch[] = [];
  let hasStartPoint = false;
  for (const d of scanDates(printed)) {
    if (!d.suffix && START_POINT.test(printed.slice(d.end))) hasStartPoint = true;
    else ends.push(d);
  }
  const end = latest(ends);
  if (end) return { text: printed, date: end.date, ongoing: false };

  // Year(s) without 年: "2023", "2021-2025", and dotted dates "2022.6".
  const compact = printed.replace(/\s+/g, "");
  const bare = /^(?:20\d{2}\s*[-—–~至到])?(20\d{2})$/u.exec(compact);
  if (bare) return { text: printed, date: ymd(Number(bare[1]), 12, 31), ongoing: false };
  const dotted = /^(20\d{2})[.\-/](\d{1,2})(?:[.\-/](\d{1,2}))?$/u.exec(compact);
  if (dotted) {
    const year = Number(dotted[1]);
    const month = Number(dotted[2]);
    if (month >= 1 && month <= 12) {
      const last = daysInMonth(year, month);
      const day = dotted[3] ? Number(dotted[3]) : last;
      if (day >= 1 && day <= last) return { text: printed, date: ymd(year, month, day), ongoing: false };
    }
  }

  // "2022年起" names when the work starts and implies it then continues.
  if (ONGOING.test(printed) || hasStartPoint) return { text: printed, date: null, ongoing: true };
  return { text: printed, date: null, ongoing: false };
}

// Sentence guards ---------------------------------------------------------

const DIGIT_CLASS = "[0-9０-９〇○零一二三四五六七八九]";
/** "2021—2025年": the year closes a plan period, e.g. in a title. */
const RANGE_BEFORE = new RegExp(`${DIGIT_CLASS}{4}\\s*年?\\s*[-—–~〜至到]\\s*$`, "u");
/** "2021年至2025年": the year opens a plan period. */
const RANGE_AFTER = new RegExp(`^\\s*[-—–~〜至到]\\s*${DIGIT_CLASS}{2,4}`, "u");
/** "比2020年增长", "自2021年": a baseline or a start, never an end. */
const BASELINE_BEFORE = /(?:比|较|与|同|自|从)\s*$/u;
/** "2020年以前的", "2020年度", "2022年前后": not a deadline. */
const NOT_DEADLINE_AFTER = /^\s*(?:以来|以后|之后|后|起|开始|度|的)/u;
// "2020年前出台的文件", "2021年印发的意见", "2021年受理的案件": a date, a verb
// and 的 date the thing the sentence is about (an attribute), not the work the
// measure asks for. Verbs of issuing and handling only: "2025年底前建成的…"
// reads as a goal too often to be skipped. "2022年底前的…" (no verb) stays a
// deadline; "以来/起" before the verb are already starting points.
const ATTRIBUTE_VERB =
  "出台|印发|制定|制发|发布|颁布|公布|下发|施行|实施|修订|修改|修正|通过|批准|审批|受理|办理|立案|作出|做出|签订|签署|登记|备案|认定|查处";
const ATTRIBUTE_AFTER = new RegExp(`^\\s*(?:已经?|正式|相继|先后|陆续|新|首次)?(?:${ATTRIBUTE_VERB}){1,2}的`, "u");
/** Words introducing a target date: "到2023年", "于2023年上半年", "力争…". */
const TARGET_BEFORE = /(?:到|于|在|至|力争|争取|确保|力求|计划|预计)\s*$/u;
/** A clause boundary just before the year: start of text or punctuation. */
const CLAUSE_BEFORE = /(?:^|[,。;:!?、(“]|\d\.)\s*$/u;
// Verbs that follow a bare year when it states when something happens:
// "2023年开展", "2022年实现", "2023年全面…".
const VERB_AFTER =
  /^\s*(?:,\s*)?(?:开展|完成|实现|建成|建立|全面|基本|初步|出台|制定|实施|推行|推进|启动|形成|达到|覆盖|完善|健全|落实|编制|印发|组织|上线|试点|取得|部署|召开|举办|修订|清理|完工|全部|争取|力争|确保|要|将)/u;

/**
 * Whether a position is inside an unclosed 《: a document title such as
 * 《2022年工作要点》. Asked for positions in increasing order, it scans the
 * text once, so a measure with thousands of dated paragraphs stays linear.
 */
function titleTracker(text: string): (index: number) => boolean {
  let scanned = 0;
  let open = -1;
  let close = -1;
  return (index) => {
    for (; scanned < index; scanned++) {
      const ch = text[scanned];
      if (ch === "《") open = scanned;
      else if (ch === "》") close = scanned;
    }
    return open > close;
  };
}

// The guards read only the few characters around a date; a bounded window
// keeps long texts linear. "…" marks a cut window, so "^" in CLAUSE_BEFORE
// still means the start of the text.
const WINDOW = 40;
const beforeOf = (text: string, index: number) => (index > WINDOW ? `…${text.slice(index - WINDOW, index)}` : text.slice(0, index));
const afterOf = (text: string, end: number) => text.slice(end, end + WINDOW);

// Ongoing work in a sentence. "持续推进政务公开" is a verb with its object;
// "…,持续推进。" or "(长期坚持)" is a clause of its own, printed the way a
// 完成时限 field says it; not after 、, where "全覆盖、常态化" lists goals. "长期坚持"
// is that field's wording wherever it stands.
const ONGOING_CLAUSE =
  /(?<=^|[,;。:!?(〔])\s*(?:并且?|要|须|应当?)?\s*(?<phrase>(?:长期|持续|常态化)(?:坚持|推进|开展|实施|落实|执行)?)\s*(?=$|[,;。!?)〕])/gu;
const LONG_TERM = /长期坚持/gu;

/** "持续推进" / "长期坚持" as the sentence states ongoing work, outside any 《title》. */
function findOngoingInText(sentence: string): string | null {
  for (const re of [ONGOING_CLAUSE, LONG_TERM]) {
    const insideTitle = titleTracker(sentence);
    for (const m of sentence.matchAll(re)) {
      if (!insideTitle(m.index)) return m.groups?.phrase ?? m[0];
    }
  }
  return null;
}

/**
 * A deadline stated inside a measure's sentence ("2022年年底前编制…",
 * "到2023年底,实现…", "2023年开展…"). Returns the latest one, with `text`
 * the phrase as printed. Plan periods, titles and past references are skipped.
 * Without a date, ongoing work stated as such ("…,持续推进。", "长期坚持…")
 * is ongoing; "持续推进政务公开" is a verb and says nothing about when.
 */
export function findDeadlineInText(printed: string): Deadline | null {
  const sentence = toSimplified(printed);
  const found = findSimplifiedDeadline(sentence);
  return found && { ...found, text: asPrinted(found.text, sentence, printed) };
}

/** The phrase as printed: the shadow keeps every character in its place. */
function asPrinted(phrase: string, shadow: string, printed: string): string {
  if (shadow === printed) return phrase;
  const at = shadow.indexOf(phrase);
  return at < 0 ? phrase : printed.slice(at, at + phrase.length);
}

function findSimplifiedDeadline(sentence: string): Deadline | null {
  const best = latest(sentenceDates(sentence));
  if (best) return { text: best.text.trim(), date: best.date, ongoing: false };
  const ongoing = /长期|持续|常态化/u.test(sentence) ? findOngoingInText(sentence) : null;
  return ongoing ? { text: ongoing, date: null, ongoing: true } : null;
}

/** Every dated deadline a sentence states, in order: what findDeadlineInText chose the latest of. */
export function findDeadlinesInText(printed: string): Deadline[] {
  const sentence = toSimplified(printed);
  return sentenceDates(sentence).map((d) => ({ text: asPrinted(d.text.trim(), sentence, printed), date: d.date, ongoing: false }));
}

function sentenceDates(sentence: string): DateMatch[] {
  const found: DateMatch[] = [];
  const insideTitle = titleTracker(sentence);
  for (const d of scanDates(sentence)) {
    const before = beforeOf(sentence, d.index);
    const after = afterOf(sentence, d.end);
    if (RANGE_BEFORE.test(before) || RANGE_AFTER.test(after)) continue;
    if (BASELINE_BEFORE.test(before) || insideTitle(d.index)) continue;
    // "对2020年前出台的…" describes documents; "力争2025年底前出台的…全部落地" still sets a target.
    if (ATTRIBUTE_AFTER.test(after) && !TARGET_BEFORE.test(before)) continue;
    if (NOT_DEADLINE_AFTER.test(after)) {
      // "2022年底前的…" is still a deadline; "2020年以前的…" is the past.
      const deadlineOf = /^\s*的/u.test(after) && d.strong && d.suffix !== "以前" && d.suffix !== "之前";
      if (!deadlineOf) continue;
    }
    // 前/底/末 make a deadline on their own; a bare year, month, half or
    // quarter needs a target word, a following verb or a clause of its own.
    const accepted =
      d.strong || TARGET_BEFORE.test(before) || VERB_AFTER.test(after) || (CLAUSE_BEFORE.test(before) && /^\s*,/u.test(after));
    if (accepted) found.push(d);
  }
  return found;
}
