import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { listDashboardMeasures, loadDistrictDashboard } from "@/lib/dashboards/queries.ts";
import { filtersToQuery, parseDashboardFilters } from "@/lib/dashboards/schema.ts";
import { routeId } from "@/lib/ids.ts";
import { completionRate, rate } from "@/lib/dashboards/facts.ts";
import { describeDistrictView, districtTables, submissionRate } from "@/lib/dashboards/tables.ts";
import { LIGHT_LABELS, MEASURE_STATUS_LABELS } from "@/lib/reporting/lights.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LightBadge } from "@/components/ui/light-badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { FilterBar } from "@/components/dashboard/filter-bar.tsx";
import { StatCards } from "@/components/dashboard/stat-cards.tsx";
import { ChartFigure } from "@/components/dashboard/chart-figure.tsx";
import { DataTable } from "@/components/dashboard/data-table.tsx";
import { LightsChart, RateBars, TrendChart } from "@/components/dashboard/charts.tsx";
import { PrintButton } from "@/components/dashboard/print-button.tsx";
import { percent } from "@/components/dashboard/format.ts";
import { loadRectificationFigures } from "@/lib/inspections/queries.ts";
import { can } from "@/lib/auth/policy.ts";
import { UnitRemindButton } from "@/components/reminders/unit-remind-button.tsx";

export const metadata: Metadata = { title: "区级统计看板" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function Section({ id, title, actions, children }: { id: string; title: string; actions?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-6 break-inside-avoid-page">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="scroll-mt-2 text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export default async function DistrictDashboardPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const filters = parseDashboardFilters(await searchParams);
  const data = await loadDistrictDashboard(actor, id, filters);
  if (!data) notFound();
  const drilling = Boolean(filters.state || filters.light || filters.chapter || filters.unit);
  const [drill, rectification] = await Promise.all([
    drilling ? listDashboardMeasures(actor, data.district.id, filters, data.today) : null,
    loadRectificationFigures(actor, data.district.id, data.today),
  ]);

  const base = `/dashboard/district/${data.district.id}`;
  const withFilter = (change: Parameters<typeof filtersToQuery>[1]) => `${base}${filtersToQuery(filters, change)}`;
  const exportHref = (table: string) => `${base}/export${filtersToQuery(filters)}${filtersToQuery(filters) ? "&" : "?"}table=${table}`;
  const exportLink = (table: string, label = "导出 Excel") => (
    <a href={exportHref(table)} className="no-print text-sm text-brand-700 underline">
      {label}
    </a>
  );
  const tables = districtTables(data);
  const { totals, assignmentTotals } = data;
  const lights = (["RED", "YELLOW", "GREEN", "GREY"] as const).map((light) => ({
    light,
    label: LIGHT_LABELS[light].split("·")[0]!,
    count: totals[light.toLowerCase() as "red" | "yellow" | "green" | "grey"],
  }));
  const trend = data.monthly.map((m) => ({
    month: m.month,
    completed: m.completed,
    rate: totals.nonOngoing ? Math.round((m.cumulative / totals.nonOngoing) * 1000) / 10 : null,
  }));
  const chapterRates = tables.chapters.rows.map((c) => ({ name: `${c.label}${c.title}`.slice(0, 14), rate: rateValue(c) }));

  return (
    <>
      <PageHeader
        title={`${data.district.name}法治政府建设统计看板`}
        description={describeDistrictView(data)}
        actions={
          <>
            <Link
              href={`/reviews/notice?district=${data.district.id}`}
              className="rounded border border-slate-300 bg-white px-4 py-2 hover:bg-slate-50"
            >
              进展台账与未报送通报
            </Link>
            <PrintButton />
          </>
        }
      />
      <FilterBar
        action={base}
        filters={filters}
        periods={data.options.periods}
        plans={data.options.plans.map((p) => ({ value: p.id, label: p.status === "CLOSED" ? `${p.title}(已结束)` : p.title }))}
        chapters={data.options.chapters.map((c) => ({
          value: c.id,
          label: `${c.label}${c.title}`.slice(0, 30),
          group: data.options.plans.find((p) => p.id === c.planId)?.title.slice(0, 30),
        }))}
        units={data.options.units.map((u) => ({ value: u.id, label: u.name }))}
      />

      <JumpLinks />

      <StatCards
        title="主要指标"
        stats={[
          { label: "举措总数", value: totals.measures, note: `其中长期坚持 ${totals.ongoing} 项` },
          {
            label: "已完成",
            value: totals.completed,
            note: `完成率 ${percent(completionRate(totals))}(不含长期坚持)`,
            href: withFilter({ state: "COMPLETED", light: undefined }),
            tone: "green",
          },
          { label: "已逾期", value: totals.overdue, href: withFilter({ state: "OVERDUE", light: undefined }), tone: "red" },
          { label: "30天内到期", value: totals.dueSoon, note: "尚未完成", tone: "amber" },
          {
            label: "本期报送率",
            value: percent(submissionRate(assignmentTotals)),
            note: `${data.periodLabel}:应报 ${assignmentTotals.expected},已报 ${assignmentTotals.submitted}`,
          },
          {
            label: "被退回待重报",
            value: assignmentTotals.returned,
            note: "份进展报告",
            tone: assignmentTotals.returned ? "amber" : undefined,
          },
        ]}
      />

      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <ChartFigure
          title="举措灯号分布"
          chart={<LightsChart data={lights} />}
          head={["灯号", "举措数"]}
          rows={lights.map((l) => [LIGHT_LABELS[l.light], l.count])}
        />
        <ChartFigure
          title="累计完成率(按月)"
          chart={<TrendChart data={trend} />}
          head={["月份", "当月完成", "累计完成率"]}
          rows={trend.map((t) => [t.month, t.completed, t.rate === null ? "—" : `${t.rate}%`])}
        />
      </div>

      <nav aria-label="按灯号和状态查看举措" className="no-print mb-6 flex flex-wrap gap-2 text-sm">
        {lights.map((l) => (
          <Link
            key={l.light}
            href={withFilter({ light: l.light })}
            className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50"
          >
            {LIGHT_LABELS[l.light]} {l.count}
          </Link>
        ))}
        {(["COMPLETED", "OVERDUE", "IN_PROGRESS", "NOT_STARTED"] as const).map((state) => (
          <Link key={state} href={withFilter({ state })} className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
            {MEASURE_STATUS_LABELS[state]}{" "}
            {totals[({ COMPLETED: "completed", OVERDUE: "overdue", IN_PROGRESS: "inProgress", NOT_STARTED: "notStarted" } as const)[state]]}
          </Link>
        ))}
      </nav>

      {drill && (
        <Section id="drill-title" title={`筛选结果:${drill.total} 项举措`} actions={exportLink("measures")}>
          <Table caption="筛选出的举措" head={["灯号", "规划", "编号", "举措", "完成时限", "状态"]}>
            {drill.rows.length === 0 && <EmptyRow colSpan={6}>没有符合条件的举措</EmptyRow>}
            {drill.rows.map((m) => (
              <tr key={m.id}>
                <td className={cell}>
                  <LightBadge light={m.light} />
                </td>
                <td className={`${cell} max-w-48 truncate`}>{m.planTitle}</td>
                <td className={cell}>{m.code}</td>
                <td className={cell}>
                  <Link href={`/measures/${m.id}`} className="text-brand-700 underline">
                    {m.text.slice(0, 80)}
                  </Link>
                </td>
                <td className={`${cell} whitespace-nowrap`}>{m.ongoing ? "长期坚持" : (m.deadline ?? "—")}</td>
                <td className={cell}>{MEASURE_STATUS_LABELS[m.status]}</td>
              </tr>
            ))}
          </Table>
          {drill.total > drill.rows.length && <p className="mt-1 text-sm text-slate-600">只列出前 {drill.rows.length} 项,请进一步筛选。</p>}
        </Section>
      )}

      <Section id="plans-title" title="各规划完成情况" actions={exportLink("plans")}>
        <DataTable
          caption="各规划完成情况"
          columns={tables.plans.columns}
          rows={tables.plans.rows}
          rowKey={(r) => r.planId}
          link={(r) => withFilter({ plan: r.planId, chapter: undefined })}
        />
      </Section>

      <Section id="chapters-title" title="各章节完成情况" actions={exportLink("chapters")}>
        <div className="grid gap-4 xl:grid-cols-[2fr_1fr]">
          <DataTable
            caption="各章节完成情况"
            columns={tables.chapters.columns}
            rows={tables.chapters.rows}
            rowKey={(r) => r.chapterId ?? 0}
            link={(r) => (r.chapterId ? withFilter({ chapter: r.chapterId }) : base)}
          />
          <ChartFigure
            title="各章节完成率"
            chart={<RateBars data={chapterRates} />}
            head={["章节", "完成率"]}
            rows={chapterRates.map((c) => [c.name, c.rate === null ? "—" : `${c.rate}%`])}
          />
        </div>
      </Section>

      <div className="grid gap-4 xl:grid-cols-2">
        <Section id="overdue-title" title={`逾期举措(${data.overdue.total} 项)`} actions={exportLink("overdue")}>
          <MeasureList rows={data.overdue.rows} daysLabel="逾期" caption="逾期举措" />
          {data.overdue.total > data.overdue.rows.length && (
            <p className="mt-1 text-sm text-slate-600">
              只列出逾期最久的 {data.overdue.rows.length} 项;
              <Link href={withFilter({ state: "OVERDUE" })} className="underline">
                查看全部
              </Link>
            </p>
          )}
        </Section>
        <Section id="due-soon-title" title={`30天内到期(${totals.dueSoon} 项)`} actions={exportLink("dueSoon")}>
          <MeasureList rows={data.dueSoon.rows} daysLabel="剩余" caption="30天内到期的举措" />
        </Section>
      </div>

      <Section id="units" title="各单位落实情况(点击表头排序)" actions={exportLink("units", "导出单位表(Excel)")}>
        <DataTable
          caption="各单位落实情况"
          columns={tables.units.columns}
          rows={tables.units.rows}
          rowKey={(r) => r.unitId}
          link={(r) =>
            `/dashboard/unit/${r.unitId}${filtersToQuery({ ...filters, unit: undefined, chapter: undefined, sort: undefined, dir: undefined })}`
          }
          rowAction={
            can(actor, "report.review", { regionId: data.district.id })
              ? { label: "催办", render: (r) => <UnitRemindButton unitId={r.unitId} unitName={r.name} compact /> }
              : undefined
          }
          // The fragment brings the reranked table back into view instead of the page's top.
          sortHref={(sort) =>
            `${withFilter({ sort, dir: filters.sort === sort ? (filters.dir === "asc" ? "desc" : "asc") : sort === "name" ? "asc" : "desc" })}#units`
          }
          activeSort={{ sort: filters.sort ?? "overdue", dir: filters.dir ?? (filters.sort === "name" ? "asc" : "desc") }}
        />
      </Section>

      {rectification && rectification.totals.total > 0 && (
        <Section
          id="rectification-title"
          title={`督察整改(${rectification.totals.total} 项整改任务)`}
          actions={
            <Link href="/inspections" className="no-print text-sm text-brand-700 underline">
              查看督察整改
            </Link>
          }
        >
          <StatCards
            title="督察整改主要指标"
            stats={[
              { label: "整改中", value: rectification.totals.open },
              { label: "待核验", value: rectification.totals.submitted, tone: rectification.totals.submitted ? "amber" : undefined },
              {
                label: "已销号",
                value: rectification.totals.closed,
                note: `其中逾期销号 ${rectification.totals.closedLate} 项`,
                tone: "green",
              },
              { label: "已逾期未销号", value: rectification.totals.overdue, tone: rectification.totals.overdue ? "red" : undefined },
              {
                label: "30天内到期",
                value: rectification.totals.dueSoon,
                note: "尚未销号",
                tone: rectification.totals.dueSoon ? "amber" : undefined,
              },
              {
                label: "销号率",
                value: percent(rate(rectification.totals.closed, rectification.totals.total)),
                note: `${rectification.totals.closed} / ${rectification.totals.total}`,
              },
            ]}
          />
          <Table caption="各单位整改情况" head={["单位", "整改任务", "整改中", "待核验", "已销号", "已逾期", "30天内到期", "逾期销号"]}>
            {rectification.units.map((u) => (
              <tr key={u.unitId}>
                <td className={cell}>
                  <Link href={`/dashboard/unit/${u.unitId}`} className="text-brand-700 underline">
                    {u.unitName}
                  </Link>
                </td>
                <td className={`${cell} tabular-nums`}>{u.total}</td>
                <td className={`${cell} tabular-nums`}>{u.open}</td>
                <td className={`${cell} tabular-nums`}>{u.submitted}</td>
                <td className={`${cell} tabular-nums`}>{u.closed}</td>
                <td className={`${cell} tabular-nums ${u.overdue ? "font-semibold text-red-700" : ""}`}>
                  {u.overdue}
                  {u.overdue > 0 && <span className="ml-1 text-xs">逾期</span>}
                </td>
                <td className={`${cell} tabular-nums`}>{u.dueSoon}</td>
                <td className={`${cell} tabular-nums`}>{u.closedLate}</td>
              </tr>
            ))}
          </Table>
        </Section>
      )}

      <Section
        id="not-reported-title"
        title={`${data.periodLabel}未报送的单位(${data.notReported.length} 个)`}
        actions={exportLink("notReported")}
      >
        <DataTable
          caption={`${data.periodLabel}未报送的单位`}
          columns={tables.notReported.columns}
          rows={tables.notReported.rows}
          rowKey={(r) => r.unitId}
          link={(r) => `/dashboard/unit/${r.unitId}`}
          empty="本期应报的单位都已报送"
        />
      </Section>
    </>
  );
}

/** The tables far down the page, one click from the top. */
function JumpLinks() {
  return (
    <nav aria-label="页内跳转" className="no-print mb-4 flex flex-wrap gap-x-4 gap-y-1 text-sm">
      <a href="#units" className="text-brand-700 underline">
        各单位情况
      </a>
      <a href="#overdue-title" className="text-brand-700 underline">
        逾期举措
      </a>
      <a href="#not-reported-title" className="text-brand-700 underline">
        未报送的单位
      </a>
    </nav>
  );
}

function rateValue(c: { completedNonOngoing: number; nonOngoing: number }) {
  const r = rate(c.completedNonOngoing, c.nonOngoing);
  return r === null ? null : Math.round(r * 1000) / 10;
}

function MeasureList({
  rows,
  daysLabel,
  caption,
}: {
  rows: { id: number; code: string; text: string; deadline: string; days: number; planTitle: string; leadUnits: string | null }[];
  daysLabel: string;
  caption: string;
}) {
  return (
    <Table caption={caption} head={["编号", "举措", "牵头单位", "完成时限", `${daysLabel}天数`]}>
      {rows.length === 0 && <EmptyRow colSpan={5}>没有</EmptyRow>}
      {rows.map((m) => (
        <tr key={m.id}>
          <td className={cell}>{m.code}</td>
          <td className={cell}>
            <Link href={`/measures/${m.id}`} className="text-brand-700 underline" title={m.planTitle}>
              {m.text.slice(0, 60)}
              {m.text.length > 60 ? "…" : ""}
            </Link>
          </td>
          <td className={`${cell} max-w-40`}>{m.leadUnits ?? "—"}</td>
          <td className={`${cell} whitespace-nowrap`}>{m.deadline}</td>
          <td className={`${cell} tabular-nums`}>{m.days}</td>
        </tr>
      ))}
    </Table>
  );
}
