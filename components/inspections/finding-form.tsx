"use client";

import { useState } from "react";
import { addFinding } from "@/lib/inspections/actions.ts";
import { addFindingSchema } from "@/lib/inspections/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { StatusMessage, SubmitButton, TextareaField, TextField } from "@/components/form/fields.tsx";

type Props = {
  inspectionId: number;
  inspectedOn: string;
  units: { id: number; name: string }[];
  measures: { id: number; code: string; text: string; plan: { id: number; title: string } }[];
};

/**
 * One finding and the units that must rectify it. The units are checkboxes
 * (Tab moves, Space ticks), narrowed by typing part of a name; a ticked unit
 * stays visible while filtering so it can be unticked.
 */
export function FindingForm({ inspectionId, inspectedOn, units, measures }: Props) {
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [filter, setFilter] = useState("");
  const { onSubmit, errors, status, pending } = useActionForm(addFindingSchema, addFinding, {
    onSuccess: (_data, form) => {
      form.reset();
      setChosen(new Set());
      setFilter("");
    },
  });
  const plans = [...new Map(measures.map((m) => [m.plan.id, m.plan.title])).entries()];
  const visible = units.filter((u) => chosen.has(u.id) || !filter.trim() || u.name.includes(filter.trim()));
  const toggle = (id: number, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="录入督察发现的问题" className="rounded border border-slate-200 bg-white p-4">
      <StatusMessage status={status} />
      <input type="hidden" name="inspectionId" value={inspectionId} />
      <TextareaField name="text" label="督察发现的问题" required rows={3} maxLength={2000} errors={errors} />
      <fieldset className="mb-4" aria-describedby={errors.unitIds ? "error-unitIds" : "hint-unitIds"}>
        <legend className="text-sm font-medium text-slate-700">
          整改单位
          <span className="ml-0.5 text-red-700" aria-hidden="true">
            *
          </span>
          <span className="ml-2 font-normal text-slate-600">已选 {chosen.size} 个</span>
        </legend>
        <label className="mt-1 block text-sm text-slate-700">
          按名称筛选单位
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => e.key === "Enter" && e.preventDefault()}
            className="ml-2 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <p id="hint-unitIds" className="mt-1 text-xs text-slate-500">
          每个单位生成一项整改任务,由该单位联络员报送整改情况
        </p>
        <div className="mt-2 grid max-h-56 grid-cols-2 gap-x-4 gap-y-1 overflow-y-auto rounded border border-slate-200 p-2 md:grid-cols-3">
          {units.map((unit) => (
            <label key={unit.id} className={`flex items-center gap-2 text-sm ${visible.includes(unit) ? "" : "hidden"}`}>
              <input
                type="checkbox"
                name="unitIds[]"
                value={unit.id}
                checked={chosen.has(unit.id)}
                onChange={(e) => toggle(unit.id, e.target.checked)}
                aria-invalid={errors.unitIds ? true : undefined}
              />
              {unit.name}
            </label>
          ))}
          {visible.length === 0 && <p className="text-sm text-slate-500">没有名称含“{filter}”的单位</p>}
        </div>
        {errors.unitIds && (
          <p id="error-unitIds" className="mt-1 text-sm text-red-700">
            {errors.unitIds.join(";")}
          </p>
        )}
      </fieldset>
      <div className="mb-4">
        <label htmlFor="field-measureId" className="block text-sm font-medium text-slate-700">
          关联举措(可不选)
        </label>
        <select
          id="field-measureId"
          name="measureId"
          defaultValue=""
          aria-invalid={errors.measureId ? true : undefined}
          aria-describedby={errors.measureId ? "error-measureId" : undefined}
          className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2"
        >
          <option value="">不关联举措</option>
          {plans.map(([planId, title]) => (
            <optgroup key={planId} label={title}>
              {measures
                .filter((m) => m.plan.id === planId)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.code} {m.text.slice(0, 50)}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        {errors.measureId && (
          <p id="error-measureId" className="mt-1 text-sm text-red-700">
            {errors.measureId.join(";")}
          </p>
        )}
      </div>
      <TextField name="deadline" label="整改期限" type="date" required min={inspectedOn} errors={errors} />
      <SubmitButton pending={pending}>录入问题并生成整改任务</SubmitButton>
    </form>
  );
}
