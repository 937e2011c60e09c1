import { apiRoute, pathId } from "@/lib/api/http.ts";
import { getPlan } from "@/lib/api/queries.ts";
import { planSchema } from "@/lib/api/schema.ts";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ planId: string }, typeof planSchema>("/api/v1/plans/[planId]", planSchema, async ({ caller, params }) =>
  getPlan(caller.actor, pathId(params.planId)),
);
