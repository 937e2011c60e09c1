import { z } from "zod";
import { id, text } from "@/lib/validation.ts";

export const createEvaluationSchema = z.object({
  planId: id("规划"),
  title: text("评估名称", 200),
  snapshotDate: z.iso.date("请填写评估基准日,格式为 YYYY-MM-DD"),
});

export type CreateEvaluationInput = z.output<typeof createEvaluationSchema>;

export const deleteEvaluationSchema = z.object({ id: id("评估") });

export const EVALUATION_EXPORT_FORMATS = ["xlsx", "docx"] as const;
export type EvaluationExportFormat = (typeof EVALUATION_EXPORT_FORMATS)[number];

/** The default title the form proposes for a plan. */
export const defaultEvaluationTitle = (planTitle: string) => `${planTitle}中期评估`;
