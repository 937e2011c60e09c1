"use client";

import { useRef, useState, type FormEvent } from "react";
import { carryForwardProgressReport, saveProgressDraft, submitProgressReport } from "@/lib/progress/actions.ts";
import { CLAIMED_STATUSES, CLAIMED_STATUS_LABELS, saveProgressDraftSchema, submitProgressReportSchema } from "@/lib/progress/schema.ts";
import { ATTACHMENT_ACCEPT, UPLOAD_MESSAGES, evidenceSizeProblems } from "@/lib/storage/validate-upload.ts";
import { fieldErrorsOf, type FieldErrors } from "@/lib/validation.ts";
import { ERROR_MESSAGES } from "@/lib/errors.ts";
import { TextareaField, TextField } from "@/components/form/fields.tsx";
import { announce, keepEnterFromSubmitting, useActionRunner } from "@/components/form/use-action-form.ts";
import { submittedReportId } from "@/app/(app)/measures/[id]/anchors.ts";
import { IndicatorValueFields } from "@/app/(app)/measures/[id]/indicator-value-fields.tsx";
import type { ReportIndicatorField } from "@/lib/targets/queries.ts";

export type ReportFormTarget = {
  assignmentId: number;
  unitName: string;
  role: "LEAD" | "RESPONSIBLE";
  periodKey: string;
  periodLabel: string;
  /** "报送截止 2026年10月10日" and "已逾期 57 天" / "剩 35 天", for the heading. */
  due: { label: string; standing: string; late: boolean };
  existing: {
    version: number;
    state: string;
    text: string;
    percent: number;
    claimedStatus: string;
    comment: string | null;
    /** Evidence already on the report: kept on the next save unless unticked. */
    attachments: { id: number; fileName: string; size: number }[];
  } | null;
  onBehalf: boolean;
  /** The lead unit's 工作指标 of the period's year, with what this report states. */
  indicators?: ReportIndicatorField[];
};

/** The form keeps whatever was typed on every failure: it is never reset. */
export function ReportForm({ target }: { target: ReportFormTarget }) {
  const { run: runAction, pending } = useActionRunner();
  const [errors, setErrors] = useState<FieldErrors>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const existing = target.existing;
  // The version the next save must name: a save answers with the new one, so
  // 报送 right after 保存草稿 does not need a reload.
  const [version, setVersion] = useState<number | null>(existing?.version ?? null);

  function run(form: HTMLFormElement, mode: "draft" | "submit" | "carry") {
    const data = new FormData(form);
    // An empty file input still posts one nameless, empty file; send only real ones.
    const files = data.getAll("evidence").filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ""));
    data.delete("evidence");
    for (const file of files) data.append("evidence", file);
    // Attachments kept by default: only those unticked travel, as ids to remove.
    data.delete("keepAttachment");
    for (const box of form.querySelectorAll<HTMLInputElement>("input[name=keepAttachment]")) {
      if (!box.checked) data.append("removeAttachment", box.value);
    }
    const fields: Record<string, unknown> = Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === "string"));
    fields.removeAttachment = data.getAll("removeAttachment");
    if (mode !== "carry") {
      // Refused here, so a file the server would refuse is not sent at all; the action checks again.
      const sizeProblems = evidenceSizeProblems(files);
      if (sizeProblems.length) {
        setErrors({ evidence: sizeProblems });
        announce({ ok: false, message: UPLOAD_MESSAGES.refused });
        return;
      }
      const schema = mode === "draft" ? saveProgressDraftSchema : submitProgressReportSchema;
      const parsed = schema.safeParse({ ...fields, evidence: files });
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error);
        setErrors(fieldErrors);
        announce({ ok: false, message: ERROR_MESSAGES.VALIDATION });
        focusField(form, fieldErrors);
        return;
      }
    }
    runAction(
      () =>
        mode === "carry"
          ? carryForwardProgressReport({
              assignmentId: String(fields.assignmentId),
              periodKey: String(fields.periodKey),
              version: version ?? undefined,
            })
          : (mode === "draft" ? saveProgressDraft : submitProgressReport)(data),
      {
        onSuccess: (result) => {
          if (result && typeof result === "object" && "version" in result) setVersion((result as { version: number }).version);
          setErrors({});
        },
        onFailure: (failure) => {
          setErrors(failure.fieldErrors ?? {});
          if (failure.fieldErrors) focusField(form, failure.fieldErrors);
        },
        // A draft stays in this form; a submitted report leaves it for its own card above the forms.
        focus: () =>
          mode === "draft"
            ? heading.current
            : document.getElementById(submittedReportId(target.assignmentId, target.periodKey))?.querySelector<HTMLElement>("h3"),
      },
    );
  }

  function focusField(form: HTMLFormElement, fieldErrors: FieldErrors) {
    const first = Object.keys(fieldErrors)[0];
    const element = first ? form.elements.namedItem(first) : null;
    (element instanceof RadioNodeList ? (element[0] as HTMLElement | undefined) : (element as HTMLElement | null))?.focus?.();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    run(event.currentTarget, (submitter?.value as "draft" | "submit" | "carry") ?? "submit");
  }

  // A measure page can hold several of these forms (two units, this period and the next): ids must differ.
  const idPrefix = `report-${target.assignmentId}-${target.periodKey}-`;
  return (
    <form
      onSubmit={onSubmit}
      onKeyDown={keepEnterFromSubmitting}
      noValidate
      aria-label={`${target.unitName}报送${target.periodLabel}进展`}
      className="rounded border border-slate-200 bg-white p-4"
    >
      <h3 ref={heading} tabIndex={-1} className="mb-2 font-semibold">
        {target.periodLabel}进展 · {target.unitName}({target.role === "LEAD" ? "牵头,报送汇总进展" : "责任"})
        <span className="ml-2 whitespace-nowrap text-sm font-normal text-slate-700">{target.due.label}</span>
        <span
          className={`ml-2 whitespace-nowrap rounded px-1.5 text-sm font-normal ${target.due.late ? "bg-red-50 text-red-800" : "bg-slate-100 text-slate-700"}`}
        >
          {target.due.standing}
        </span>
        {target.onBehalf && <span className="ml-2 text-sm font-normal text-amber-800">代报:须上传单位报来的原件</span>}
      </h3>
      {(existing?.state === "RETURNED" || existing?.state === "DRAFT") && existing.comment && (
        <p className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">退回意见:{existing.comment}</p>
      )}
      <input type="hidden" name="assignmentId" value={target.assignmentId} />
      <input type="hidden" name="periodKey" value={target.periodKey} />
      <input type="hidden" name="version" value={version ?? ""} />
      <TextareaField
        idPrefix={idPrefix}
        name="text"
        label="进展情况"
        required
        rows={5}
        maxLength={5000}
        errors={errors}
        defaultValue={existing?.text ?? ""}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          idPrefix={idPrefix}
          name="percent"
          label="完成进度(%)"
          type="number"
          min={0}
          max={100}
          inputMode="numeric"
          errors={errors}
          defaultValue={existing?.percent ?? 0}
        />
        <fieldset className="mb-4">
          <legend className="text-sm font-medium text-slate-700">本期状态</legend>
          <div className="mt-2 flex gap-4">
            {CLAIMED_STATUSES.filter((s) => s !== "NO_CHANGE").map((value) => (
              <label key={value} className="flex items-center gap-1 text-sm">
                <input
                  type="radio"
                  name="claimedStatus"
                  value={value}
                  defaultChecked={(existing?.claimedStatus ?? "IN_PROGRESS") === value}
                />
                {CLAIMED_STATUS_LABELS[value]}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {target.indicators && target.indicators.length > 0 && (
        <IndicatorValueFields idPrefix={idPrefix} indicators={target.indicators} errors={errors} />
      )}
      {existing && existing.attachments.length > 0 && (
        <fieldset className="mb-4">
          <legend className="text-sm font-medium text-slate-700">已上传的佐证材料(取消“保留”即在保存或报送时删除)</legend>
          <ul className="mt-1 space-y-1 text-sm">
            {existing.attachments.map((file) => (
              <li key={file.id} className="flex flex-wrap items-center gap-2">
                <label className="flex items-center gap-1">
                  <input type="checkbox" name="keepAttachment" value={file.id} defaultChecked aria-label={`保留 ${file.fileName}`} />
                  保留
                </label>
                <a href={`/attachments/${file.id}`} className="text-brand-700 hover:underline">
                  {file.fileName}
                </a>
                <span className="text-slate-500">({Math.ceil(file.size / 1024)} KB)</span>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div className="mb-4">
        <label htmlFor={`${idPrefix}evidence`} className="block text-sm font-medium text-slate-700">
          佐证材料(PDF、Word、Excel、JPG/PNG,每个不超过 20 MB,一次合计不超过 40 MB)
        </label>
        <input
          id={`${idPrefix}evidence`}
          name="evidence"
          type="file"
          multiple
          accept={ATTACHMENT_ACCEPT}
          aria-describedby={errors.evidence ? `${idPrefix}evidence-error` : undefined}
          className="mt-1 block text-sm"
        />
        {errors.evidence && (
          <p id={`${idPrefix}evidence-error`} className="mt-1 text-sm text-red-700">
            {errors.evidence.join(";")}
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="mode"
          value="submit"
          disabled={pending}
          className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          报送
        </button>
        <button type="submit" name="mode" value="draft" disabled={pending} className="rounded border border-slate-300 bg-white px-4 py-2">
          保存草稿
        </button>
        <button type="submit" name="mode" value="carry" disabled={pending} className="rounded border border-slate-300 bg-white px-4 py-2">
          本期无新进展(沿用上期)
        </button>
      </div>
    </form>
  );
}
