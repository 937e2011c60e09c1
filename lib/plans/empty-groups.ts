// A collective name that resolves to a group with no members assigns the
// measure to nobody, silently. The review warns about it, naming the group and
// the measures it would leave without anyone, and lets the user pick members.

/** What a name stands for once resolved: some unit, a group with no members, or nothing at all (ignored). */
export type NameOutcome = "units" | "emptyGroup" | "nobody";

type Group = { id: number; name: string; memberCount?: number };

/**
 * The outcome of a choice in the review's select ("unit:3", "group:7",
 * "createGroup", "createUnit", "ignore", "" undecided). createGroup reuses a
 * group of that name if the district has one. An undecided name must be
 * decided before the commit, so it is not counted as nobody.
 */
export function choiceOutcome(choice: string, name: string, groups: Group[], pickedMembers = 0): NameOutcome {
  if (choice === "ignore") return "nobody";
  let group: Group | undefined;
  if (choice.startsWith("group:")) group = groups.find((g) => g.id === Number(choice.slice(6)));
  else if (choice === "createGroup") group = groups.find((g) => g.name === name);
  else return "units";
  if (choice === "createGroup" && !group) return pickedMembers > 0 ? "units" : "emptyGroup";
  return (group?.memberCount ?? 0) + pickedMembers > 0 ? "units" : "emptyGroup";
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
