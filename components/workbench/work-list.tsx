import Link from "next/link";
import { formatDate, isoDate } from "@/lib/dates.ts";
import { REVIEW_STATE_LABELS } from "@/lib/progress/schema.ts";
import type { WorkItem } from "@/lib/workbench/queries.ts";
import { GROUP_VIEW, type UrgencyGroupOf } from "@/lib/workbench/urgency.ts";
import { LightBadge } from "@/components/ui/light-badge.tsx";
import { RectificationBadge } from "@/components/inspections/status-badge.tsx";

// One list for the workbench and 我的任务: a card per item on a phone, the same
// markup laid out in columns from md up (so there is never a table to scroll sideways).

const STATE_LABELS = { NONE: "未报送", ...REVIEW_STATE_LABELS } as const;

const GROUP_TONES: Record<string, string> = {
  RETURNED: "border-l-red-600",
  OVERDUE: "border-l-red-600",
  DUE: "border-l-amber-500",
  UPCOMING: "border-l-slate-300",
  DONE: "border-l-green-600",
};

const row = "p-3 md:grid md:grid-cols-[minmax(0,1fr)_15rem_16rem] md:gap-4";
const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}……` : text);

function TaskRow({ item }: { item: Extract<WorkItem, { kind: "TASK" }> }) {
  const { task, urgency } = item;
  const returned = task.currentState === "RETURNED" ? task.currentPeriod : task.nextState === "RETURNED" ? task.nextPeriod : null;
  const next =
    urgency.group === "DONE"
      ? "已完成"
      : returned
        ? `${returned.label}报送被退回,请修改后重新报送`
        : urgency.lateReport
          ? `${task.currentPeriod.label}进展已逾期未报,请尽快补报`
          : task.nextState === "NONE" || task.nextState === "DRAFT"
            ? `${task.nextPeriod.label}进展,${task.nextPeriod.dueDate} 前报送`
            : `${task.nextPeriod.label}${STATE_LABELS[task.nextState]}`;
  return (
    <li data-testid="work-item" data-group={urgency.group} className={row}>
      <div className="min-w-0">
        <div className="text-xs text-slate-600">{task.measure.plan.title}</div>
        <Link href={`/measures/${task.measure.id}`} className="break-words text-brand-700 underline-offset-2 hover:underline">
          {task.measure.code} {short(task.measure.text, 80)}
        </Link>
        <div className="mt-1 text-xs text-slate-600">
          {task.role === "LEAD" ? "牵头" : "责任"}
          {task.viaGroup && `(经“${task.viaGroup.name}”)`}
        </div>
      </div>
      <div className="mt-2 text-sm md:mt-0">
        <LightBadge light={task.light} reason={task.reason} />
        <div className="mt-1 text-xs text-slate-700">{task.reason}</div>
        <div className="mt-1 text-xs text-slate-700">
          完成时限:{task.measure.ongoing ? "长期坚持" : task.measure.deadline ? formatDate(task.measure.deadline) : "—"}
        </div>
      </div>
      <div className="mt-2 text-sm md:mt-0">
        <div className="text-xs text-slate-700">
          {task.currentPeriod.label}:{STATE_LABELS[task.currentState]}
        </div>
        <div className={returned || urgency.lateReport ? "font-medium text-red-800" : "text-slate-800"}>{next}</div>
      </div>
    </li>
  );
}

function RectificationRow({ item }: { item: Extract<WorkItem, { kind: "RECTIFICATION" }> }) {
  const { rectification: r, urgency } = item;
  const next =
    r.status === "SUBMITTED" ? "已报送,等待司法局核验" : urgency.flags.returned ? "整改报送被退回,请修改后重新报送" : "报送整改情况";
  return (
    <li data-testid="work-item" data-group={urgency.group} className={row}>
      <div className="min-w-0">
        <div className="text-xs text-slate-600">
          <span className="mr-1 rounded border border-slate-300 px-1 text-slate-700">整改</span>
          {r.finding.inspection.title}
        </div>
        <Link href={`/inspections/rectifications/${r.id}`} className="break-words text-brand-700 underline-offset-2 hover:underline">
          {short(r.finding.text, 80)}
        </Link>
      </div>
      <div className="mt-2 text-sm md:mt-0">
        <RectificationBadge state={r.state} />
        <div className="mt-1 text-xs text-slate-700">整改期限:{isoDate(r.deadline)}</div>
      </div>
      <div className={`mt-2 text-sm md:mt-0 ${urgency.flags.returned ? "font-medium text-red-800" : "text-slate-800"}`}>{next}</div>
    </li>
  );
}

/** Items without headings, as one list (我的任务's 整改 section). */
export function WorkItems({ items, label }: { items: WorkItem[]; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
      {items.map((item) =>
        item.kind === "TASK" ? <TaskRow key={item.key} item={item} /> : <RectificationRow key={item.key} item={item} />,
      )}
    </ul>
  );
}

/**
 * Groups under their headings. With `cap`, each group shows its first items
 * and a 查看全部 link to 我的任务 narrowed to that group.
 */
export function WorkList({
  groups,
  cap,
  allHref,
  empty,
}: {
  groups: UrgencyGroupOf<WorkItem>[];
  cap?: number;
  allHref?: (view: string) => string;
  empty: string;
}) {
  if (groups.length === 0) return <p className="rounded border border-slate-200 bg-white p-4 text-slate-600">{empty}</p>;
  return (
    <div className="space-y-6">
      {groups.map((group) => {
        const shown = cap ? group.items.slice(0, cap) : group.items;
        const view = GROUP_VIEW[group.group];
        const headingId = `work-group-${group.group.toLowerCase()}`;
        return (
          <section key={group.group} aria-labelledby={headingId} data-testid="work-group" data-group={group.group}>
            <h2 id={headingId} className="mb-2 text-lg font-semibold">
              {group.label}
              <span className="ml-1 text-base font-normal text-slate-600">({group.items.length} 项)</span>
            </h2>
            <ul className={`divide-y divide-slate-100 rounded border border-l-4 border-slate-200 bg-white ${GROUP_TONES[group.group]}`}>
              {shown.map((item) =>
                item.kind === "TASK" ? <TaskRow key={item.key} item={item} /> : <RectificationRow key={item.key} item={item} />,
              )}
            </ul>
            {allHref && view && shown.length < group.items.length && (
              <p className="mt-2 text-sm">
                <Link href={allHref(view)} className="text-brand-700 underline">
                  查看全部{group.label} {group.items.length} 项
                </Link>
              </p>
            )}
          </section>
        );
      })}
    </div>
  );
}
