import Link from "next/link";
import type { PlanLifeView } from "@/lib/plans/life-queries.ts";
import { FinalEvaluationButton, PlanLifeActions } from "@/components/plans/plan-life-actions.tsx";

const TONE: Record<PlanLifeView["state"], string> = {
  DRAFT: "bg-slate-100 text-slate-800",
  IN_FORCE: "bg-green-100 text-green-900",
  EXPIRED: "bg-slate-200 text-slate-900",
  TERMINATED: "bg-red-100 text-red-900",
};

/** The plan's life at the top of its page: state, dates, and for the bureau the next steps. */
export function PlanLifePanel({ planId, life }: { planId: number; life: PlanLifeView }) {
  const facts = [
    life.effectiveFrom ? `施行日期 ${life.effectiveFrom}` : null,
    life.state === "EXPIRED" && life.endedOn ? `期满日期 ${life.endedOn}` : null,
    life.state === "TERMINATED" && life.endedOn ? `终止日期 ${life.endedOn}` : null,
    life.state === "DRAFT" ? "草案:施行后开始收集进展报送" : null,
    life.window.last && life.state === "IN_FORCE" ? `报送至 ${life.window.last} 所在期次` : null,
  ].filter(Boolean);
  const closed = life.state === "EXPIRED" || life.state === "TERMINATED";
  return (
    <section
      aria-label="规划状态"
      className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded border border-slate-200 bg-white p-4"
    >
      <div>
        <p>
          <span className="mr-2 text-sm text-slate-600">规划状态</span>
          <span className={`rounded px-2 py-0.5 font-medium ${TONE[life.state]}`}>{life.label}</span>
          {facts.length > 0 && <span className="ml-3 text-sm text-slate-700">{facts.join(" · ")}</span>}
        </p>
        {life.state === "TERMINATED" && life.endReason && <p className="mt-1 text-sm text-slate-700">终止原因:{life.endReason}</p>}
        {closed && <p className="mt-1 text-sm text-slate-600">已不再收集进展报送,举措不再催办。</p>}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {life.transitions.length > 0 && (
          <PlanLifeActions planId={planId} transitions={life.transitions} expiry={life.expiry} today={life.today} />
        )}
        {life.canCreateFinalEvaluation && <FinalEvaluationButton planId={planId} />}
        {life.finalEvaluationId !== null && (
          <Link
            href={`/evaluations/${life.finalEvaluationId}`}
            className="rounded border border-brand-600 px-4 py-2 text-brand-700 hover:bg-brand-50"
          >
            查看终期评估
          </Link>
        )}
      </div>
    </section>
  );
}
