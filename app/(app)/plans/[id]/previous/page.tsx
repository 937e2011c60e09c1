import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { routeId } from "@/lib/ids.ts";
import { getLinkProposals } from "@/lib/succession/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { LinkProposalsForm, PredecessorForm } from "@/app/(app)/plans/[id]/previous/link-forms.tsx";

export const metadata: Metadata = { title: "关联上一期规划举措" };

/** 关联上一期规划举措: the proposals by text similarity, confirmed by the bureau (延续). */
export default async function PreviousMeasuresPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = routeId((await params).id);
  const data = await getLinkProposals(actor, id);
  if (!data) notFound();
  const { plan, predecessor, suggested, choices, proposals, linkedCount } = data;
  return (
    <>
      <PageHeader
        title="关联上一期规划举措"
        description={
          <Link href={`/plans/${plan.id}`} className="text-brand-700 hover:underline">
            《{plan.title}》
          </Link>
        }
      />
      {!predecessor ? (
        <PredecessorForm
          planId={plan.id}
          choices={choices.map((c) => ({ id: c.id, title: c.title }))}
          suggestedId={suggested?.id ?? null}
        />
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-700">
            上一期规划:
            <Link href={`/plans/${predecessor.id}`} className="text-brand-700 hover:underline">
              《{predecessor.title}》
            </Link>
            。已关联 {linkedCount} 项举措。下列建议按内容相似度给出,相似度高的已默认勾选;确认后记为“延续”,在举措页的“来源”和“去向”中可见。
          </p>
          {proposals.length === 0 ? (
            <p className="text-sm text-slate-600">没有需要确认的建议:尚未关联的举措在上一期规划中都没有内容相近的举措。</p>
          ) : (
            <LinkProposalsForm
              planId={plan.id}
              proposals={proposals.map((p) => ({
                measureId: p.measureId,
                previousId: p.previousId,
                score: p.score,
                confident: p.confident,
                measure: { code: p.measure.code, text: p.measure.text },
                previous: { code: p.previous.code, text: p.previous.text },
              }))}
            />
          )}
        </>
      )}
    </>
  );
}
