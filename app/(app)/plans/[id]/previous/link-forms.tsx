"use client";

import { useState } from "react";
import { linkMeasuresToPrevious, setPlanPredecessor } from "@/lib/succession/actions.ts";
import { setPlanPredecessorSchema } from "@/lib/succession/schema.ts";
import { useActionForm, useActionRunner } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton } from "@/components/form/fields.tsx";
import { cell, Table } from "@/components/ui/table.tsx";

type Proposal = {
  measureId: number;
  previousId: number;
  score: number;
  confident: boolean;
  measure: { code: string; text: string };
  previous: { code: string; text: string };
};

const excerpt = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}…` : text);

export function PredecessorForm({
  planId,
  choices,
  suggestedId,
}: {
  planId: number;
  choices: { id: number; title: string }[];
  suggestedId: number | null;
}) {
  const { onSubmit, errors, status, pending } = useActionForm(setPlanPredecessorSchema, setPlanPredecessor);
  if (choices.length === 0) return <p className="text-sm text-slate-600">本区县没有其他规划可作为上一期规划。</p>;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="设定上一期规划" className="mb-6 max-w-xl rounded border border-slate-200 bg-white p-4">
      <StatusMessage status={status} />
      <p className="mb-3 text-sm text-slate-700">请先设定本规划接续的上一期规划{suggestedId && "(已按同类规划中最近结束的一个预选)"}。</p>
      <input type="hidden" name="planId" value={planId} />
      <SelectField
        name="predecessorId"
        label="上一期规划"
        errors={errors}
        defaultValue={suggestedId ?? ""}
        placeholder="请选择"
        options={choices.map((c) => ({ value: c.id, label: `《${c.title}》` }))}
      />
      <SubmitButton pending={pending}>设定</SubmitButton>
    </form>
  );
}

export function LinkProposalsForm({ planId, proposals }: { planId: number; proposals: Proposal[] }) {
  const { run, pending } = useActionRunner();
  const [chosen, setChosen] = useState(() => new Set(proposals.filter((p) => p.confident).map((p) => p.measureId)));
  const [error, setError] = useState<string | null>(null);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const links = proposals.filter((p) => chosen.has(p.measureId)).map(({ measureId, previousId }) => ({ measureId, previousId }));
    if (links.length === 0) {
      setError("请至少勾选一项关联");
      return;
    }
    setError(null);
    run(() => linkMeasuresToPrevious({ planId, links }), { onFailure: (f) => setError(f.message) });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="确认关联">
      {error && (
        <p role="alert" className="mb-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      )}
      <Table caption="建议关联的上一期举措" head={["确认", "本规划举措", "上一期举措", "相似度"]}>
        {proposals.map((p) => (
          <tr key={p.measureId}>
            <td className={cell}>
              <input
                type="checkbox"
                aria-label={`确认举措 ${p.measure.code} 延续上一期举措 ${p.previous.code}`}
                checked={chosen.has(p.measureId)}
                onChange={(e) =>
                  setChosen((prev) => {
                    const next = new Set(prev);
                    if (e.target.checked) next.add(p.measureId);
                    else next.delete(p.measureId);
                    return next;
                  })
                }
              />
            </td>
            <td className={`${cell} max-w-md text-sm`}>
              <span className="font-medium">{p.measure.code}</span> {excerpt(p.measure.text)}
            </td>
            <td className={`${cell} max-w-md text-sm`}>
              <span className="font-medium">{p.previous.code}</span> {excerpt(p.previous.text)}
            </td>
            <td className={`${cell} whitespace-nowrap text-sm`}>{Math.round(p.score * 100)}%</td>
          </tr>
        ))}
      </Table>
      <div className="mt-3">
        <SubmitButton pending={pending}>确认关联所选 {chosen.size} 项</SubmitButton>
      </div>
    </form>
  );
}
