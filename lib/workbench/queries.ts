import { isoDate, todayInChina } from "@/lib/dates.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { listMyTasks, type TaskFilter } from "@/lib/progress/queries.ts";
import { listMyRectifications } from "@/lib/inspections/queries.ts";
import {
  arrangeByUrgency,
  countFlags,
  periodCountdown,
  rectificationUrgency,
  taskUrgency,
  type Countdown,
  type Urgency,
  type WorkView,
} from "@/lib/workbench/urgency.ts";

// Reads for the liaison's workbench (the home page) and 我的任务: the unit's
// assignments (listMyTasks, lights included) and open 整改 items, each with its
// urgency (lib/workbench/urgency.ts). The counts are counted over the same rows
// the list shows, so a count and the list it links to can never disagree; a
// unit holds at most a few hundred assignments (see lib/progress/queries.ts).

type Task = Awaited<ReturnType<typeof listMyTasks>>[number];
type Rectification = Awaited<ReturnType<typeof listMyRectifications>>[number];

export type WorkItem =
  | { kind: "TASK"; key: string; task: Task; urgency: Urgency }
  | { kind: "RECTIFICATION"; key: string; rectification: Rectification; urgency: Urgency };

function taskItem(task: Task, today: string): WorkItem {
  const leads = task.measure.assignments;
  const completed = task.status === "COMPLETED" || (leads.length > 0 && leads.every((a) => a.status === "COMPLETED"));
  const urgency = taskUrgency({
    today,
    deadline: isoDate(task.measure.deadline),
    ongoing: task.measure.ongoing,
    completed,
    reportingStart: task.reportingStart,
    reportingEnd: task.reportingEnd,
    currentPeriod: task.currentPeriod,
    currentState: task.currentState,
    nextPeriod: task.nextPeriod,
    nextState: task.nextState,
  });
  return { kind: "TASK", key: `task-${task.id}`, task, urgency };
}

function rectificationItem(item: Rectification): WorkItem {
  const urgency = rectificationUrgency({
    status: item.status,
    deadline: isoDate(item.deadline),
    overdue: item.state.overdue,
    dueSoon: item.state.dueSoon,
    latestState: item.reports[0]?.state ?? null,
  });
  return { kind: "RECTIFICATION", key: `rectification-${item.id}`, rectification: item, urgency };
}

/** 我的任务: the unit's tasks matching the filter form, by urgency, narrowed to a view. */
export async function listTasksByUrgency(actor: Actor, filter: TaskFilter, view: WorkView | null, today = todayInChina()) {
  const tasks = await listMyTasks(actor, filter, today);
  const items = tasks.map((task) => taskItem(task, today));
  return { total: items.length, counts: countFlags(items), groups: arrangeByUrgency(items, view) };
}

/** 我的任务's 整改 section: the unit's open items, by urgency (returned first). */
export async function listRectificationsByUrgency(actor: Actor, today = todayInChina()) {
  const items = (await listMyRectifications(actor, { openOnly: true }, today)).map(rectificationItem);
  return arrangeByUrgency(items).flatMap((group) => group.items);
}

/**
 * The workbench: counts for this period, the deadline countdown, and every
 * task and open 整改 item by urgency (the page caps each group).
 */
export async function loadWorkbench(actor: Actor, view: WorkView | null, today = todayInChina()) {
  const [tasks, rectifications] = await Promise.all([
    listMyTasks(actor, {}, today),
    listMyRectifications(actor, { openOnly: true }, today),
  ]);
  const taskItems = tasks.map((task) => taskItem(task, today));
  const items = [...taskItems, ...rectifications.map(rectificationItem)];

  // The period being collected, and the last due one while reports for it are late.
  // Plans may differ in cadence: the earliest due date among the open tasks speaks for the unit.
  const open = taskItems.filter((i): i is Extract<WorkItem, { kind: "TASK" }> => i.kind === "TASK" && i.urgency.group !== "DONE");
  const byDue = <P extends { dueDate: string }>(periods: P[]) => periods.sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1))[0] ?? null;
  // A plan past its reporting window collects nothing: its period counts down for nobody.
  const owing = open.filter((i) => i.task.reportingEnd === null || i.task.nextPeriod.start <= i.task.reportingEnd);
  const collecting = byDue(owing.map((i) => i.task.nextPeriod));
  const late = open.filter((i) => i.urgency.lateReport);
  const lastDue = byDue(late.map((i) => i.task.currentPeriod));
  const countdown: Countdown | null = collecting ? periodCountdown(today, collecting) : null;
  const lateCountdown = lastDue
    ? { ...periodCountdown(today, lastDue), missing: late.filter((i) => i.task.currentPeriod.key === lastDue.key).length }
    : null;

  return {
    counts: countFlags(items),
    countdown,
    lateCountdown,
    total: items.length,
    groups: arrangeByUrgency(items, view),
  };
}
