import { z } from "zod";
import { id, optionalText } from "@/lib/validation.ts";

/** What a bureau may add to a reminder in its own words. */
const message = optionalText("催办内容", 500);

/** 催办 about one measure to the units chosen in the dialog (checkboxes "unitIds[]"). */
export const sendReminderSchema = z.object({
  measureId: id("举措"),
  unitIds: z.preprocess(
    (value): unknown => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(id("单位")).min(1, "请至少选择一个单位").max(500, "一次最多催办 500 个单位"),
  ),
  message: optionalText("附言", 500),
});

/** 催办 of one unit for all its late progress reports. */
export const remindLateUnitSchema = z.object({
  unitId: id("单位"),
  message,
});

export type SendReminderInput = z.output<typeof sendReminderSchema>;
export type RemindLateUnitInput = z.output<typeof remindLateUnitSchema>;
