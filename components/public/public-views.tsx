import type { ReactNode } from "react";
import { documentBlocks } from "@/lib/public/document.ts";
import { REGION_LEVEL_LABELS, type PublicRegionNode, type PublicRegionPage, type PublicReport, type PublicReportListItem } from "@/lib/public/queries.ts";

// The public pages' markup, as plain components of their data: the pages load
// the data and render these, and tests render them to check what a visitor
// could read. Plain <a> links: these pages need no client-side routing.

const percent = (value: number | null) => (value === null ? "—" : `${Math.round(value * 1000) / 10}%`);

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-8">
      <h2 id={id} className="mb-3 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

const th = "px-3 py-2 font-semibold whitespace-nowrap";
const td = "px-3 py-2 align-top";
const num = "px-3 py-2 text-right tabular-nums";

export function RegionIndexView({ regions }: { regions: PublicRegionNode[] }) {
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold text-slate-900">法治政府建设信息公开</h1>
      <p className="mb-6 text-slate-700">
        以下区域已公开法治政府建设年度报告,或有正在实施的法治政府建设规划。点击区域名称查看年度报告和规划推进情况。
      </p>
      {regions.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">暂无公开信息。</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">公开信息的区域</caption>
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className={th}>
                  区域
                </th>
                <th scope="col" className={th}>
                  层级
                </th>
                <th scope="col" className={`${th} text-right`}>
                  已公开年度报告
                </th>
                <th scope="col" className={`${th} text-right`}>
                  实施中的规划
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {regions.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className={`${td} font-normal`} style={{ paddingLeft: `${0.75 + r.depth * 1.5}rem` }}>
                    <a href={`/public/regions/${r.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {r.name}
                    </a>
                  </th>
                  <td className={td}>{REGION_LEVEL_LABELS[r.level]}</td>
                  <td className={num}>{r.reports}</td>
                  <td className={num}>{r.plans}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function reportLabel(report: PublicReportListItem): string {
  return report.unitName ? `${report.unitName} · ${report.title}` : report.title;
}

function ReportList({ reports }: { reports: PublicReportListItem[] }) {
  if (reports.length === 0) return <p className="text-slate-600">暂无已公开的年度报告。</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
      {reports.map((r) => (
        <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3">
          <span className="shrink-0 whitespace-nowrap font-semibold tabular-nums">{r.year}年度</span>
          <a href={`/public/reports/${r.id}`} className="text-brand-700 underline-offset-2 hover:underline">
            {reportLabel(r)}
          </a>
          {r.unitName && <span className="rounded border border-slate-300 px-1.5 text-xs text-slate-700">部门报告</span>}
          {r.version > 1 && !r.superseded && <span className="rounded border border-brand-100 bg-brand-50 px-1.5 text-xs text-brand-800">更正后版本</span>}
          {r.superseded && <span className="rounded border border-amber-300 bg-amber-50 px-1.5 text-xs text-amber-900">已更正的历史版本</span>}
          <span className="ml-auto text-sm text-slate-600">{r.imported ? "历史报告" : r.publishedOn ? `发布于 ${r.publishedOn}` : ""}</span>
        </li>
      ))}
    </ul>
  );
}

const PROGRESS_HEAD = ["举措数", "已完成", "已逾期", "推进中", "未启动", "其中长期坚持", "完成率"];

function PlanTable({ plan }: { plan: PublicRegionPage["plans"][number] }) {
  const period = plan.periodStart && plan.periodEnd ? `(${plan.periodStart}—${plan.periodEnd}年)` : "";
  return (
    <div className="mb-6">
      <h3 className="mb-2 font-semibold text-slate-900">
        {plan.title}
        <span className="font-normal text-slate-600">{period}</span>
      </h3>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">{`${plan.title}各章节推进情况`}</caption>
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <th scope="col" className={th}>
                章节
              </th>
              {PROGRESS_HEAD.map((h) => (
                <th key={h} scope="col" className={`${th} text-right`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {plan.chapters.map((c) => (
              <tr key={c.chapterId ?? "none"}>
                <th scope="row" className={`${td} font-normal`}>
                  {c.label}
                  {c.title}
                </th>
                <Counts row={c} />
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-slate-300 bg-slate-50 font-semibold">
            <tr>
              <th scope="row" className={td}>
                合计
              </th>
              <Counts row={plan.totals} />
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

function Counts({ row }: { row: PublicRegionPage["plans"][number]["totals"] }) {
  return (
    <>
      <td className={num}>{row.measures}</td>
      <td className={num}>{row.completed}</td>
      <td className={num}>{row.overdue}</td>
      <td className={num}>{row.inProgress}</td>
      <td className={num}>{row.notStarted}</td>
      <td className={num}>{row.ongoing}</td>
      <td className={num}>{percent(row.completionRate)}</td>
    </>
  );
}

export function RegionView({ data }: { data: PublicRegionPage }) {
  const { region } = data;
  return (
    <>
      <nav aria-label="位置" className="no-print mb-3 text-sm text-slate-600">
        <a href="/public" className="text-brand-700 hover:underline">
          政务公开
        </a>
        {region.parent && (
          <>
            {" › "}
            <a href={`/public/regions/${region.parent.id}`} className="text-brand-700 hover:underline">
              {region.parent.name}
            </a>
          </>
        )}
        {" › "}
        <span aria-current="page">{region.name}</span>
      </nav>
      <h1 className="mb-6 text-2xl font-bold text-slate-900">{region.name}法治政府建设信息公开</h1>

      <Section id="reports-title" title="法治政府建设年度报告">
        <ReportList reports={data.reports} />
      </Section>

      <Section id="progress-title" title="规划推进情况">
        {data.plans.length === 0 ? (
          <p className="text-slate-600">本区域暂无正在实施的规划。</p>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">
              截至 {data.today},按章节统计的举措数。“已完成”指牵头单位完成情况已经审核确认;“已逾期”指已过完成时限尚未完成;“推进中”指已报送进展;“未启动”指尚未报送进展;“长期坚持”的举措按年度推进,另列其数。完成率不计长期坚持的举措。
            </p>
            {data.plans.map((plan) => (
              <PlanTable key={plan.id} plan={plan} />
            ))}
          </>
        )}
      </Section>

      {data.children.length > 0 && (
        <Section id="children-title" title="下级区域">
          <ul className="flex flex-wrap gap-3">
            {data.children.map((c) => (
              <li key={c.id}>
                <a href={`/public/regions/${c.id}`} className="block rounded border border-brand-100 bg-white px-4 py-2 text-brand-700 hover:bg-brand-50">
                  {c.name}
                  <span className="ml-2 text-sm text-slate-600">
                    报告 {c.reports} 份 · 规划 {c.plans} 个
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  );
}

export function ReportView({ report }: { report: PublicReport }) {
  const blocks = documentBlocks(report.sections);
  return (
    <>
      <nav aria-label="位置" className="no-print mb-3 text-sm text-slate-600">
        <a href="/public" className="text-brand-700 hover:underline">
          政务公开
        </a>
        {" › "}
        <a href={`/public/regions/${report.region.id}`} className="text-brand-700 hover:underline">
          {report.region.name}
        </a>
        {" › "}
        <span aria-current="page">{report.year}年度报告</span>
      </nav>
      {report.superseded && (
        <p role="note" className="no-print mb-4 rounded border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          这是已更正的历史版本。
          {report.latestId && (
            <a href={`/public/reports/${report.latestId}`} className="ml-1 font-semibold underline">
              查看更正后的版本
            </a>
          )}
        </p>
      )}
      <article className="official-doc mx-auto max-w-3xl rounded border border-slate-200 bg-white px-10 py-10 print:border-0 print:p-0">
        <h1 className="mb-2 text-center text-2xl font-bold leading-snug">{report.title}</h1>
        <p className="mb-8 text-center text-slate-600">
          {report.unitName ? `${report.unitName} · ` : ""}
          {report.year}年度
          {report.version > 1 ? ` · 第${report.version}版` : ""}
          {!report.imported && report.publishedOn ? ` · ${report.publishedOn}发布` : ""}
        </p>
        {blocks.map((block, index) => {
          if (block.kind === "heading") {
            return (
              <h2 key={index} className="doc-heading mt-6 mb-2 text-lg font-bold">
                {block.label}
                {block.text}
              </h2>
            );
          }
          if (block.kind === "subheading") {
            return (
              <h3 key={index} className="doc-subheading mt-4 mb-1 font-semibold">
                {block.label}
                {block.text}
              </h3>
            );
          }
          return (
            <p key={index} className="doc-paragraph mb-2">
              {block.lead && <strong>{block.lead}</strong>}
              {block.text}
            </p>
          );
        })}
      </article>
    </>
  );
}
