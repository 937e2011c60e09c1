import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { ledgerPeriodChoices, listLedgerDistricts, loadOverdueNotice } from "@/lib/reviews/queries.ts";
import { periodDocumentSchema } from "@/lib/reviews/schema.ts";
import { noticeDocument } from "@/lib/reviews/export.ts";
import { PrintButton } from "@/components/dashboard/print-button.tsx";
import { OfficialDocumentView } from "@/components/reviews/official-document-view.tsx";

export const metadata: Metadata = { title: "进展台账与未报送通报" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The period's 进展台账 (.xlsx) and 未报送/逾期 通报 (.docx, and here laid out
 * as the printed document): for the bureau and leaders of the district.
 */
export default async function OverdueNoticePage({ searchParams }: Props) {
  const actor = await requireActor();
  if (!can(actor, "districtDashboard.read")) notFound();
  const params = await searchParams;
  const districts = await listLedgerDistricts(actor);
  const periods = ledgerPeriodChoices();
  const parsed = periodDocumentSchema.safeParse({
    district: first(params.district) ?? districts[0]?.id,
    period: first(params.period) ?? periods[0]!.key,
  });
  if (!parsed.success) notFound();
  const notice = await loadOverdueNotice(actor, parsed.data.district, parsed.data.period);
  if (!notice) notFound();
  const query = `district=${notice.district.id}&period=${notice.period.key}`;
  const doc = noticeDocument(notice);
  const select = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5";
  return (
    <>
      <div className="no-print mb-6 border-b border-slate-200 pb-3">
        <h1 className="text-2xl font-bold text-slate-900">进展台账与未报送通报</h1>
        <form method="get" aria-label="选择报送期" className="mt-3 flex flex-wrap items-end gap-3 text-sm">
          {districts.length > 1 && (
            <label>
              区县
              <select name="district" defaultValue={notice.district.id} className={select}>
                {districts.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {districts.length <= 1 && <input type="hidden" name="district" value={notice.district.id} />}
          <label>
            报送期
            <select name="period" defaultValue={notice.period.key} className={select}>
              {periods.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-white">
            查看
          </button>
        </form>
        <div className="mt-3 flex flex-wrap gap-2 text-sm">
          <a href={`/reviews/ledger?${query}`} download className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
            下载进展台账(.xlsx)
          </a>
          <a
            href={`/reviews/notice/docx?${query}`}
            download
            className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50"
          >
            下载通报(.docx)
          </a>
          <PrintButton />
          {can(actor, "report.review") && (
            <Link
              href={`/reviews?period=${notice.period.key}`}
              className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50"
            >
              审核本期报送
            </Link>
          )}
        </div>
      </div>
      <OfficialDocumentView document={doc} />
    </>
  );
}
