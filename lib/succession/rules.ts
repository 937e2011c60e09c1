import { isMeasureCompleted } from "@/lib/reporting/lights.ts";

// Pure rules of 结转 (carrying a closed plan's unfinished measures into the next plan).

/** Unfinished: not completed by measureStatus's rule (every lead assignment's completion approved). */
export function isUnfinished(assignments: readonly { role: string; status: string }[]): boolean {
  return !isMeasureCompleted(assignments.filter((a) => a.role === "LEAD").map((a) => ({ completedApproved: a.status === "COMPLETED" })));
}

/**
 * 结转 goes forward in time: the target's reporting window (lib/plans/life.ts,
 * its last day; null when open-ended) must run past the day the source ended
 * (its endedOn, else its expiry; null when unknown). A sibling plan of the same
 * period, still in force, fails this: carrying into it would make it "succeed"
 * its sibling and land measures in a plan whose window ends with the source's.
 */
export function targetOutlastsSource(sourceEnd: string | null, targetLast: string | null): boolean {
  return sourceEnd === null || targetLast === null || targetLast > sourceEnd;
}

export const TARGET_TOO_EARLY = "接续规划的规划期须在原规划结束之后";

export type DeadlineFields = { deadline: string | null; deadlineText: string | null; ongoing: boolean };

/**
 * The carried measure's deadline. A deadline still ahead (today or later) is
 * kept with its printed text. One already passed is dropped, text and all:
 * the lateness is the old plan's history (its red light stays there), and
 * carrying the date would make the new measure red on its first day and chase
 * units for what was already recorded; the new plan's time limit is for the
 * bureau to set. Measures without a date (长期坚持, "持续推进") keep what they had.
 */
export function carriedDeadline(old: DeadlineFields, today: string): DeadlineFields {
  if (old.ongoing || old.deadline === null) return { ...old };
  if (old.deadline >= today) return { ...old };
  return { deadline: null, deadlineText: null, ongoing: false };
}

/** The section of the successor plan that holds carried measures; a re-import of the plan's document never matches it. */
export const CARRIED_SECTION_LABEL = "结转";
export const carriedSectionTitle = (fromTitle: string) => `《${fromTitle}》结转举措`.slice(0, 500);
