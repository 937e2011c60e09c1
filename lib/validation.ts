import { z } from "zod";
import { MAX_ID, parseId } from "@/lib/ids.ts";

// Helpers for zod schemas shared by forms (strings from FormData) and server
// actions (the same objects after the client's parse).

const blankToUndefined = (value: unknown) =>
  value === "" || value === null || (typeof value === "string" && value.trim() === "") ? undefined : value;

/** A record id from a form (string) or a call (number): lib/ids.ts decides, so a forged 2^31 is a field error, not a database failure. */
export const id = (label: string) =>
  z.unknown().transform((value, ctx) => {
    const parsed = parseId(value);
    if (parsed === null) {
      ctx.addIssue({ code: "custom", message: `请选择${label}` });
      return z.NEVER;
    }
    return parsed;
  });

/** An optimistic-lock counter: an int column like an id, so the same bound keeps a forged value out of Prisma. */
export const versionNumber = z.coerce
  .number()
  .int("版本号无效,请刷新后再试")
  .min(1, "版本号无效,请刷新后再试")
  .max(MAX_ID, "版本号无效,请刷新后再试");

export const optionalId = (label: string) => z.preprocess(blankToUndefined, id(label).optional());

export const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`);

export const optionalText = (label: string, max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `${label}不能超过 ${max} 个字`).optional());

/** A list typed one per line or separated by 、,,;; as people paste it. */
export const nameList = (label: string, max: number) =>
  z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(/[\n、,,;;]+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : value,
    z.array(z.string().trim().min(1).max(max, `每个${label}不能超过 ${max} 个字`)).max(50, `${label}最多 50 个`),
  );

export const idList = (label: string) =>
  z.preprocess((value): unknown => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]), z.array(id(label)));

export const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

export type FieldErrors = Record<string, string[]>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
