import { z } from "zod";
import { id, text } from "@/lib/validation.ts";

export const createApiTokenSchema = z.object({
  name: text("名称", 100),
  regionId: id("区域"),
});

export const revokeApiTokenSchema = z.object({
  id: id("令牌"),
});

export type CreatedApiToken = { id: number; token: string; prefix: string };

/** The id of a token's row in the list, where focus lands after its revoke removes the buttons. */
export const apiTokenRowId = (id: number) => `api-token-row-${id}`;
