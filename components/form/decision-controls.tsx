"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/run.ts";
import { GENERIC_ERROR } from "@/lib/errors.ts";
import { StatusMessage } from "@/components/form/fields.tsx";
import type { FormStatus } from "@/components/form/use-action-form.ts";

/** Approve, or reject with a comment (required to reject): reviews and extension requests. */
export function DecisionControls(props: {
  label: string;
  commentLabel: string;
  approveLabel: string;
  rejectLabel: string;
  missingComment: string;
  approve: (comment: string) => Promise<ActionResult<unknown>>;
  reject: (comment: string) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [status, setStatus] = useState<FormStatus>(null);
  const [pending, startTransition] = useTransition();

  function decide(kind: "approve" | "reject") {
    if (kind === "reject" && !comment.trim()) {
      setStatus({ kind: "error", message: props.missingComment });
      return;
    }
    startTransition(async () => {
      try {
        const result = await (kind === "approve" ? props.approve : props.reject)(comment);
        setStatus({ kind: result.ok ? "ok" : "error", message: result.ok ? result.message : (result.fieldErrors?.comment?.[0] ?? result.message) });
        if (result.ok) router.refresh();
      } catch {
        setStatus({ kind: "error", message: GENERIC_ERROR });
      }
    });
  }

  return (
    <div className="no-print mt-2 rounded border border-brand-100 bg-brand-50 p-3" role="group" aria-label={props.label}>
      <StatusMessage status={status} />
      <label className="block text-sm">
        {props.commentLabel}
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={1000} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
      </label>
      <div className="mt-2 flex gap-2">
        <button type="button" disabled={pending} onClick={() => decide("approve")} className="rounded bg-green-700 px-3 py-1.5 text-white disabled:opacity-60">
          {props.approveLabel}
        </button>
        <button type="button" disabled={pending} onClick={() => decide("reject")} className="rounded border border-red-300 bg-white px-3 py-1.5 text-red-700 disabled:opacity-60">
          {props.rejectLabel}
        </button>
      </div>
    </div>
  );
}
