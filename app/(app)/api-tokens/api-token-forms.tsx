"use client";

import { useEffect, useRef, useState } from "react";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/actions.ts";
import { apiTokenRowId, createApiTokenSchema, type CreatedApiToken } from "@/lib/api-tokens/schema.ts";
import { focusWhenShown, useActionForm, useActionRunner } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton, TextField } from "@/components/form/fields.tsx";

/** The form, and once a token is created its secret: held only in this component's state, so a reload shows it no more. */
export function CreateApiTokenForm({ regions }: { regions: { id: number; label: string }[] }) {
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [copied, setCopied] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const { onSubmit, errors, status, pending } = useActionForm(createApiTokenSchema, createApiToken, {
    onSuccess: (data, form) => {
      setCreated(data);
      setCopied(false);
      form.reset();
    },
  });

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
    } catch {
      // Without clipboard access (an http address), the field is selected for Ctrl+C.
      (document.getElementById("new-api-token-secret") as HTMLInputElement | null)?.select();
    }
  }

  return (
    <>
      {created && (
        <div role="region" aria-labelledby="new-api-token-title" className="mb-6 rounded border border-amber-300 bg-amber-50 p-4">
          <h3 id="new-api-token-title" className="font-semibold text-amber-900">
            新令牌(只显示这一次)
          </h3>
          <p className="mt-1 text-sm text-amber-900">
            请立即复制,交给对接系统的管理员保存。离开或刷新本页后无法再次查看,遗失只能吊销后重新创建。
          </p>
          <label htmlFor="new-api-token-secret" className="sr-only">
            新令牌
          </label>
          <input
            id="new-api-token-secret"
            readOnly
            value={created.token}
            onFocus={(e) => e.currentTarget.select()}
            className="mt-2 block w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
          />
          <div className="mt-2 flex items-center gap-3">
            <button
              type="button"
              onClick={() => void copy()}
              className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
            >
              复制令牌
            </button>
            <button
              type="button"
              onClick={() => {
                // The box and this button go away: the keyboard goes on at the form, ready for the next token.
                setCreated(null);
                focusWhenShown(() => formRef.current?.querySelector<HTMLElement>("input, select"));
              }}
              className="text-sm text-slate-700 underline"
            >
              我已保存,隐藏
            </button>
            <span role="status" className="text-sm text-green-800">
              {copied ? "已复制到剪贴板" : ""}
            </span>
          </div>
        </div>
      )}
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="创建接口令牌">
        <StatusMessage status={status} />
        <TextField name="name" label="名称" required maxLength={100} errors={errors} hint="对接的系统,如“黄石市法治督察平台”" />
        <SelectField
          name="regionId"
          label="区域"
          required
          errors={errors}
          placeholder="请选择"
          hint="令牌只能读取该区域及其下级区域的数据"
          options={regions.map((r) => ({ value: r.id, label: r.label }))}
        />
        <SubmitButton pending={pending}>创建令牌</SubmitButton>
      </form>
    </>
  );
}

/**
 * Revoking asks once more: a platform using the token stops working at once.
 * The focused button is replaced each step, so focus is placed by hand: on
 * 确定吊销 when asked, back on 吊销 after 取消, on the token's row after the
 * revoke (the row stays, marked 已吊销, without buttons).
 */
export function RevokeApiTokenButton({ id, name }: { id: number; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const { run, pending } = useActionRunner();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (returnFocus.current) revokeButton.current?.focus();
    returnFocus.current = false;
  }, [confirming]);
  const cancel = () => {
    returnFocus.current = true;
    setConfirming(false);
  };
  if (!confirming) {
    return (
      <button
        ref={revokeButton}
        type="button"
        onClick={() => setConfirming(true)}
        aria-label={`吊销令牌“${name}”`}
        className="rounded border border-red-300 bg-white px-3 py-1 text-sm text-red-700 hover:bg-red-50"
      >
        吊销
      </button>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className="text-sm text-slate-700">吊销后立即失效,确定?</span>
      <button
        ref={confirmButton}
        type="button"
        disabled={pending}
        onClick={() => run(() => revokeApiToken({ id }), { onFailure: cancel, focus: () => document.getElementById(apiTokenRowId(id)) })}
        className="rounded bg-red-700 px-3 py-1 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
      >
        {pending ? "正在吊销……" : "确定吊销"}
      </button>
      <button type="button" onClick={cancel} className="text-sm text-slate-700 underline">
        取消
      </button>
    </div>
  );
}
