// Numbering labels of Chinese official documents, in their customary order of
// depth: 一、 > (一) > 1. > 1.1 > 1.1.1 > (1) > ①. Input is normalised (half-width).

export type LabelKind = "CN" | "PAREN_CN" | "NUM" | "NUM_NUM" | "NUM_NUM_NUM" | "PAREN_NUM" | "CIRCLED";

export const LABEL_DEPTH: Record<LabelKind, number> = {
  CN: 1,
  PAREN_CN: 2,
  NUM: 3,
  NUM_NUM: 4,
  NUM_NUM_NUM: 5,
  PAREN_NUM: 6,
  CIRCLED: 7,
};

export type Label = {
  kind: LabelKind;
  /** The code as printed, without trailing punctuation: "一", "(十二)", "11", "1.1", "1.1.2", "(3)", "②". */
  code: string;
  /** As printed, with its punctuation: "二、", "(一)", "11.". */
  printed: string;
  /** The number it stands for (last component for 1.1 and 1.1.2), to spot gaps and restarts. */
  value: number;
  /** The text after the label. */
  rest: string;
};

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 (and 一百…), as numbered headings use them. */
export function chineseNumeral(text: string): number | null {
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(text)) return null;
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = DIGITS[ch]!;
    }
  }
  return total + current;
}

const CN = "[一二三四五六七八九十百]+";
const PATTERNS: { kind: LabelKind; re: RegExp }[] = [
  { kind: "CN", re: new RegExp(`^(${CN})(、|\\.(?!\\d))\\s*(.*)$`) },
  { kind: "PAREN_CN", re: new RegExp(`^\\((${CN})\\)()\\s*(.*)$`) },
  { kind: "NUM_NUM_NUM", re: /^(\d{1,3}\.\d{1,3}\.\d{1,3})(\.?)(?!\d)\s*(.*)$/ },
  { kind: "NUM_NUM", re: /^(\d{1,3}\.\d{1,3})(\.?)(?![\d.])\s*(.*)$/ },
  // "1.5亿元" is a number, but "25.2024年前…" is item 25 whose text starts with a year.
  { kind: "NUM", re: /^(\d{1,3})([.、](?!\d{1,3}(?!\d)))\s*(.*)$/ },
  { kind: "PAREN_NUM", re: /^\((\d{1,3})\)()\s*(.*)$/ },
  // ①…⑳, then ㉑…㉟ and ㊱…㊿ in their own Unicode blocks.
  { kind: "CIRCLED", re: /^([①-⑳㉑-㉟㊱-㊿])()\s*(.*)$/ },
];

function circledValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 0x32b1) return code - 0x32b1 + 36;
  if (code >= 0x3251) return code - 0x3251 + 21;
  return code - 0x2460 + 1;
}

// "1.5亿元", "12.5%", "3.5万人": a decimal glued to a unit is a quantity, not
// item 1.5. Not 年/月/日: "1.1年度计划" is an item more often than "1.5年" opens
// a line. Labels like "1.1 亿元以上项目…" keep their space and stay labels.
const QUANTITY_AFTER = /^(?:[万亿元%‰倍吨亩米]|个百分点|小时|公里|千米|平方)/;

export function readLabel(text: string): Label | null {
  for (const { kind, re } of PATTERNS) {
    const match = re.exec(text);
    if (!match) continue;
    const [, raw, punct, rest] = match as unknown as [string, string, string, string];
    let value: number;
    let code = raw;
    let printed = `${raw}${punct}`;
    if (kind === "CN") value = chineseNumeral(raw) ?? 0;
    else if (kind === "PAREN_CN") {
      value = chineseNumeral(raw) ?? 0;
      code = printed = `(${raw})`;
    } else if (kind === "PAREN_NUM") {
      value = Number(raw);
      code = printed = `(${raw})`;
    } else if (kind === "CIRCLED") value = circledValue(raw);
    else value = Number(raw.split(".").at(-1));
    // "3.万元…"-like quantities are sentences, not labels ("2023年" never
    // matches: labels have at most three digits).
    if (kind === "NUM" && /^[年月日万亿%]/.test(rest)) return null;
    // "1.5亿元": a decimal with its unit right after it, no space.
    const glued = !punct && !/\s/.test(text.charAt(raw.length));
    if ((kind === "NUM_NUM" || kind === "NUM_NUM_NUM") && glued && QUANTITY_AFTER.test(rest)) return null;
    return { kind, code, printed, value, rest };
  }
  return null;
}
