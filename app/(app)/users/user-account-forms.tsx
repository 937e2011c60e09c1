"use client";

import { resetUserPassword, setUserActive } from "@/lib/users/actions.ts";
import { resetUserPasswordSchema, setUserActiveSchema } from "@/lib/users/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

export function ResetPasswordForm({ id }: { id: number }) {
  const { onSubmit, errors, status, pending } = useActionForm(resetUserPasswordSchema, resetUserPassword, {
    onSuccess: (_data, form) => form.reset(),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="重置密码" className="max-w-xl">
      <StatusMessage status={status} />
      <input type="hidden" name="id" value={id} />
      <TextField
        name="password"
        label="新密码"
        type="password"
        autoComplete="new-password"
        required
        errors={errors}
        hint="至少 8 位,包含大写字母、小写字母、数字、符号中的至少三类;重置后同时解除登录锁定,用户下次登录须修改密码"
      />
      <SubmitButton pending={pending}>重置密码</SubmitButton>
    </form>
  );
}

export function UserActiveToggle({ id, active }: { id: number; active: boolean }) {
  const { onSubmit, status, pending } = useActionForm(setUserActiveSchema, setUserActive);
  return (
    <form onSubmit={onSubmit} aria-label={active ? "停用账号" : "启用账号"}>
      <StatusMessage status={status} />
      <input type="hidden" name="id" value={id} />
      {!active && <input type="hidden" name="active" value="on" />}
      <SubmitButton pending={pending} tone={active ? "danger" : "primary"}>
        {active ? "停用账号" : "重新启用账号"}
      </SubmitButton>
    </form>
  );
}
