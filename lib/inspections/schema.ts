import { z } from "zod";
import { id, optionalId, optionalText, text } from "@/lib/validation.ts";

// Inputs of the inspection (督察) and rectification (整改) actions; the same
// schemas validate the forms in components/inspections.

/** A calendar date as a date input sends it; blank means missing. */
const date = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .pipe(z.iso.date(`${label}格式应为 YYYY-MM-DD`));

export const createInspectionSchema = z.object({
  regionId: id("被督察的区域"),
  title: text("督察名称", 200),
  inspector: optionalText("督察组织", 200),
  inspectedOn: date("督察日期"),
  description: optionalText("督察情况说明", 5000),
});

export const addFindingSchema = z.object({
  inspectionId: id("督察"),
  text: text("督察发现的问题", 2000),
  /** Checkboxes post unitIds[] (or one value); at least one unit rectifies. */
  unitIds: z.preprocess(
    (value): unknown => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(id("整改单位")).min(1, "请至少选择一个整改单位").max(100, "一次最多选择 100 个单位"),
  ),
  measureId: optionalId("关联举措"),
  deadline: date("整改期限"),
});

export const RECTIFICATION_CLAIMS = ["IN_PROGRESS", "COMPLETED"] as const;

export const RECTIFICATION_CLAIM_LABELS: Record<(typeof RECTIFICATION_CLAIMS)[number] | "NO_CHANGE", string> = {
  IN_PROGRESS: "正在整改",
  COMPLETED: "已整改到位,申请销号",
  NO_CHANGE: "无新进展",
};

const percent = z.coerce
  .number({ error: "进度应为 0 到 100 之间的整数" })
  .int("进度应为 0 到 100 之间的整数")
  .min(0, "进度应为 0 到 100 之间的整数")
  .max(100, "进度应为 0 到 100 之间的整数");

export const reportRectificationSchema = z.object({
  rectificationId: id("整改事项"),
  text: text("整改进展", 5000),
  percent,
  claimedStatus: z.enum(RECTIFICATION_CLAIMS, { error: "请选择整改状态" }),
});

/** The report the bureau read: a newer one must be read before deciding. */
const decision = { rectificationId: id("整改事项"), reportId: id("整改报送") };

export const verifyRectificationSchema = z.object({ ...decision, comment: optionalText("核验意见", 1000) });

export const returnRectificationSchema = z.object({ ...decision, comment: text("退回意见", 1000) });

export const reopenRectificationSchema = z.object({
  rectificationId: id("整改事项"),
  reason: text("重新打开的原因", 1000),
});

export type CreateInspectionInput = z.output<typeof createInspectionSchema>;
export type AddFindingInput = z.output<typeof addFindingSchema>;

/** A rectification report's review state, in the words of 核验 rather than 审核. */
export const RECTIFICATION_REPORT_STATE_LABELS = {
  DRAFT: "草稿",
  SUBMITTED: "待核验",
  APPROVED: "已核验销号",
  RETURNED: "被退回",
} as const;

/**
 * A report's state in words: a progress report (正在整改) is only recorded,
 * never verified, so it is 已报送进展 rather than 待核验.
 */
export function rectificationReportLabel(report: { state: keyof typeof RECTIFICATION_REPORT_STATE_LABELS; claimedStatus: string }): string {
  return report.state === "SUBMITTED" && report.claimedStatus !== "COMPLETED"
    ? "已报送进展"
    : RECTIFICATION_REPORT_STATE_LABELS[report.state];
}

/** The 办理记录 line of a 重新打开 gives its reason: "重新打开:核查发现问题仍存在". */
export function reopenTimelineDetail(event: { action: string; after?: unknown }): string {
  if (event.action !== "rectification.reopen") return "";
  const reason = (event.after as { reopenReason?: unknown } | null | undefined)?.reopenReason;
  return typeof reason === "string" && reason !== "" ? `:${reason}` : "";
}
