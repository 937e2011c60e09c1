"use client";

import { remindLateUnit } from "@/lib/reminders/actions.ts";
import { useActionRunner } from "@/components/form/use-action-form.ts";

/**
 * 催办 of one unit from a dashboard, after a confirmation naming it: one message
 * to its liaisons listing every report it owes for the period, at most once a
 * day (the action refuses a second and the toast says so).
 */
export function UnitRemindButton({ unitId, unitName, compact = false }: { unitId: number; unitName: string; compact?: boolean }) {
  const { run, pending } = useActionRunner();
  return (
    <button
      type="button"
      disabled={pending}
      aria-label={`催办${unitName}`}
      onClick={() => {
        // One click reaches every liaison of the unit: say so first.
        if (!window.confirm(`向${unitName}的联络员发送催办,列出其本期逾期未报的全部进展?`)) return;
        run(() => remindLateUnit({ unitId }));
      }}
      className={`no-print rounded border border-amber-400 whitespace-nowrap bg-amber-50 text-amber-900 disabled:opacity-60 ${compact ? "px-2 py-0.5 text-xs" : "px-4 py-2"}`}
    >
      {pending ? "发送中…" : "催办"}
    </button>
  );
}
