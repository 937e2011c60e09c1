"use client";

import { updateCircular } from "@/lib/circulars/actions.ts";
import { updateCircularSchema } from "@/lib/circulars/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { StatusMessage, SubmitButton, TextareaField, TextField } from "@/components/form/fields.tsx";

/**
 * The bureau's text of a circular not yet issued. The version read travels
 * with the form: a save over someone else's answers 已被他人修改 and keeps the text typed.
 */
export function CircularEditor({
  circular,
}: {
  circular: { id: number; version: number; title: string; documentNumber: string | null; body: string };
}) {
  const { onSubmit, errors, status, pending } = useActionForm(updateCircularSchema, updateCircular);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="编辑通报正文" className="rounded border border-slate-200 bg-white p-4">
      <StatusMessage status={status} />
      <input type="hidden" name="id" value={circular.id} />
      <input type="hidden" name="version" value={circular.version} />
      <TextField name="title" label="标题" required maxLength={200} errors={errors} defaultValue={circular.title} />
      <TextField
        name="documentNumber"
        label="文号"
        maxLength={100}
        errors={errors}
        defaultValue={circular.documentNumber ?? ""}
        hint="如:下司法〔2026〕12号"
      />
      <TextareaField
        name="body"
        label="正文"
        required
        rows={12}
        errors={errors}
        defaultValue={circular.body}
        hint="开头、情况分析和工作要求;每段一行。排名表和排名靠后单位由系统按数据附在正文后"
      />
      <SubmitButton pending={pending}>保存正文</SubmitButton>
    </form>
  );
}
