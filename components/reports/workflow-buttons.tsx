"use client";

import { useRouter } from "next/navigation";
import { createAnnualReportCorrection, publishAnnualReport, returnAnnualReport, submitAnnualReport } from "@/lib/annual-reports/actions.ts";
import { returnAnnualReportSchema } from "@/lib/annual-reports/schema.ts";
import { StatusMessage } from "@/components/form/fields.tsx";
import { useActionForm, useActionRunner } from "@/components/form/use-action-form.ts";

type Props = {
  reportId: number;
  canSubmit: boolean;
  canPublish: boolean;
  canReturn: boolean;
  canCorrect: boolean;
};

/**
 * The workflow steps the actor may take on this report, each one click; 退回
 * is a small form whose comment returnAnnualReportSchema requires (checked
 * here and again by the action). Outcomes show in the one status line above
 * the buttons, which stays when a refresh takes the used button away.
 */
export function WorkflowButtons({ reportId, canSubmit, canPublish, canReturn, canCorrect }: Props) {
  const router = useRouter();
  const { run, pending, status, setStatus } = useActionRunner("status");
  const returning = useActionForm(returnAnnualReportSchema, returnAnnualReport, {
    onSuccess: (_data, _form, message) => setStatus({ kind: "ok", message }),
    onFailure: (failure) => setStatus({ kind: "error", message: failure.message }),
  });
  const busy = pending || returning.pending;
  const commentError = returning.errors.comment?.join(";");

  if (!canSubmit && !canPublish && !canReturn && !canCorrect) return null;
  const button = "rounded px-4 py-2 font-medium disabled:opacity-60";
  return (
    <div className="no-print mb-4 rounded border border-brand-100 bg-brand-50 p-3" role="group" aria-label="报告办理">
      <StatusMessage status={status} />
      <div className="flex flex-wrap items-end gap-2">
        {canSubmit && (
          <button
            type="button"
            disabled={busy}
            className={`${button} bg-brand-600 text-white hover:bg-brand-700`}
            onClick={() => run(() => submitAnnualReport({ id: reportId }), { confirm: "报送后不能再修改,确定报送吗?" })}
          >
            报送
          </button>
        )}
        {canPublish && (
          <button
            type="button"
            disabled={busy}
            className={`${button} bg-green-700 text-white`}
            onClick={() =>
              run(() => publishAnnualReport({ id: reportId }), { confirm: "发布后报告内容将冻结,只能以更正版本修改。确定发布吗?" })
            }
          >
            发布
          </button>
        )}
        {canCorrect && (
          <button
            type="button"
            disabled={busy}
            className={`${button} border border-slate-300 bg-white`}
            onClick={() =>
              run(() => createAnnualReportCorrection({ reportId }), { onSuccess: (data) => router.push(`/reports/${data.id}`) })
            }
          >
            创建更正版本
          </button>
        )}
        {canReturn && (
          <form onSubmit={returning.onSubmit} noValidate aria-label="退回修改" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="id" value={reportId} />
            <label className="text-sm">
              退回意见
              <input
                name="comment"
                maxLength={1000}
                aria-invalid={commentError ? true : undefined}
                aria-describedby={commentError ? "return-comment-error" : undefined}
                className="ml-2 rounded border border-slate-300 px-2 py-1.5 aria-[invalid=true]:border-red-600"
              />
            </label>
            <button type="submit" disabled={busy} className={`${button} border border-red-300 bg-white text-red-700`}>
              退回修改
            </button>
            {commentError && (
              <p id="return-comment-error" className="w-full text-sm text-red-700">
                {commentError}
              </p>
            )}
          </form>
        )}
      </div>
    </div>
  );
}
