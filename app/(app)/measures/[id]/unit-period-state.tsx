import { LightBadge } from "@/components/ui/light-badge.tsx";
import type { Light, ReportStateForPeriod } from "@/lib/reporting/lights.ts";
import { UNIT_PERIOD_STATE_LABELS } from "@/lib/progress/schema.ts";

/**
 * The measure header's 状态 for a unit (or bureau staff reporting for it): the
 * unit's own state for each period it can report on, the one being reported in
 * bold — not the measure-wide reason, which speaks of other units.
 */
export function UnitPeriodState({
  unitName,
  light,
  periods,
  focusKey,
}: {
  unitName: string;
  light: Light;
  periods: { period: { key: string; label: string }; state: ReportStateForPeriod }[];
  focusKey: string;
}) {
  return (
    <div>
      <dt className="inline text-slate-600">{unitName}状态:</dt>
      <dd className="inline" data-testid="unit-period-state">
        <LightBadge light={light} />{" "}
        {periods.map(({ period, state }, index) => (
          <span key={period.key} className={period.key === focusKey ? "font-semibold" : "text-slate-700"}>
            {index > 0 && ";"}
            {period.label} {UNIT_PERIOD_STATE_LABELS[state]}
          </span>
        ))}
      </dd>
    </div>
  );
}
