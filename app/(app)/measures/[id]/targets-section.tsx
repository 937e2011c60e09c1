import type { Actor } from "@/lib/auth/policy.ts";
import { getMeasureTargets } from "@/lib/targets/queries.ts";
import { milestoneStateLabel } from "@/lib/targets/format.ts";
import { cell, Table } from "@/components/ui/table.tsx";
import { targetsFormYears } from "@/lib/targets/form-data.ts";
import { CompleteMilestoneButton, TargetsForm } from "@/app/(app)/measures/[id]/targets-form.tsx";

// 年度目标与时间节点 on the measure page: what the lead unit set per year, the
// indicators against the values reports stated, the milestones and their
// state; the lead unit (and bureau staff) edit them here.

const STATE_TONE: Record<string, string> = {
  DONE: "bg-green-50 text-green-800",
  PENDING: "bg-slate-100 text-slate-700",
  MILESTONE_MISSED: "bg-amber-50 text-amber-900",
  MILESTONE_OVERDUE: "bg-red-50 text-red-800",
};

export async function TargetsSection({ actor, measureId }: { actor: Actor; measureId: number }) {
  const view = await getMeasureTargets(actor, measureId);
  if (!view || (view.years.length === 0 && !view.canManage)) return null;
  const thisYear = Number(view.today.slice(0, 4));
  const formYears = targetsFormYears(view.years);
  return (
    <section aria-labelledby="targets-title" className="mb-6">
      <h2 id="targets-title" className="mb-2 text-lg font-semibold">
        年度目标与时间节点
      </h2>
      {view.years.length === 0 && <p className="mb-3 text-sm text-slate-500">尚未设定年度目标。</p>}
      {view.years.map((y) => (
        <div key={y.year} className="mb-4 rounded border border-slate-200 bg-white p-3">
          <h3 className="font-semibold">{y.year} 年</h3>
          {y.targets.length > 0 ? (
            <ul className="mt-1 text-sm">
              {y.targets.map((t) => (
                <li key={t.unitName}>
                  <span className="text-slate-600">年度目标{y.targets.length > 1 ? `(${t.unitName})` : ""}:</span>
                  {t.target}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-slate-500">未填写年度目标</p>
          )}
          {y.indicators.length > 0 && (
            <div className="mt-3">
              <Table caption={`${y.year} 年工作指标`} head={["工作指标", "目标值", "实际值", "完成率"]}>
                {y.indicators.map((i) => (
                  <tr key={i.id}>
                    <td className={cell}>{i.name}</td>
                    <td className={cell}>{i.targetValue !== null ? `${i.targetValue} ${i.unitOfMeasure ?? ""}` : "—"}</td>
                    <td className={cell}>{i.actualValue !== null ? `${i.actualValue} ${i.unitOfMeasure ?? ""}` : "尚未报送"}</td>
                    <td className={cell}>{i.percent !== null ? `${i.percent}%` : "—"}</td>
                  </tr>
                ))}
              </Table>
            </div>
          )}
          {y.milestones.length > 0 && (
            <ol className="mt-3 space-y-2 text-sm" aria-label={`${y.year} 年时间节点`}>
              {y.milestones.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center gap-2">
                  <span className="tabular-nums">{m.dueDate}</span>
                  <span>{m.title}</span>
                  <span className={`rounded px-1.5 ${STATE_TONE[m.state]}`}>
                    {milestoneStateLabel(m)}
                    {m.completedOn && `(${m.completedOn})`}
                  </span>
                  {view.canManage && m.state !== "DONE" && <CompleteMilestoneButton milestoneId={m.id} title={m.title} />}
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
      <p className="mb-3 text-xs text-slate-500">时间节点过期未完成亮黄灯,逾期超过 {view.graceDays} 天亮红灯。</p>
      {view.canManage && <TargetsForm measureId={view.measureId} leadUnits={view.leadUnits} years={formYears} defaultYear={thisYear} />}
    </section>
  );
}
