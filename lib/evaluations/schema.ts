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

export const EVALUATION_KINDS = ["MIDTERM", "FINAL"] as const;
export type EvaluationKindCode = (typeof EVALUATION_KINDS)[number];

/** 中期评估 at a day inside the plan's period, 终期评估 at its end: the one map of their names. */
export const EVALUATION_KIND_LABELS: Record<EvaluationKindCode, string> = {
  MIDTERM: "中期评估",
  FINAL: "终期评估",
};

/** The default title the form proposes for a plan. */
export const defaultEvaluationTitle = (planTitle: string, kind: EvaluationKindCode = "MIDTERM") =>
  `${planTitle}${EVALUATION_KIND_LABELS[kind]}`;

export const createFinalEvaluationSchema = z.object({ planId: id("规划") });
