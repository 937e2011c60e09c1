"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/run.ts";
import {
  createAnnualReportCorrection,
  publishAnnualReport,
  returnAnnualReport,
  submitAnnualReport,
} from "@/lib/annual-reports/actions.ts";
import { GENERIC_ERROR } from "@/lib/errors.ts";
import { StatusMessage } from "@/components/form/fields.tsx";
import type { FormStatus } from "@/components/form/use-action-form.ts";

type Props = {
  reportId: number;
  canSubmit: boolean;
  canPublish: boolean;
  canReturn: boolean;
  canCorrect: boolean;
};

/** The workflow steps the actor may take on this report, each one click (return asks for a comment). */
export function WorkflowButtons({ reportId, canSubmit, canPublish, canReturn, canCorrect }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<FormStatus>(null);
  const [comment, setComment] = useState("");
  const [pending, startTransition] = useTransition();

  function run(call: () => Promise<ActionResult<unknown>>, confirmText?: string, after?: (data: unknown) => void) {
    if (confirmText && !window.confirm(confirmText)) return;
    startTransition(async () => {
      try {
        const result = await call();
        setStatus({ kind: result.ok ? "ok" : "error", message: result.ok ? result.message : (result.fieldErrors?.comment?.[0] ?? result.message) });
        if (result.ok) {
          after?.(result.data);
          router.refresh();
        }
      } catch {
        setStatus({ kind: "error", message: GENERIC_ERROR });
      }
    });
  }

  if (!canSubmit && !canPublish && !canReturn && !canCorrect) return null;
  const button = "rounded px-4 py-2 font-medium disabled:opacity-60";
  return (
    <div className="no-print mb-4 rounded border border-brand-100 bg-brand-50 p-3" role="group" aria-label="报告办理">
      <StatusMessage status={status} />
      <div className="flex flex-wrap items-end gap-2">
        {canSubmit && (
          <button type="button" disabled={pending} className={`${button} bg-brand-600 text-white hover:bg-brand-700`} onClick={() => run(() => submitAnnualReport({ id: reportId }), "报送后不能再修改,确定报送吗?")}>
            报送
          </button>
        )}
        {canPublish && (
          <button type="button" disabled={pending} className={`${button} bg-green-700 text-white`} onClick={() => run(() => publishAnnualReport({ id: reportId }), "发布后报告内容将冻结,只能以更正版本修改。确定发布吗?")}>
            发布
          </button>
        )}
        {canCorrect && (
          <button
            type="button"
            disabled={pending}
            className={`${button} border border-slate-300 bg-white`}
            onClick={() => run(() => createAnnualReportCorrection({ reportId }), undefined, (data) => router.push(`/reports/${(data as { id: number }).id}`))}
          >
            创建更正版本
          </button>
        )}
        {canReturn && (
          <div className="flex flex-wrap items-end gap-2">
            <label className="text-sm">
              退回意见
              <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} className="ml-2 rounded border border-slate-300 px-2 py-1.5" />
            </label>
            <button
              type="button"
              disabled={pending}
              className={`${button} border border-red-300 bg-white text-red-700`}
              onClick={() => (comment.trim() ? run(() => returnAnnualReport({ id: reportId, comment })) : setStatus({ kind: "error", message: "退回时请填写退回意见" }))}
            >
              退回修改
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
