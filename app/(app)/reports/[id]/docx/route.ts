import { getActor } from "@/lib/auth/session.ts";
import { getAnnualReport } from "@/lib/annual-reports/queries.ts";
import { reportFileName, reportToOfficialDocument } from "@/lib/annual-reports/docx.ts";
import { buildOfficialDocx, docxResponse } from "@/lib/documents/official-docx.ts";
import { parseId } from "@/lib/ids.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

/** The report as a .docx laid out like an official document; out of scope answers 404 like the page. */
export const GET = withRouteMetrics(
  "/reports/[id]/docx",
  async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
    const actor = await getActor();
    if (!actor) return new Response("未登录", { status: 401 });
    const id = parseId((await params).id);
    const detail = id ? await getAnnualReport(actor, id) : null;
    if (!detail) return new Response("未找到该报告", { status: 404 });
    const { report } = detail;
    const buffer = await buildOfficialDocx(reportToOfficialDocument({ title: report.title, sections: report.sections }));
    return docxResponse(buffer, reportFileName(report.title, report.version));
  },
);
