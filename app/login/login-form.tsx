"use client";

import { useState, useTransition, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { loginSchema } from "@/lib/auth/schema.ts";
import { ERROR_MESSAGES, GENERIC_ERROR } from "@/lib/errors.ts";
import { fieldErrorsOf, type FieldErrors } from "@/lib/validation.ts";
import { safeRedirectTarget } from "@/lib/auth/redirect.ts";
import { StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

const SIGN_IN_ERRORS: Record<string, string> = {
  LOCKED: ERROR_MESSAGES.LOCKED,
  RATE_LIMITED: ERROR_MESSAGES.RATE_LIMITED,
  INVALID_CREDENTIALS: ERROR_MESSAGES.INVALID_CREDENTIALS,
  CredentialsSignin: ERROR_MESSAGES.INVALID_CREDENTIALS,
};

/**
 * The one form not on useActionForm, on purpose: signing in is next-auth's
 * signIn (a POST to its own route, answering { ok, error } with codes of its
 * own), not a server action answering an ActionResult; success is a full page
 * load (window.location.assign), so the new session cookie reaches the server
 * components, where the hook would refresh the login page; and there is no
 * Toaster outside the signed-in layout. It keeps the hook's manners by hand:
 * the same schema (loginSchema) beside the fields, Chinese messages, the
 * generic message for anything unknown, and nothing typed lost on error.
 */
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = loginSchema.safeParse(data);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setErrors({});
    startTransition(async () => {
      let result: Awaited<ReturnType<typeof signIn>>;
      try {
        result = await signIn("credentials", { ...parsed.data, redirect: false });
      } catch {
        setMessage(GENERIC_ERROR);
        return;
      }
      if (result?.ok && !result.error) {
        window.location.assign(safeRedirectTarget(callbackUrl, window.location.origin));
        return;
      }
      setMessage(SIGN_IN_ERRORS[result?.error ?? ""] ?? GENERIC_ERROR);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="登录">
      <StatusMessage status={message ? { kind: "error", message } : null} />
      <TextField name="login" label="账号" autoComplete="username" required errors={errors} autoFocus />
      <TextField name="password" label="密码" type="password" autoComplete="current-password" required errors={errors} />
      <div className="mt-6">
        <SubmitButton pending={pending}>登录</SubmitButton>
      </div>
    </form>
  );
}
