import { z } from "zod";
import { id, idList, text } from "@/lib/validation.ts";

export const createUnitGroupSchema = z.object({
  regionId: id("所属区域"),
  name: text("分组名称", 100),
  memberIds: idList("有效的成员单位"),
});

export const updateUnitGroupSchema = z.object({
  id: id("分组"),
  name: text("分组名称", 100),
  memberIds: idList("有效的成员单位"),
});

export const deleteUnitGroupSchema = z.object({ id: id("分组") });
