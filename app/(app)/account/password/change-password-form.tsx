"use client";

import { useRouter } from "next/navigation";
import { changeOwnPassword } from "@/lib/users/actions.ts";
import { changeOwnPasswordSchema } from "@/lib/auth/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

export function ChangePasswordForm() {
  const router = useRouter();
  const { onSubmit, errors, status, pending } = useActionForm(changeOwnPasswordSchema, changeOwnPassword, {
    onSuccess: () => router.push("/"),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="修改密码" className="max-w-xl">
      <StatusMessage status={status} />
      <TextField name="currentPassword" label="当前密码" type="password" autoComplete="current-password" required errors={errors} />
      <TextField
        name="password"
        label="新密码"
        type="password"
        autoComplete="new-password"
        required
        errors={errors}
        hint="至少 8 位,包含大写字母、小写字母、数字、符号中的至少三类"
      />
      <TextField name="confirmPassword" label="确认新密码" type="password" autoComplete="new-password" required errors={errors} />
      <SubmitButton pending={pending}>修改密码</SubmitButton>
    </form>
  );
}
