import type { UnitAnnotation } from "@/lib/import/unit-annotation.ts";

/** An annotation with only the named fields set: what the annotation tables expect. */
export const annotation = (fields: Partial<UnitAnnotation>): UnitAnnotation => ({
  lead: [],
  responsible: [],
  deadlineText: null,
  unparsed: [],
  incomplete: false,
  ...fields,
});
