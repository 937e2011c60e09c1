import { z } from "zod";
import { checkbox, id, nameList, optionalText, text } from "@/lib/validation.ts";

export const UNIT_KINDS = [
  "PARTY_BODY",
  "GOVERNMENT_DEPARTMENT",
  "JUDICIAL_BODY",
  "PEOPLES_ORGANISATION",
  "TOWN_STREET",
  "STATE_ENTERPRISE",
  "OTHER",
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  PARTY_BODY: "党委及其部门",
  GOVERNMENT_DEPARTMENT: "政府部门",
  JUDICIAL_BODY: "法院、检察院",
  PEOPLES_ORGANISATION: "人大、政协及群团组织",
  TOWN_STREET: "乡镇、街道",
  STATE_ENTERPRISE: "国有企业",
  OTHER: "其他",
};

const unitFields = {
  regionId: id("所属区域"),
  name: text("单位名称", 100),
  shortName: optionalText("简称", 50),
  kind: z.enum(UNIT_KINDS, { error: "请选择单位类型" }),
  aliases: nameList("别名", 100),
};

export const createUnitSchema = z.object(unitFields);
export const updateUnitSchema = z.object({ id: id("单位"), ...unitFields });
export const setUnitActiveSchema = z.object({ id: id("单位"), active: checkbox });

export type UnitInput = z.input<typeof createUnitSchema>;
