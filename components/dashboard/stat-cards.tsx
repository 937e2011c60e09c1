import Link from "next/link";

export type Stat = { label: string; value: string | number; note?: string; href?: string; tone?: "red" | "amber" | "green" };

const tones = { red: "text-red-700", amber: "text-amber-700", green: "text-green-700" };

export function StatCards({ stats, title }: { stats: Stat[]; title: string }) {
  return (
    <section aria-label={title} className="mb-5">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
        {stats.map((stat) => (
          <div key={stat.label} className="rounded border border-slate-200 bg-white p-3 break-inside-avoid">
            <dt className="text-sm text-slate-600">{stat.label}</dt>
            <dd className={`mt-1 text-2xl font-bold tabular-nums ${stat.tone ? tones[stat.tone] : "text-brand-800"}`}>
              {stat.href ? (
                <Link href={stat.href} className="hover:underline">
                  {stat.value}
                </Link>
              ) : (
                stat.value
              )}
            </dd>
            {stat.note && <dd className="text-xs text-slate-500">{stat.note}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}
