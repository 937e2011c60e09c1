import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import type { TaskFilter } from "@/lib/progress/queries.ts";
import { listRectificationsByUrgency, listTasksByUrgency } from "@/lib/workbench/queries.ts";
import { parseWorkView, type WorkView } from "@/lib/workbench/urgency.ts";
import { WorkItems, WorkList } from "@/components/workbench/work-list.tsx";
import { LIGHT_LABELS } from "@/lib/reporting/lights.ts";
import { REVIEW_STATE_LABELS } from "@/lib/progress/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";

export const metadata: Metadata = { title: "我的任务" };

const STATE_LABELS = { NONE: "未报送", ...REVIEW_STATE_LABELS } as const;

type Search = { q?: string; role?: string; light?: string; state?: string; view?: string };

const VIEW_TABS: [WorkView | null, string][] = [
  [null, "全部"],
  ["returned", "被退回"],
  ["overdue", "已逾期"],
  ["due", "待报送"],
  ["soon", "临期"],
  ["upcoming", "其他任务"],
  ["rectification", "整改"],
];

/** The same filters with another view (the view is a link, the rest a form). */
function hrefWith(search: Search, view: WorkView | null): string {
  const params = new URLSearchParams();
  for (const key of ["q", "role", "light", "state"] as const) if (search[key]) params.set(key, search[key]);
  if (view) params.set("view", view);
  const query = params.toString();
  return query ? `/tasks?${query}` : "/tasks";
}

function filterOf(search: Search): TaskFilter {
  const pick = <T extends string>(value: string | undefined, allowed: readonly T[]) =>
    allowed.includes(value as T) ? (value as T) : undefined;
  return {
    q: search.q?.trim().slice(0, 50) || undefined,
    role: pick(search.role, ["LEAD", "RESPONSIBLE"] as const),
    light: pick(search.light, ["RED", "YELLOW", "GREEN", "GREY"] as const),
    state: pick(search.state, ["NONE", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const),
  };
}

export default async function TasksPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor();
  if (!can(actor, "task.list")) notFound();
  const search = await searchParams;
  const filter = filterOf(search);
  const view = parseWorkView(search.view);
  const [{ total, counts, groups }, rectifications] = await Promise.all([
    listTasksByUrgency(actor, filter, view),
    listRectificationsByUrgency(actor),
  ]);
  const urgentRectifications = rectifications.some((item) => item.urgency.flags.returned || item.urgency.flags.overdue);
  const rectificationSection = (
    <section aria-labelledby="rectifications-title" className="my-8">
      <h2 id="rectifications-title" className="mb-2 text-lg font-semibold">
        整改任务({rectifications.length} 项未销号)
      </h2>
      {rectifications.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4 text-slate-600">没有未销号的整改任务</p>
      ) : (
        <WorkItems items={rectifications} label="本单位未销号的督察整改任务" />
      )}
    </section>
  );
  const select = "ml-2 rounded border border-slate-300 px-2 py-1.5";
  return (
    <>
      <PageHeader title="我的任务" description="本单位承担的举措(含通过“区直各部门”等分组分配的),按期报送进展" />
      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-3" aria-label="筛选任务">
        <label className="text-sm">
          举措内容
          <input name="q" defaultValue={filter.q} className={select} />
        </label>
        <label className="text-sm">
          角色
          <select name="role" defaultValue={filter.role ?? ""} className={select}>
            <option value="">全部</option>
            <option value="LEAD">牵头</option>
            <option value="RESPONSIBLE">责任</option>
          </select>
        </label>
        <label className="text-sm">
          灯号
          <select name="light" defaultValue={filter.light ?? ""} className={select}>
            <option value="">全部</option>
            {(Object.keys(LIGHT_LABELS) as (keyof typeof LIGHT_LABELS)[]).map((light) => (
              <option key={light} value={light}>
                {LIGHT_LABELS[light]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          本期状态
          <select name="state" defaultValue={filter.state ?? ""} className={select}>
            <option value="">全部</option>
            {Object.entries(STATE_LABELS).map(([state, label]) => (
              <option key={state} value={state}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {view && <input type="hidden" name="view" value={view} />}
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
          筛选
        </button>
      </form>
      <nav aria-label="按紧急程度筛选" className="no-print mb-4 flex flex-wrap gap-2 text-sm">
        {VIEW_TABS.map(([key, label]) => (
          <Link
            key={key ?? "all"}
            href={hrefWith(search, key)}
            aria-current={view === key ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${view === key ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-800 hover:border-brand-600"}`}
          >
            {label}
            {key === "rectification" ? (
              <span className="ml-1">({rectifications.length})</span>
            ) : (
              key && key !== "upcoming" && <span className="ml-1">({counts[key]})</span>
            )}
          </Link>
        ))}
      </nav>
      <p className="mb-3 text-sm text-slate-700" data-testid="task-total">
        本单位任务,共 {total} 项;按紧急程度排列:被退回、已逾期、本期待报送、其他任务、已完成
      </p>
      {/* A returned or overdue 整改 item is as urgent as a returned report: then its section comes first. */}
      {(urgentRectifications || view === "rectification") && rectificationSection}
      {view !== "rectification" && <WorkList groups={groups} empty="没有符合条件的任务" />}
      {!urgentRectifications && view !== "rectification" && rectificationSection}
    </>
  );
}
