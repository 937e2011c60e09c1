import Link from "next/link";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { dashboardHome, listDashboardRegions, listDashboardUnits } from "@/lib/dashboards/queries.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";

export const metadata: Metadata = { title: "统计看板" };

/** Sends each user to the dashboard of what they look after; administrators pick a region. */
export default async function DashboardHomePage() {
  const actor = await requireActor();
  if (!can(actor, "dashboard.read")) notFound();
  const home = await dashboardHome(actor);
  if (home) redirect(home);
  const regions = can(actor, "districtDashboard.read") ? await listDashboardRegions(actor) : [];
  const units = regions.length === 0 ? await listDashboardUnits(actor) : [];
  return (
    <>
      <PageHeader title="统计看板" description="选择要查看的市、区或单位" />
      {regions.length === 0 && units.length > 0 && (
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4" aria-label="可查看的单位看板">
          {units.map((unit) => (
            <li key={unit.id}>
              <Link
                href={`/dashboard/unit/${unit.id}`}
                className="block rounded border border-slate-200 bg-white px-4 py-3 text-brand-700 hover:bg-brand-50"
              >
                {unit.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {regions.length === 0 && units.length === 0 ? (
        <p className="text-slate-600">您的账号没有可查看的看板。部门联络员需要先指定所属单位。</p>
      ) : regions.length === 0 ? null : (
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
          {regions.map((region) => (
            <li key={region.id}>
              <Link
                href={`/dashboard/${region.level === "DISTRICT" ? "district" : "city"}/${region.id}`}
                className="block rounded border border-slate-200 bg-white px-4 py-3 text-brand-700 hover:bg-brand-50"
              >
                {region.parent?.name ? `${region.parent.name} · ` : ""}
                {region.name}
                {region.level === "CITY" ? "(各区对比)" : region.level === "PROVINCE" ? "(各市对比)" : ""}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
