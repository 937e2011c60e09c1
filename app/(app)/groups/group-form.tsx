"use client";

import { useRouter } from "next/navigation";
import { createUnitGroup, updateUnitGroup } from "@/lib/groups/actions.ts";
import { createUnitGroupSchema, updateUnitGroupSchema } from "@/lib/groups/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

type Props =
  | { mode: "create"; regions: { id: number; name: string }[] }
  | {
      mode: "edit";
      group: { id: number; name: string; memberIds: number[] };
      units: { id: number; name: string }[];
    };

export function GroupForm(props: Props) {
  const router = useRouter();
  const editing = props.mode === "edit";
  const { onSubmit, errors, status, pending } = useActionForm<typeof createUnitGroupSchema | typeof updateUnitGroupSchema, unknown>(
    editing ? updateUnitGroupSchema : createUnitGroupSchema,
    editing ? updateUnitGroup : createUnitGroup,
    {
      onSuccess: (data) => !editing && router.push(`/groups/${(data as { id: number }).id}`),
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label={editing ? "编辑分组" : "新增分组"}>
      <StatusMessage status={status} />
      {props.mode === "create" ? (
        <SelectField
          name="regionId"
          label="所属区县"
          required
          errors={errors}
          placeholder="请选择"
          defaultValue={props.regions.length === 1 ? props.regions[0]!.id : ""}
          options={props.regions.map((r) => ({ value: r.id, label: r.name }))}
        />
      ) : (
        <input type="hidden" name="id" value={props.group.id} />
      )}
      <TextField
        name="name"
        label="分组名称"
        required
        maxLength={100}
        errors={errors}
        defaultValue={editing ? props.group.name : ""}
        hint="文件中的统称,如“区直各部门”“各街办”"
      />
      {props.mode === "edit" && (
        <fieldset className="mb-4" aria-describedby={errors.memberIds ? "error-memberIds" : undefined}>
          <legend className="text-sm font-medium text-slate-700">成员单位</legend>
          {errors.memberIds && (
            <p id="error-memberIds" className="text-sm text-red-700">
              {errors.memberIds.join(";")}
            </p>
          )}
          <div className="mt-2 grid max-h-96 grid-cols-2 gap-1 overflow-y-auto rounded border border-slate-200 bg-white p-2 md:grid-cols-3">
            {props.units.map((unit) => (
              <label key={unit.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="memberIds[]" value={unit.id} defaultChecked={props.group.memberIds.includes(unit.id)} />
                {unit.name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <SubmitButton pending={pending}>{editing ? "保存" : "新增分组"}</SubmitButton>
    </form>
  );
}
