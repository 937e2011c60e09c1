"use client";

import { reopenRectification, reportRectification, returnRectification, verifyRectification } from "@/lib/inspections/actions.ts";
import {
  RECTIFICATION_CLAIMS,
  RECTIFICATION_CLAIM_LABELS,
  reopenRectificationSchema,
  reportRectificationSchema,
  returnRectificationSchema,
  verifyRectificationSchema,
} from "@/lib/inspections/schema.ts";
import { keepEnterFromSubmitting, useActionForm } from "@/components/form/use-action-form.ts";
import { StatusMessage, SubmitButton, TextareaField, TextField } from "@/components/form/fields.tsx";
import { commentRule, DecisionControls } from "@/components/form/decision-controls.tsx";

const verifyComment = commentRule({ approve: verifyRectificationSchema.shape.comment, reject: returnRectificationSchema.shape.comment });

/** The unit's (or, 代报, the bureau's) report on an open item. */
export function RectificationReportForm({
  rectificationId,
  unitName,
  onBehalf,
}: {
  rectificationId: number;
  unitName: string;
  onBehalf: boolean;
}) {
  const { onSubmit, errors, status, pending } = useActionForm(reportRectificationSchema, reportRectification);
  return (
    <form
      onSubmit={onSubmit}
      onKeyDown={keepEnterFromSubmitting}
      noValidate
      aria-label={`${unitName}报送整改情况`}
      className="rounded border border-slate-200 bg-white p-4"
    >
      {onBehalf && <p className="mb-3 text-sm text-amber-800">代报:按{unitName}报来的书面材料填写</p>}
      <StatusMessage status={status} />
      <input type="hidden" name="rectificationId" value={rectificationId} />
      <TextareaField
        name="text"
        label="整改情况"
        required
        rows={5}
        maxLength={5000}
        errors={errors}
        hint="写明已采取的整改措施、取得的成效和佐证材料"
      />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          name="percent"
          label="整改进度(%)"
          type="number"
          min={0}
          max={100}
          inputMode="numeric"
          defaultValue={0}
          errors={errors}
        />
        <fieldset className="mb-4">
          <legend className="text-sm font-medium text-slate-700">整改状态</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {RECTIFICATION_CLAIMS.map((value) => (
              <label key={value} className="flex items-center gap-1 text-sm">
                <input type="radio" name="claimedStatus" value={value} defaultChecked={value === "IN_PROGRESS"} />
                {RECTIFICATION_CLAIM_LABELS[value]}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-slate-600">“正在整改”只记录进展,可多次报送;整改到位后选“申请销号”,由司法局核验。</p>
        </fieldset>
      </div>
      <SubmitButton pending={pending}>报送整改情况</SubmitButton>
    </form>
  );
}

/** 核验销号 or 退回 on the item's latest report. */
export function VerifyControls({ rectificationId, reportId, unitName }: { rectificationId: number; reportId: number; unitName: string }) {
  return (
    <DecisionControls
      label={`核验${unitName}的整改情况`}
      commentLabel="核验意见(退回时必填)"
      approveLabel="核验销号"
      rejectLabel="退回"
      validate={verifyComment}
      approve={(comment) => verifyRectification({ rectificationId, reportId, comment })}
      reject={(comment) => returnRectification({ rectificationId, reportId, comment })}
    />
  );
}

/** Reopening a closed item needs a reason. */
export function ReopenForm({ rectificationId }: { rectificationId: number }) {
  const { onSubmit, errors, status, pending } = useActionForm(reopenRectificationSchema, reopenRectification);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="重新打开整改事项" className="no-print rounded border border-amber-300 bg-amber-50 p-4">
      <StatusMessage status={status} />
      <input type="hidden" name="rectificationId" value={rectificationId} />
      <TextareaField
        name="reason"
        label="重新打开的原因"
        required
        rows={2}
        maxLength={1000}
        errors={errors}
        hint="如“回头看发现问题反弹”;整改单位会收到通知"
      />
      <SubmitButton pending={pending} tone="danger">
        重新打开
      </SubmitButton>
    </form>
  );
}
