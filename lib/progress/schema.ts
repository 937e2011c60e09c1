import { z } from "zod";
import { id, text, versionNumber } from "@/lib/validation.ts";
import { withIndicatorValues } from "@/lib/targets/schema.ts";

export const CLAIMED_STATUSES = ["IN_PROGRESS", "COMPLETED", "NO_CHANGE"] as const;

export const CLAIMED_STATUS_LABELS: Record<(typeof CLAIMED_STATUSES)[number], string> = {
  IN_PROGRESS: "推进中",
  COMPLETED: "已完成",
  NO_CHANGE: "本期无新进展",
};

export const REVIEW_STATE_LABELS = {
  DRAFT: "草稿",
  SUBMITTED: "已报送",
  APPROVED: "已通过",
  RETURNED: "被退回",
} as const;

const percent = z.coerce
  .number({ error: "进度应为 0 到 100 之间的整数" })
  .int("进度应为 0 到 100 之间的整数")
  .min(0, "进度应为 0 到 100 之间的整数")
  .max(100, "进度应为 0 到 100 之间的整数");

/** The version the form was loaded with; absent for a first report. */
const version = z.preprocess((v) => (v === "" || v == null ? undefined : v), versionNumber.optional());

/** Evidence files; each is checked for type, size and name in the action (lib/storage/validate-upload.ts). */
const evidence = z.preprocess(
  (v): unknown => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.instanceof(File)).max(10, "一次最多上传 10 个附件"),
);

/** Attachments already on the report that the user unticked (保留) and wants gone. */
const removeAttachment = z.preprocess(
  (v): unknown => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(id("附件")).max(50, "一次最多删除 50 个附件"),
);

const reportFields = {
  evidence,
  removeAttachment,
  assignmentId: id("任务"),
  periodKey: z.string().regex(/^\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$/, "报送期次有误"),
  percent,
  claimedStatus: z.enum(CLAIMED_STATUSES, { error: "请选择本期状态" }),
  version,
};

/** A draft may be saved half-written; only its length is limited. */
// With the lead unit's 工作指标数值 ("indicator.<id>" fields), lib/targets/report-values.ts.
export const saveProgressDraftSchema = withIndicatorValues(
  z.object({
    ...reportFields,
    text: z.string().max(5000, "进展情况不能超过 5000 个字"),
  }),
);

export const submitProgressReportSchema = withIndicatorValues(
  z.object({
    ...reportFields,
    text: text("进展情况", 5000),
  }),
);

export const carryForwardProgressReportSchema = z.object({
  assignmentId: id("任务"),
  periodKey: reportFields.periodKey,
  version,
});

export const reviewProgressReportSchema = z.object({ reportId: id("报送"), version: versionNumber });

/**
 * 审核意见: optional to approve, required to return. The two actions' schemas
 * below state it; the review box asks them (commentRule), so the box, the single
 * 退回 and any other caller agree. The message names what is missing.
 */
export const REVIEW_COMMENT_REQUIRED = "退回时请填写退回意见";
const reviewComment = z.string({ error: REVIEW_COMMENT_REQUIRED }).trim().max(1000, "审核意见不能超过 1000 个字");

/** 审核通过 may carry a comment (审核意见); it is kept on the report and sent with the 审核结果. */
export const approveProgressReportSchema = reviewProgressReportSchema.extend({
  comment: z.preprocess((v) => v ?? "", reviewComment).optional(),
});

export const returnProgressReportSchema = reviewProgressReportSchema.extend({
  comment: reviewComment.min(1, REVIEW_COMMENT_REQUIRED),
});

/** At most this many reports approved in one 批量通过: a page of the queue. */
export const MAX_BATCH_APPROVALS = 100;

export const batchApproveProgressReportsSchema = z.object({
  items: z
    .array(z.object({ reportId: id("报送"), version: versionNumber }), { error: "请选择要通过的报送" })
    .min(1, "请选择要通过的报送")
    .max(MAX_BATCH_APPROVALS, `一次最多通过 ${MAX_BATCH_APPROVALS} 份报送`)
    .refine((items) => new Set(items.map((i) => i.reportId)).size === items.length, "同一份报送不能重复选择"),
});

export type SubmitProgressReportInput = z.output<typeof submitProgressReportSchema>;

/**
 * One unit's state for one period, as the measure header shows it to that unit
 * (or to bureau staff reporting for it). Codes are ReportStateForPeriod; the
 * rules that pick the period live in lib/progress/owed.ts.
 */
export const UNIT_PERIOD_STATE_LABELS = {
  NONE: "本期未报送",
  DRAFT: "本期未报送(草稿已保存)",
  SUBMITTED: "已报送,待审核",
  RETURNED: "被退回",
  APPROVED: "已通过",
} as const;
