"use client";

import { useRouter } from "next/navigation";
import {
  addAssessmentAdjustment,
  createAssessment,
  publishAssessment,
  removeAssessmentAdjustment,
  updateAssessmentRules,
} from "@/lib/assessments/actions.ts";
import {
  addAdjustmentSchema,
  capField,
  createAssessmentSchema,
  isAddition,
  pointsField,
  publishAssessmentSchema,
  removeAdjustmentSchema,
  RULE_CODES,
  RULE_LABELS,
  updateRulesSchema,
} from "@/lib/assessments/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

// The bureau's forms on the 考核 pages. Each validates with the action's own
// schema, keeps what was typed on failure and shows errors beside the fields.

export function CreateAssessmentForm({ districts, defaultYear }: { districts: { id: number; name: string }[]; defaultYear: number }) {
  const router = useRouter();
  const { onSubmit, errors, status, pending } = useActionForm(createAssessmentSchema, createAssessment, {
    onSuccess: (data) => router.push(`/assessments/${data.id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="新建考核" className="mb-6 max-w-xl rounded border border-slate-200 bg-white p-4">
      <h2 className="mb-3 text-lg font-semibold">新建考核</h2>
      <StatusMessage status={status} />
      {districts.length === 1 ? (
        <input type="hidden" name="regionId" value={districts[0]!.id} />
      ) : (
        <SelectField
          name="regionId"
          label="区县"
          required
          errors={errors}
          placeholder="请选择"
          options={districts.map((d) => ({ value: d.id, label: d.name }))}
        />
      )}
      <TextField
        name="year"
        label="考核年度"
        type="number"
        inputMode="numeric"
        required
        errors={errors}
        defaultValue={defaultYear}
        hint="每个区县每年一套考核方案;规则先按默认值填好,发布前可以修改"
      />
      <SubmitButton pending={pending}>新建考核</SubmitButton>
    </form>
  );
}

export function RulesForm({ id, version, values }: { id: number; version: number; values: Record<string, string> }) {
  const { onSubmit, errors, status, pending } = useActionForm(updateRulesSchema, updateAssessmentRules);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="考核规则">
      <StatusMessage status={status} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {/* The fields start again from the saved rules at each new version; the form, and its status line saying the save worked, stay. */}
      <div key={version}>
        <div className="grid gap-x-4 sm:grid-cols-3">
          <TextField name="baseScore" label="基础分" required inputMode="decimal" errors={errors} defaultValue={values.baseScore} />
          <TextField name="floor" label="最低分" inputMode="decimal" errors={errors} defaultValue={values.floor} hint="留空为不设" />
          <TextField name="ceiling" label="最高分" inputMode="decimal" errors={errors} defaultValue={values.ceiling} hint="留空为不设" />
        </div>
        <div className="grid gap-x-4 sm:grid-cols-2">
          {RULE_CODES.map((code) => (
            <fieldset key={code} className="mb-2 rounded border border-slate-200 p-3">
              <legend className="px-1 text-sm font-semibold">
                {RULE_LABELS[code]}({isAddition(code) ? "加分" : "扣分"})
              </legend>
              <div className="grid grid-cols-2 gap-x-3">
                <TextField
                  name={pointsField(code)}
                  label="每项分值"
                  required
                  inputMode="decimal"
                  errors={errors}
                  defaultValue={values[pointsField(code)]}
                />
                <TextField
                  name={capField(code)}
                  label="上限"
                  inputMode="decimal"
                  errors={errors}
                  defaultValue={values[capField(code)]}
                  hint="留空为不设上限"
                />
              </div>
            </fieldset>
          ))}
        </div>
      </div>
      <SubmitButton pending={pending}>保存规则</SubmitButton>
    </form>
  );
}

export function AdjustmentForm({
  assessmentId,
  version,
  units,
}: {
  assessmentId: number;
  version: number;
  units: { id: number; name: string }[];
}) {
  const { onSubmit, errors, status, pending } = useActionForm(addAdjustmentSchema, addAssessmentAdjustment, {
    onSuccess: (_data, form) => form.reset(),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="添加人工调整" className="max-w-xl">
      <StatusMessage status={status} />
      <input type="hidden" name="assessmentId" value={assessmentId} />
      <input type="hidden" name="version" value={version} />
      <SelectField
        name="unitId"
        label="单位"
        required
        errors={errors}
        placeholder="请选择"
        options={units.map((u) => ({ value: u.id, label: u.name }))}
      />
      <TextField name="points" label="调整分值" required inputMode="decimal" errors={errors} hint="加分填正数,扣分填负数,如 2 或 -1.5" />
      <TextField name="reason" label="调整理由" required maxLength={500} errors={errors} />
      <SubmitButton pending={pending}>添加调整</SubmitButton>
    </form>
  );
}

export function RemoveAdjustmentButton({ id, version, label }: { id: number; version: number; label: string }) {
  const { onSubmit, status, pending } = useActionForm(removeAdjustmentSchema, removeAssessmentAdjustment);
  return (
    <form
      onSubmit={(event) => {
        if (!window.confirm(`删除调整“${label}”?`)) event.preventDefault();
        else onSubmit(event);
      }}
    >
      <StatusMessage status={status} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`删除调整:${label}`}
        className="rounded border border-red-300 bg-white px-2 py-1 text-sm text-red-700 hover:bg-red-50"
      >
        删除
      </button>
    </form>
  );
}

export function PublishAssessmentButton({ id, version, title, units }: { id: number; version: number; title: string; units: number }) {
  const { onSubmit, status, pending } = useActionForm(publishAssessmentSchema, publishAssessment);
  return (
    <form
      onSubmit={(event) => {
        if (!window.confirm(`发布“${title}”?发布后 ${units} 个单位的得分和排名将固定,规则和调整不能再修改。`)) event.preventDefault();
        else onSubmit(event);
      }}
    >
      <StatusMessage status={status} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton pending={pending}>发布考核</SubmitButton>
    </form>
  );
}
