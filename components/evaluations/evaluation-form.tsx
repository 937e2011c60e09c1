"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createEvaluation } from "@/lib/evaluations/actions.ts";
import { createEvaluationSchema, defaultEvaluationTitle } from "@/lib/evaluations/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

type PlanOption = { id: number; title: string; regionName: string; start: string | null };

export function EvaluationForm({ plans, today, initialPlanId }: { plans: PlanOption[]; today: string; initialPlanId?: number }) {
  const router = useRouter();
  const { onSubmit, errors, status, pending } = useActionForm(createEvaluationSchema, createEvaluation, {
    onSuccess: (data) => router.push(`/evaluations/${data.id}`),
  });
  const first = initialPlanId ?? (plans.length === 1 ? plans[0]!.id : undefined);
  const [planId, setPlanId] = useState<number | undefined>(first);
  const planTitle = (id: number | undefined) => plans.find((p) => p.id === id)?.title;
  const [title, setTitle] = useState(first ? defaultEvaluationTitle(planTitle(first)!) : "");
  // The title follows the plan until the user types one of their own.
  const [titleEdited, setTitleEdited] = useState(false);
  const plan = plans.find((p) => p.id === planId);

  if (plans.length === 0) return <p className="text-slate-600">没有可评估的规划(草稿状态的规划不能评估)。</p>;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="新建中期评估">
      <StatusMessage status={status} />
      <SelectField
        name="planId"
        label="规划"
        required
        errors={errors}
        placeholder="请选择"
        value={planId ?? ""}
        onChange={(event) => {
          const id = Number(event.target.value) || undefined;
          setPlanId(id);
          if (!titleEdited) setTitle(id ? defaultEvaluationTitle(planTitle(id)!) : "");
        }}
        options={plans.map((p) => ({ value: p.id, label: `${p.title}(${p.regionName})` }))}
      />
      <TextField
        name="title"
        label="评估名称"
        required
        maxLength={200}
        errors={errors}
        value={title}
        onChange={(event) => {
          setTitle(event.target.value);
          setTitleEdited(true);
        }}
      />
      <TextField
        name="snapshotDate"
        label="评估基准日"
        type="date"
        required
        errors={errors}
        min={plan?.start ?? undefined}
        max={today}
        defaultValue=""
        hint={`只计入该日及以前提交、审核和批准的情况${plan?.start ? `;不能早于规划开始日期 ${plan.start}` : ""},不能晚于今天`}
      />
      <SubmitButton pending={pending}>生成评估</SubmitButton>
    </form>
  );
}
