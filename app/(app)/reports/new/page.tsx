import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import * as scope from "@/lib/auth/scope.ts";
import { todayInChina, yearInChina } from "@/lib/dates.ts";
import { currentReportYear } from "@/lib/annual-reports/deadlines.ts";
import { draftFormOptions } from "@/lib/annual-reports/queries.ts";
import { searchParamId } from "@/lib/ids.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { DraftForm } from "@/components/reports/draft-form.tsx";

export const metadata: Metadata = { title: "生成年度报告草稿" };

export default async function NewReportPage({ searchParams }: { searchParams: Promise<{ year?: string; regionId?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "annualReport.manage")) notFound();
  const today = todayInChina();
  const maxYear = yearInChina();
  const params = await searchParams;
  const asked = Number(params.year);
  // Only the chosen region's units are sent: choosing a region reloads the page with ?regionId=.
  const { regions, units, regionId } = await draftFormOptions(actor, searchParamId(params.regionId));
  return (
    <>
      <PageHeader
        title="生成年度报告草稿"
        description="一键按系统数据生成草稿:完成情况和数据、各领域审核通过的进展摘要、存在的不足、下一年度到期任务、督察整改情况。生成后可逐段修改。"
      />
      <DraftForm
        regions={regions}
        units={units}
        regionId={regionId}
        unitOnly={scope.isUnitScoped(actor)}
        defaultYear={Number.isInteger(asked) && asked >= 2000 && asked <= maxYear ? asked : currentReportYear(today)}
        maxYear={maxYear}
      />
    </>
  );
}
