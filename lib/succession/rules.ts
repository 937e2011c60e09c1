import { isMeasureCompleted } from "@/lib/progress/lights.ts";

// Pure rules of 结转 (carrying a closed plan's unfinished measures into the next plan).

/** Unfinished: not completed by measureStatus's rule (every lead assignment's completion approved). */
export function isUnfinished(assignments: readonly { role: string; status: string }[]): boolean {
  return !isMeasureCompleted(assignments.filter((a) => a.role === "LEAD").map((a) => ({ completedApproved: a.status === "COMPLETED" })));
}

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
