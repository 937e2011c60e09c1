import { apiRoute, page, parseQuery, pathId } from "@/lib/api/http.ts";
import { listPeriodProgress } from "@/lib/api/queries.ts";
import { periodProgressPageSchema, progressQuery } from "@/lib/api/schema.ts";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ planId: string }, typeof periodProgressPageSchema>(
  "/api/v1/plans/[planId]/progress",
  periodProgressPageSchema,
  async ({ caller, url, params }) => {
    const planId = pathId(params.planId);
    const query = parseQuery(progressQuery, url);
    const { period, items } = await listPeriodProgress(caller.actor, planId, query);
    return { period, ...page(items, query.limit, url, (row) => row.assignmentId) };
  },
);
