import Link from "next/link";
import type { Actor } from "@/lib/auth/policy.ts";
import { getCarryOverChoices, getPlanSuccession } from "@/lib/succession/queries.ts";
import { CarryOverForm } from "@/app/(app)/plans/[id]/carry-over-form.tsx";
import { formatDate } from "@/lib/dates.ts";

/**
 * The plan page's succession block: the plan it succeeds and those that
 * succeed it (for every reader, within the scope); for the bureau, on a closed
 * plan 结转未完成举措, on any other 关联上一期规划举措.
 */
export async function SuccessionPanel({ actor, planId }: { actor: Actor; planId: number }) {
  const [links, carry] = await Promise.all([getPlanSuccession(actor, planId), getCarryOverChoices(actor, planId)]);
  if (!links) return null;
  const { predecessor, successors, canManage, closed } = links;
  if (!predecessor && successors.length === 0 && !canManage) return null;
  return (
    <section aria-labelledby="succession-title" className="no-print mb-6 rounded border border-slate-200 bg-white p-4">
      <h2 id="succession-title" className="mb-2 font-semibold">
        {carry ? "结转未完成举措" : "上一期与接续规划"}
      </h2>
      <ul className="mb-2 space-y-1 text-sm">
        {predecessor && (
          <li>
            上一期规划:
            <Link href={`/plans/${predecessor.id}`} className="text-brand-700 underline">
              《{predecessor.title}》
            </Link>
          </li>
        )}
        {successors.map((s) => (
          <li key={s.id}>
            接续规划:
            <Link href={`/plans/${s.id}`} className="text-brand-700 underline">
              《{s.title}》
            </Link>
          </li>
        ))}
      </ul>
      {canManage && !closed && (
        <p className="text-sm">
          <Link href={`/plans/${planId}/previous`} className="text-brand-700 underline">
            关联上一期规划举措
          </Link>
          <span className="ml-2 text-slate-600">按内容相似度建议本规划举措延续的上一期举措,由您确认。</span>
        </p>
      )}
      {carry && (
        <>
          <p className="mb-3 text-sm text-slate-600">
            本规划有 {carry.unfinished.length} 项未完成举措尚未结转{carry.carriedCount > 0 && `,已结转 ${carry.carriedCount} 项`}。
          </p>
          {carry.completedSinceEnd.length > 0 && (
            <p className="mb-3 text-sm text-slate-600">
              终期评估列为未完成的举措 {carry.completedSinceEnd.map((m) => m.code).join("、")} 已在规划结束后经审核完成,无需结转。
            </p>
          )}
          <CarryOverForm
            planId={planId}
            measures={carry.unfinished.map((m) => ({
              id: m.id,
              code: m.code,
              text: m.text,
              deadlineLabel: m.ongoing ? "长期坚持" : m.deadline ? formatDate(m.deadline) : (m.deadlineText ?? "—"),
              continuedBy: m.continuedBy,
            }))}
            targets={carry.targets.map((t) => ({ id: t.id, title: t.title }))}
          />
        </>
      )}
    </section>
  );
}
