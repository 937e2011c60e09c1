"use client";

import { setUnitActive } from "@/lib/units/actions.ts";
import { setUnitActiveSchema } from "@/lib/units/schema.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { StatusMessage, SubmitButton } from "@/components/form/fields.tsx";

export function UnitActiveToggle({ id, active }: { id: number; active: boolean }) {
  const { onSubmit, status, pending } = useActionForm(setUnitActiveSchema, setUnitActive);
  return (
    <form onSubmit={onSubmit} aria-label={active ? "停用单位" : "启用单位"}>
      <StatusMessage status={status} />
      <input type="hidden" name="id" value={id} />
      {!active && <input type="hidden" name="active" value="on" />}
      <SubmitButton pending={pending} tone={active ? "danger" : "primary"}>
        {active ? "停用该单位" : "重新启用"}
      </SubmitButton>
    </form>
  );
}
