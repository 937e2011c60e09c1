import { db } from "@/lib/db/client.ts";
import { logError } from "@/lib/log.ts";

export const dynamic = "force-dynamic";

/** For load balancers and monitoring: 200 when the database answers, 503 when not. */
export async function GET() {
  const started = Date.now();
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: "up", latencyMs: Date.now() - started });
  } catch (error) {
    logError("health check: database unreachable", {}, error);
    return Response.json({ status: "error", database: "down" }, { status: 503 });
  }
}
