import { z } from "zod";
import { id, optionalText, text } from "@/lib/validation.ts";
import { OUTLINE_AREA_CODES } from "@/lib/outline/areas.ts";

export const PLAN_KINDS = ["PLAN", "ACTION_PLAN", "IMPLEMENTATION_PLAN", "WORK_POINTS", "DIVISION_OF_LABOUR"] as const;

export const PLAN_KIND_LABELS: Record<(typeof PLAN_KINDS)[number], string> = {
  PLAN: "规划",
  ACTION_PLAN: "行动计划",
  IMPLEMENTATION_PLAN: "实施方案",
  WORK_POINTS: "工作要点",
  DIVISION_OF_LABOUR: "分工方案",
};

const year = z.coerce.number().int().min(2000, "年份应在 2000 至 2100 之间").max(2100, "年份应在 2000 至 2100 之间");
const unitName = z.string().trim().min(1).max(100, "单位名称不能超过 100 个字");

export const importedSectionSchema = z.object({
  key: z.string().min(1).max(20),
  parentKey: z.string().max(20).nullable(),
  label: z.string().trim().max(20, "章节编号不能超过 20 个字"),
  title: z.string().trim().max(500, "章节标题不能超过 500 个字"),
});

export const importedMeasureSchema = z.object({
  code: text("举措编号", 20),
  text: text("举措内容", 5000),
  sectionKey: z.string().max(20).nullable(),
  leadUnits: z.array(unitName).max(200),
  responsibleUnits: z.array(unitName).max(500),
  deadlineText: optionalText("完成时限", 100),
});

export const importedPlanSchema = z
  .object({
    title: text("规划标题", 200),
    kind: z.enum(PLAN_KINDS, { error: "请选择规划类型" }),
    periodStart: year.nullable(),
    periodEnd: year.nullable(),
    issuer: optionalText("发文机关", 200),
    documentNumber: optionalText("文号", 100),
    issueDate: z.iso.date("日期格式应为 YYYY-MM-DD").nullable(),
    sections: z.array(importedSectionSchema).max(2000),
    measures: z.array(importedMeasureSchema).min(1, "该规划没有任何举措").max(5000),
  })
  .refine((plan) => !plan.periodStart || !plan.periodEnd || plan.periodStart <= plan.periodEnd, {
    message: "起始年份不能晚于结束年份",
    path: ["periodEnd"],
  });

/** Units the review adds to a group that would otherwise name nobody; existing members are kept. */
const groupMemberIds = z.array(id("成员单位")).max(500, "一个分组最多 500 个成员单位").optional();

/** What the user decided for each unit name found in the document. */
export const resolutionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("unit"), unitId: id("单位"), remember: z.boolean().default(false) }),
  // remember: keep the printed name as the group's alias, as an accepted near match of a unit is.
  z.object({ action: z.literal("group"), groupId: id("分组"), remember: z.boolean().default(false), memberIds: groupMemberIds }),
  z.object({ action: z.literal("createUnit") }),
  z.object({ action: z.literal("createGroup"), memberIds: groupMemberIds }),
  z.object({ action: z.literal("ignore") }),
]);

export const commitPlanImportSchema = z.object({
  regionId: id("所属区县"),
  fileName: optionalText("文件名", 200),
  sourceText: z
    .string()
    .max(10 * 1024 * 1024)
    .optional(),
  plans: z.array(importedPlanSchema).min(1, "没有可导入的规划").max(20),
  resolutions: z.record(unitName, resolutionSchema),
});

export type CommitPlanImportInput = z.output<typeof commitPlanImportSchema>;
export type ImportedPlan = z.output<typeof importedPlanSchema>;
export type Resolution = z.output<typeof resolutionSchema>;

export const REPORT_CADENCES = ["MONTHLY", "QUARTERLY", "HALF_YEARLY", "YEARLY"] as const;

export const REPORT_CADENCE_LABELS: Record<(typeof REPORT_CADENCES)[number], string> = {
  MONTHLY: "每月",
  QUARTERLY: "每季度",
  HALF_YEARLY: "每半年",
  YEARLY: "每年",
};

export const updatePlanReportingSchema = z.object({
  planId: id("规划"),
  reportCadence: z.enum(REPORT_CADENCES, { error: "请选择报送周期" }),
  reportDueDay: z.coerce
    .number({ error: "截止日应为 1 到 28 之间的整数" })
    .int("截止日应为 1 到 28 之间的整数")
    .min(1, "截止日应为 1 到 28 之间的整数")
    .max(28, "截止日应为 1 到 28 之间的整数"),
  // 时间节点宽限天数: days a missed milestone stays yellow before it turns red. Left out: unchanged.
  milestoneGraceDays: z.coerce
    .number({ error: "宽限天数应为 0 到 365 之间的整数" })
    .int("宽限天数应为 0 到 365 之间的整数")
    .min(0, "宽限天数应为 0 到 365 之间的整数")
    .max(365, "宽限天数应为 0 到 365 之间的整数")
    .optional(),
});

/** A chapter's outline area as a select sends it: a code, or "" for none. */
export const outlineAreaChoice = z
  .enum(["", ...OUTLINE_AREA_CODES], { error: "请从列表中选择纲要领域,或选择“未对应”" })
  .transform((value) => (value === "" ? null : value));

export const updateSectionOutlineAreaSchema = z.object({
  sectionId: id("章节"),
  outlineArea: outlineAreaChoice,
});

// 施行 / 期满 / 终止 (lib/plans/life.ts decides whether the change is allowed).
const lifeDate = (label: string) => z.iso.date(`请填写${label},格式为 YYYY-MM-DD`);

export const bringPlanIntoForceSchema = z.object({
  planId: id("规划"),
  effectiveFrom: lifeDate("施行日期"),
});

export const closePlanSchema = z.discriminatedUnion(
  "endKind",
  [
    z.object({ planId: id("规划"), endKind: z.literal("EXPIRED"), endedOn: lifeDate("期满日期") }),
    z.object({
      planId: id("规划"),
      endKind: z.literal("TERMINATED"),
      endedOn: lifeDate("终止日期"),
      reason: text("终止原因", 500),
    }),
  ],
  { error: "请选择期满或终止" },
);

export type BringPlanIntoForceInput = z.output<typeof bringPlanIntoForceSchema>;
export type ClosePlanInput = z.output<typeof closePlanSchema>;
