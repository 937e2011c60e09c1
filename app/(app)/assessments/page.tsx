import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { yearInChina } from "@/lib/dates.ts";
import { listAssessableDistricts, listAssessments } from "@/lib/assessments/queries.ts";
import { ASSESSMENT_STATUS_LABELS } from "@/lib/assessments/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { cell, EmptyRow, Table } from "@/components/ui/table.tsx";
import { CreateAssessmentForm } from "@/components/assessments/assessment-forms.tsx";

export const metadata: Metadata = { title: "考核" };

export default async function AssessmentsPage() {
  const actor = await requireActor();
  if (!can(actor, "assessment.read")) notFound();
  const [assessments, districts] = await Promise.all([listAssessments(actor), listAssessableDistricts(actor)]);
  return (
    <>
      <PageHeader title="考核" description="各单位年度法治建设考核:按规则扣分加分,每一分都列出所依据的事实;发布后得分和排名固定" />
      {districts.length > 0 && <CreateAssessmentForm districts={districts} defaultYear={yearInChina()} />}
      <Table caption={`考核,共 ${assessments.length} 个`} head={["年度", "考核名称", "区县", "状态", "发布日期"]}>
        {assessments.length === 0 && <EmptyRow colSpan={5}>尚无{can(actor, "assessment.manage") ? "" : "已发布的"}考核</EmptyRow>}
        {assessments.map((a) => (
          <tr key={a.id}>
            <td className={`${cell} tabular-nums`}>{a.year}</td>
            <td className={cell}>
              <Link href={`/assessments/${a.id}`} className="text-brand-700 hover:underline">
                {a.title}
              </Link>
            </td>
            <td className={cell}>{a.regionName}</td>
            <td className={cell}>
              <Badge tone={a.status === "PUBLISHED" ? "green" : "grey"}>{ASSESSMENT_STATUS_LABELS[a.status]}</Badge>
            </td>
            <td className={`${cell} tabular-nums`}>{a.publishedOn ?? "—"}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
