import { z } from "zod";
import { id, optionalId } from "@/lib/validation.ts";

// Shapes of the decomposition actions (decomposition-actions.ts), shared by
// their forms on the plan page.

export const setPlanParentSchema = z.object({
  planId: id("方案"),
  // Blank: the plan implements no 规划.
  parentPlanId: optionalId("上级规划"),
});

export const linkMeasureToParentItemSchema = z.object({
  measureId: id("举措"),
  parentItemId: id("上级规划条目"),
});

export const unlinkMeasureFromParentItemSchema = z.object({ measureId: id("举措") });

export const confirmParentItemProposalsSchema = z.object({
  planId: id("方案"),
  links: z
    .array(z.object({ measureId: id("举措"), parentItemId: id("上级规划条目") }), { error: "请勾选要确认的对应" })
    .min(1, { error: "请至少勾选一项对应" })
    .max(2000, { error: "一次最多确认 2000 项" }),
});
