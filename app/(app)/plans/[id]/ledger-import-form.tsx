"use client";

import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { importPlanLedger } from "@/lib/plans/actions.ts";
import { GENERIC_ERROR } from "@/lib/errors.ts";
import { StatusMessage, SubmitButton } from "@/components/form/fields.tsx";
import type { FormStatus } from "@/components/form/use-action-form.ts";

/** Uploads an edited ledger; every problem comes back with its row, and nothing is written until there are none. */
export function LedgerImportForm({ regionId }: { regionId: number }) {
  const router = useRouter();
  const [status, setStatus] = useState<FormStatus>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("regionId", String(regionId));
    startTransition(async () => {
      try {
        const result = await importPlanLedger(form);
        setStatus({ kind: result.ok ? "ok" : "error", message: result.message });
        setProblems(result.ok ? [] : (result.fieldErrors?.file ?? []));
        if (result.ok) router.refresh();
      } catch {
        setStatus({ kind: "error", message: GENERIC_ERROR });
      }
    });
  }

  return (
    <form onSubmit={onSubmit} aria-label="导入分工台账" className="no-print mb-6 rounded border border-slate-200 bg-white p-4">
      <StatusMessage status={status} />
      {problems.length > 0 && (
        <ul className="mb-3 list-disc pl-6 text-sm text-red-800">
          {problems.slice(0, 50).map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          分工台账文件(.xlsx)
          <input name="file" type="file" accept=".xlsx" required className="mt-1 block text-sm" />
        </label>
        <SubmitButton pending={pending}>导入台账</SubmitButton>
      </div>
      <p className="mt-2 text-xs text-slate-500">按导出的台账格式修改后导入;按序号更新举措,不会重复。</p>
    </form>
  );
}
