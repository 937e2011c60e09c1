"use client";

import { useId, useRef, useState } from "react";
import { sendReminder } from "@/lib/reminders/actions.ts";
import { useActionRunner } from "@/components/form/use-action-form.ts";
import type { UrgeTarget } from "@/lib/reminders/targets.ts";

type Step = "choose" | "confirm";

const preselected = (units: readonly UrgeTarget[]) => new Set(units.filter((u) => u.preselected).map((u) => u.unitId));

/**
 * 催办 on the measure page: a dialog to choose the units (those that owe a
 * report ticked), add a 附言, and confirm with the units named, so a click no
 * longer reminds every unit of the measure. A native <dialog>: it traps focus,
 * closes on Esc and gives focus back to the button.
 */
export function UrgeDialog({ measureId, measureCode, units }: { measureId: number; measureCode: string; units: UrgeTarget[] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const confirmText = useRef<HTMLParagraphElement>(null);
  const firstBox = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Set<number>>(() => preselected(units));
  const [message, setMessage] = useState("");
  const [step, setStep] = useState<Step>("choose");
  const [error, setError] = useState<string | null>(null);
  const { run, pending } = useActionRunner();
  const ids = useId();
  const titleId = `${ids}-title`;
  const errorId = `${ids}-error`;

  const selected = units.filter((u) => chosen.has(u.unitId));
  const owing = units.filter((u) => u.owes && !u.completed);
  const repeated = selected.filter((u) => u.remindedToday);

  function open() {
    // The page may have been refreshed since (reports arrived, a 催办 sent): start from what it shows now.
    setChosen(preselected(units));
    setStep("choose");
    setError(null);
    dialog.current?.showModal();
  }

  function close() {
    dialog.current?.close();
  }

  function toggle(unitId: number, on: boolean) {
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(unitId);
      else next.delete(unitId);
      return next;
    });
    setError(null);
  }

  function next() {
    if (selected.length === 0) {
      setError("请至少选择一个单位");
      firstBox.current?.focus();
      return;
    }
    setStep("confirm");
    requestAnimationFrame(() => confirmText.current?.focus());
  }

  function back() {
    setStep("choose");
    requestAnimationFrame(() => firstBox.current?.focus());
  }

  function send() {
    run(() => sendReminder({ measureId, unitIds: selected.map((u) => u.unitId), message }), {
      onSuccess: () => {
        setMessage("");
        close();
      },
      onFailure: (failure) => {
        if (failure.fieldErrors) {
          setError(Object.values(failure.fieldErrors).flat()[0] ?? failure.message);
          back();
        } else {
          // The toast says why (already urged today, out of date…); the dialog would cover it.
          close();
        }
      },
    });
  }

  return (
    <div className="no-print">
      <button
        type="button"
        onClick={open}
        aria-haspopup="dialog"
        className="rounded border border-amber-400 bg-amber-50 px-4 py-2 text-amber-900 disabled:opacity-60"
      >
        催办
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[calc(100vw-1.5rem)] max-w-xl rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="flex max-h-[calc(100dvh-3rem)] flex-col p-4">
          <h2 id={titleId} className="mb-3 text-lg font-semibold">
            催办举措 {measureCode}
          </h2>
          {step === "choose" ? (
            <>
              <fieldset className="min-h-0 flex-1 overflow-y-auto" aria-describedby={error ? errorId : undefined}>
                <legend className="mb-2 text-sm text-slate-700">选择要催办的单位(已勾选 {selected.length} 个;欠报的单位已预先勾选)</legend>
                <div className="mb-2 flex flex-wrap gap-3 text-sm">
                  <button
                    type="button"
                    className="text-brand-700 underline"
                    onClick={() => setChosen(new Set(owing.filter((u) => !u.remindedToday).map((u) => u.unitId)))}
                  >
                    只选欠报单位
                  </button>
                  <button type="button" className="text-brand-700 underline" onClick={() => setChosen(new Set())}>
                    全部不选
                  </button>
                </div>
                <ul className="divide-y divide-slate-100 rounded border border-slate-200">
                  {units.map((u, index) => (
                    <li key={u.unitId}>
                      <label className={`flex items-start gap-3 px-3 py-2 ${u.completed ? "text-slate-400" : "cursor-pointer"}`}>
                        <input
                          ref={index === 0 ? firstBox : undefined}
                          type="checkbox"
                          name="unitIds[]"
                          value={u.unitId}
                          className="mt-1 h-4 w-4 shrink-0"
                          checked={chosen.has(u.unitId)}
                          disabled={u.completed}
                          onChange={(event) => toggle(u.unitId, event.target.checked)}
                        />
                        <span className="min-w-0">
                          <span className="font-medium">{u.unitName}</span>
                          {u.role === "LEAD" && <span className="ml-1 text-xs text-slate-600">(牵头)</span>}
                          <span className="block text-xs text-slate-600">
                            {u.status}
                            {u.remindedToday && <span className="ml-2 rounded bg-amber-100 px-1 text-amber-900">今天已催办</span>}
                          </span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              {error && (
                <p id={errorId} role="alert" className="mt-2 text-sm text-red-700">
                  {error}
                </p>
              )}
              <label htmlFor={`${ids}-message`} className="mt-3 block text-sm font-medium">
                附言(可不填)
              </label>
              <textarea
                id={`${ids}-message`}
                rows={2}
                maxLength={500}
                value={message}
                onChange={(event) => setMessage(event.target.value)}
                className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
              />
              <div className="mt-3 flex flex-wrap justify-end gap-2">
                <button type="button" onClick={close} className="rounded border border-slate-300 px-4 py-2">
                  取消
                </button>
                <button type="button" onClick={next} className="rounded bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
                  下一步
                </button>
              </div>
            </>
          ) : (
            <>
              <p ref={confirmText} tabIndex={-1} className="min-h-0 flex-1 overflow-y-auto outline-none">
                将催办 {selected.length} 个单位:{selected.map((u) => u.unitName).join("、")}
              </p>
              {repeated.length > 0 && (
                <p className="mt-2 text-sm text-amber-900">{repeated.map((u) => u.unitName).join("、")} 今天已催办过,将不重复发送。</p>
              )}
              {message.trim() && <p className="mt-2 text-sm text-slate-700">附言:{message.trim()}</p>}
              <div className="mt-3 flex flex-wrap justify-end gap-2">
                <button type="button" onClick={back} disabled={pending} className="rounded border border-slate-300 px-4 py-2">
                  返回修改
                </button>
                <button
                  type="button"
                  onClick={send}
                  disabled={pending}
                  className="rounded bg-amber-600 px-4 py-2 text-white disabled:opacity-60"
                >
                  {pending ? "正在发送…" : "确认催办"}
                </button>
              </div>
            </>
          )}
        </div>
      </dialog>
    </div>
  );
}
