import Link from "next/link";
import type { Actor } from "@/lib/auth/policy.ts";
import { loadWhoIsBehind, type LaggingUnit, type PeriodRate } from "@/lib/dashboards/queries.ts";
import { LIGHT_DOTS, LIGHT_STYLES } from "@/components/ui/light-badge.tsx";
import type { Light } from "@/lib/reporting/lights.ts";
import { formatChinaTime } from "@/lib/dates.ts";

/** Units listed on the home page; the dashboard has them all. */
const SHOWN = 10;

/** A whole percentage ("62%"), or "—" when nothing was owed: a home page figure, read at a glance. */
function wholePercent({ expected, submitted }: PeriodRate): string {
  return expected > 0 ? `${Math.round((submitted / expected) * 100)}%` : "—";
}

/** A count in a light's colour, with its words: the colour is never the only signal. */
function Signal({ light, children }: { light: Light; children: React.ReactNode }) {
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-0.5 text-xs ${LIGHT_STYLES[light]}`}>
      <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${LIGHT_DOTS[light]}`} />
      {children}
    </span>
  );
}

function UnitSignals({ unit }: { unit: LaggingUnit }) {
  return (
    <span className="flex flex-wrap gap-1">
      {unit.notReported > 0 && <Signal light="YELLOW">本期未报 {unit.notReported} 项</Signal>}
      {unit.overdue > 0 && <Signal light="RED">逾期 {unit.overdue} 项</Signal>}
      {unit.returned > 0 && <Signal light="YELLOW">退回待重报 {unit.returned} 份</Signal>}
    </span>
  );
}

/**
 * "Who is behind", at the top of a leader's or bureau's home: the lagging
 * units (本期未报, then 逾期, then 退回), overdue measures, and this period's
 * report rate against the last one. Renders nothing for roles without
 * district dashboards or without districts in scope.
 */
export async function WhoIsBehind({ actor }: { actor: Actor }) {
  const data = await loadWhoIsBehind(actor);
  if (!data || data.unitCount === 0) return null;
  const severalDistricts = new Set(data.units.map((u) => u.districtId)).size > 1;
  // The district dashboard's per-unit table has every unit; a city's dashboard compares districts.
  const district = data.dashboardHref?.includes("/district/") ?? false;
  const allHref = data.dashboardHref ? (district ? `${data.dashboardHref}#units` : data.dashboardHref) : null;
  return (
    <section aria-labelledby="who-is-behind-title" className="mb-8 rounded border border-slate-200 bg-white p-4">
      <h2 id="who-is-behind-title" className="text-lg font-semibold">
        落后单位
      </h2>
      {data.cached && <p className="text-xs text-slate-500">多区数据每 10 分钟更新一次,截至 {formatChinaTime(data.asOf, "clock")}</p>}
      <dl className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-600">本期报送率</dt>
          <dd className="mt-1 text-2xl font-bold tabular-nums text-brand-800">
            {wholePercent(data.period)}
            <span className="ml-1 text-base font-normal text-slate-700">(上期 {wholePercent(data.previousPeriod)})</span>
          </dd>
          <dd className="text-xs text-slate-500">
            {data.period.label}已报 {data.period.submitted} / 应报 {data.period.expected};上期为{data.previousPeriod.label}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">逾期举措</dt>
          <dd className={`mt-1 text-2xl font-bold tabular-nums ${data.overdueMeasures > 0 ? "text-red-700" : "text-brand-800"}`}>
            {data.overdueMeasures} 项
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">落后单位</dt>
          <dd className="mt-1 text-2xl font-bold tabular-nums text-brand-800">
            {data.units.length} 个<span className="ml-1 text-base font-normal text-slate-700">/ 共 {data.unitCount} 个</span>
          </dd>
        </div>
      </dl>
      {data.units.length === 0 ? (
        <p className="mt-3 text-sm text-green-800">各单位本期均已报送,没有逾期或被退回的事项。</p>
      ) : (
        <ol aria-label="落后单位名单" className="mt-3 divide-y divide-slate-100 border-t border-slate-100">
          {data.units.slice(0, SHOWN).map((unit) => (
            <li key={unit.unitId} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link href={`/dashboard/unit/${unit.unitId}`} className="text-brand-700 underline">
                {severalDistricts ? `${unit.districtName} · ` : ""}
                {unit.name}
              </Link>
              <UnitSignals unit={unit} />
            </li>
          ))}
        </ol>
      )}
      {allHref && (
        <p className="mt-2 text-sm">
          <Link href={allHref} className="text-brand-700 underline">
            {!district ? "查看各区对比" : data.units.length > SHOWN ? `查看全部 ${data.units.length} 个落后单位` : "查看各单位情况"}
          </Link>
        </p>
      )}
    </section>
  );
}
