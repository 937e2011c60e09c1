import type { AssignmentStatus } from "@/lib/generated/prisma/enums.ts";
import { CHINA_UTC_OFFSET_HOURS } from "@/lib/dates.ts";
import { toDayNumber } from "@/lib/reporting/periods.ts";
import type { AssignmentModel, PlanModel } from "@/lib/demo/synth/district.ts";
import type { Rng } from "@/lib/demo/synth/random.ts";

// The reporting history of one assignment, and the Assignment columns derived
// from it. Times are seconds since 1970-01-01 UTC; a Beijing working day
// (09:00–17:00) is 01:00–09:00 UTC of the same date.
//
//   - a period is reported with the assignment's probability; the completion
//     period (doneIdx) always;
//   - 85% of reports are submitted by the plan's due day, the rest up to 18
//     days late (still within the period's acceptance window); review follows
//     1–14 days later, for a quarter of them 10–59 days later;
//   - nothing happens after `today`: a report that would be submitted later is
//     a DRAFT (40%) or absent, one still awaiting review is SUBMITTED; of the
//     reports reviewed for periods ending in the last 200 days, 12% were RETURNED;
//   - percent grows with the periods towards the assignment's horizon, capped
//     at 95 until completion; NO_CHANGE repeats the previous period's figure.

export const CLAIMS = ["IN_PROGRESS", "COMPLETED", "NO_CHANGE"] as const;
export const STATES = ["DRAFT", "SUBMITTED", "APPROVED", "RETURNED"] as const;

const IN_PROGRESS = 0;
const COMPLETED = 1;
const NO_CHANGE = 2;
const DRAFT = 0;
const SUBMITTED = 1;
const APPROVED = 2;
const RETURNED = 3;

const DAY = 86_400;
const HOUR = 3_600;

export type SimReport = {
  /** Index into the plan's periods. */
  idx: number;
  /** Index into CLAIMS. */
  claimed: number;
  /** Index into STATES. */
  state: number;
  percent: number;
  /** A number in [0, 1) to choose the wording with. */
  pick: number;
  submittedAt: number | null;
  reviewedAt: number | null;
  createdAt: number;
  updatedAt: number;
  version: number;
};

export type SimOutcome = {
  reports: SimReport[];
  status: AssignmentStatus;
  percent: number;
  completedAt: number | null;
  lastReportAt: number | null;
  updatedAt: number;
};

export type PlanDays = { startNo: number[]; endNo: number[]; dueDay: number };

export function planDays(plan: Pick<PlanModel, "periods" | "dueDay">): PlanDays {
  return {
    startNo: plan.periods.map((p) => toDayNumber(p.start)),
    endNo: plan.periods.map((p) => toDayNumber(p.end)),
    dueDay: plan.dueDay,
  };
}

/** Seconds since the epoch of a "YYYY-MM-DD HH:MM:SS" UTC timestamp. */
export function epochSeconds(timestamp: string): number {
  return Date.parse(`${timestamp.replace(" ", "T")}Z`) / 1000;
}

/** A time on a working day: 09:00–17:00 Beijing. */
const workingTime = (dayNo: number, r: number) => dayNo * DAY + (9 - CHINA_UTC_OFFSET_HOURS) * HOUR + Math.floor(r * 8 * HOUR);

export function simulateAssignment(rng: Rng, a: AssignmentModel, plan: PlanDays, assignedAt: number, todayNo: number): SimOutcome {
  const reports: SimReport[] = [];
  const assignedDay = Math.floor(assignedAt / DAY);
  let lastReportAt: number | null = null;
  let completedAt: number | null = null;
  let approvedPercent = 0;
  let updatedAt = assignedAt;
  for (let idx = a.firstIdx; idx <= a.lastIdx; idx++) {
    const isDone = idx === a.doneIdx;
    if (!isDone && rng.next() >= a.prob) continue;
    const startNo = plan.startNo[idx]!;
    const endNo = plan.endNo[idx]!;
    const claimed = isDone ? COMPLETED : idx > a.firstIdx && rng.next() < 0.08 ? NO_CHANGE : IN_PROGRESS;
    const submitNo = endNo + (rng.next() < 0.85 ? 1 + Math.floor(rng.next() * plan.dueDay) : plan.dueDay + 1 + Math.floor(rng.next() * 18));
    // Most reviews within two weeks; a backlog of slow ones keeps some SUBMITTED.
    const reviewNo = submitNo + (rng.next() < 0.75 ? 1 + Math.floor(rng.next() * 14) : 10 + Math.floor(rng.next() * 50));
    const rState = rng.next();
    let state: number;
    if (submitNo > todayNo) {
      if (startNo > todayNo || rState >= 0.4) continue;
      state = DRAFT;
    } else if (reviewNo > todayNo) state = SUBMITTED;
    else if (endNo >= todayNo - 200 && rState < 0.12) state = RETURNED;
    else state = APPROVED;

    const step = claimed === NO_CHANGE ? idx - 1 : idx;
    const percent =
      claimed === COMPLETED
        ? 100
        : Math.min(95, 5 * Math.floor((20 * (step - a.firstIdx + 1)) / Math.max(1, a.horizonIdx - a.firstIdx + 2)));
    const rTime = rng.next();
    const rCreate = rng.next();
    const submittedAt = state === DRAFT ? null : workingTime(submitNo, rTime);
    const reviewedAt = state === APPROVED || state === RETURNED ? workingTime(reviewNo, rng.next()) : null;
    let createdAt: number;
    if (submittedAt === null) {
      const from = Math.max(startNo, assignedDay);
      createdAt = Math.max(assignedAt, workingTime(from + Math.floor(rCreate * (todayNo - from + 1)), rTime));
    } else {
      createdAt = Math.max(assignedAt, submittedAt - Math.floor(rCreate * 72 * HOUR));
    }
    const touched = reviewedAt ?? submittedAt ?? createdAt;
    reports.push({
      idx,
      claimed,
      state,
      percent,
      pick: rng.next(),
      submittedAt,
      reviewedAt,
      createdAt,
      updatedAt: touched,
      version: reviewedAt === null ? 1 : 2,
    });

    // The Assignment columns, as lib/progress/actions.ts moves them.
    if (submittedAt !== null) lastReportAt = Math.max(lastReportAt ?? 0, submittedAt);
    if (state === APPROVED && claimed === COMPLETED) completedAt = reviewedAt;
    if (state === APPROVED && claimed === IN_PROGRESS) approvedPercent = percent;
    updatedAt = Math.max(updatedAt, touched);
  }
  const status: AssignmentStatus = completedAt !== null ? "COMPLETED" : lastReportAt !== null ? "IN_PROGRESS" : "NOT_STARTED";
  return { reports, status, percent: completedAt !== null ? 100 : approvedPercent, completedAt, lastReportAt, updatedAt };
}
