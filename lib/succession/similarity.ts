// Text similarity between a new plan's measures and the previous plan's, for
// proposing 延续 links. Pure: the caller loads both lists. Chinese has no
// word breaks, so texts are compared as sets of character bigrams (Dice
// coefficient), after dropping what differs between two printings of the same
// idea: numbering, spaces, punctuation, full-width forms.

/** At or above this score a proposal is offered at all. */
export const PROPOSAL_THRESHOLD = 0.3;
/** At or above this score a proposal starts ticked: the texts say nearly the same. */
export const CONFIDENT_THRESHOLD = 0.6;

/** The text as compared: NFKC, without a leading item number, keeping only letters and digits (CJK included). */
export function normaliseForSimilarity(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/^\s*(?:\([一二三四五六七八九十百0-9]+\)|[一二三四五六七八九十百]+、|[0-9]+(?:\.[0-9]+)*(?:[.、]|\s+))\s*/u, "")
    .replace(/[^\p{L}\p{N}]/gu, "")
    .toLowerCase();
}

function bigrams(text: string): Set<string> {
  const chars = [...normaliseForSimilarity(text)];
  const grams = new Set<string>();
  if (chars.length === 1) grams.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Dice coefficient of the two texts' character bigrams, 0 (nothing shared) to 1 (the same after normalising). */
export function textSimilarity(a: string, b: string): number {
  return dice(bigrams(a), bigrams(b));
}

export type Candidate = { id: number; text: string };
export type Proposal = { measureId: number; previousId: number; score: number; confident: boolean };

/**
 * For each new measure, the most similar previous measure if it scores at
 * least PROPOSAL_THRESHOLD (ties: the earlier previous measure in the list).
 * Two new measures may propose the same previous one: a measure split in two
 * continues it twice.
 */
export function proposeLinks(measures: readonly Candidate[], previous: readonly Candidate[], threshold = PROPOSAL_THRESHOLD): Proposal[] {
  const previousGrams = previous.map((p) => ({ id: p.id, grams: bigrams(p.text) }));
  const proposals: Proposal[] = [];
  for (const measure of measures) {
    const grams = bigrams(measure.text);
    let best: { id: number; score: number } | null = null;
    for (const p of previousGrams) {
      const score = dice(grams, p.grams);
      if (!best || score > best.score) best = { id: p.id, score };
    }
    if (best && best.score >= threshold) {
      const score = Math.round(best.score * 1000) / 1000;
      proposals.push({ measureId: measure.id, previousId: best.id, score, confident: score >= CONFIDENT_THRESHOLD });
    }
  }
  return proposals;
}
