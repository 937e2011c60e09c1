"use client";

import { useState } from "react";
import { carryOverMeasures, createSuccessorPlan } from "@/lib/succession/actions.ts";
import { createSuccessorPlanSchema } from "@/lib/succession/schema.ts";
import { formValues, useActionForm, useActionRunner } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";
import type { FieldErrors } from "@/lib/validation.ts";

type Measure = { id: number; code: string; text: string; deadlineLabel: string; continuedBy: string[] };
type Target = { id: number; title: string };

/**
 * 结转未完成举措 on a closed plan's page: every unfinished measure ticked, a
 * target plan to choose (or a new one to create), confirm → toast.
 */
export function CarryOverForm({ planId, measures, targets }: { planId: number; measures: Measure[]; targets: Target[] }) {
  const { run, pending } = useActionRunner();
  const [errors, setErrors] = useState<FieldErrors>({});
  // A measure a new plan already continues (延续) starts unticked: carrying it would repeat it there.
  const initial = () => new Set(measures.filter((m) => m.continuedBy.length === 0).map((m) => m.id));
  const [chosen, setChosen] = useState(initial);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    run(() => carryOverMeasures({ ...values, fromPlanId: planId }), {
      onSuccess: () => setErrors({}),
      onFailure: (failure) => setErrors(failure.fieldErrors ?? {}),
    });
  }

  const toggleAll = (on: boolean) => setChosen(on ? new Set(measures.map((m) => m.id)) : new Set());

  return (
    <div>
      {targets.length > 0 && measures.length > 0 && (
        <form onSubmit={submit} noValidate aria-label="结转未完成举措">
          <div className="max-w-xl">
            <SelectField
              idPrefix="carry-"
              name="toPlanId"
              label="结转到"
              errors={errors}
              options={targets.map((t) => ({ value: t.id, label: `《${t.title}》` }))}
            />
          </div>
          <div className="mb-2 flex gap-3 text-sm">
            <button type="button" className="text-brand-700 hover:underline" onClick={() => toggleAll(true)}>
              全选
            </button>
            <button type="button" className="text-brand-700 hover:underline" onClick={() => toggleAll(false)}>
              全不选
            </button>
            <span className="text-slate-600">
              已选 {chosen.size} / {measures.length} 项
            </span>
          </div>
          {errors.measureIds && (
            <p className="mb-2 text-sm text-red-700" role="alert">
              {errors.measureIds.join(";")}
            </p>
          )}
          <ul className="mb-3 max-h-96 space-y-1 overflow-y-auto rounded border border-slate-200 p-2 text-sm">
            {measures.map((m) => (
              <li key={m.id}>
                <label className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    name="measureIds[]"
                    value={m.id}
                    checked={chosen.has(m.id)}
                    onChange={(e) =>
                      setChosen((prev) => {
                        const next = new Set(prev);
                        if (e.target.checked) next.add(m.id);
                        else next.delete(m.id);
                        return next;
                      })
                    }
                    className="mt-1"
                  />
                  <span>
                    <span className="font-medium">{m.code}</span> {m.text.length > 80 ? `${m.text.slice(0, 80)}…` : m.text}
                    <span className="ml-2 text-xs text-slate-500">完成时限:{m.deadlineLabel}</span>
                    {m.continuedBy.length > 0 && <span className="ml-2 text-xs text-amber-800">已由{m.continuedBy.join("、")}延续</span>}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <p className="mb-3 text-xs text-slate-600">
            结转后,新规划中的举措沿用原举措的内容、编号和承担单位;完成时限尚未到期的保留,已过期的不再沿用,由司法局在新规划中重新确定。原举措的报送、审核和延期记录留在本规划,可从新举措的“来源”查看。
          </p>
          <SubmitButton pending={pending}>结转所选举措</SubmitButton>
        </form>
      )}
      <SuccessorPlanForm predecessorId={planId} open={targets.length === 0} />
    </div>
  );
}

function SuccessorPlanForm({ predecessorId, open }: { predecessorId: number; open: boolean }) {
  const { onSubmit, errors, status, pending } = useActionForm(createSuccessorPlanSchema, createSuccessorPlan);
  return (
    <details className="mt-4" open={open}>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">新建接续规划</summary>
      <form onSubmit={onSubmit} noValidate aria-label="新建接续规划" className="mt-2">
        <StatusMessage status={status} />
        <input type="hidden" name="predecessorId" value={predecessorId} />
        <div className="flex flex-wrap items-end gap-4">
          <div className="min-w-72 flex-1">
            <TextField idPrefix="successor-" name="title" label="规划标题" required errors={errors} />
          </div>
          <div className="w-28">
            <TextField idPrefix="successor-" name="periodStart" label="起始年份" type="number" required errors={errors} />
          </div>
          <div className="w-28">
            <TextField idPrefix="successor-" name="periodEnd" label="结束年份" type="number" required errors={errors} />
          </div>
          <div className="mb-4">
            <SubmitButton pending={pending}>新建(草案)</SubmitButton>
          </div>
        </div>
      </form>
    </details>
  );
}
