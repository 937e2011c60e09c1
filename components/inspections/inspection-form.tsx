"use client";

import { useRouter } from "next/navigation";
import { createInspection } from "@/lib/inspections/actions.ts";
import { createInspectionSchema } from "@/lib/inspections/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextareaField, TextField } from "@/components/form/fields.tsx";

export function InspectionForm({ regions, today }: { regions: { id: number; name: string }[]; today: string }) {
  const router = useRouter();
  const { onSubmit, errors, status, pending } = useActionForm(createInspectionSchema, createInspection, {
    onSuccess: (data) => router.push(`/inspections/${data.id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="登记督察" className="max-w-2xl">
      <StatusMessage status={status} />
      <SelectField
        name="regionId"
        label="被督察的区域"
        required
        errors={errors}
        defaultValue={regions.length === 1 ? regions[0]!.id : ""}
        placeholder="请选择"
        options={regions.map((r) => ({ value: r.id, label: r.name }))}
      />
      <TextField name="title" label="督察名称" required maxLength={200} errors={errors} hint="如“2024年度法治政府建设督察”" />
      <TextField name="inspector" label="督察组织" maxLength={200} errors={errors} hint="如“市委依法治市办督察组”" />
      <TextField name="inspectedOn" label="督察日期" type="date" required max={today} errors={errors} />
      <TextareaField name="description" label="督察情况说明" rows={4} maxLength={5000} errors={errors} />
      <SubmitButton pending={pending}>登记督察</SubmitButton>
    </form>
  );
}
