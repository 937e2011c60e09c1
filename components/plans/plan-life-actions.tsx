"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { bringPlanIntoForce, closePlan } from "@/lib/plans/life-actions.ts";
import { bringPlanIntoForceSchema, closePlanSchema } from "@/lib/plans/schema.ts";
import { createFinalEvaluation } from "@/lib/evaluations/actions.ts";
import { formValues, useActionRunner } from "@/components/form/use-action-form.ts";
import { TextField, TextareaField } from "@/components/form/fields.tsx";
import { fieldErrorsOf, type FieldErrors } from "@/lib/validation.ts";
import type { LifeTransition } from "@/lib/plans/life.ts";

type Kind = LifeTransition["to"];

const BUTTON: Record<Kind, { label: string; title: string; confirm: string; tone: string }> = {
  IN_FORCE: { label: "施行", title: "施行规划", confirm: "确认施行", tone: "bg-brand-600 text-white hover:bg-brand-700" },
  EXPIRED: {
    label: "期满",
    title: "确认规划期满",
    confirm: "确认期满",
    tone: "border border-slate-400 bg-white text-slate-800 hover:bg-slate-50",
  },
  TERMINATED: {
    label: "终止",
    title: "终止规划",
    confirm: "确认终止",
    tone: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
  },
};

/**
 * 施行 / 期满 / 终止 on the plan page: one button per allowed step, each opening
 * a native <dialog> (focus trapped, Esc closes) with its date (and, to 终止, a
 * reason). The action's message comes as a toast; field errors stay beside
 * their fields and nothing typed is lost.
 */
export function PlanLifeActions({
  planId,
  transitions,
  expiry,
  today,
}: {
  planId: number;
  transitions: Kind[];
  expiry: string | null;
  today: string;
}) {
  return (
    <div className="no-print flex flex-wrap gap-2">
      {transitions.map((kind) => (
        <LifeDialog key={kind} planId={planId} kind={kind} expiry={expiry} today={today} />
      ))}
    </div>
  );
}

function LifeDialog({ planId, kind, expiry, today }: { planId: number; kind: Kind; expiry: string | null; today: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { run, pending } = useActionRunner();
  const ids = useId();
  const titleId = `${ids}-title`;
  const button = BUTTON[kind];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const schema = kind === "IN_FORCE" ? bringPlanIntoForceSchema : closePlanSchema;
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    run(() => (kind === "IN_FORCE" ? bringPlanIntoForce(values) : closePlan(values)), {
      onSuccess: () => {
        setErrors({});
        dialog.current?.close();
      },
      onFailure: (failure) => setErrors(failure.fieldErrors ?? {}),
    });
  }

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        onClick={() => dialog.current?.showModal()}
        className={`rounded px-4 py-2 ${button.tone}`}
      >
        {button.label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[calc(100vw-1.5rem)] max-w-md rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      >
        <form onSubmit={submit} noValidate className="p-4" aria-labelledby={titleId}>
          <h2 id={titleId} className="mb-3 text-lg font-semibold">
            {button.title}
          </h2>
          <input type="hidden" name="planId" value={planId} />
          {kind !== "IN_FORCE" && <input type="hidden" name="endKind" value={kind} />}
          {errors._form && (
            <p role="alert" className="mb-3 text-sm text-red-700">
              {errors._form.join(";")}
            </p>
          )}
          {kind === "IN_FORCE" && (
            <TextField
              name="effectiveFrom"
              label="施行日期"
              type="date"
              required
              defaultValue={today}
              errors={errors}
              idPrefix={ids}
              hint="自该日起所在期次须报送进展"
            />
          )}
          {kind === "EXPIRED" && (
            <TextField
              name="endedOn"
              label="期满日期"
              type="date"
              required
              readOnly
              defaultValue={expiry ?? ""}
              errors={errors}
              idPrefix={ids}
              hint="规划期末。期满后不再收集报送、不再催办,可生成终期评估"
            />
          )}
          {kind === "TERMINATED" && (
            <>
              <TextField
                name="endedOn"
                label="终止日期"
                type="date"
                required
                defaultValue={today}
                max={today}
                errors={errors}
                idPrefix={ids}
                hint="规划施行的最后一天"
              />
              <TextareaField name="reason" label="终止原因" required maxLength={500} errors={errors} idPrefix={ids} />
            </>
          )}
          <div className="mt-2 flex flex-wrap justify-end gap-2">
            <button type="button" onClick={() => dialog.current?.close()} className="rounded border border-slate-300 px-4 py-2">
              取消
            </button>
            <button
              type="submit"
              disabled={pending}
              className="rounded bg-brand-600 px-4 py-2 text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {pending ? "正在保存…" : button.confirm}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** 生成终期评估 after closing: takes the snapshot at the end date and opens it. */
export function FinalEvaluationButton({ planId }: { planId: number }) {
  const { run, pending } = useActionRunner();
  const router = useRouter();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => run(() => createFinalEvaluation({ planId }), { onSuccess: (data) => router.push(`/evaluations/${data.id}`) })}
      className="no-print rounded bg-brand-600 px-4 py-2 text-white hover:bg-brand-700 disabled:opacity-60"
    >
      {pending ? "正在生成…" : "生成终期评估"}
    </button>
  );
}
