// A published annual report laid out as the printed document: 一、 headings
// for the standard sections, (一) sub-headings, paragraphs. Reports drafted
// here keep chapters as level-2 sections; imported ones keep the printed
// (一) lines inside a section's body. Both come out the same.

export type DocumentSection = { sortOrder: number; level: number; heading: string; body: string };

export type DocumentBlock =
  | { kind: "heading"; label: string; text: string }
  | { kind: "subheading"; label: string; text: string }
  /** `lead` is a numbered paragraph's label and first sentence, set in bold as official documents do. */
  | { kind: "paragraph"; lead: string | null; text: string };

const DIGITS = "一二三四五六七八九";

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99). */
export function chineseNumeral(n: number): string {
  if (n < 1 || n > 99 || !Number.isInteger(n)) return String(n);
  if (n < 10) return DIGITS[n - 1]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens - 1]}十${ones ? DIGITS[ones - 1] : ""}`;
}

const CN = "[一二三四五六七八九十]{1,3}";
// Full-width brackets written as escapes: documents mix them with half-width ones.
const OPEN = "(\uFF08";
const CLOSE = ")\uFF09";
/** "(一)" as official documents print it, with full-width brackets. */
const subLabel = (numeral: string) => `\uFF08${numeral}\uFF09`;
/** A label the heading may already carry ("一、", "(二)"): the layout numbers sections itself. */
const HEADING_LABEL = new RegExp(`^(?:${CN}[、.]|[${OPEN}]${CN}[${CLOSE}])\\s*`);
const SUB_LINE = new RegExp(`^[${OPEN}](${CN})[${CLOSE}]\\s*(.*)$`);
/** The parser's name for the text before the first 一、 heading (lib/import/report-parser.ts). */
const PREAMBLE = "概述";
/** A sub-heading line is short and is not a sentence. */
const MAX_SUBHEADING = 60;

/** 一 → 1, 十二 → 12, 二十一 → 21. */
function numeralValue(text: string): number {
  const [tens, ones] = text.includes("十") ? text.split("十") : ["", text];
  const digit = (d: string | undefined) => (d ? DIGITS.indexOf(d) + 1 : 0);
  return text.includes("十") ? (tens ? digit(tens) : 1) * 10 + digit(ones) : digit(ones);
}

/** The blocks of a section's text, and the last (一) number it printed. */
function bodyBlocks(body: string): { blocks: DocumentBlock[]; lastSub: number } {
  const blocks: DocumentBlock[] = [];
  let lastSub = 0;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const sub = SUB_LINE.exec(line);
    if (sub) {
      const label = subLabel(sub[1]!);
      lastSub = numeralValue(sub[1]!);
      const rest = sub[2]!.trim();
      const firstStop = rest.indexOf("。");
      if (firstStop === -1 && rest.length <= MAX_SUBHEADING) {
        blocks.push({ kind: "subheading", label, text: rest });
      } else if (firstStop === -1 || firstStop === rest.length - 1) {
        blocks.push({ kind: "paragraph", lead: label, text: rest });
      } else {
        blocks.push({ kind: "paragraph", lead: label + rest.slice(0, firstStop + 1), text: rest.slice(firstStop + 1) });
      }
      continue;
    }
    blocks.push({ kind: "paragraph", lead: null, text: line });
  }
  return { blocks, lastSub };
}

export function documentBlocks(sections: readonly DocumentSection[]): DocumentBlock[] {
  const ordered = [...sections].sort((a, b) => a.sortOrder - b.sortOrder);
  const blocks: DocumentBlock[] = [];
  let top = 0;
  let sub = 0;
  ordered.forEach((section, index) => {
    const heading = section.heading.trim().replace(HEADING_LABEL, "");
    if (section.level >= 2) {
      sub += 1;
      blocks.push({ kind: "subheading", label: subLabel(chineseNumeral(sub)), text: heading });
    } else if (index === 0 && heading === PREAMBLE) {
      // The opening paragraphs before 一、 have no heading of their own in print.
    } else {
      top += 1;
      sub = 0;
      blocks.push({ kind: "heading", label: `${chineseNumeral(top)}、`, text: heading });
    }
    const body = bodyBlocks(section.body);
    blocks.push(...body.blocks);
    // A chapter paragraph after printed (一)(二) lines goes on from (三).
    sub = Math.max(sub, body.lastSub);
  });
  return blocks;
}
