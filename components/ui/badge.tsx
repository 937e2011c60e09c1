import type { ReactNode } from "react";

const tones = {
  grey: "bg-slate-100 text-slate-700 border-slate-300",
  green: "bg-green-50 text-green-800 border-green-300",
  red: "bg-red-50 text-red-800 border-red-300",
  blue: "bg-brand-50 text-brand-800 border-brand-100",
};

export function Badge({ tone = "grey", children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return <span className={`inline-block rounded border px-1.5 py-0.5 text-xs ${tones[tone]}`}>{children}</span>;
}
