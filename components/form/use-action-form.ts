"use client";

import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/run.ts";
import { fieldErrorsOf, type FieldErrors } from "@/lib/validation.ts";
import { ERROR_MESSAGES, GENERIC_ERROR } from "@/lib/errors.ts";

export type FormStatus = { kind: "ok" | "error"; message: string } | null;

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

/**
 * Validates with the same zod schema as the server action, then calls it. The
 * form is never reset on failure, so nothing the user typed is lost.
 */
export function useActionForm<S extends z.ZodType, T>(
  schema: S,
  action: (input: unknown) => Promise<ActionResult<T>>,
  options: { onSuccess?: (data: T, form: HTMLFormElement) => void } = {},
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
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      setErrors(fieldErrors);
      setStatus({ kind: "error", message: ERROR_MESSAGES.VALIDATION });
      focusFirstError(form, fieldErrors);
      return;
    }
    startTransition(async () => {
      try {
        const result = await action(values);
        if (result.ok) {
          setErrors({});
          setStatus({ kind: "ok", message: result.message });
          options.onSuccess?.(result.data, form);
          router.refresh();
        } else {
          setErrors(result.fieldErrors ?? {});
          setStatus({ kind: "error", message: result.message });
          if (result.fieldErrors) focusFirstError(form, result.fieldErrors);
        }
      } catch {
        setStatus({ kind: "error", message: GENERIC_ERROR });
      }
    });
  }

  return { onSubmit, errors, status, pending };
}
