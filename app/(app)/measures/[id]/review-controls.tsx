"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { approveProgressReport, returnProgressReport } from "@/lib/progress/actions.ts";
import { GENERIC_ERROR } from "@/lib/errors.ts";
import { StatusMessage } from "@/components/form/fields.tsx";
import type { FormStatus } from "@/components/form/use-action-form.ts";

export function ReviewControls({ reportId, version, unitName }: { reportId: number; version: number; unitName: string }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [status, setStatus] = useState<FormStatus>(null);
  const [pending, startTransition] = useTransition();

  function decide(kind: "approve" | "return") {
    if (kind === "return" && !comment.trim()) {
      setStatus({ kind: "error", message: "退回时请填写退回意见" });
      return;
    }
    startTransition(async () => {
      try {
        const input = { reportId, version, comment };
        const result = kind === "approve" ? await approveProgressReport(input) : await returnProgressReport(input);
        setStatus({ kind: result.ok ? "ok" : "error", message: result.message });
        if (result.ok) router.refresh();
      } catch {
        setStatus({ kind: "error", message: GENERIC_ERROR });
      }
    });
  }

  return (
    <div className="no-print mt-2 rounded border border-brand-100 bg-brand-50 p-3" role="group" aria-label={`审核${unitName}的报送`}>
      <StatusMessage status={status} />
      <label className="block text-sm">
        退回意见
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={1000} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
      </label>
      <div className="mt-2 flex gap-2">
        <button type="button" disabled={pending} onClick={() => decide("approve")} className="rounded bg-green-700 px-3 py-1.5 text-white disabled:opacity-60">
          审核通过
        </button>
        <button type="button" disabled={pending} onClick={() => decide("return")} className="rounded border border-red-300 bg-white px-3 py-1.5 text-red-700 disabled:opacity-60">
          退回
        </button>
      </div>
    </div>
  );
}
