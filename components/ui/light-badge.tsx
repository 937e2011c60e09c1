import { LIGHT_LABELS, type Light } from "@/lib/reporting/lights.ts";

/** The lights' colours, for other signals that borrow them (always beside their own words). */
export const LIGHT_STYLES: Record<Light, string> = {
  RED: "border-red-300 bg-red-50 text-red-800",
  YELLOW: "border-amber-300 bg-amber-50 text-amber-900",
  GREEN: "border-green-300 bg-green-50 text-green-800",
  GREY: "border-slate-300 bg-slate-100 text-slate-700",
};

export const LIGHT_DOTS: Record<Light, string> = { RED: "bg-red-600", YELLOW: "bg-amber-500", GREEN: "bg-green-600", GREY: "bg-slate-400" };

/** The light carries its word too: colour is never the only signal. */
export function LightBadge({ light, reason }: { light: Light; reason?: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-0.5 text-xs ${LIGHT_STYLES[light]}`}
      title={reason}
    >
      <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${LIGHT_DOTS[light]}`} />
      {LIGHT_LABELS[light]}
    </span>
  );
}
