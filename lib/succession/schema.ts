import { z } from "zod";
import { id, text } from "@/lib/validation.ts";
import type { MeasureSuccession } from "@/lib/generated/prisma/enums.ts";

export const SUCCESSION_LABELS: Record<MeasureSuccession, string> = {
  CARRIED: "结转",
  CONTINUED: "延续",
};

const year = (label: string) =>
  z.coerce
    .number({ error: `${label}应为 2000 至 2100 之间的年份` })
    .int(`${label}应为 2000 至 2100 之间的年份`)
    .min(2000, `${label}应为 2000 至 2100 之间的年份`)
    .max(2100, `${label}应为 2000 至 2100 之间的年份`);

const measureIds = z.array(id("举措")).min(1, "请至少选择一项举措").max(2000, "一次最多结转 2000 项举措");

export const carryOverMeasuresSchema = z.object({
  fromPlanId: id("已结束的规划"),
  toPlanId: id("接续规划"),
  measureIds,
});

export const createSuccessorPlanSchema = z
  .object({
    predecessorId: id("上一期规划"),
    title: text("规划标题", 200),
    periodStart: year("起始年份"),
    periodEnd: year("结束年份"),
  })
  .refine((v) => v.periodStart <= v.periodEnd, { message: "起始年份不能晚于结束年份", path: ["periodEnd"] });

export const setPlanPredecessorSchema = z.object({
  planId: id("规划"),
  predecessorId: id("上一期规划"),
});

export const linkMeasuresToPreviousSchema = z.object({
  planId: id("规划"),
  links: z
    .array(z.object({ measureId: id("举措"), previousId: id("上一期举措") }))
    .min(1, "请至少勾选一项关联")
    .max(5000, "一次最多关联 5000 项举措"),
});

export type CarryOverMeasuresInput = z.output<typeof carryOverMeasuresSchema>;
