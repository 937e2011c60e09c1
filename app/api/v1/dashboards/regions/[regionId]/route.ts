import { apiRoute, parseQuery, pathId } from "@/lib/api/http.ts";
import { regionDashboard } from "@/lib/api/queries.ts";
import { dashboardQuery, regionDashboardSchema } from "@/lib/api/schema.ts";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ regionId: string }, typeof regionDashboardSchema>(
  "/api/v1/dashboards/regions/[regionId]",
  regionDashboardSchema,
  async ({ caller, url, params }) => {
    const regionId = pathId(params.regionId);
    return regionDashboard(caller.actor, regionId, parseQuery(dashboardQuery, url).period);
  },
);
