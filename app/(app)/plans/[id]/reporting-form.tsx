"use client";

import { updatePlanReporting } from "@/lib/plans/actions.ts";
import { REPORT_CADENCES, REPORT_CADENCE_LABELS, updatePlanReportingSchema } from "@/lib/plans/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

export function ReportingForm({
  planId,
  cadence,
  dueDay,
  graceDays,
}: {
  planId: number;
  cadence: string;
  dueDay: number;
  graceDays: number;
}) {
  const { onSubmit, errors, status, pending } = useActionForm(updatePlanReportingSchema, updatePlanReporting);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="报送周期" className="no-print mb-6 rounded border border-slate-200 bg-white p-4">
      <StatusMessage status={status} />
      <input type="hidden" name="planId" value={planId} />
      <div className="flex flex-wrap items-end gap-4">
        <div className="w-40">
          <SelectField
            name="reportCadence"
            label="报送周期"
            errors={errors}
            defaultValue={cadence}
            options={REPORT_CADENCES.map((c) => ({ value: c, label: REPORT_CADENCE_LABELS[c] }))}
          />
        </div>
        <div className="w-56">
          <TextField
            name="reportDueDay"
            label="截止日(期末次月几日前)"
            type="number"
            min={1}
            max={28}
            errors={errors}
            defaultValue={dueDay}
          />
        </div>
        <div className="w-56">
          <TextField
            name="milestoneGraceDays"
            label="时间节点宽限天数(逾期超过即亮红灯)"
            type="number"
            min={0}
            max={365}
            errors={errors}
            defaultValue={graceDays}
          />
        </div>
        <div className="mb-4">
          <SubmitButton pending={pending}>保存</SubmitButton>
        </div>
      </div>
    </form>
  );
}
