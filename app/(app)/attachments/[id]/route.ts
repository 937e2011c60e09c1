import { getActor } from "@/lib/auth/session.ts";
import { getAttachment } from "@/lib/progress/queries.ts";
import { attachmentStore } from "@/lib/storage/attachment-store.ts";
import { parseId } from "@/lib/ids.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

/** Evidence download; out of scope answers 404 like any other resource. */
export const GET = withRouteMetrics(
  "/attachments/[id]",
  async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
    const actor = await getActor();
    if (!actor) return new Response("未登录", { status: 401 });
    const id = parseId((await params).id);
    const attachment = id ? await getAttachment(actor, id) : null;
    // Streamed from the store: a 20 MB file is never held whole in memory.
    const stored = attachment ? await attachmentStore().stream(attachment.contentHash) : null;
    if (!attachment || !stored) return new Response("未找到该附件", { status: 404 });
    return new Response(stored.body, {
      headers: {
        "Content-Type": attachment.mimeType,
        "Content-Length": String(stored.size),
        "Content-Disposition": `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
