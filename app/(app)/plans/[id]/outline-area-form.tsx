"use client";

import { useMemo } from "react";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/run.ts";
import { updateSectionOutlineArea } from "@/lib/plans/actions.ts";
import { outlineAreaChoice } from "@/lib/plans/schema.ts";
import { OUTLINE_AREA_CODES, OUTLINE_AREA_NAMES } from "@/lib/outline/areas.ts";
import { useActionForm } from "@/components/form/use-action-form.ts";
import { SelectField, StatusMessage, SubmitButton } from "@/components/form/fields.tsx";

const OPTIONS = OUTLINE_AREA_CODES.map((code) => ({ value: code, label: OUTLINE_AREA_NAMES[code] }));

/**
 * One chapter's outline area. Every row of the table has such a select, and a
 * field's id comes from its name, so the field is named after the section and
 * mapped to the action's `outlineArea` (and its error back) here.
 */
export function OutlineAreaForm({ sectionId, label, area }: { sectionId: number; label: string; area: string | null }) {
  const field = `outlineArea-${sectionId}`;
  const schema = useMemo(() => z.object({ [field]: outlineAreaChoice }), [field]);
  async function submit(values: unknown): Promise<ActionResult<null>> {
    const result = await updateSectionOutlineArea({ sectionId, outlineArea: (values as Record<string, unknown>)[field] });
    if (result.ok || !result.fieldErrors?.outlineArea) return result;
    const { outlineArea, ...rest } = result.fieldErrors;
    return { ...result, fieldErrors: { ...rest, [field]: outlineArea } };
  }
  const { onSubmit, errors, status, pending } = useActionForm(schema, submit);
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <StatusMessage status={status} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-56">
          <SelectField name={field} label={label} errors={errors} defaultValue={area ?? ""} placeholder="未对应" options={OPTIONS} />
        </div>
        <div className="mb-4">
          <SubmitButton pending={pending}>保存</SubmitButton>
        </div>
      </div>
    </form>
  );
}
