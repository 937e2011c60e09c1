import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listMyTasks, type TaskFilter } from "@/lib/progress/queries.ts";
import { LIGHT_LABELS } from "@/lib/progress/lights.ts";
import { REVIEW_STATE_LABELS } from "@/lib/progress/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LightBadge } from "@/components/ui/light-badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { listMyRectifications } from "@/lib/inspections/queries.ts";
import { RectificationCells } from "@/components/inspections/rectification-cells.tsx";

export const metadata: Metadata = { title: "我的任务" };

const STATE_LABELS = { NONE: "未报送", ...REVIEW_STATE_LABELS } as const;
const dateFormat = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeZone: "UTC" });

type Search = { q?: string; role?: string; light?: string; state?: string };

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
  const filter = filterOf(await searchParams);
  const [tasks, rectifications] = await Promise.all([
    listMyTasks(actor, filter),
    listMyRectifications(actor, { openOnly: true }),
  ]);
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
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5">
          筛选
        </button>
      </form>
      <Table caption={`本单位任务,共 ${tasks.length} 项`} head={["举措", "角色", "完成时限", "灯号", "本期", "下一步"]}>
        {tasks.length === 0 && <EmptyRow colSpan={6}>没有符合条件的任务</EmptyRow>}
        {tasks.map((task) => (
          <tr key={task.id}>
            <td className={`${cell} max-w-xl`}>
              <div className="text-xs text-slate-500">{task.measure.plan.title}</div>
              <Link href={`/measures/${task.measure.id}`} className="text-brand-700 hover:underline">
                {task.measure.code} {task.measure.text.slice(0, 80)}
                {task.measure.text.length > 80 ? "……" : ""}
              </Link>
            </td>
            <td className={`${cell} whitespace-nowrap`}>
              {task.role === "LEAD" ? "牵头" : "责任"}
              {task.viaGroup && <div className="text-xs text-slate-500">经“{task.viaGroup.name}”</div>}
            </td>
            <td className={`${cell} whitespace-nowrap`}>
              {task.measure.ongoing ? "长期坚持" : task.measure.deadline ? dateFormat.format(task.measure.deadline) : "—"}
            </td>
            <td className={cell}>
              <LightBadge light={task.light} reason={task.reason} />
              <div className="mt-1 text-xs text-slate-600">{task.reason}</div>
            </td>
            <td className={`${cell} whitespace-nowrap`}>
              {task.currentPeriod.label}:{STATE_LABELS[task.currentState]}
            </td>
            <td className={`${cell} text-sm`}>
              {task.nextState === "NONE" || task.nextState === "DRAFT" || task.nextState === "RETURNED"
                ? `${task.nextPeriod.label}进展,${task.nextPeriod.dueDate} 前报送`
                : `${task.nextPeriod.label}${STATE_LABELS[task.nextState]}`}
            </td>
          </tr>
        ))}
      </Table>

      <section aria-labelledby="rectifications-title" className="mt-8">
        <h2 id="rectifications-title" className="mb-2 text-lg font-semibold">
          整改任务({rectifications.length} 项未销号)
        </h2>
        <Table caption="本单位未销号的督察整改任务" head={["督察发现的问题", "督察", "整改期限", "状态", "下一步"]}>
          {rectifications.length === 0 && <EmptyRow colSpan={5}>没有未销号的整改任务</EmptyRow>}
          {rectifications.map((item) => {
            const latest = item.reports[0];
            return (
              <tr key={item.id}>
                <RectificationCells item={item} />
                <td className={`${cell} text-sm`}>
                  {item.status === "SUBMITTED"
                    ? "已报送,等待司法局核验"
                    : latest?.state === "RETURNED"
                      ? "被退回,请修改后重新报送"
                      : "报送整改情况"}
                </td>
              </tr>
            );
          })}
        </Table>
      </section>
    </>
  );
}
