import { z } from "zod";
import { id, text } from "@/lib/validation.ts";

export const importAnnualReportSchema = z.object({
  regionId: id("所属区域"),
  title: text("报告标题", 200),
  year: z.coerce
    .number({ error: "请填写报告年度" })
    .int("请填写报告年度")
    .min(2000, "年度应在 2000 年之后")
    .refine((year) => year <= new Date().getFullYear(), "报告年度不能晚于今年"),
  sourceText: z.string().max(10 * 1024 * 1024).optional(),
  sections: z
    .array(z.object({ heading: text("章节标题", 200), body: z.string().max(200_000, "章节内容过长") }))
    .min(1, "报告没有任何章节")
    .max(50),
});
