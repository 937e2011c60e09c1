// Kept apart from reconcile.ts (which loads the opencc tables) so the review
// screen can use it without shipping them to the browser.

/**
 * The best candidate when it is the only one at the top score; null when two
 * tie (区直各单位: 区直各部门 and 区政府各部门 alike), which only a person decides.
 */
export function soleBestCandidate<C extends { score: number }>(candidates: C[]): C | null {
  const [best, second] = candidates;
  if (!best) return null;
  return second && second.score >= best.score ? null : best;
}
