import { getActor } from "@/lib/auth/session.ts";
import { parseId } from "@/lib/ids.ts";
import { xlsxResponse } from "@/lib/dashboards/export.ts";
import { loadAssessment } from "@/lib/assessments/queries.ts";
import { assessmentFileStem, buildAssessmentWorkbook } from "@/lib/assessments/export.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

/** /assessments/[id]/export: the ranking and every point as .xlsx, under the page's scope check (404 otherwise). */
export const GET = withRouteMetrics(
  "/assessments/[id]/export",
  async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
    const actor = await getActor();
    if (!actor) return new Response("未登录", { status: 401 });
    const id = parseId((await params).id);
    const view = id ? await loadAssessment(actor, id) : null;
    if (!view) return new Response("未找到", { status: 404 });
    return xlsxResponse(await buildAssessmentWorkbook(view, new URL(request.url).origin), `${assessmentFileStem(view)}.xlsx`);
  },
);
