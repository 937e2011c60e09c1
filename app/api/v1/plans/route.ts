import { apiRoute, page, parseQuery } from "@/lib/api/http.ts";
import { listPlans } from "@/lib/api/queries.ts";
import { listPlansQuery, planPageSchema } from "@/lib/api/schema.ts";

export const dynamic = "force-dynamic";

export const GET = apiRoute("/api/v1/plans", planPageSchema, async ({ caller, url }) => {
  const query = parseQuery(listPlansQuery, url);
  return page(await listPlans(caller.actor, query), query.limit, url);
});
