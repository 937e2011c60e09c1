"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { requestDeadlineExtension, approveDeadlineExtension, rejectDeadlineExtension } from "@/lib/extensions/actions.ts";
import { requestDeadlineExtensionSchema } from "@/lib/extensions/schema.ts";
import { sendReminder } from "@/lib/reminders/actions.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { StatusMessage, SubmitButton, TextareaField, TextField } from "@/components/form/fields.tsx";
import type { FormStatus } from "@/components/form/use-action-form.ts";
import { GENERIC_ERROR } from "@/lib/errors.ts";

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

/** Approve or reject with a comment; the comment is required to reject. */
export function ExtensionDecision({ extensionId, label }: { extensionId: number; label: string }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [status, setStatus] = useState<FormStatus>(null);
  const [pending, startTransition] = useTransition();
  function decide(kind: "approve" | "reject") {
    startTransition(async () => {
      try {
        const result =
          kind === "approve"
            ? await approveDeadlineExtension({ extensionId, comment })
            : await rejectDeadlineExtension({ extensionId, comment });
        setStatus({ kind: result.ok ? "ok" : "error", message: result.ok ? result.message : (result.fieldErrors?.comment?.[0] ?? result.message) });
        if (result.ok) router.refresh();
      } catch {
        setStatus({ kind: "error", message: GENERIC_ERROR });
      }
    });
  }
  return (
    <div role="group" aria-label={`审批${label}`} className="no-print mt-2">
      <StatusMessage status={status} />
      <label className="block text-sm">
        审批意见
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={1000} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
      </label>
      <div className="mt-2 flex gap-2">
        <button type="button" disabled={pending} onClick={() => decide("approve")} className="rounded bg-green-700 px-3 py-1.5 text-white disabled:opacity-60">
          批准延期
        </button>
        <button type="button" disabled={pending} onClick={() => decide("reject")} className="rounded border border-red-300 bg-white px-3 py-1.5 text-red-700 disabled:opacity-60">
          驳回
        </button>
      </div>
    </div>
  );
}

export function RemindButton({ measureId }: { measureId: number }) {
  const [status, setStatus] = useState<FormStatus>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="no-print">
      <StatusMessage status={status} />
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            try {
              const result = await sendReminder({ measureId });
              setStatus({ kind: result.ok ? "ok" : "error", message: result.message });
            } catch {
              setStatus({ kind: "error", message: GENERIC_ERROR });
            }
          })
        }
        className="rounded border border-amber-400 bg-amber-50 px-4 py-2 text-amber-900 disabled:opacity-60"
      >
        催办未完成单位
      </button>
    </div>
  );
}
