import { z } from "zod";
import { id, optionalText, text, versionNumber } from "@/lib/validation.ts";
import { periodByKey } from "@/lib/reporting/periods.ts";
import type { CircularKind, CircularStatus } from "@/lib/generated/prisma/enums.ts";

export const CIRCULAR_KIND_LABELS: Record<CircularKind, string> = { QUARTERLY: "季度通报", AD_HOC: "专项通报" };
export const CIRCULAR_STATUS_LABELS: Record<CircularStatus, string> = { DRAFT: "草稿", APPROVED: "已审核", ISSUED: "已印发" };

const optionalDate = (message: string) => z.preprocess((v) => (v === "" || v === null ? undefined : v), z.iso.date(message).optional());

/**
 * 新建通报: a district, and either a quarter (periodKey "2026-Q3") or any
 * from/to dates. The title is optional: the default names the period.
 */
export const createCircularSchema = z
  .object({
    regionId: id("区县"),
    kind: z.enum(["QUARTERLY", "AD_HOC"], { error: "请选择通报类型" }),
    periodKey: z.string().trim().optional(),
    from: optionalDate("请填写开始日期,格式为 YYYY-MM-DD"),
    to: optionalDate("请填写结束日期,格式为 YYYY-MM-DD"),
    title: optionalText("标题", 200),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "QUARTERLY") {
      if (!value.periodKey || !periodByKey(value.periodKey, "QUARTERLY"))
        ctx.addIssue({ code: "custom", path: ["periodKey"], message: "请选择季度" });
      return;
    }
    if (!value.from) ctx.addIssue({ code: "custom", path: ["from"], message: "请填写开始日期" });
    if (!value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "请填写结束日期" });
    if (value.from && value.to && value.from > value.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "结束日期不能早于开始日期" });
  });

export type CreateCircularInput = z.output<typeof createCircularSchema>;

/** The period a valid create input names. */
export function circularPeriod(input: CreateCircularInput): { start: string; end: string; label: string | null } {
  if (input.kind === "QUARTERLY") {
    const period = periodByKey(input.periodKey!, "QUARTERLY")!;
    return { start: period.start, end: period.end, label: period.label };
  }
  return { start: input.from!, end: input.to!, label: null };
}

export const updateCircularSchema = z.object({
  id: id("通报"),
  version: versionNumber,
  title: text("标题", 200),
  documentNumber: optionalText("文号", 100),
  body: z.string({ error: "请填写正文" }).trim().min(1, "请填写正文").max(20_000, "正文不能超过 20000 个字"),
});

export type UpdateCircularInput = z.output<typeof updateCircularSchema>;

export const circularStepSchema = z.object({ id: id("通报"), version: versionNumber });

export type CircularStepInput = z.output<typeof circularStepSchema>;
