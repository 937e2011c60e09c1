import { getActor } from "@/lib/auth/session.ts";
import { parseId } from "@/lib/ids.ts";
import { xlsxResponse } from "@/lib/dashboards/export.ts";
import { docxResponse } from "@/lib/documents/official-docx.ts";
import { loadEvaluationReport } from "@/lib/evaluations/queries.ts";
import { buildEvaluationDocx, buildEvaluationWorkbook, evaluationFileStem } from "@/lib/evaluations/export.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

/** /evaluations/[id]/export?format=xlsx|docx, under the same scope check as the page (404 otherwise). */
export const GET = withRouteMetrics(
  "/evaluations/[id]/export",
  async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
    const actor = await getActor();
    if (!actor) return new Response("未登录", { status: 401 });
    const format = new URL(request.url).searchParams.get("format");
    if (format !== "xlsx" && format !== "docx") return new Response("不支持的导出格式", { status: 404 });
    const id = parseId((await params).id);
    const report = id ? await loadEvaluationReport(actor, id) : null;
    if (!report) return new Response("未找到", { status: 404 });
    const stem = evaluationFileStem(report);
    return format === "xlsx"
      ? xlsxResponse(await buildEvaluationWorkbook(report), `${stem}.xlsx`)
      : docxResponse(await buildEvaluationDocx(report), `${stem}.docx`);
  },
);
