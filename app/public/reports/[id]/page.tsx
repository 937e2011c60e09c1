import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPublishedReport } from "@/lib/public/queries.ts";
import { routeId } from "@/lib/ids.ts";
import { ReportView } from "@/components/public/public-views.tsx";
import { PrintButton } from "@/components/dashboard/print-button.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "法治政府建设年度报告" };

type Props = { params: Promise<{ id: string }> };

async function load(params: Props["params"]) {
  // Only a published report: a draft or submitted one is as absent as a wrong id.
  return getPublishedReport(routeId((await params).id));
}

export default async function PublicReportPage({ params }: Props) {
  const report = await load(params);
  if (!report) notFound();
  return (
    <>
      <div className="no-print mb-2 flex justify-end">
        <PrintButton />
      </div>
      <ReportView report={report} />
    </>
  );
}
