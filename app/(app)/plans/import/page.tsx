import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { listRegionOptions } from "@/lib/regions/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { ImportWizard } from "@/app/(app)/plans/import/import-wizard.tsx";

export const metadata: Metadata = { title: "导入规划" };

export default async function ImportPlanPage() {
  const actor = await requireActor();
  if (!can(actor, "plan.manage")) notFound();
  const regions = await listRegionOptions(actor, ["DISTRICT", "TOWN"]);
  return (
    <>
      <PageHeader
        title="导入规划"
        description="上传政府公开发布的规划、行动计划或分工方案(.txt 或 .docx),也可直接粘贴文本;核对识别结果后再导入"
      />
      <ImportWizard regions={regions.map((r) => ({ id: r.id, name: r.name }))} />
    </>
  );
}
