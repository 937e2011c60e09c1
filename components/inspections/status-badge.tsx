import type { RectificationState } from "@/lib/inspections/status.ts";
import { LightBadge } from "@/components/ui/light-badge.tsx";

const tones = {
  OPEN: "border-slate-300 bg-white text-slate-800",
  SUBMITTED: "border-brand-100 bg-brand-50 text-brand-800",
  CLOSED: "border-green-300 bg-green-50 text-green-800",
};

/** An item's status and timing in words (整改中 · 已逾期 3 天), with the light beside it. */
export function RectificationBadge({ state }: { state: RectificationState }) {
  const [status, timing] = state.label.split(" · ");
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span className={`whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${tones[state.status]}`}>{status}</span>
      {state.status === "CLOSED" ? (
        <span className="whitespace-nowrap text-xs text-slate-700">{timing}</span>
      ) : (
        <>
          <LightBadge light={state.light} reason={timing} />
          <span className="whitespace-nowrap text-xs text-slate-700">{timing}</span>
        </>
      )}
    </span>
  );
}
