import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { loadUnitDashboard } from "@/lib/dashboards/queries.ts";
import { filtersToQuery, parseDashboardFilters } from "@/lib/dashboards/schema.ts";
import { routeId } from "@/lib/ids.ts";
import { unitComparison } from "@/lib/dashboards/tables.ts";
import { isoDate, chinaDate } from "@/lib/dates.ts";
import { LIGHT_LABELS } from "@/lib/reporting/lights.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LightBadge } from "@/components/ui/light-badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { FilterBar } from "@/components/dashboard/filter-bar.tsx";
import { StatCards } from "@/components/dashboard/stat-cards.tsx";
import { PrintButton } from "@/components/dashboard/print-button.tsx";
import { percent } from "@/components/dashboard/format.ts";
import { listUnitRectifications } from "@/lib/inspections/queries.ts";
import { RectificationCells } from "@/components/inspections/rectification-cells.tsx";
import { can } from "@/lib/auth/policy.ts";
import { UnitRemindButton } from "@/components/reminders/unit-remind-button.tsx";

export const metadata: Metadata = { title: "部门看板" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const ROLE_LABELS = { LEAD: "牵头", RESPONSIBLE: "责任" } as const;

export default async function UnitDashboardPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const filters = parseDashboardFilters(await searchParams);
  const data = await loadUnitDashboard(actor, id, filters);
  if (!data) notFound();
  const rectifications = await listUnitRectifications(actor, data.unit.id, {}, data.today);
  const ordered = data.tasks;
  const u = data.unitCounters;
  const d = data.districtCounters;
  const comparison = unitComparison(data);
  const query = filtersToQuery(filters);
  const exportLink = (table: string, label = "导出 Excel") => (
    <a
      href={`/dashboard/unit/${data.unit.id}/export${query}${query ? "&" : "?"}table=${table}`}
      className="no-print text-sm text-brand-700 underline"
    >
      {label}
    </a>
  );
  return (
    <>
      <PageHeader
        title={`${data.unit.name}工作看板`}
        description={`${data.unit.region.name} · 数据截至 ${data.today} · 报送期 ${data.periodLabel}`}
        actions={
          <>
            {can(actor, "report.review", { regionId: data.unit.regionId }) && (
              <UnitRemindButton unitId={data.unit.id} unitName={data.unit.name} />
            )}
            <PrintButton />
          </>
        }
      />
      <FilterBar
        action={`/dashboard/unit/${data.unit.id}`}
        filters={filters}
        periods={data.options.periods}
        plans={data.options.plans.filter((p) => p.status !== "CLOSED").map((p) => ({ value: p.id, label: p.title }))}
        showState={false}
      />
      <StatCards
        title="本单位主要指标"
        stats={[
          { label: "承担任务", value: u.assigned, note: `牵头 ${u.lead} 项` },
          { label: "已完成", value: u.completed, tone: "green" },
          { label: "已逾期", value: u.overdue, tone: u.overdue ? "red" : undefined },
          { label: "本期应报", value: u.expected, note: `已报 ${u.submitted}` },
          { label: "被退回待重报", value: u.returned, tone: u.returned ? "amber" : undefined },
          { label: "全区承担单位", value: d.units, note: "用于计算全区平均" },
        ]}
      />
      <section aria-labelledby="compare-title" className="mb-6">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="compare-title" className="text-lg font-semibold">
            与全区平均比较
          </h2>
          {exportLink("compare")}
        </div>
        <Table caption="本单位与全区平均的比较" head={["指标", "本单位", "全区平均", "差距"]}>
          {comparison.map((row) => (
            <tr key={row.label}>
              <th scope="row" className={`${cell} font-normal`}>
                {row.label}
              </th>
              <td className={`${cell} tabular-nums`}>{percent(row.unit)}</td>
              <td className={`${cell} tabular-nums`}>{percent(row.district)}</td>
              <td className={`${cell} tabular-nums`}>
                {row.unit === null || row.district === null
                  ? "—"
                  : `${row.unit >= row.district ? "高于" : "低于"}平均 ${(Math.abs(row.unit - row.district) * 100).toFixed(1)} 个百分点`}
              </td>
            </tr>
          ))}
        </Table>
        <p className="mt-1 text-xs text-slate-500">全区平均按全区所有承担单位的任务合计计算;“逾期任务占比”越低越好。</p>
      </section>

      <section aria-labelledby="tasks-title" className="mb-6">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="tasks-title" className="text-lg font-semibold">
            本单位任务({ordered.length} 项,按完成时限排序)
          </h2>
          {exportLink("tasks")}
        </div>
        <Table caption="本单位任务" head={["灯号", "角色", "编号", "举措", "完成时限", "说明"]}>
          {ordered.length === 0 && <EmptyRow colSpan={6}>没有任务</EmptyRow>}
          {ordered.slice(0, 300).map((task) => (
            <tr key={task.id}>
              <td className={cell}>
                <LightBadge light={task.light} reason={task.reason} />
              </td>
              <td className={cell}>
                {ROLE_LABELS[task.role]}
                {task.viaGroup ? <span className="block text-xs text-slate-500">经“{task.viaGroup.name}”</span> : null}
              </td>
              <td className={cell}>{task.measure.code}</td>
              <td className={cell}>
                <Link href={`/measures/${task.measure.id}`} className="text-brand-700 underline">
                  {task.measure.text.slice(0, 70)}
                  {task.measure.text.length > 70 ? "…" : ""}
                </Link>
              </td>
              <td className={`${cell} whitespace-nowrap`}>{task.measure.ongoing ? "长期坚持" : (isoDate(task.measure.deadline) ?? "—")}</td>
              <td className={cell}>{task.reason}</td>
            </tr>
          ))}
        </Table>
        {filters.light && <p className="mt-1 text-sm text-slate-600">只显示{LIGHT_LABELS[filters.light]}的任务。</p>}
      </section>

      {rectifications.length > 0 && (
        <section aria-labelledby="rectifications-title" className="mb-6">
          <h2 id="rectifications-title" className="mb-2 text-lg font-semibold">
            督察整改任务({rectifications.length} 项,其中 {rectifications.filter((r) => r.status !== "CLOSED").length} 项未销号)
          </h2>
          <Table caption="本单位督察整改任务" head={["督察发现的问题", "督察", "整改期限", "状态"]}>
            {rectifications.map((item) => (
              <tr key={item.id}>
                <RectificationCells item={item} />
              </tr>
            ))}
          </Table>
        </section>
      )}

      <section aria-labelledby="returned-title" className="mb-6">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="returned-title" className="text-lg font-semibold">
            被退回待重报的进展({data.returned.length} 份)
          </h2>
          {exportLink("returned")}
        </div>
        <Table caption="被退回的进展报告" head={["举措", "报送期", "退回时间", "退回意见"]}>
          {data.returned.length === 0 && <EmptyRow colSpan={4}>没有被退回的报告</EmptyRow>}
          {data.returned.map((report) => (
            <tr key={report.id}>
              <td className={cell}>
                {report.assignment ? (
                  <Link href={`/measures/${report.assignment.measure.id}`} className="text-brand-700 underline">
                    {report.assignment.measure.code} {report.assignment.measure.text.slice(0, 40)}
                  </Link>
                ) : (
                  "整改报告"
                )}
              </td>
              <td className={`${cell} whitespace-nowrap`}>
                {isoDate(report.periodStart)} 至 {isoDate(report.periodEnd)}
              </td>
              <td className={`${cell} whitespace-nowrap`}>{report.reviewedAt ? chinaDate(report.reviewedAt) : "—"}</td>
              <td className={cell}>{report.reviewComment ?? "—"}</td>
            </tr>
          ))}
        </Table>
      </section>
    </>
  );
}
