import { getActor } from "@/lib/auth/session.ts";
import { assigneeNames, getPlan } from "@/lib/plans/queries.ts";
import { chapterPath } from "@/lib/plans/ledger/layout.ts";
import { buildLedgerWorkbook } from "@/lib/plans/ledger/write.ts";
import { parseId } from "@/lib/ids.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";
import { isoDate } from "@/lib/dates.ts";

/** The plan as the familiar division-of-labour ledger (分工台账), .xlsx. */
export const GET = withRouteMetrics(
  "/plans/[id]/ledger",
  async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
    const actor = await getActor();
    if (!actor) return new Response("未登录", { status: 401 });
    const id = parseId((await params).id);
    const plan = id ? await getPlan(actor, id) : null;
    if (!plan) return new Response("未找到该规划", { status: 404 });
    const sections = plan.sections.map((s) => ({
      key: String(s.id),
      parentKey: s.parentId ? String(s.parentId) : null,
      label: s.label,
      title: s.title,
    }));
    const workbook = await buildLedgerWorkbook(
      {
        title: plan.title,
        kind: plan.kind,
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
        issuer: plan.issuer,
        documentNumber: plan.documentNumber,
        issueDate: isoDate(plan.issueDate),
        sections,
      },
      plan.measures.map((measure) => ({
        code: measure.code,
        chapter: chapterPath(sections, measure.sectionId ? String(measure.sectionId) : null),
        text: measure.text,
        leadUnits: assigneeNames(measure.assignments, "LEAD"),
        responsibleUnits: assigneeNames(measure.assignments, "RESPONSIBLE"),
        deadlineText: measure.deadlineText ?? (measure.ongoing ? "长期坚持" : isoDate(measure.deadline)),
      })),
    );
    const fileName = `${plan.title}-分工台账.xlsx`;
    return new Response(new Uint8Array(workbook), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  },
);
