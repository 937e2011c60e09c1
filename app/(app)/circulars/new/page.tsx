import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { todayInChina } from "@/lib/dates.ts";
import { listCircularDistricts } from "@/lib/circulars/queries.ts";
import { periodContaining, previousPeriod } from "@/lib/reporting/periods.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { CircularForm } from "@/components/circulars/circular-form.tsx";

export const metadata: Metadata = { title: "新建通报" };

export default async function NewCircularPage() {
  const actor = await requireActor();
  if (!can(actor, "circular.manage")) notFound();
  const today = todayInChina();
  const districts = await listCircularDistricts(actor);
  // The quarter running now (judged as of today) and the eight before it; the form proposes the last one ended.
  const periods = [periodContaining(today, "QUARTERLY")];
  while (periods.length < 9) periods.push(previousPeriod(periods[periods.length - 1]!, "QUARTERLY"));
  const quarters = periods.map((p) => ({ value: p.key, label: `${p.label}${p.end >= today ? "(进行中)" : ""}` }));
  return (
    <>
      <PageHeader title="新建通报" description="按所选期间统计各单位数据并生成通报草稿;正文可修改,审核后印发,印发时数据冻结" />
      <div className="max-w-xl">
        <CircularForm districts={districts.map((d) => ({ value: d.id, label: d.name }))} quarters={quarters} today={today} />
      </div>
    </>
  );
}
