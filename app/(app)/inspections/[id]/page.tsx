import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session.ts";
import { can } from "@/lib/auth/policy.ts";
import { formatChinaTime, isoDate } from "@/lib/dates.ts";
import { findingFormOptions, getInspectionDetail } from "@/lib/inspections/queries.ts";
import { rectificationReportLabel } from "@/lib/inspections/schema.ts";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { cell, Table } from "@/components/ui/table.tsx";
import { RectificationBadge } from "@/components/inspections/status-badge.tsx";
import { FindingForm } from "@/components/inspections/finding-form.tsx";
import { PrintButton } from "@/components/dashboard/print-button.tsx";
import { routeId } from "@/lib/ids.ts";

export const metadata: Metadata = { title: "督察" };

export default async function InspectionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "inspection.read")) notFound();
  const id = routeId((await params).id);
  const inspection = await getInspectionDetail(actor, id);
  if (!inspection) notFound();
  const manage = can(actor, "inspection.manage", { regionId: inspection.regionId });
  const options = manage ? await findingFormOptions(actor, inspection.districtId) : null;
  const inspectedOn = isoDate(inspection.inspectedOn);

  return (
    <>
      <PageHeader
        title={inspection.title}
        description={`${inspection.region.name} · ${inspectedOn}${inspection.inspector ? ` · ${inspection.inspector}` : ""}`}
        actions={<PrintButton />}
      />
      {inspection.description && (
        <p className="mb-6 whitespace-pre-line rounded border border-slate-200 bg-white p-4 text-sm">{inspection.description}</p>
      )}

      <section aria-labelledby="findings-title" className="mb-6">
        <h2 id="findings-title" className="mb-2 text-lg font-semibold">
          督察发现的问题({inspection.findings.length} 项)
        </h2>
        {inspection.findings.length === 0 && <p className="text-sm text-slate-500">尚未录入问题</p>}
        <ol className="space-y-4">
          {inspection.findings.map((finding, index) => (
            <li key={finding.id} className="break-inside-avoid rounded border border-slate-200 bg-white p-4">
              <p className="font-medium">
                {index + 1}. {finding.text}
              </p>
              {finding.measure && (
                <p className="mt-1 text-sm text-slate-600">
                  关联举措:
                  <Link href={`/measures/${finding.measure.id}`} className="text-brand-700 underline">
                    {finding.measure.code} {finding.measure.text.slice(0, 50)}
                    {finding.measure.text.length > 50 ? "…" : ""}
                  </Link>
                </p>
              )}
              <div className="mt-3">
                <Table caption={`问题 ${index + 1} 的整改任务`} head={["整改单位", "整改期限", "状态", "最近报送", ""]}>
                  {finding.rectifications.map((item) => {
                    const latest = item.reports[0];
                    return (
                      <tr key={item.id}>
                        <td className={`${cell} whitespace-nowrap`}>{item.unit.name}</td>
                        <td className={`${cell} whitespace-nowrap`}>{isoDate(item.deadline)}</td>
                        <td className={cell}>
                          <RectificationBadge state={item.state} />
                        </td>
                        <td className={`${cell} text-sm`}>
                          {latest ? (
                            <>
                              {latest.submittedAt ? formatChinaTime(latest.submittedAt) : "—"} {rectificationReportLabel(latest)}
                              <div className="text-xs text-slate-600">
                                {latest.text.slice(0, 40)}
                                {latest.text.length > 40 ? "…" : ""}
                              </div>
                            </>
                          ) : (
                            "未报送"
                          )}
                        </td>
                        <td className={`${cell} whitespace-nowrap`}>
                          <Link href={`/inspections/rectifications/${item.id}`} className="text-brand-700 underline">
                            查看<span className="sr-only">{item.unit.name}的整改任务</span>
                          </Link>
                        </td>
                      </tr>
                    );
                  })}
                </Table>
              </div>
            </li>
          ))}
        </ol>
      </section>

      {options && (
        <section aria-labelledby="add-finding-title" className="no-print mb-6">
          <h2 id="add-finding-title" className="mb-2 text-lg font-semibold">
            录入督察发现的问题
          </h2>
          <FindingForm inspectionId={inspection.id} inspectedOn={inspectedOn} units={options.units} measures={options.measures} />
        </section>
      )}
    </>
  );
}
