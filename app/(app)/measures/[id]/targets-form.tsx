"use client";

import { useState } from "react";
import { completeMilestone, saveAnnualTargets } from "@/lib/targets/actions.ts";
import { MAX_ROWS, saveAnnualTargetsSchema } from "@/lib/targets/schema.ts";
import { prefilledTarget, type TargetsFormYear } from "@/lib/targets/form-data.ts";
import { keepEnterFromSubmitting, useActionForm, useActionRunner } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextareaField } from "@/components/form/fields.tsx";

export type { TargetsFormYear };

type IndicatorRow = { key: string; id: string; name: string; unitOfMeasure: string; targetValue: string };
type MilestoneRow = { key: string; id: string; title: string; dueDate: string };

let nextKey = 0;
const newKey = () => `row-${++nextKey}`;

const input = "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-slate-900";
const smallButton = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";

/**
 * One form for a year: the target text, the indicator rows and the milestone
 * rows, added and removed on the page; rows go as parallel lists. Choosing
 * another year loads that year's rows. Nothing typed is lost on an error.
 */
export function TargetsForm({
  measureId,
  leadUnits,
  years,
  defaultYear,
}: {
  measureId: number;
  leadUnits: { id: number; name: string }[];
  years: TargetsFormYear[];
  defaultYear: number;
}) {
  const [year, setYear] = useState(defaultYear);
  // A liaison's only choice is its own unit; bureau staff start with the first lead unit's.
  const [unitId, setUnitId] = useState(leadUnits[0]?.id);
  const unitName = leadUnits.find((u) => u.id === unitId)?.name ?? "";
  const data = years.find((y) => y.year === year);
  const { onSubmit, errors, status, pending } = useActionForm(saveAnnualTargetsSchema, saveAnnualTargets);
  const yearChoices = [...new Set([defaultYear - 1, defaultYear, defaultYear + 1, ...years.map((y) => y.year)])].sort((a, b) => a - b);
  return (
    <details className="rounded border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-medium text-brand-700">设定或修改年度目标、工作指标和时间节点</summary>
      <form onSubmit={onSubmit} onKeyDown={keepEnterFromSubmitting} noValidate aria-label="年度目标与时间节点" className="mt-3">
        <StatusMessage status={status} />
        <input type="hidden" name="measureId" value={measureId} />
        <div className="flex flex-wrap gap-4">
          <div className="w-40">
            <label htmlFor="targets-year" className="block text-sm font-medium text-slate-700">
              年度
            </label>
            <select id="targets-year" name="year" className={input} value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {yearChoices.map((y) => (
                <option key={y} value={y}>
                  {y} 年
                </option>
              ))}
            </select>
          </div>
          {leadUnits.length > 1 && (
            <div className="w-56">
              <SelectField
                name="unitId"
                label="牵头单位"
                errors={errors}
                value={String(unitId ?? "")}
                onChange={(e) => setUnitId(Number(e.target.value))}
                options={leadUnits.map((u) => ({ value: String(u.id), label: u.name }))}
              />
            </div>
          )}
        </div>
        {/* Remounted per year and per version read, so the saved rows (with their ids) are the starting point. */}
        <input type="hidden" name="version" value={data?.version ?? ""} />
        <YearFields key={`${year}:${data?.version ?? ""}`} data={data} unitId={unitId} unitName={unitName} errors={errors} />
        <SubmitButton pending={pending}>保存{year}年度目标</SubmitButton>
      </form>
    </details>
  );
}

function YearFields({
  data,
  unitId,
  unitName,
  errors,
}: {
  data: TargetsFormYear | undefined;
  unitId: number | undefined;
  unitName: string;
  errors: Record<string, string[]>;
}) {
  const [indicators, setIndicators] = useState<IndicatorRow[]>(
    () =>
      data?.indicators.map((i) => ({
        key: newKey(),
        id: String(i.id),
        name: i.name,
        unitOfMeasure: i.unitOfMeasure,
        targetValue: i.targetValue,
      })) ?? [],
  );
  const [milestones, setMilestones] = useState<MilestoneRow[]>(
    () => data?.milestones.map((m) => ({ key: newKey(), id: String(m.id), title: m.title, dueDate: m.dueDate })) ?? [],
  );
  const change = <T extends { key: string }>(set: (f: (rows: T[]) => T[]) => void, key: string, field: keyof T, value: string) =>
    set((rows) => rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  return (
    <>
      {/* Remounted per unit: each lead unit sets its own target text; the label says whose. */}
      <TextareaField
        key={unitId}
        name="target"
        label={unitName ? `年度目标(${unitName})` : "年度目标"}
        required
        rows={3}
        maxLength={2000}
        errors={errors}
        defaultValue={prefilledTarget(data, unitId)}
      />

      <fieldset className="mb-4" aria-describedby={errors.indicators ? "error-indicators" : undefined}>
        <legend className="text-sm font-medium text-slate-700">工作指标</legend>
        {indicators.length === 0 && <p className="mt-1 text-sm text-slate-500">未设工作指标</p>}
        {indicators.map((row, index) => (
          <div key={row.key} className="mt-2 grid grid-cols-2 gap-2 rounded border border-slate-100 p-2 sm:grid-cols-[2fr_1fr_1fr_auto]">
            <input type="hidden" name="indicatorId[]" value={row.id} />
            <label className="col-span-2 text-sm sm:col-span-1">
              第 {index + 1} 个指标名称
              <input
                className={input}
                name="indicatorName[]"
                value={row.name}
                maxLength={200}
                onChange={(e) => change(setIndicators, row.key, "name", e.target.value)}
              />
            </label>
            <label className="text-sm">
              计量单位
              <input
                className={input}
                name="indicatorUnit[]"
                value={row.unitOfMeasure}
                maxLength={20}
                onChange={(e) => change(setIndicators, row.key, "unitOfMeasure", e.target.value)}
              />
            </label>
            <label className="text-sm">
              目标值
              <input
                className={input}
                name="indicatorTarget[]"
                inputMode="decimal"
                value={row.targetValue}
                onChange={(e) => change(setIndicators, row.key, "targetValue", e.target.value)}
              />
            </label>
            <div className="col-span-2 flex items-end sm:col-span-1">
              <button
                type="button"
                className={smallButton}
                onClick={() => setIndicators((rows) => rows.filter((r) => r.key !== row.key))}
                aria-label={`删除第 ${index + 1} 个指标`}
              >
                删除
              </button>
            </div>
          </div>
        ))}
        {errors.indicators && (
          <p id="error-indicators" className="mt-1 text-sm text-red-700">
            {errors.indicators.join(";")}
          </p>
        )}
        {indicators.length < MAX_ROWS && (
          <button
            type="button"
            className={`${smallButton} mt-2`}
            onClick={() => setIndicators((rows) => [...rows, { key: newKey(), id: "", name: "", unitOfMeasure: "", targetValue: "" }])}
          >
            添加工作指标
          </button>
        )}
      </fieldset>

      <fieldset className="mb-4" aria-describedby={errors.milestones ? "error-milestones" : undefined}>
        <legend className="text-sm font-medium text-slate-700">时间节点</legend>
        {milestones.length === 0 && <p className="mt-1 text-sm text-slate-500">未设时间节点</p>}
        {milestones.map((row, index) => (
          <div key={row.key} className="mt-2 grid grid-cols-2 gap-2 rounded border border-slate-100 p-2 sm:grid-cols-[1fr_2fr_auto]">
            <input type="hidden" name="milestoneId[]" value={row.id} />
            <label className="col-span-2 text-sm sm:col-span-1">
              第 {index + 1} 个时间节点日期
              <input
                className={input}
                type="date"
                name="milestoneDue[]"
                value={row.dueDate}
                onChange={(e) => change(setMilestones, row.key, "dueDate", e.target.value)}
              />
            </label>
            <label className="col-span-2 text-sm sm:col-span-1">
              完成事项
              <input
                className={input}
                name="milestoneTitle[]"
                value={row.title}
                maxLength={500}
                onChange={(e) => change(setMilestones, row.key, "title", e.target.value)}
              />
            </label>
            <div className="col-span-2 flex items-end sm:col-span-1">
              <button
                type="button"
                className={smallButton}
                onClick={() => setMilestones((rows) => rows.filter((r) => r.key !== row.key))}
                aria-label={`删除第 ${index + 1} 个时间节点`}
              >
                删除
              </button>
            </div>
          </div>
        ))}
        {errors.milestones && (
          <p id="error-milestones" className="mt-1 text-sm text-red-700">
            {errors.milestones.join(";")}
          </p>
        )}
        {milestones.length < MAX_ROWS && (
          <button
            type="button"
            className={`${smallButton} mt-2`}
            onClick={() => setMilestones((rows) => [...rows, { key: newKey(), id: "", title: "", dueDate: "" }])}
          >
            添加时间节点
          </button>
        )}
      </fieldset>
    </>
  );
}

export function CompleteMilestoneButton({ milestoneId, title }: { milestoneId: number; title: string }) {
  const { run, pending } = useActionRunner();
  return (
    <button
      type="button"
      className={smallButton}
      disabled={pending}
      onClick={() => run(() => completeMilestone({ milestoneId }))}
      aria-label={`将时间节点「${title}」标记为完成`}
    >
      {pending ? "正在保存……" : "完成"}
    </button>
  );
}
