import Link from "next/link";
import { requireActor } from "@/lib/auth/session.ts";
import { getScopeSummary } from "@/lib/regions/queries.ts";
import { navigationFor } from "@/lib/navigation.ts";
import { ROLE_LABELS } from "@/lib/users/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { loadReportWarnings } from "@/lib/annual-reports/queries.ts";
import { ReportDeadlineWarnings } from "@/components/reports/deadline-warnings.tsx";
import { getPreviousSignIn } from "@/lib/audit/queries.ts";
import { PreviousSignIn } from "@/components/layout/previous-sign-in.tsx";
import { LiaisonWorkbench } from "@/components/workbench/liaison-workbench.tsx";
import { parseWorkView } from "@/lib/workbench/urgency.ts";
import { WhoIsBehind } from "@/components/dashboard/who-is-behind.tsx";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  // A liaison's home is the workbench: this period's work, the most urgent first.
  if (actor.role === "LIAISON") return <LiaisonWorkbench actor={actor} view={parseWorkView((await searchParams).view)} />;
  // Only those who compile annual reports get the 1 March / 1 April warnings (empty for others).
  const [summary, reportWarnings, previousSignIn] = await Promise.all([
    getScopeSummary(actor),
    loadReportWarnings(actor),
    getPreviousSignIn(actor),
  ]);
  const links = navigationFor(actor).filter((item) => item.href !== "/");
  return (
    <>
      <PageHeader title={`您好,${actor.name}`} description={`${ROLE_LABELS[actor.role]} · ${summary.scopeLabel}`} />
      {/* Leaders and bureau staff first see who is behind. */}
      {(actor.role === "LEADER" || actor.role === "BUREAU") && <WhoIsBehind actor={actor} />}
      <PreviousSignIn {...previousSignIn} />
      <ReportDeadlineWarnings warnings={reportWarnings} />
      <section aria-labelledby="summary-title" className="mb-8">
        <h2 id="summary-title" className="sr-only">
          管辖范围概况
        </h2>
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
          {summary.figures.map((figure) => (
            <div key={figure.label} className="rounded border border-slate-200 bg-white p-4">
              <dt className="text-sm text-slate-600">{figure.label}</dt>
              <dd className="mt-1 text-3xl font-bold text-brand-800">{figure.value}</dd>
            </div>
          ))}
        </dl>
      </section>
      {links.length > 0 && (
        <section aria-labelledby="links-title">
          <h2 id="links-title" className="mb-2 text-lg font-semibold">
            常用功能
          </h2>
          <ul className="flex flex-wrap gap-3">
            {links.map((link) => (
              <li key={link.href}>
                <Link
                  href={link.href}
                  className="block rounded border border-brand-100 bg-white px-4 py-3 text-brand-700 hover:bg-brand-50"
                >
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
