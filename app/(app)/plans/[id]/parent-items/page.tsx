import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { db } from "@/lib/db/client.ts";
import { routeId } from "@/lib/ids.ts";
import { getPlanDecomposition, proposeParentItems } from "@/lib/plans/decomposition.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { ParentItemProposals, PlanParentForm } from "@/components/plans/decomposition-forms.tsx";

export const metadata: Metadata = { title: "对应上级规划条目" };

/** Proposals by text similarity for the plan's measures not yet linked to an item of its 规划. */
export default async function ParentItemsPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const decomposition = await getPlanDecomposition(actor, id);
  if (!decomposition) notFound();
  const { plan } = decomposition;
  const proposals = can(actor, "plan.manage") ? await proposeParentItems(db(), actor, plan.id) : [];
  return (
    <>
      <PageHeader
        title="对应上级规划条目"
        description={
          plan.parent
            ? `按文本相似度,为尚未对应的举措建议所落实的“${plan.parent.title}”条目;勾选确认后生效。`
            : "本方案未设上级规划:请先选择它分解落实的规划,保存后即按文本相似度建议对应。"
        }
        actions={
          <a href={`/plans/${plan.id}`} className="rounded border border-brand-600 px-4 py-2 text-brand-700 hover:bg-brand-50">
            返回方案
          </a>
        }
      />
      {/* A 分工方案 just imported has no parent yet: set it here, and the proposals follow on the refreshed page. */}
      {!plan.parent && can(actor, "plan.manage") && (
        <PlanParentForm planId={plan.id} parentId={null} candidates={decomposition.parentCandidates} />
      )}
      {!can(actor, "plan.manage") ? (
        <p className="text-slate-700">只有司法局可以确认对应。</p>
      ) : proposals.length === 0 ? (
        <p className="text-slate-700">没有可建议的对应:举措都已对应,或文本与上级规划条目都不够相似。可在方案页逐项选择。</p>
      ) : (
        // Keyed by the proposals: after a confirmation the list is new and so are the ticks.
        <ParentItemProposals key={proposals.map((p) => p.measureId).join(",")} planId={plan.id} proposals={proposals} />
      )}
    </>
  );
}
