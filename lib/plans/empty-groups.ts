// A collective name that resolves to a group with no members assigns the
// measure to nobody, silently. The review warns about it, naming the group and
// the measures it would leave without anyone, and lets the user pick members.

/** What a name stands for once resolved: some unit, a group with no members, or nothing at all (ignored). */
export type NameOutcome = "units" | "emptyGroup" | "nobody";

type Group = { id: number; name: string; memberCount?: number; regionPath?: string };
type Unit = { id: number; name: string; regionPath?: string };

/**
 * Where a createGroup lands, as the commit decides it: newName is the name the
 * group is created under (the simplified one the reconciliation carries for a
 * name printed in traditional characters), reusing a group of that name in the
 * import's region (regionPath) if there is one.
 */
export type NewGroupPlace = { newName?: string; regionPath?: string };

/** The group a choice stands for, if it exists; undefined for a group still to be created (or a choice that is no group). */
function chosenGroup(choice: string, name: string, groups: Group[], place: NewGroupPlace): Group | undefined {
  if (choice.startsWith("group:")) return groups.find((g) => g.id === Number(choice.slice(6)));
  if (choice !== "createGroup") return undefined;
  const newName = place.newName ?? name;
  return groups.find(
    (g) => g.name === newName && (place.regionPath === undefined || g.regionPath === undefined || g.regionPath === place.regionPath),
  );
}

/**
 * The outcome of a choice in the review's select ("unit:3", "group:7",
 * "createGroup", "createUnit", "ignore", "" undecided). createGroup reuses a
 * group of that name if the import's region has one. An undecided name must
 * be decided before the commit, so it is not counted as nobody.
 */
export function choiceOutcome(choice: string, name: string, groups: Group[], pickedMembers = 0, place: NewGroupPlace = {}): NameOutcome {
  if (choice === "ignore") return "nobody";
  if (!choice.startsWith("group:") && choice !== "createGroup") return "units";
  const group = chosenGroup(choice, name, groups, place);
  return (group?.memberCount ?? 0) + pickedMembers > 0 ? "units" : "emptyGroup";
}

/**
 * The units the commit accepts as members of the chosen group (checkGroupMembers):
 * those of the group's region or below; for a group still to be created, of
 * the import's region or below.
 */
export function memberCandidates<U extends Unit>(
  choice: string,
  newName: string,
  groups: Group[],
  units: U[],
  importRegionPath: string,
): U[] {
  const group = chosenGroup(choice, newName, groups, { newName, regionPath: importRegionPath });
  const path = group?.regionPath ?? importRegionPath;
  return units.filter((unit) => unit.regionPath === undefined || unit.regionPath.startsWith(path));
}

/** The warning for the measures an empty group leaves without anyone: the 该举措将无人承担 for one, a list for several. */
export function unassignedMessage(measures: string[]): string {
  return measures.length === 1 ? `${measures[0]}:该举措将无人承担。` : `以下举措将无人承担:${measures.join("、")}。`;
}

type Plan = { title: string; measures: { code: string; leadUnits: string[]; responsibleUnits: string[] }[] };

/**
 * For each name that resolves to an empty group, the measures that would have
 * no unit at all (every other name of the measure also names nobody), labelled
 * "举措 1.2" (with the plan's title when there are several plans). Names that
 * resolve to an empty group but leave no measure without a unit are listed
 * with no measures.
 */
export function emptyGroupWarnings(plans: Plan[], outcome: (name: string) => NameOutcome): { name: string; measures: string[] }[] {
  const warnings = new Map<string, string[]>();
  for (const plan of plans) {
    for (const measure of plan.measures) {
      const names = [...new Set([...measure.leadUnits, ...measure.responsibleUnits])];
      const empty = names.filter((name) => outcome(name) === "emptyGroup");
      for (const name of empty) if (!warnings.has(name)) warnings.set(name, []);
      if (!empty.length || names.some((name) => outcome(name) === "units")) continue;
      const label = plans.length > 1 ? `《${plan.title}》举措 ${measure.code}` : `举措 ${measure.code}`;
      for (const name of empty) warnings.get(name)!.push(label);
    }
  }
  return [...warnings].map(([name, measures]) => ({ name, measures }));
}
