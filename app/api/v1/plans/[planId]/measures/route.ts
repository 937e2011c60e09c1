import { apiRoute, page, parseQuery, pathId } from "@/lib/api/http.ts";
import { listMeasures } from "@/lib/api/queries.ts";
import { listMeasuresQuery, measurePageSchema } from "@/lib/api/schema.ts";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ planId: string }, typeof measurePageSchema>(
  "/api/v1/plans/[planId]/measures",
  measurePageSchema,
  async ({ caller, url, params }) => {
    const planId = pathId(params.planId);
    const query = parseQuery(listMeasuresQuery, url);
    return page(await listMeasures(caller.actor, planId, query), query.limit, url);
  },
);
