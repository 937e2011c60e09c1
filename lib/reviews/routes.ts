import { getActor } from "@/lib/auth/session.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { xlsxResponse } from "@/lib/dashboards/export.ts";
import { docxResponse } from "@/lib/documents/official-docx.ts";
import { loadOverdueNotice, loadPeriodLedger } from "@/lib/reviews/queries.ts";
import { periodDocumentSchema } from "@/lib/reviews/schema.ts";
import { buildLedgerWorkbook, buildNoticeDocx, ledgerTitle, noticeTitle } from "@/lib/reviews/export.ts";

/** ?district=&period= checked by zod; anything malformed, or a district outside the scope, is 404. */
type DocumentRequest = { response: Response } | { response?: undefined; actor: Actor; district: number; period: string };

async function documentRequest(request: Request): Promise<DocumentRequest> {
  const actor = await getActor();
  if (!actor) return { response: new Response("未登录", { status: 401 }) };
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = periodDocumentSchema.safeParse(params);
  if (!parsed.success) return { response: new Response("未找到", { status: 404 }) };
  return { actor, ...parsed.data };
}

/** GET /reviews/ledger?district=&period=: the period's 进展台账 as .xlsx. */
export async function ledgerGet(request: Request): Promise<Response> {
  const req = await documentRequest(request);
  if (req.response) return req.response;
  const ledger = await loadPeriodLedger(req.actor, req.district, req.period);
  if (!ledger) return new Response("未找到", { status: 404 });
  return xlsxResponse(await buildLedgerWorkbook(ledger), `${ledgerTitle(ledger)}.xlsx`);
}

/** GET /reviews/notice/docx?district=&period=: the 未报送/逾期 通报 as an official .docx. */
export async function noticeDocxGet(request: Request): Promise<Response> {
  const req = await documentRequest(request);
  if (req.response) return req.response;
  const notice = await loadOverdueNotice(req.actor, req.district, req.period);
  if (!notice) return new Response("未找到", { status: 404 });
  return docxResponse(await buildNoticeDocx(notice), `${noticeTitle(notice)}.docx`);
}
