"use client";

import { useState, useTransition, type FormEvent, type KeyboardEvent } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/run.ts";
import { fieldErrorsOf, type FieldErrors } from "@/lib/validation.ts";
import { ERROR_MESSAGES, GENERIC_ERROR } from "@/lib/errors.ts";

export type FormStatus = { kind: "ok" | "error"; message: string } | null;

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/** Form fields as an object; names ending in [] collect every value into an array. */
export function formValues(form: HTMLFormElement): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value !== "string") continue;
    if (key.endsWith("[]")) {
      const name = key.slice(0, -2);
      ((values[name] ??= []) as string[]).push(value);
    } else {
      values[key] = value;
    }
  }
  for (const element of Array.from(form.elements)) {
    const name = (element as HTMLInputElement).name;
    if (name?.endsWith("[]") && !(name.slice(0, -2) in values)) values[name.slice(0, -2)] = [];
  }
  return values;
}

// Input types where Enter keeps its own meaning: buttons press, a file input opens its picker.
const ENTER_KEEPS_MEANING = new Set(["submit", "button", "reset", "image", "file"]);

/** Whether Enter in this element would submit its form implicitly (a single-line input). */
export function enterWouldSubmit(element: { tagName: string; type?: string }): boolean {
  return element.tagName === "INPUT" && !ENTER_KEEPS_MEANING.has((element.type ?? "text").toLowerCase());
}

/**
 * onKeyDown for a form with several fields (progress and rectification reports):
 * the browser submits such a form when Enter is pressed in any single-line input,
 * which sent half-written reports for review. Textareas keep Enter as a new line,
 * and buttons keep Enter and Space, so submitting stays a deliberate act.
 */
export function keepEnterFromSubmitting(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
  if (event.target instanceof HTMLElement && enterWouldSubmit(event.target)) event.preventDefault();
}

/**
 * Focuses what `find` returns once it is on the page: after an action the page is
 * refreshed from the server, and the element to land on (a report just submitted)
 * may only appear with that refresh, or the section holding it may go away with it
 * (the last item of a queue): while focus has fallen to the body, it is put back on
 * the target or, failing that, on the page's heading.
 */
export function focusWhenShown(find: () => HTMLElement | null | undefined, watchMs = 4000) {
  const start = performance.now();
  const place = (element: HTMLElement) => {
    if (element.tabIndex < 0 && !element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
    element.focus();
  };
  let placed = false;
  const tick = () => {
    const target = find();
    const lost = !document.activeElement || document.activeElement === document.body;
    if (!placed && target?.isConnected) {
      place(target);
      placed = true;
    } else if (placed && lost) {
      const fallback = target?.isConnected ? target : document.querySelector<HTMLElement>("main h1");
      if (fallback) place(fallback);
    }
    if (performance.now() - start < watchMs) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** The one place an action's outcome is told to the user as a toast. */
export function announce(result: { ok: boolean; message: string }) {
  if (result.ok) toast.success(result.message);
  else toast.error(result.message);
}

/** A call that threw (the network dropped, the server failed): told as the generic message. */
const THROWN: Failure = { ok: false, code: "UNEXPECTED", message: GENERIC_ERROR };

async function settle<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch {
    return THROWN;
  }
}

/**
 * How a runner tells the outcome: a toast (the default); its own status line,
 * shown by the caller with StatusMessage beside the controls; a toast for
 * failures only, where the control itself shows success (a switch, a message
 * marked read); or not at all, where the caller moves on (a link that opens).
 */
export type Report = "toast" | "status" | "failures" | "none";

export type RunOptions<T> = {
  onSuccess?: (data: T, message: string) => void;
  /** Also called for a call that threw, with the generic message. */
  onFailure?: (failure: Failure) => void;
  /** Where focus goes after success (the updated section). */
  focus?: () => HTMLElement | null | undefined;
  /** Asked first (window.confirm); declined, nothing is sent. */
  confirm?: string;
  /** Refresh the page after success so the changed state shows; off when onSuccess navigates or the component holds the result itself. */
  refresh?: boolean;
};

/**
 * Runs a server action from buttons without a form of fields and tells the
 * user what happened: by default a toast with the action's own message, the
 * page refreshed so the changed state shows, and focus moved to `focus` (the
 * updated section) on success. Field errors are left to the caller
 * (`onFailure`), which shows them beside their fields.
 */
export function useActionRunner(report: Report = "toast") {
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<FormStatus>(null);
  const router = useRouter();

  function tell(result: { ok: boolean; message: string }) {
    if (report === "status") setStatus({ kind: result.ok ? "ok" : "error", message: result.message });
    else if (report === "toast" || (report === "failures" && !result.ok)) announce(result);
  }

  function run<T>(call: () => Promise<ActionResult<T>>, then: RunOptions<T> = {}) {
    if (then.confirm && !window.confirm(then.confirm)) return;
    startTransition(async () => {
      const result = await settle(call);
      tell(result);
      if (result.ok) {
        then.onSuccess?.(result.data, result.message);
        if (then.refresh !== false) router.refresh();
        if (then.focus) focusWhenShown(then.focus);
      } else {
        then.onFailure?.(result);
      }
    });
  }

  return { run, pending, status, setStatus };
}

/**
 * Validates with the same zod schema as the server action, then calls it. The
 * form is never reset on failure, so nothing the user typed is lost.
 *
 * `upload`: the form carries a file, so the action gets the form's FormData
 * (the schema, when given, checks its text fields first; the action checks the
 * file, so an upload may have no schema).
 */
export function useActionForm<S extends z.ZodType, T>(
  schema: S | null,
  action: ((input: unknown) => Promise<ActionResult<T>>) | ((form: FormData) => Promise<ActionResult<T>>),
  options: {
    onSuccess?: (data: T, form: HTMLFormElement, message: string) => void;
    onFailure?: (failure: Failure, form: HTMLFormElement) => void;
    upload?: boolean;
  } = {},
) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<FormStatus>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  function focusFirstError(form: HTMLFormElement, fieldErrors: FieldErrors) {
    const first = Object.keys(fieldErrors)[0];
    if (!first) return;
    const element = (form.elements.namedItem(first) ?? form.elements.namedItem(`${first}[]`)) as HTMLElement | null;
    (element instanceof RadioNodeList ? (element[0] as HTMLElement | undefined) : element)?.focus?.();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const parsed = schema?.safeParse(values);
    if (parsed && !parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      setErrors(fieldErrors);
      setStatus({ kind: "error", message: ERROR_MESSAGES.VALIDATION });
      focusFirstError(form, fieldErrors);
      return;
    }
    const input = options.upload ? new FormData(form) : values;
    const send = action as (input: unknown) => Promise<ActionResult<T>>;
    startTransition(async () => {
      const result = await settle(() => send(input));
      if (result.ok) {
        setErrors({});
        setStatus({ kind: "ok", message: result.message });
        options.onSuccess?.(result.data, form, result.message);
        router.refresh();
      } else {
        // A call that threw keeps the field errors shown; the action's answer replaces them.
        if (result !== THROWN) setErrors(result.fieldErrors ?? {});
        setStatus({ kind: "error", message: result.message });
        if (result.fieldErrors) focusFirstError(form, result.fieldErrors);
        options.onFailure?.(result, form);
      }
    });
  }

  return { onSubmit, errors, status, pending };
}
