import type { PlanEndKind, PlanStatus, ReportCadence } from "@/lib/generated/prisma/enums.ts";
import { chinaDate, isoDate } from "@/lib/dates.ts";
import { addDays, periodContaining, type Period } from "@/lib/reporting/periods.ts";

// The life of a plan: 草案 → 施行 (from a date) → 期满 or 终止. Pure rules, so
// the actions, the pages and every query that decides whether a report is owed
// agree on them. Dates are Beijing calendar dates "YYYY-MM-DD".
//
// The reporting window is [first, last]: the plan owes reports for the periods
// that overlap it. first = the 施行 date (effectiveFrom), else the issue date
// (null: from the import, as before plans had a life); last = the day a CLOSED
// plan ended (endedOn), else 31 December of periodEnd (null: open-ended).
// A DRAFT plan (草案) owes nothing: its window is empty (EMPTY_WINDOW) until
// the bureau brings it into force, so nobody reports on it or is chased.
// A unit's own first day is the later of first and its assignment's creation
// (reportingStartOf, below).

/** The life state as shown: CLOSED splits into 期满 and 终止 by endKind. */
export type PlanLifeState = "DRAFT" | "IN_FORCE" | "EXPIRED" | "TERMINATED";

export const PLAN_LIFE_LABELS: Record<PlanLifeState, string> = {
  DRAFT: "草案",
  IN_FORCE: "施行中",
  EXPIRED: "期满",
  TERMINATED: "终止",
};

export type PlanLifeFacts = {
  status: PlanStatus;
  endKind: PlanEndKind | null;
  periodEnd: number | null;
  effectiveFrom: string | null;
  issueDate: string | null;
  endedOn: string | null;
};

export function planLifeState(plan: Pick<PlanLifeFacts, "status" | "endKind">): PlanLifeState {
  if (plan.status !== "CLOSED") return plan.status;
  // A plan closed before plans had an end kind is taken as having run its course.
  return plan.endKind === "TERMINATED" ? "TERMINATED" : "EXPIRED";
}

/** 31 December of the plan's last year: the day it expires (期满); null without a periodEnd. */
export function expiryDate(plan: Pick<PlanLifeFacts, "periodEnd">): string | null {
  return plan.periodEnd === null ? null : `${String(plan.periodEnd).padStart(4, "0")}-12-31`;
}

export type ReportingWindow = {
  /** First day the plan owes reports (its 施行 date, else its issue date); null: from the import. */
  first: string | null;
  /** Last day it owes reports (endedOn when closed, else 31 Dec of periodEnd); null: open-ended. */
  last: string | null;
};

/**
 * The window of a DRAFT plan: it starts after it ends, so no period overlaps
 * it (periodInWindow, lights' reportingStart/reportingEnd, periodOwedSql).
 */
export const EMPTY_WINDOW: ReportingWindow = { first: "9999-12-31", last: "0001-01-01" };

export function reportingWindow(plan: PlanLifeFacts): ReportingWindow {
  if (plan.status === "DRAFT") return EMPTY_WINDOW;
  const first = plan.effectiveFrom ?? plan.issueDate;
  const last = plan.status === "CLOSED" && plan.endedOn !== null ? plan.endedOn : expiryDate(plan);
  return { first, last };
}

/** A period is owed only if it overlaps the window: it ends on or after its first day and starts on or before its last. */
export function periodInWindow(period: { start: string; end: string }, window: ReportingWindow): boolean {
  return (window.first === null || period.end >= window.first) && (window.last === null || period.start <= window.last);
}

/** What closing a plan needs beyond its life: its report schedule, to find its last period. */
export type PlanScheduleFacts = PlanLifeFacts & { reportCadence: ReportCadence; reportDueDay: number };

/**
 * The plan's last period: the period of its cadence containing its expiry
 * date (31 Dec of periodEnd), due on reportDueDay of the month after; null
 * without a periodEnd. Its reports are owed until its due date, so 期满 waits
 * for that day to pass.
 */
export function lastPeriod(plan: PlanScheduleFacts): Period | null {
  const expiry = expiryDate(plan);
  return expiry === null ? null : periodContaining(expiry, plan.reportCadence, plan.reportDueDay);
}

/**
 * Why a plan's measures are not chased on `today` (no reminders, no 催办, no
 * "owed" on the workbench), or null while they are: a DRAFT owes nothing
 * before 施行, a CLOSED plan is history, and an IN_FORCE plan past its last
 * day (31 Dec of periodEnd) stops asking whether or not 期满 is confirmed.
 * SQL twin: lib/plans/window-sql.ts planChasedSql.
 */
export type ChaseStop = "DRAFT" | "CLOSED" | "ENDED";

export function chaseStop(plan: PlanLifeFacts, today: string, reportDueDay = 0): ChaseStop | null {
  if (plan.status === "DRAFT") return "DRAFT";
  if (plan.status === "CLOSED") return "CLOSED";
  // Its last period (ending on the window's last day, 31 December) is still chased until its due date.
  const { last } = reportingWindow(plan);
  return last !== null && addDays(last, reportDueDay) < today ? "ENDED" : null;
}

/** The refusal of a 催办 for each ChaseStop. */
export function chaseStopMessage(stop: ChaseStop, plan: PlanLifeFacts): string {
  switch (stop) {
    case "DRAFT":
      return "该规划尚为草案,施行后方可催办。";
    case "CLOSED":
      return "该规划已期满或终止,不再催办。";
    case "ENDED":
      return `该规划的报送期至 ${reportingWindow(plan).last} 止,不再催办。`;
  }
}

// ---------------------------------------------------------------------------
// Transitions

export type LifeTransition =
  { to: "IN_FORCE"; effectiveFrom: string } | { to: "EXPIRED"; endedOn: string } | { to: "TERMINATED"; endedOn: string; reason: string };

/** What a transition changes on the plan row. */
export type LifeChange = {
  status: PlanStatus;
  effectiveFrom?: string;
  endKind?: PlanEndKind;
  endedOn?: string;
  endReason?: string;
};

/** Why a transition is refused: a field and its Chinese message (the action's field error). */
export type LifeRefusal = { field: "effectiveFrom" | "endedOn" | "reason" | "_form"; message: string };

export type LifeDecision = { ok: true; change: LifeChange } | { ok: false; refusal: LifeRefusal };

/** The state in a refusal's sentence: "该规划尚为草案" / "该规划已期满". */
const STATE_PHRASE: Record<PlanLifeState, string> = { DRAFT: "尚为草案", IN_FORCE: "已在施行中", EXPIRED: "已期满", TERMINATED: "已终止" };

const refuse = (field: LifeRefusal["field"], message: string): LifeDecision => ({ ok: false, refusal: { field, message } });

/**
 * Whether `transition` is allowed for `plan` on `today`, and what it changes:
 *   DRAFT → IN_FORCE   施行 from effectiveFrom;
 *   IN_FORCE → EXPIRED 期满 on 31 Dec of periodEnd (endedOn must be that day),
 *                      confirmed by the bureau once the due date of the
 *                      plan's last period has passed (its reports and
 *                      completion claims are still taken until then);
 *   IN_FORCE → TERMINATED 终止 early: endedOn not before it came into force nor
 *                      after today, not after its expiry, with a reason.
 * A CLOSED plan is history: nothing moves it again.
 */
export function decideTransition(plan: PlanScheduleFacts, transition: LifeTransition, today: string): LifeDecision {
  const state = planLifeState(plan);
  switch (transition.to) {
    case "IN_FORCE": {
      if (state !== "DRAFT")
        return refuse("_form", state === "IN_FORCE" ? "该规划已在施行中" : `该规划已${PLAN_LIFE_LABELS[state]},不能再施行`);
      return { ok: true, change: { status: "IN_FORCE", effectiveFrom: transition.effectiveFrom } };
    }
    case "EXPIRED": {
      if (state !== "IN_FORCE") return refuse("_form", `该规划${STATE_PHRASE[state]},不能确认期满`);
      const expiry = expiryDate(plan);
      if (expiry === null) return refuse("_form", "该规划没有规划期末年份,不能确认期满,请改用终止");
      if (transition.endedOn !== expiry) return refuse("endedOn", `期满日期应为规划期末(${expiry})`);
      const last = lastPeriod(plan)!;
      if (today <= last.dueDate) return refuse("endedOn", `最后一期(${last.label})报送截止 ${last.dueDate},之后方可确认期满`);
      return { ok: true, change: { status: "CLOSED", endKind: "EXPIRED", endedOn: expiry } };
    }
    case "TERMINATED": {
      if (state !== "IN_FORCE") return refuse("_form", `该规划${STATE_PHRASE[state]},不能终止`);
      const reason = transition.reason.trim();
      if (!reason) return refuse("reason", "请填写终止原因");
      const { first } = reportingWindow(plan);
      if (first !== null && transition.endedOn < first) return refuse("endedOn", `终止日期不能早于施行日期(${first})`);
      if (transition.endedOn > today) return refuse("endedOn", `终止日期不能晚于今天(${today})`);
      const expiry = expiryDate(plan);
      if (expiry !== null && transition.endedOn > expiry) return refuse("endedOn", `终止日期不能晚于规划期末(${expiry}),期满请确认期满`);
      return { ok: true, change: { status: "CLOSED", endKind: "TERMINATED", endedOn: transition.endedOn, endReason: reason } };
    }
  }
}

/**
 * The 施行 toast: a past 施行 date makes reports owed from the period holding
 * it (some possibly late already), so say so rather than "from X on".
 */
export function inForceMessage(effectiveFrom: string, today: string): string {
  return effectiveFrom < today ? `规划自 ${effectiveFrom} 起施行,该日所在期次起须报送进展` : `规划已施行,自 ${effectiveFrom} 起报送`;
}

/** The transitions the plan page offers for a plan's state on `today` (buttons; the action decides again). */
export function availableTransitions(plan: PlanScheduleFacts, today: string): LifeTransition["to"][] {
  const state = planLifeState(plan);
  if (state === "DRAFT") return ["IN_FORCE"];
  if (state !== "IN_FORCE") return [];
  const last = lastPeriod(plan);
  return last !== null && today > last.dueDate ? ["EXPIRED", "TERMINATED"] : ["TERMINATED"];
}

// ---------------------------------------------------------------------------
// From a plan row (DATE columns as Prisma returns them)

/** The plan columns the life rules read: spread into a Prisma `select`. */
export const PLAN_LIFE_SELECT = {
  status: true,
  endKind: true,
  periodEnd: true,
  effectiveFrom: true,
  issueDate: true,
  endedOn: true,
} as const;

export type PlanLifeRow = {
  status: PlanStatus;
  endKind: PlanEndKind | null;
  periodEnd: number | null;
  effectiveFrom: Date | null;
  issueDate: Date | null;
  endedOn: Date | null;
};

export function planLifeFacts(row: PlanLifeRow): PlanLifeFacts {
  return {
    status: row.status,
    endKind: row.endKind,
    periodEnd: row.periodEnd,
    effectiveFrom: isoDate(row.effectiveFrom),
    issueDate: isoDate(row.issueDate),
    endedOn: isoDate(row.endedOn),
  };
}

/** The reporting window of a plan row. */
export const windowOfPlanRow = (row: PlanLifeRow): ReportingWindow => reportingWindow(planLifeFacts(row));

/**
 * The first day a unit owes reports: when it was assigned (a Beijing date) or
 * when the plan's reporting began (its 施行 date, else its issue date: the
 * first day of reportingWindow), whichever is later. The
 * reminder job uses the same rule.
 */
export function reportingStartOf(assignedAt: Date, planFirstDay: Date | string | null): string {
  const assigned = chinaDate(assignedAt);
  const issued = typeof planFirstDay === "string" ? planFirstDay : isoDate(planFirstDay);
  return issued && issued > assigned ? issued : assigned;
}
