import { apiRoute, page, parseQuery } from "@/lib/api/http.ts";
import { listAssignments } from "@/lib/api/queries.ts";
import { assignmentPageSchema, listAssignmentsQuery } from "@/lib/api/schema.ts";

export const dynamic = "force-dynamic";

export const GET = apiRoute("/api/v1/assignments", assignmentPageSchema, async ({ caller, url }) => {
  const query = parseQuery(listAssignmentsQuery, url);
  return page(await listAssignments(caller.actor, query), query.limit, url);
});
