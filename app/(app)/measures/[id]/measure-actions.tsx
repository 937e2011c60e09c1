"use client";

import { requestDeadlineExtension, approveDeadlineExtension, rejectDeadlineExtension } from "@/lib/extensions/actions.ts";
import { approveDeadlineExtensionSchema, rejectDeadlineExtensionSchema, requestDeadlineExtensionSchema } from "@/lib/extensions/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { StatusMessage, SubmitButton, TextareaField, TextField } from "@/components/form/fields.tsx";
import { commentRule, DecisionControls } from "@/components/form/decision-controls.tsx";

const extensionComment = commentRule({
  approve: approveDeadlineExtensionSchema.shape.comment,
  reject: rejectDeadlineExtensionSchema.shape.comment,
});

export function ExtensionRequestForm({ measureId, currentDeadline }: { measureId: number; currentDeadline: string }) {
  const { onSubmit, errors, status, pending } = useActionForm(requestDeadlineExtensionSchema, requestDeadlineExtension);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="申请延期" className="max-w-xl rounded border border-slate-200 bg-white p-4">
      <StatusMessage status={status} />
      <input type="hidden" name="measureId" value={measureId} />
      <TextField name="newDeadline" label="新的完成时限" type="date" min={currentDeadline} required errors={errors} />
      <TextareaField name="reason" label="延期理由" required rows={3} maxLength={500} errors={errors} />
      <SubmitButton pending={pending}>提交延期申请</SubmitButton>
    </form>
  );
}

export function ExtensionDecision({ extensionId, label }: { extensionId: number; label: string }) {
  return (
    <DecisionControls
      label={`审批${label}`}
      commentLabel="审批意见"
      approveLabel="批准延期"
      rejectLabel="驳回"
      validate={extensionComment}
      approve={(comment) => approveDeadlineExtension({ extensionId, comment })}
      reject={(comment) => rejectDeadlineExtension({ extensionId, comment })}
    />
  );
}
