import Link from "next/link";
import type { Actor } from "@/lib/auth/policy.ts";
import { getMeasureLineage } from "@/lib/succession/queries.ts";
import { SUCCESSION_LABELS } from "@/lib/succession/schema.ts";
import { CLAIMED_STATUS_LABELS, REVIEW_STATE_LABELS } from "@/lib/progress/schema.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { formatDate } from "@/lib/dates.ts";

const excerpt = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max)}…` : text);

type Linked = { id: number; code: string; text: string; plan: { title: string } };

function LinkedMeasure({ measure, succession }: { measure: Linked; succession: keyof typeof SUCCESSION_LABELS | null }) {
  return (
    <>
      {succession && <Badge tone="blue">{SUCCESSION_LABELS[succession]}</Badge>}{" "}
      <Link href={`/measures/${measure.id}`} className="text-brand-700 underline">
        《{measure.plan.title}》举措 {measure.code}
      </Link>
      :{excerpt(measure.text)}
    </>
  );
}

/**
 * 来源 and 去向 on the measure page: the previous plan's measure this one
 * carries or continues, those that carry or continue it, and — for a
 * measure that came from another — that measure's latest reports (上一期进展).
 * Links the reader may not follow are not shown (getMeasureLineage).
 */
export async function MeasureLineage({ actor, measureId }: { actor: Actor; measureId: number }) {
  const lineage = await getMeasureLineage(actor, measureId);
  if (!lineage || (!lineage.previous && lineage.successors.length === 0)) return null;
  const { previous, successors, previousReports, succession } = lineage;
  return (
    <section aria-labelledby="lineage-title" className="mb-6 rounded border border-slate-200 bg-white p-4 text-sm">
      <h2 id="lineage-title" className="sr-only">
        来源与去向
      </h2>
      <dl className="space-y-2">
        {previous && (
          <div>
            <dt className="inline font-medium text-slate-700">来源:</dt>
            <dd className="inline">
              <LinkedMeasure measure={previous} succession={succession} />
            </dd>
          </div>
        )}
        {successors.length > 0 && (
          <div>
            <dt className="inline font-medium text-slate-700">去向:</dt>
            {successors.map((s) => (
              <dd key={s.id} className="ml-12">
                <LinkedMeasure measure={s} succession={s.succession} />
              </dd>
            ))}
          </div>
        )}
      </dl>
      {previousReports.length > 0 && (
        <details className="mt-3">
          <summary className="cursor-pointer font-medium text-slate-700">上一期进展(最近 {previousReports.length} 次报送,只读)</summary>
          <ol className="mt-2 space-y-2">
            {previousReports.map((r) => (
              <li key={r.id} className="rounded border border-slate-100 bg-slate-50 p-2">
                <div className="flex flex-wrap gap-2 text-xs text-slate-600">
                  <strong className="text-slate-800">{r.assignment?.unit.name}</strong>
                  <span>
                    {formatDate(r.periodStart)}—{formatDate(r.periodEnd)}
                  </span>
                  <span>{REVIEW_STATE_LABELS[r.state]}</span>
                  <span>
                    {CLAIMED_STATUS_LABELS[r.claimedStatus]} · {r.percent}%
                  </span>
                </div>
                <p className="mt-1 whitespace-pre-line">{r.text}</p>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
