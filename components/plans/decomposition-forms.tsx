"use client";

import { useMemo, useState } from "react";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/run.ts";
import {
  confirmParentItemProposals,
  linkMeasureToParentItem,
  setPlanParent,
  unlinkMeasureFromParentItem,
} from "@/lib/plans/decomposition-actions.ts";
import { setPlanParentSchema } from "@/lib/plans/decomposition-schema.ts";
import { useActionForm, useActionRunner } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton } from "@/components/form/fields.tsx";

/** Which 规划 this plan divides (Plan.parentId), chosen by the bureau. */
export function PlanParentForm({
  planId,
  parentId,
  candidates,
}: {
  planId: number;
  parentId: number | null;
  candidates: { id: number; title: string }[];
}) {
  const { onSubmit, errors, status, pending } = useActionForm(setPlanParentSchema, setPlanParent);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="上级规划" className="no-print mb-6 rounded border border-slate-200 bg-white p-4">
      <StatusMessage status={status} />
      <input type="hidden" name="planId" value={planId} />
      <div className="flex flex-wrap items-end gap-4">
        <div className="w-96 max-w-full">
          <SelectField
            name="parentPlanId"
            label="上级规划(本方案分解落实的规划)"
            hint="更换上级规划会取消本方案举措与原规划条目的对应"
            errors={errors}
            defaultValue={parentId ?? ""}
            placeholder="无"
            options={candidates.map((c) => ({ value: c.id, label: c.title }))}
          />
        </div>
        <div className="mb-4">
          <SubmitButton pending={pending}>保存</SubmitButton>
        </div>
      </div>
    </form>
  );
}

/** The parent item one measure implements: a select of the parent plan's items, per row. */
export function ParentItemForm({
  measureId,
  measureCode,
  itemId,
  items,
}: {
  measureId: number;
  measureCode: string;
  itemId: number | null;
  items: { id: number; label: string }[];
}) {
  // Every row has such a select and a field's id comes from its name: named after the measure, mapped to parentItemId.
  const field = `parentItemId-${measureId}`;
  const schema = useMemo(() => z.object({ [field]: z.string().min(1, { error: "请选择上级规划条目" }) }), [field]);
  async function submit(values: unknown): Promise<ActionResult<null>> {
    const result = await linkMeasureToParentItem({ measureId, parentItemId: (values as Record<string, unknown>)[field] });
    if (result.ok || !result.fieldErrors?.parentItemId) return result;
    const { parentItemId, ...rest } = result.fieldErrors;
    return { ...result, fieldErrors: { ...rest, [field]: parentItemId } };
  }
  const { onSubmit, errors, status, pending } = useActionForm(schema, submit);
  const runner = useActionRunner();
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`举措 ${measureCode} 对应的上级规划条目`} className="no-print mt-1">
      <StatusMessage status={status} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-64">
          <SelectField
            name={field}
            label={`举措 ${measureCode} 落实的上级条目`}
            errors={errors}
            defaultValue={itemId ?? ""}
            placeholder="请选择"
            options={items.map((i) => ({ value: i.id, label: i.label }))}
          />
        </div>
        <div className="mb-4 flex gap-2">
          <SubmitButton pending={pending}>保存</SubmitButton>
          {itemId !== null && (
            <button
              type="button"
              disabled={runner.pending}
              onClick={() => runner.run(() => unlinkMeasureFromParentItem({ measureId }))}
              className="rounded border border-slate-300 px-3 py-2 text-slate-700 hover:bg-slate-50 disabled:opacity-50"
            >
              取消对应
            </button>
          )}
        </div>
      </div>
    </form>
  );
}

export type ProposalRow = { measureId: number; code: string; text: string; itemId: number; itemLabel: string; score: number };

/** The proposals by text similarity, each ticked by default; the bureau confirms the ticked ones. */
export function ParentItemProposals({ planId, proposals }: { planId: number; proposals: ProposalRow[] }) {
  const [ticked, setTicked] = useState(() => new Set(proposals.map((p) => p.measureId)));
  const [error, setError] = useState<string | null>(null);
  const runner = useActionRunner();
  const confirm = () =>
    runner.run(
      () =>
        confirmParentItemProposals({
          planId,
          links: proposals.filter((p) => ticked.has(p.measureId)).map((p) => ({ measureId: p.measureId, parentItemId: p.itemId })),
        }),
      { onSuccess: () => setError(null), onFailure: (f) => setError(f.fieldErrors?.links?.[0] ?? f.message) },
    );
  return (
    <div>
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">对应建议</caption>
        <thead>
          <tr className="bg-slate-100 text-left">
            <th scope="col" className="border border-slate-200 px-3 py-2">
              确认
            </th>
            <th scope="col" className="border border-slate-200 px-3 py-2">
              举措
            </th>
            <th scope="col" className="border border-slate-200 px-3 py-2">
              建议对应的上级规划条目
            </th>
            <th scope="col" className="border border-slate-200 px-3 py-2">
              相似度
            </th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((p) => (
            <tr key={p.measureId}>
              <td className="border border-slate-200 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={`确认举措 ${p.code} 的对应`}
                  checked={ticked.has(p.measureId)}
                  onChange={(e) =>
                    setTicked((prev) => {
                      const next = new Set(prev);
                      if (e.target.checked) next.add(p.measureId);
                      else next.delete(p.measureId);
                      return next;
                    })
                  }
                />
              </td>
              <td className="border border-slate-200 px-3 py-2">
                {p.code} {p.text.slice(0, 80)}
              </td>
              <td className="border border-slate-200 px-3 py-2">{p.itemLabel}</td>
              <td className="border border-slate-200 px-3 py-2 whitespace-nowrap">{Math.round(p.score * 100)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      )}
      <button
        type="button"
        disabled={runner.pending || ticked.size === 0}
        onClick={confirm}
        className="mt-4 rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-800 disabled:opacity-50"
      >
        确认所勾选的 {ticked.size} 项对应
      </button>
    </div>
  );
}
