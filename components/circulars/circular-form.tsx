"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createCircular } from "@/lib/circulars/actions.ts";
import { CIRCULAR_KIND_LABELS, createCircularSchema } from "@/lib/circulars/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

type Option = { value: string | number; label: string };

/** 新建通报: district, quarter or dates; the title and text are generated and edited afterwards. */
export function CircularForm({ districts, quarters, today }: { districts: Option[]; quarters: Option[]; today: string }) {
  const router = useRouter();
  const { onSubmit, errors, status, pending } = useActionForm(createCircularSchema, createCircular, {
    onSuccess: (data) => router.push(`/circulars/${data.id}`),
  });
  const [kind, setKind] = useState<"QUARTERLY" | "AD_HOC">("QUARTERLY");
  if (districts.length === 0) return <p className="text-slate-600">没有可以通报的区县。</p>;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="新建通报">
      <StatusMessage status={status} />
      <SelectField
        name="regionId"
        label="区县"
        required
        errors={errors}
        defaultValue={districts.length === 1 ? districts[0]!.value : ""}
        placeholder={districts.length === 1 ? undefined : "请选择"}
        options={districts}
      />
      <SelectField
        name="kind"
        label="通报类型"
        required
        errors={errors}
        value={kind}
        onChange={(event) => setKind(event.target.value as typeof kind)}
        options={Object.entries(CIRCULAR_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        hint="季度通报统计所选季度的报送;专项通报统计任意起止日期内各规划的报送期"
      />
      {kind === "QUARTERLY" ? (
        <SelectField name="periodKey" label="季度" required errors={errors} defaultValue={quarters[1]?.value ?? ""} options={quarters} />
      ) : (
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField name="from" label="开始日期" type="date" required errors={errors} max={today} defaultValue="" />
          <TextField name="to" label="结束日期" type="date" required errors={errors} defaultValue="" />
        </div>
      )}
      <TextField
        name="title"
        label="标题"
        maxLength={200}
        errors={errors}
        defaultValue=""
        hint="不填则按期间生成,如“关于2026年第三季度法治政府建设任务推进情况的通报”"
      />
      <SubmitButton pending={pending}>生成通报草稿</SubmitButton>
    </form>
  );
}
