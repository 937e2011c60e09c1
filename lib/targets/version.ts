import { createHash } from "node:crypto";

// The version of a measure's year as the targets form sees it: what the form
// replaces (every lead unit's target text, the indicator rows, the milestone
// rows), never what others change beside it (a milestone's 完成, the values
// reports state). A form read at one version and saved at another was stale:
// saving it would drop or overwrite rows someone else set meanwhile.

export type YearRows = {
  targets: readonly { unitId: number; target: string }[];
  indicators: readonly { id: number; name: string; unitOfMeasure: string | null; targetValue: { toString(): string } | null }[];
  milestones: readonly { id: number; title: string; dueDate: string }[];
};

/** "" for a year with nothing set, else a digest of its rows in a fixed order. */
export function yearVersion(rows: YearRows): string {
  if (rows.targets.length === 0 && rows.indicators.length === 0 && rows.milestones.length === 0) return "";
  const byId = <T extends { id: number }>(list: readonly T[]) => [...list].sort((a, b) => a.id - b.id);
  const canonical = JSON.stringify([
    [...rows.targets].sort((a, b) => a.unitId - b.unitId).map((t) => [t.unitId, t.target]),
    byId(rows.indicators).map((i) => [i.id, i.name, i.unitOfMeasure, i.targetValue?.toString() ?? null]),
    byId(rows.milestones).map((m) => [m.id, m.title, m.dueDate]),
  ]);
  return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
}
