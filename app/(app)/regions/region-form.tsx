"use client";

import { createRegion, updateRegion } from "@/lib/regions/actions.ts";
import { createRegionSchema, updateRegionSchema, REGION_LEVELS, REGION_LEVEL_LABELS } from "@/lib/regions/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

export function CreateRegionForm({ parents }: { parents: { id: number; name: string }[] }) {
  const { onSubmit, errors, status, pending } = useActionForm(createRegionSchema, createRegion, {
    onSuccess: (_data, form) => form.reset(),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="新增区域">
      <StatusMessage status={status} />
      <TextField name="name" label="名称" required maxLength={50} errors={errors} />
      <TextField name="code" label="区划代码" required inputMode="numeric" errors={errors} hint="6 至 12 位数字,如 420204" />
      <SelectField
        name="level"
        label="层级"
        required
        errors={errors}
        defaultValue="DISTRICT"
        options={REGION_LEVELS.map((l) => ({ value: l, label: REGION_LEVEL_LABELS[l] }))}
      />
      <SelectField
        name="parentId"
        label="上级区域"
        errors={errors}
        placeholder="(无,顶级区域)"
        options={parents.map((p) => ({ value: p.id, label: p.name }))}
      />
      <SubmitButton pending={pending}>新增区域</SubmitButton>
    </form>
  );
}

export function EditRegionForm({ region }: { region: { id: number; name: string; code: string } }) {
  const { onSubmit, errors, status, pending } = useActionForm(updateRegionSchema, updateRegion);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="编辑区域" className="max-w-xl">
      <StatusMessage status={status} />
      <input type="hidden" name="id" value={region.id} />
      <TextField name="name" label="名称" required maxLength={50} errors={errors} defaultValue={region.name} />
      <TextField name="code" label="区划代码" required inputMode="numeric" errors={errors} defaultValue={region.code} />
      <SubmitButton pending={pending}>保存</SubmitButton>
    </form>
  );
}
