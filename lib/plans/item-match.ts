// Which item of a parent 规划 a measure of a 分工方案 implements, guessed from
// the text: the Sørensen–Dice coefficient over character bigrams of the
// normalised texts. Chinese has no spaces to split words on, and a division of
// labour usually repeats or condenses the 规划's wording, so shared two-character
// pairs are a good, cheap signal. Pure; the user confirms every proposal.

/** Below this a best match is not proposed: unrelated measures of one field share about 0.1–0.2. */
export const ITEM_MATCH_THRESHOLD = 0.3;

// The 规划's numbering and the punctuation carry no meaning for the match.
const LEADING_NUMBER = /^\s*(?:[(（]?[一二三四五六七八九十百零〇\d]+[)）]|[一二三四五六七八九十百零〇\d]+[、.．])\s*/u;

/** NFKC (full-width to half-width), leading number dropped, letters and digits only, lower case. */
export function normaliseItemText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(LEADING_NUMBER, "")
    .replace(/[^\p{L}\p{N}]/gu, "")
    .toLowerCase();
}

function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = chars[i]! + chars[i + 1]!;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** Dice over the multisets of character bigrams of the normalised texts, in [0, 1]. */
export function itemSimilarity(a: string, b: string): number {
  const x = normaliseItemText(a);
  const y = normaliseItemText(b);
  if (x === y) return x.length > 0 ? 1 : 0;
  const bx = bigrams(x);
  const by = bigrams(y);
  let size = 0;
  for (const n of bx.values()) size += n;
  for (const n of by.values()) size += n;
  if (size === 0) return 0;
  let shared = 0;
  for (const [pair, n] of bx) shared += Math.min(n, by.get(pair) ?? 0);
  return (2 * shared) / size;
}

export type ItemCandidate = { id: number; text: string };
export type ItemProposal = { itemId: number; score: number };

/** A 规划's item opens with its heading sentence ("(二十)积极推行新型监管方式。"). */
export function itemHeading(text: string): string {
  return text.split(/[。;；]/u)[0] ?? text;
}

/**
 * How well a measure matches a parent item: the better of its match with the
 * whole item and with the item's heading. An item runs to several sentences
 * and a measure implementing it often restates only part of it, which the
 * whole-text score dilutes; the heading names what the item is about.
 */
export function itemMatchScore(measureText: string, itemText: string): number {
  return Math.max(itemSimilarity(measureText, itemText), itemSimilarity(measureText, itemHeading(itemText)));
}

/**
 * The parent item most like the measure's text (itemMatchScore), if it
 * reaches the threshold; ties go to the earlier item (the 规划's order).
 */
export function proposeParentItem(
  measureText: string,
  items: readonly ItemCandidate[],
  threshold = ITEM_MATCH_THRESHOLD,
): ItemProposal | null {
  let best: ItemProposal | null = null;
  for (const item of items) {
    const score = itemMatchScore(measureText, item.text);
    if (score >= threshold && (best === null || score > best.score)) best = { itemId: item.id, score };
  }
  return best;
}
