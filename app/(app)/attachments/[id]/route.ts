import { getActor } from "@/lib/auth/session.ts";
import { getAttachment } from "@/lib/progress/queries.ts";
import { attachmentStore } from "@/lib/storage/attachment-store.ts";
import { parseId } from "@/lib/ids.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";

/** Evidence download; out of scope answers 404 like any other resource. */
export const GET = withRouteMetrics("/attachments/[id]", async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("未登录", { status: 401 });
  const id = parseId((await params).id);
  const attachment = id ? await getAttachment(actor, id) : null;
  const bytes = attachment ? await attachmentStore().get(attachment.contentHash) : null;
  if (!attachment || !bytes) return new Response("未找到该附件", { status: 404 });
  return new Response(bytes, {
    headers: {
      "Content-Type": attachment.mimeType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
