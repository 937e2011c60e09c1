import { z } from "zod";
import { id, optionalId, text } from "@/lib/validation.ts";

export const REGION_LEVELS = ["PROVINCE", "CITY", "DISTRICT", "TOWN"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  PROVINCE: "省",
  CITY: "市",
  DISTRICT: "区县",
  TOWN: "乡镇街道",
};

const code = z
  .string({ error: "请填写区划代码" })
  .trim()
  .regex(/^\d{6,12}$/, "区划代码为 6 至 12 位数字");

export const createRegionSchema = z.object({
  code,
  name: text("名称", 50),
  level: z.enum(REGION_LEVELS, { error: "请选择层级" }),
  parentId: optionalId("上级区域"),
});

export const updateRegionSchema = z.object({
  id: id("区域"),
  code,
  name: text("名称", 50),
});

export type CreateRegionInput = z.input<typeof createRegionSchema>;
