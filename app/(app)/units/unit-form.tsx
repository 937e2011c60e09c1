"use client";

import { useRouter } from "next/navigation";
import { createUnit, updateUnit } from "@/lib/units/actions.ts";
import { createUnitSchema, updateUnitSchema, UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from "@/lib/units/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextareaField, TextField } from "@/components/form/fields.tsx";

type Props = {
  regions: { id: number; name: string }[];
  unit?: { id: number; regionId: number; name: string; shortName: string | null; kind: UnitKind; aliases: string[] };
};

export function UnitForm({ regions, unit }: Props) {
  const router = useRouter();
  const { onSubmit, errors, status, pending } = useActionForm<typeof createUnitSchema | typeof updateUnitSchema, unknown>(
    unit ? updateUnitSchema : createUnitSchema,
    unit ? updateUnit : createUnit,
    { onSuccess: (data) => !unit && router.push(`/units/${(data as { id: number }).id}`) },
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label={unit ? "编辑单位" : "新增单位"} className="max-w-xl">
      <StatusMessage status={status} />
      {unit && <input type="hidden" name="id" value={unit.id} />}
      <SelectField
        name="regionId"
        label="所属区域"
        required
        errors={errors}
        defaultValue={unit?.regionId ?? (regions.length === 1 ? regions[0]!.id : "")}
        placeholder="请选择"
        options={regions.map((r) => ({ value: r.id, label: r.name }))}
      />
      <TextField
        name="name"
        label="单位名称"
        required
        maxLength={100}
        errors={errors}
        defaultValue={unit?.name}
        hint="按文件中的常用写法,如“区司法局”"
      />
      <TextField name="shortName" label="简称" maxLength={50} errors={errors} defaultValue={unit?.shortName ?? ""} />
      <SelectField
        name="kind"
        label="单位类型"
        required
        errors={errors}
        defaultValue={unit?.kind ?? "GOVERNMENT_DEPARTMENT"}
        options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
      />
      <TextareaField
        name="aliases"
        label="别名"
        errors={errors}
        defaultValue={unit?.aliases.join("\n")}
        hint="文件中出现的其他名称,每行一个,如“区发改委”"
      />
      <SubmitButton pending={pending}>{unit ? "保存" : "新增单位"}</SubmitButton>
    </form>
  );
}
