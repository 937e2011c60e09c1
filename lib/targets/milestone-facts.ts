import { isoDate, chinaDate } from "@/lib/dates.ts";
import type { MilestoneForLight } from "@/lib/reporting/lights.ts";

// What the light loaders read of a measure's milestones (时间节点), and how
// the rows become the pure rules' input: one place, so every loader agrees.

export const MILESTONE_LIGHT_SELECT = { title: true, dueDate: true, completedAt: true } as const;

export function milestonesForLight(rows: readonly { title: string; dueDate: Date; completedAt: Date | null }[]): MilestoneForLight[] {
  return rows.map((m) => ({
    title: m.title,
    dueDate: isoDate(m.dueDate),
    completed: m.completedAt !== null,
    completedOn: m.completedAt ? chinaDate(m.completedAt) : null,
  }));
}
