import { apiRoute, pathId } from "@/lib/api/http.ts";
import { getMeasure } from "@/lib/api/queries.ts";
import { measureDetailSchema } from "@/lib/api/schema.ts";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ measureId: string }, typeof measureDetailSchema>(
  "/api/v1/measures/[measureId]",
  measureDetailSchema,
  async ({ caller, params }) => getMeasure(caller.actor, pathId(params.measureId)),
);
