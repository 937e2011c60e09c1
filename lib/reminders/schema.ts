import { z } from "zod";
import { id, optionalText } from "@/lib/validation.ts";

export const REMINDER_KIND_LABELS = {
  MANUAL: "催办",
  DUE_SOON: "临期提醒",
  REPORT_LATE: "报送提醒",
  OVERDUE: "逾期提醒",
} as const;

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
