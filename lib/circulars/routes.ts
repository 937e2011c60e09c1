import { getActor } from "@/lib/auth/session.ts";
import { docxResponse } from "@/lib/documents/official-docx.ts";
import { parseId } from "@/lib/ids.ts";
import { getCircular } from "@/lib/circulars/queries.ts";
import { buildCircularDocx } from "@/lib/circulars/docx.ts";

/** GET /circulars/[id]/docx: the circular as an official .docx; 404 outside the scope (drafts for readers too). */
export async function circularDocxGet(id: string): Promise<Response> {
  const actor = await getActor();
  if (!actor) return new Response("未登录", { status: 401 });
  const parsed = parseId(id);
  const circular = parsed ? await getCircular(actor, parsed) : null;
  if (!circular) return new Response("未找到", { status: 404 });
  return docxResponse(await buildCircularDocx(circular), `${circular.title}.docx`);
}
