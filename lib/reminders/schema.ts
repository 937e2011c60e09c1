import { z } from "zod";
import { id, optionalId, optionalText } from "@/lib/validation.ts";

export const REMINDER_KIND_LABELS = {
  MANUAL: "催办",
  DUE_SOON: "临期提醒",
  REPORT_LATE: "报送提醒",
  OVERDUE: "逾期提醒",
} as const;

/** What a bureau may add to a reminder in its own words. */
const message = optionalText("催办内容", 500);

/** 催办 about one measure: all its units that have not completed it, or one of them. */
export const sendReminderSchema = z.object({
  measureId: id("举措"),
  unitId: optionalId("单位"),
  message,
});

/** 催办 of one unit for all its late progress reports. */
export const remindLateUnitSchema = z.object({
  unitId: id("单位"),
  message,
});

export type SendReminderInput = z.output<typeof sendReminderSchema>;
export type RemindLateUnitInput = z.output<typeof remindLateUnitSchema>;
