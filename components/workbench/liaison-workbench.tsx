import Link from "next/link";
import type { Actor } from "@/lib/auth/policy.ts";
import { ROLE_LABELS } from "@/lib/users/schema.ts";
import { getScopeSummary } from "@/lib/regions/queries.ts";
import { getPreviousSignIn } from "@/lib/audit/queries.ts";
import { loadWorkbench } from "@/lib/workbench/queries.ts";
import { URGENCY_FLAG_LABELS, type UrgencyFlag, type WorkView } from "@/lib/workbench/urgency.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { PreviousSignIn } from "@/components/layout/previous-sign-in.tsx";
import { WorkList } from "@/components/workbench/work-list.tsx";

/** Items per group on the workbench; 查看全部 opens the rest in 我的任务. */
const CAP = 5;

const COUNT_ORDER: UrgencyFlag[] = ["due", "returned", "overdue", "soon", "rectification"];
const COUNT_TONES: Record<UrgencyFlag, string> = {
  due: "text-amber-800",
  returned: "text-red-700",
  overdue: "text-red-700",
  soon: "text-amber-800",
  rectification: "text-brand-800",
};

/** The liaison's home: what to do this period, the most urgent first. */
export async function LiaisonWorkbench({ actor, view }: { actor: Actor; view: WorkView | null }) {
  const [summary, previousSignIn, workbench] = await Promise.all([
    getScopeSummary(actor),
    getPreviousSignIn(actor),
    loadWorkbench(actor, view),
  ]);
  const { counts, countdown, lateCountdown, groups } = workbench;
  return (
    <>
      <PageHeader title={`您好,${actor.name}`} description={`${ROLE_LABELS[actor.role]} · ${summary.scopeLabel}`} />
      <PreviousSignIn {...previousSignIn} />
      <section aria-labelledby="workbench-title" className="mb-6">
        <h2 id="workbench-title" className="mb-2 text-lg font-semibold">
          本期工作
        </h2>
        {countdown && (
          <p data-testid="period-countdown" className="mb-1 text-base font-medium text-slate-900">
            {countdown.text}
          </p>
        )}
        {lateCountdown && (
          <p data-testid="late-countdown" className="mb-1 text-sm font-medium text-red-800">
            {lateCountdown.text},尚有 {lateCountdown.missing} 项未报
          </p>
        )}
        <ul className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5" aria-label="本期任务统计">
          {COUNT_ORDER.map((flag) => {
            const active = view === flag;
            return (
              <li key={flag}>
                <Link
                  href={active ? "/" : `/?view=${flag}`}
                  aria-current={active ? "true" : undefined}
                  data-testid={`count-${flag}`}
                  className={`block rounded border p-3 hover:border-brand-600 ${active ? "border-brand-600 bg-brand-50 ring-2 ring-brand-600" : "border-slate-200 bg-white"}`}
                >
                  <span className="block text-sm text-slate-700">{URGENCY_FLAG_LABELS[flag]}</span>
                  <span className={`block text-2xl font-bold ${COUNT_TONES[flag]}`}>{counts[flag]}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
      {view && (
        <p className="mb-3 text-sm text-slate-700" data-testid="workbench-filter">
          只看:{view === "upcoming" ? "其他任务" : URGENCY_FLAG_LABELS[view]}
          <Link href="/" className="ml-3 text-brand-700 underline">
            显示全部
          </Link>
        </p>
      )}
      <WorkList
        groups={groups}
        cap={CAP}
        allHref={(groupView) => `/tasks?view=${groupView}`}
        empty={view ? "没有符合条件的任务" : "本单位暂无任务"}
      />
      <p className="mt-6 text-sm">
        <Link href={view && view !== "rectification" ? `/tasks?view=${view}` : "/tasks"} className="text-brand-700 underline">
          在我的任务中查看全部任务和筛选
        </Link>
      </p>
    </>
  );
}
