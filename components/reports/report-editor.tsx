"use client";

import { useState } from "react";
import { updateAnnualReport } from "@/lib/annual-reports/actions.ts";
import { updateAnnualReportSchema } from "@/lib/annual-reports/schema.ts";
import { numberSections } from "@/lib/annual-reports/draft.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

type Section = { id: number; level: number; heading: string; body: string };

/**
 * The draft as editable text: the title, each paragraph's heading (the
 * standard 一、 headings are fixed) and every body. Saving names the version
 * read (updatedAt); a save by someone else in between is refused and what was
 * typed stays in the form.
 */
export function ReportEditor({ report }: { report: { id: number; title: string; updatedAt: string; sections: Section[] } }) {
  const [updatedAt, setUpdatedAt] = useState(report.updatedAt);
  const { onSubmit, errors, status, pending } = useActionForm(updateAnnualReportSchema, updateAnnualReport, {
    onSuccess: (data) => setUpdatedAt(data.updatedAt),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="编辑年度报告" className="mx-auto max-w-3xl">
      <StatusMessage status={status} />
      {errors._form && (
        <p role="alert" className="mb-4 text-sm text-red-700">
          {errors._form.join(";")}
        </p>
      )}
      {errors.heading && (
        <p role="alert" className="mb-4 text-sm text-red-700">
          {errors.heading.join(";")}
        </p>
      )}
      <input type="hidden" name="id" value={report.id} />
      <input type="hidden" name="updatedAt" value={updatedAt} />
      <TextField name="title" label="报告标题" required maxLength={200} defaultValue={report.title} errors={errors} />
      {numberSections(report.sections).map((s) => (
        <fieldset key={s.id} className={`mb-4 rounded border border-slate-200 bg-white p-3 ${s.level > 1 ? "ml-6" : ""}`}>
          <legend className="px-1 text-sm font-semibold text-slate-700">
            {s.number}
            {s.level <= 1 ? s.heading : "段落"}
          </legend>
          <input type="hidden" name="sectionId[]" value={s.id} />
          {s.level <= 1 ? (
            <input type="hidden" name="heading[]" value={s.heading} />
          ) : (
            <label className="mb-2 block text-sm text-slate-700">
              小标题 {s.number}
              <input
                name="heading[]"
                defaultValue={s.heading}
                maxLength={200}
                required
                className="mt-1 block w-full rounded border border-slate-300 px-3 py-2"
              />
            </label>
          )}
          <label className="block text-sm text-slate-700">
            正文({s.number}
            {s.level <= 1 ? s.heading : "段落"})
            <textarea
              name="body[]"
              defaultValue={s.body}
              rows={Math.min(14, Math.max(3, s.body.split("\n").length + 1))}
              className="mt-1 block w-full rounded border border-slate-300 px-3 py-2 leading-7"
            />
          </label>
        </fieldset>
      ))}
      <div className="sticky bottom-0 border-t border-slate-200 bg-slate-50 py-3">
        <SubmitButton pending={pending}>保存修改</SubmitButton>
      </div>
    </form>
  );
}
