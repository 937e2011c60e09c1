"use client";

import { importPlanLedger } from "@/lib/plans/actions.ts";
import { StatusMessage, SubmitButton } from "@/components/form/fields.tsx";
import { useActionForm } from "@/components/form/use-action-form.ts";

/** Uploads an edited ledger; every problem comes back with its row, and nothing is written until there are none. */
export function LedgerImportForm({ regionId }: { regionId: number }) {
  // The file is read by the action alone (importPlanLedger), so there is no schema to check first.
  const { onSubmit, errors, status, pending } = useActionForm(null, importPlanLedger, { upload: true });
  const problems = errors.file ?? [];

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
      <input type="hidden" name="regionId" value={regionId} />
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
