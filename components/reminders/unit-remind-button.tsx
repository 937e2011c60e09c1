"use client";

import { remindLateUnit } from "@/lib/reminders/actions.ts";
import { useActionRunner } from "@/components/form/use-action-form.ts";

/**
 * 催办 of one unit from a dashboard: one message to its liaisons listing every
 * report it owes for the period, at most once a day (the action refuses a
 * second and the toast says so).
 */
export function UnitRemindButton({ unitId, unitName, compact = false }: { unitId: number; unitName: string; compact?: boolean }) {
  const { run, pending } = useActionRunner();
  return (
    <button
      type="button"
      disabled={pending}
      aria-label={`催办${unitName}`}
      onClick={() => run(() => remindLateUnit({ unitId }))}
      className={`no-print rounded border border-amber-400 whitespace-nowrap bg-amber-50 text-amber-900 disabled:opacity-60 ${compact ? "px-2 py-0.5 text-xs" : "px-4 py-2"}`}
    >
      {pending ? "发送中…" : "催办"}
    </button>
  );
}
