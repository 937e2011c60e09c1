// What the measure page hands the targets form per year, and the target text
// it starts from: the unit's own (a year may hold several lead units' texts,
// and the first may be another unit's). Pure, so the tests can hold it.

export type TargetsFormYear = {
  year: number;
  /** The year's version as read (lib/targets/version.ts): a save from a stale page answers CONFLICT. */
  version: string;
  /** Each lead unit's target text, by unit id. */
  targets: Record<number, string>;
  indicators: { id: number; name: string; unitOfMeasure: string; targetValue: string }[];
  milestones: { id: number; title: string; dueDate: string }[];
};

type ViewYear = {
  year: number;
  version: string;
  targets: readonly { unitId: number; target: string }[];
  indicators: readonly { id: number; name: string; unitOfMeasure: string | null; targetValue: string | null }[];
  milestones: readonly { id: number; title: string; dueDate: string }[];
};

export function targetsFormYears(years: readonly ViewYear[]): TargetsFormYear[] {
  return years.map((y) => ({
    year: y.year,
    version: y.version,
    targets: Object.fromEntries(y.targets.map((t) => [t.unitId, t.target])),
    indicators: y.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      unitOfMeasure: i.unitOfMeasure ?? "",
      targetValue: i.targetValue ?? "",
    })),
    milestones: y.milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate })),
  }));
}

/** The text the form's 年度目标 starts from for the unit it saves for ("" when that unit set none). */
export function prefilledTarget(year: TargetsFormYear | undefined, unitId: number | undefined): string {
  return (unitId !== undefined ? year?.targets[unitId] : undefined) ?? "";
}
