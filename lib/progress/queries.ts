import { db } from "@/lib/db/client.ts";
import { isoDate, todayInChina } from "@/lib/dates.ts";
import { isPeriodClosed, latestDuePeriod, reportingPeriod, type Period } from "@/lib/reporting/periods.ts";
import { assignmentLight, measureLight, type Light, type ReportStateForPeriod } from "@/lib/reporting/lights.ts";
import { isOwedState, periodsInPlay } from "@/lib/progress/owed.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { MILESTONE_LIGHT_SELECT, milestonesForLight } from "@/lib/targets/milestone-facts.ts";
import { chaseStop, PLAN_LIFE_SELECT, planLifeFacts, reportingStartOf, windowOfPlanRow } from "@/lib/plans/life.ts";

// ---------------------------------------------------------------------------
// Reads for 我的任务 and the measure page. A unit holds at most a few hundred
// assignments, so lights are computed here from the rows; district-wide
// figures are aggregated in SQL by the dashboards instead.

type PeriodReport = { periodStart: Date; periodEnd: Date; state: ReportStateForPeriod };

/** Matched on start and end, so a plan that changed cadence never mixes its periods. */
function reportFor<T extends PeriodReport>(reports: T[], period: Period): T | undefined {
  return reports.find((r) => isoDate(r.periodStart) === period.start && isoDate(r.periodEnd) === period.end);
}

function stateIn(reports: PeriodReport[], period: Period): ReportStateForPeriod {
  return reportFor(reports, period)?.state ?? "NONE";
}

const leadsDone = (assignments: { role: string; status: string }[]) => {
  const leads = assignments.filter((a) => a.role === "LEAD");
  return leads.length > 0 && leads.every((a) => a.status === "COMPLETED");
};

export type TaskFilter = { q?: string; role?: "LEAD" | "RESPONSIBLE"; light?: Light; state?: ReportStateForPeriod };

export function listMyTasks(actor: Actor, filter: TaskFilter = {}, today = todayInChina()) {
  if (!can(actor, "task.list")) return Promise.resolve([]);
  const unitId = scope.homeUnitId(actor);
  return unitId ? listUnitTasks(actor, unitId, filter, today) : Promise.resolve([]);
}

/** A unit's assignments with their lights (我的任务, and the department dashboard), within the actor's scope. */
export async function listUnitTasks(actor: Actor, unitId: number, filter: TaskFilter = {}, today = todayInChina()) {
  const q = filter.q?.trim();
  const rows = await db().assignment.findMany({
    where: {
      // AND, not a spread: a liaison's scope names a unitId too and must never be replaced by this one.
      AND: [scope.assignments(actor), { unitId }],
      ...(filter.role ? { role: filter.role } : {}),
      // Only plans whose measures are chased (in force, today within the window: life.ts chaseStop, filtered below).
      measure: { plan: { status: "IN_FORCE" }, ...(q ? { text: { contains: q } } : {}) },
    },
    orderBy: [{ measure: { planId: "asc" } }, { measure: { sortOrder: "asc" } }],
    select: {
      id: true,
      role: true,
      status: true,
      lastReportAt: true,
      createdAt: true,
      viaGroup: { select: { name: true } },
      measure: {
        select: {
          id: true,
          code: true,
          text: true,
          deadline: true,
          ongoing: true,
          plan: {
            select: { id: true, title: true, reportCadence: true, reportDueDay: true, milestoneGraceDays: true, ...PLAN_LIFE_SELECT },
          },
          assignments: { where: { role: "LEAD" }, select: { role: true, status: true } },
          milestones: { select: MILESTONE_LIGHT_SELECT },
        },
      },
      reports: { select: { periodStart: true, periodEnd: true, state: true }, orderBy: { periodStart: "desc" }, take: 4 },
    },
  });
  return rows
    .filter((row) => chaseStop(planLifeFacts(row.measure.plan), today, row.measure.plan.reportDueDay) === null)
    .map((row) => {
      const { plan } = row.measure;
      const current = latestDuePeriod(today, plan.reportCadence, plan.reportDueDay);
      const next = reportingPeriod(today, plan.reportCadence, plan.reportDueDay);
      const currentState = stateIn(row.reports, current);
      const window = windowOfPlanRow(plan);
      const reportingStart = reportingStartOf(row.createdAt, window.first);
      const { light, reasonCode, reason } = assignmentLight({
        today,
        deadline: isoDate(row.measure.deadline),
        ongoing: row.measure.ongoing,
        // A measure its lead units completed is done for its responsible units too.
        completed: row.status === "COMPLETED" || leadsDone(row.measure.assignments),
        everReported: row.lastReportAt !== null,
        currentPeriod: current,
        currentState,
        reportingStart,
        reportingEnd: window.last,
        milestones: milestonesForLight(row.measure.milestones),
        milestoneGraceDays: plan.milestoneGraceDays,
      });
      return {
        ...row,
        light,
        reasonCode,
        reason,
        reportingStart,
        reportingEnd: window.last,
        currentPeriod: current,
        currentState,
        nextPeriod: next,
        nextState: stateIn(row.reports, next),
      };
    })
    .filter((row) => (!filter.light || row.light === filter.light) && (!filter.state || row.currentState === filter.state));
}

/** A report as the measure page shows it to those who may read the measure's progress. */
const readableReport = {
  author: { select: { name: true } },
  reviewer: { select: { name: true } },
  attachments: { select: { id: true, fileName: true, size: true } },
} as const;

/**
 * Everything the measure page shows, if the actor may read the measure. The
 * division of labour and the lights are for everyone in the region scope; the
 * reports, evidence and 办理记录 only for those mayReadMeasureProgress allows
 * (for anyone else they are not loaded: empty lists, progressVisible false).
 */
export async function getMeasureDetail(actor: Actor, measureId: number) {
  const measure = await db().measure.findFirst({
    where: { id: measureId, ...scope.measures(actor) },
    include: {
      plan: {
        select: {
          id: true,
          title: true,
          reportCadence: true,
          reportDueDay: true,
          regionId: true,
          milestoneGraceDays: true,
          ...PLAN_LIFE_SELECT,
        },
      },
      section: { select: { label: true, title: true } },
      milestones: { select: MILESTONE_LIGHT_SELECT },
      assignments: {
        orderBy: { id: "asc" },
        omit: { percent: true },
        include: {
          unit: { select: { id: true, name: true, regionId: true } },
          viaGroup: { select: { name: true } },
          // The latest periods only; five years of monthly reports are the history page's job.
          // Their states give the lights; the reports themselves are read below, if allowed.
          reports: { orderBy: { periodStart: "desc" }, take: 8, select: { id: true, periodStart: true, periodEnd: true, state: true } },
        },
      },
    },
  });
  if (!measure) return null;
  const progressVisible = scope.mayReadMeasureProgress(actor, measure);
  const readable = progressVisible
    ? await db().progressReport.findMany({
        where: { id: { in: measure.assignments.flatMap((a) => a.reports.map((r) => r.id)) } },
        include: readableReport,
      })
    : [];
  const byId = new Map(readable.map((r) => [r.id, r]));
  const today = todayInChina();
  const { reportCadence, reportDueDay } = measure.plan;
  const current = latestDuePeriod(today, reportCadence, reportDueDay);
  const collecting = reportingPeriod(today, reportCadence, reportDueDay);
  const measureDone = leadsDone(measure.assignments);
  const milestones = { milestones: milestonesForLight(measure.milestones), milestoneGraceDays: measure.plan.milestoneGraceDays };
  // A period outside the plan's reporting window (after its last day) is owed by nobody,
  // and a closed plan (期满, 终止) takes no more reports: the light stays as history.
  const window = windowOfPlanRow(measure.plan);
  const reportingEnd = window.last;
  const open = measure.plan.status !== "CLOSED";
  const inWindow = (period: Period) => open && (reportingEnd === null || period.start <= reportingEnd);
  const assignments = measure.assignments.map(({ reports: states, ...a }) => {
    const reports = states.flatMap((r) => byId.get(r.id) ?? []);
    const currentState = stateIn(states, current);
    const everReported = a.lastReportAt !== null;
    const completedApproved = a.status === "COMPLETED";
    const reportingStart = reportingStartOf(a.createdAt, window.first);
    const { light, reasonCode, reason } = assignmentLight({
      today,
      deadline: isoDate(measure.deadline),
      ongoing: measure.ongoing,
      completed: completedApproved || measureDone,
      everReported,
      currentPeriod: current,
      currentState,
      reportingStart,
      ...milestones,
      reportingEnd,
    });
    /** The state of this period's report, shown to all like the light it makes. */
    const collectingState = reportFor(states, collecting)?.state ?? null;
    const collectingReport = reportFor(reports, collecting) ?? null;
    // Last period's report, while it is still owed and can still be sent.
    const lateReport = reportFor(reports, current) ?? null;
    const lateState = reportFor(states, current)?.state;
    const owesLate =
      current.end >= reportingStart &&
      inWindow(current) &&
      !isPeriodClosed(current, today, 0, reportDueDay) &&
      (!lateState || lateState === "DRAFT" || lateState === "RETURNED");
    /** The periods the unit can report on today, oldest first, each with its state and (if readable) its report. */
    const periods = periodsInPlay({ today, cadence: reportCadence, dueDay: reportDueDay, reportingStart, reportingEnd })
      .filter(inWindow)
      .map((period) => {
        const state = stateIn(states, period);
        return { period, state, owed: isOwedState(state), report: reportFor(reports, period) ?? null };
      });
    return {
      ...a,
      reports,
      light,
      reasonCode,
      reason,
      currentState,
      everReported,
      completedApproved,
      reportingStart,
      collectingState,
      collectingDue: collecting.end >= reportingStart && inWindow(collecting),
      collectingReport,
      lateReport,
      owesLate,
      periods,
    };
  });
  const overall = measureLight({
    today,
    deadline: isoDate(measure.deadline),
    ongoing: measure.ongoing,
    currentPeriod: current,
    reportingStart: reportingStartOf(measure.createdAt, window.first),
    reportingEnd,
    ...milestones,
    assignments: assignments.map((a) => ({
      role: a.role,
      completedApproved: a.completedApproved,
      everReported: a.everReported,
      currentState: a.currentState,
      reportingStart: a.reportingStart,
    })),
  });
  /** The reports the page lists, newest period first (a lead's first): a draft is its own unit's business until it is submitted. */
  const listedReports = assignments
    .flatMap((a) => a.reports.map((r) => ({ ...r, unit: a.unit, role: a.role })))
    .filter((r) => r.state !== "DRAFT" || scope.isActorsUnit(actor, r.unit.id))
    .sort((x, y) => y.periodStart.getTime() - x.periodStart.getTime() || (x.role === "LEAD" ? -1 : 1));
  if (!progressVisible) {
    return { measure, assignments, listedReports, overall, collecting, latestDue: current, progressVisible, timeline: [] };
  }
  const reportIds = readable.map((r) => String(r.id));
  const extensionIds = (await db().deadlineExtension.findMany({ where: { measureId: measure.id }, select: { id: true } })).map((e) =>
    String(e.id),
  );
  const reminderIds = (await db().reminder.findMany({ where: { measureId: measure.id }, select: { id: true } })).map((r) => String(r.id));
  const timeline = await db().auditEvent.findMany({
    where: {
      OR: [
        { entityType: "ProgressReport", entityId: { in: reportIds } },
        { entityType: "DeadlineExtension", entityId: { in: extensionIds } },
        { entityType: "Measure", entityId: String(measure.id) },
        { entityType: "Reminder", entityId: { in: reminderIds } },
      ],
    },
    // The latest steps; older ones stay in the audit log.
    orderBy: { id: "desc" },
    take: 200,
    include: { actor: { select: { name: true, unit: { select: { name: true } } } } },
  });
  return { measure, assignments, listedReports, overall, collecting, latestDue: current, progressVisible, timeline: timeline.reverse() };
}

/** Reports waiting for the bureau, oldest first. */
export function listReviewQueue(actor: Actor) {
  return db().progressReport.findMany({
    where: { state: "SUBMITTED", assignmentId: { not: null }, ...scope.progressReports(actor) },
    orderBy: { submittedAt: "asc" },
    take: 200,
    include: {
      author: { select: { name: true } },
      attachments: { select: { id: true, fileName: true } },
      assignment: {
        select: {
          role: true,
          unit: { select: { name: true, regionId: true } },
          measure: { select: { id: true, code: true, text: true, plan: { select: { title: true } } } },
        },
      },
    },
  });
}

/** An evidence file, if the actor may read the report it belongs to. */
export function getAttachment(actor: Actor, attachmentId: number) {
  // Units on the same measure read each other's evidence: the lead consolidates it.
  return db().attachment.findFirst({
    where: { id: attachmentId, ...scope.attachments(actor) },
    select: { fileName: true, contentHash: true, mimeType: true, size: true },
  });
}
