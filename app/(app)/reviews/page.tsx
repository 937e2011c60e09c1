import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listReviewDesk } from "@/lib/reviews/queries.ts";
import { parseReviewFilters, REVIEW_KIND_LABELS, REVIEW_KINDS } from "@/lib/reviews/schema.ts";
import { CLAIMED_STATUS_LABELS } from "@/lib/progress/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { ExtensionDecision } from "@/app/(app)/measures/[id]/measure-actions.tsx";
import { ReviewQueue, type QueueItem } from "@/components/reviews/review-queue.tsx";
import { formatChinaTime, formatDate } from "@/lib/dates.ts";

export const metadata: Metadata = { title: "审核" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewsPage({ searchParams }: Props) {
  const actor = await requireActor();
  if (!can(actor, "report.review")) notFound();
  const filters = parseReviewFilters(await searchParams);
  const { reports, reportTotal, extensions, options } = await listReviewDesk(actor, filters);
  const items: QueueItem[] = reports.map((r) => ({
    id: r.id,
    version: r.version,
    measureId: r.assignment.measure.id,
    measureCode: r.assignment.measure.code,
    measureText: r.assignment.measure.text,
    planTitle: r.assignment.measure.plan.title,
    unitName: r.assignment.unit.name,
    role: r.assignment.role === "LEAD" ? "牵头" : "责任",
    periodLabel: r.period.label,
    claimedLabel: CLAIMED_STATUS_LABELS[r.claimedStatus],
    percent: r.percent,
    text: r.text,
    author: r.author.name,
    submittedAt: r.submittedAt?.toISOString() ?? "",
    submittedLabel: r.submittedAt ? formatChinaTime(r.submittedAt) : "—",
    onBehalf: r.onBehalfOfUnitId !== null,
    attachments: r.attachments,
    related: r.related,
  }));
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader
        title="审核"
        description={
          filters.kind === "extension"
            ? `待审批的延期申请 ${extensions.length} 项${filtered ? "(已筛选)" : ""}`
            : `待审核的进展报送 ${reportTotal} 份${filtered ? "(已筛选)" : ""},按报送时间先后排列${
                reportTotal > items.length ? `;此处列出最早的 ${items.length} 份,可用筛选或搜索缩小范围` : ""
              }`
        }
        actions={
          <Link href="/reviews/notice" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
            进展台账与未报送通报
          </Link>
        }
      />
      <form
        method="get"
        role="search"
        aria-label="筛选待审核事项"
        className="no-print mb-6 grid grid-cols-2 gap-3 rounded border border-slate-200 bg-white p-3 text-sm md:grid-cols-6 md:items-end"
      >
        <FilterSelect label="报送期" name="period" value={filters.period} options={options.periods} />
        <FilterSelect label="单位" name="unit" value={filters.unit} options={options.units} />
        <FilterSelect label="规划" name="plan" value={filters.plan} options={options.plans} />
        <FilterSelect
          label="类型"
          name="kind"
          value={filters.kind}
          options={REVIEW_KINDS.map((kind) => ({ value: kind, label: REVIEW_KIND_LABELS[kind] }))}
        />
        <label>
          搜索
          <input
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            maxLength={50}
            placeholder="举措编号、内容或单位"
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5"
          />
        </label>
        <div className="col-span-2 flex gap-2 md:col-span-1">
          <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-white">
            筛选
          </button>
          {filtered && (
            <Link href="/reviews" className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
              清除
            </Link>
          )}
        </div>
      </form>
      {extensions.length > 0 && (
        <section aria-labelledby="extensions-title" className="mb-8">
          <h2 id="extensions-title" className="mb-2 text-lg font-semibold">
            待审批的延期申请 {extensions.length} 条
          </h2>
          <ol className="space-y-3">
            {extensions.map((e) => (
              <li key={e.id} className="rounded border border-amber-300 bg-white p-4 text-sm">
                <Link href={`/measures/${e.measure.id}`} className="font-medium text-brand-700 hover:underline">
                  举措 {e.measure.code}
                </Link>{" "}
                {e.unit.name}申请延期至 {formatDate(e.newDeadline)}(原时限 {e.oldDeadline ? formatDate(e.oldDeadline) : "—"}):{e.reason}
                <ExtensionDecision extensionId={e.id} label={`${e.unit.name}的延期申请`} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {filters.kind !== "extension" && <ReviewQueue key={JSON.stringify(filters)} items={items} />}
    </>
  );
}

/** One filter of the desk: 全部, then the choices that have something waiting. */
function FilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value: string | number | undefined;
  options: { value: string | number; label: string }[];
}) {
  return (
    // The label names the list alone (not wrapping it): its options (区自然资源和规划局) must not become part of its name.
    <div>
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value ?? ""}
        className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5"
      >
        <option value="">全部</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
