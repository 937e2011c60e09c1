import { z } from "zod";
import { id, optionalId, optionalText, text } from "@/lib/validation.ts";

export const EXTENSION_STATE_LABELS = {
  PENDING: "待审批",
  APPROVED: "已批准",
  REJECTED: "已驳回",
} as const;

/** A calendar date as a date input sends it. */
const date = z.iso.date("日期格式应为 YYYY-MM-DD");

export const requestDeadlineExtensionSchema = z.object({
  measureId: id("举措"),
  /** Which lead unit bureau staff ask for; a liaison always asks for its own unit. */
  unitId: optionalId("申请单位"),
  newDeadline: date,
  reason: text("延期理由", 500),
});

export const approveDeadlineExtensionSchema = z.object({
  extensionId: id("延期申请"),
  comment: optionalText("审批意见", 1000),
});

export const rejectDeadlineExtensionSchema = z.object({
  extensionId: id("延期申请"),
  comment: text("驳回意见", 1000),
});

export type RequestDeadlineExtensionInput = z.output<typeof requestDeadlineExtensionSchema>;
