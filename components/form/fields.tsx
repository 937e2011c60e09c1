import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { FieldErrors } from "@/lib/validation.ts";
import type { FormStatus } from "@/components/form/use-action-form.ts";

const control =
  "mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-600 disabled:bg-slate-100";

type Common = {
  name: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  /** Set when the same form appears more than once on a page, so each label names its own control. */
  idPrefix?: string;
};

function Frame({ name, label, errors, hint, required, idPrefix = "", children }: Common & { children: ReactNode }) {
  const messages = errors?.[name];
  return (
    <div className="mb-4">
      <label htmlFor={`${idPrefix}field-${name}`} className="block text-sm font-medium text-slate-700">
        {label}
        {required && (
          <span className="ml-0.5 text-red-700" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p id={`${idPrefix}hint-${name}`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {messages && (
        <p id={`${idPrefix}error-${name}`} className="mt-1 text-sm text-red-700">
          {messages.join(";")}
        </p>
      )}
    </div>
  );
}

function a11y({ name, errors, hint, required, idPrefix = "" }: Common) {
  const describedBy = [errors?.[name] ? `${idPrefix}error-${name}` : "", hint ? `${idPrefix}hint-${name}` : ""].filter(Boolean).join(" ");
  return {
    id: `${idPrefix}field-${name}`,
    name,
    "aria-invalid": errors?.[name] ? true : undefined,
    "aria-describedby": describedBy || undefined,
    "aria-required": required || undefined,
  };
}

export function TextField(props: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const { label, errors, hint, required, name, idPrefix, ...rest } = props;
  return (
    <Frame {...{ name, label, errors, hint, required, idPrefix }}>
      <input className={control} {...rest} {...a11y({ name, label, errors, hint, required, idPrefix })} />
    </Frame>
  );
}

export function TextareaField(props: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  const { label, errors, hint, required, name, idPrefix, ...rest } = props;
  return (
    <Frame {...{ name, label, errors, hint, required, idPrefix }}>
      <textarea className={control} rows={3} {...rest} {...a11y({ name, label, errors, hint, required, idPrefix })} />
    </Frame>
  );
}

export function SelectField(
  props: Common &
    Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> & {
      options: { value: string | number; label: string }[];
      placeholder?: string;
    },
) {
  const { label, errors, hint, required, name, options, placeholder, idPrefix, ...rest } = props;
  return (
    <Frame {...{ name, label, errors, hint, required, idPrefix }}>
      <select className={control} {...rest} {...a11y({ name, label, errors, hint, required, idPrefix })}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function StatusMessage({ status }: { status: FormStatus }) {
  if (!status) return <div role="status" aria-live="polite" />;
  return status.kind === "ok" ? (
    <p role="status" aria-live="polite" className="mb-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-800">
      {status.message}
    </p>
  ) : (
    <p role="alert" className="mb-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
      {status.message}
    </p>
  );
}

const buttonTones = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
};

export function SubmitButton({
  pending,
  tone = "primary",
  children,
}: {
  pending: boolean;
  tone?: keyof typeof buttonTones;
  children: ReactNode;
}) {
  return (
    <button type="submit" disabled={pending} className={`rounded px-4 py-2 font-medium disabled:opacity-60 ${buttonTones[tone]}`}>
      {pending ? "正在提交……" : children}
    </button>
  );
}
