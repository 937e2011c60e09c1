import { TextField } from "@/components/form/fields.tsx";
import type { FieldErrors } from "@/lib/validation.ts";
import type { ReportIndicatorField } from "@/lib/targets/queries.ts";
import { indicatorFieldName } from "@/lib/targets/schema.ts";

/** One number field per 工作指标 of the report's year, in the progress report form. */
export function IndicatorValueFields({
  idPrefix,
  indicators,
  errors,
}: {
  idPrefix: string;
  indicators: ReportIndicatorField[];
  errors: FieldErrors;
}) {
  return (
    <fieldset className="mb-4">
      <legend className="text-sm font-medium text-slate-700">工作指标完成情况(填写截至本期的实际值,可留空)</legend>
      <div className="mt-2 grid gap-x-4 sm:grid-cols-2">
        {indicators.map((i) => (
          <TextField
            key={i.id}
            idPrefix={idPrefix}
            name={indicatorFieldName(i.id)}
            label={`${i.name}${i.unitOfMeasure ? `(${i.unitOfMeasure})` : ""}`}
            hint={i.targetValue !== null ? `年度目标值 ${i.targetValue}${i.unitOfMeasure ?? ""}` : undefined}
            inputMode="decimal"
            errors={errors}
            defaultValue={i.value}
          />
        ))}
      </div>
    </fieldset>
  );
}
