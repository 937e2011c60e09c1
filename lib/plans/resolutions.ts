import type { Reconciliation } from "@/lib/import/reconcile.ts";
import { soleBestCandidate } from "@/lib/import/candidates.ts";
import type { ParsedPlan } from "@/lib/import/types.ts";
import type { Resolution } from "@/lib/plans/schema.ts";

/**
 * What the import screen preselects: exact matches and groups resolve on
 * their own; a near match or an unknown name waits for the user.
 */
export function proposedResolution(reconciliation: Reconciliation): Resolution | null {
  switch (reconciliation.status) {
    case "unit":
      return { action: "unit", unitId: reconciliation.unitId, remember: false };
    case "group":
      return { action: "group", groupId: reconciliation.groupId, remember: false };
    case "newGroup":
      return { action: "createGroup" };
    case "near":
    case "nearGroup":
    case "unknown":
      return null;
  }
}

/**
 * Every proposal taken: near matches accepted and remembered as aliases (of
 * the unit or the group), unknown names created as units. What a user
 * clicking both bulk buttons decides; used by tests and the import benchmark.
 * A collective name equally near two groups is left out, undecided: the
 * review's bulk button leaves it for the user too.
 */
export function acceptAllProposals(reconciliation: Reconciliation[]): Record<string, Resolution> {
  const resolutions: Record<string, Resolution> = {};
  for (const r of reconciliation) {
    const proposed = proposedResolution(r);
    if (proposed) resolutions[r.name] = proposed;
    else if (r.status === "near") resolutions[r.name] = { action: "unit", unitId: r.candidates[0]!.unitId, remember: true };
    else if (r.status === "nearGroup") {
      const best = soleBestCandidate(r.candidates);
      if (best) resolutions[r.name] = { action: "group", groupId: best.groupId, remember: true };
    } else resolutions[r.name] = { action: "createUnit" };
  }
  return resolutions;
}

/** Parsed plans in the shape the commit takes, unedited. */
export function unreviewedPlans(plans: ParsedPlan[]) {
  return plans.map((plan) => ({
    ...plan,
    measures: plan.measures.map(({ deadline, line: _line, ...m }) => ({ ...m, deadlineText: deadline?.text ?? "" })),
  }));
}

export type CliResolutionOptions = {
  /** `--create-units`: unknown names become units, collective names new groups. */
  createUnits?: boolean;
  /** `--accept-near-matches`: a near match takes its best candidate, remembered as an alias (a tie between groups is not taken). */
  acceptNearMatches?: boolean;
};
/** A name the command line may not decide on its own, with what was found for it. */
export type UnresolvedName = { name: string; found: string };

/**
 * What `npm run cli -- import` decides without a person to ask: exact names
 * and aliases only, unless the operator widened it. Every status is handled
 * by name: a status added to Reconciliation fails the typecheck here instead
 * of slipping through as something the command line writes unasked.
 */
export function cliResolutions(
  reconciliation: Reconciliation[],
  options: CliResolutionOptions,
): { resolutions: Record<string, Resolution>; unresolved: UnresolvedName[] } {
  const resolutions: Record<string, Resolution> = {};
  const unresolved: UnresolvedName[] = [];
  for (const r of reconciliation) {
    switch (r.status) {
      case "unit":
        resolutions[r.name] = { action: "unit", unitId: r.unitId, remember: false };
        break;
      case "group":
        resolutions[r.name] = { action: "group", groupId: r.groupId, remember: false };
        break;
      case "newGroup":
        if (options.createUnits) resolutions[r.name] = { action: "createGroup" };
        else unresolved.push({ name: r.name, found: "集体名称,没有同名分组" });
        break;
      case "near":
        if (options.acceptNearMatches) resolutions[r.name] = { action: "unit", unitId: r.candidates[0]!.unitId, remember: true };
        else unresolved.push({ name: r.name, found: `相近:${r.candidates.map((c) => c.name).join("、")}` });
        break;
      case "nearGroup": {
        const best = soleBestCandidate(r.candidates);
        if (options.acceptNearMatches && best) resolutions[r.name] = { action: "group", groupId: best.groupId, remember: true };
        else if (options.acceptNearMatches)
          unresolved.push({ name: r.name, found: `有并列的相近分组:${r.candidates.map((c) => c.name).join("、")}` });
        else unresolved.push({ name: r.name, found: `相近分组:${r.candidates.map((c) => c.name).join("、")}` });
        break;
      }
      case "unknown":
        if (options.createUnits) resolutions[r.name] = { action: "createUnit" };
        else unresolved.push({ name: r.name, found: "未找到" });
        break;
      default: {
        const unhandled: never = r;
        throw new Error(`unhandled reconciliation ${JSON.stringify(unhandled)}`);
      }
    }
  }
  return { resolutions, unresolved };
}
