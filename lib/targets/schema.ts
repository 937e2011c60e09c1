import { z } from "zod";
import { id, optionalId, optionalText, text } from "@/lib/validation.ts";

// 年度目标、工作指标、时间节点: what a lead unit sets for its measure per year.
// One form sends the year's target text and its indicator and milestone rows;
// the rows come as parallel lists (indicatorName[] …) from the form, or as
// lists of objects from code (the demo seed, tests): both parse to the same.

export const MAX_ROWS = 30;

/** A value with at most two decimals, as Indicator.targetValue / IndicatorValue.value store it (Decimal(14, 2)). */
export const DECIMAL_PATTERN = /^-?\d{1,12}(\.\d{1,2})?$/;

const blank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** An optional number typed in a form, kept as a string for the Decimal column. */
export const optionalDecimal = (label: string) =>
  z.preprocess(
    (value) => (blank(value) ? undefined : typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : value),
    z
      .string({ error: `${label}应为数字` })
      .regex(DECIMAL_PATTERN, `${label}应为数字,最多 12 位整数、两位小数`)
      .optional(),
  );

const indicatorRow = z.object({
  id: optionalId("指标"),
  name: text("指标名称", 200),
  unitOfMeasure: optionalText("计量单位", 20),
  targetValue: optionalDecimal("目标值"),
});

const milestoneRow = z.object({
  id: optionalId("时间节点"),
  title: text("时间节点内容", 500),
  dueDate: z.iso.date("时间节点日期格式应为 YYYY-MM-DD"),
});

/** Rows validated one by one, so each message says which row it is about ("第 2 个指标:请填写指标名称"). */
function rows<T extends z.ZodType>(item: T, noun: string) {
  return z
    .array(z.unknown(), { error: `${noun}格式有误` })
    .max(MAX_ROWS, `${noun}最多 ${MAX_ROWS} 个`)
    .transform((list, ctx) => {
      const out: z.output<T>[] = [];
      list.forEach((raw, index) => {
        const parsed = item.safeParse(raw);
        if (parsed.success) out.push(parsed.data);
        else
          for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: `第 ${index + 1} 个${noun}:${issue.message}` });
      });
      return out;
    });
}

const column = (values: Record<string, unknown>, key: string): unknown[] => {
  const value = values[key];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
};

/** The form's parallel lists as row objects; objects given by code pass through. */
function zipRows(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const values = value as Record<string, unknown>;
  const out: Record<string, unknown> = { ...values };
  if (values.indicators === undefined) {
    const ids = column(values, "indicatorId");
    const units = column(values, "indicatorUnit");
    const targets = column(values, "indicatorTarget");
    out.indicators = column(values, "indicatorName").map((name, i) => ({
      id: ids[i],
      name,
      unitOfMeasure: units[i],
      targetValue: targets[i],
    }));
  }
  if (values.milestones === undefined) {
    const ids = column(values, "milestoneId");
    const dates = column(values, "milestoneDue");
    out.milestones = column(values, "milestoneTitle").map((title, i) => ({ id: ids[i], title, dueDate: dates[i] }));
  }
  return out;
}

export const annualTargetsSchema = z
  .object({
    target: text("年度目标", 2000),
    indicators: rows(indicatorRow, "指标"),
    milestones: rows(milestoneRow, "时间节点"),
  })
  .superRefine((value, ctx) => {
    const names = value.indicators.map((i) => i.name);
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated) ctx.addIssue({ code: "custom", path: ["indicators"], message: `指标「${repeated}」重复` });
  });

export const saveAnnualTargetsSchema = z.preprocess(
  zipRows,
  z
    .object({
      measureId: id("举措"),
      /** Which lead unit bureau staff set it for; a liaison always sets its own unit's. */
      unitId: optionalId("牵头单位"),
      /** The year's version the form was read at (lib/targets/version.ts): "" for a year with nothing set. */
      version: z.string({ error: "页面已过期,请刷新后再改" }).max(64, "页面已过期,请刷新后再改"),
      year: z.coerce
        .number({ error: "请填写年度" })
        .int("年度应为四位数的年份")
        .min(2000, "年度应为四位数的年份")
        .max(2100, "年度应为四位数的年份"),
    })
    .and(annualTargetsSchema)
    .superRefine((value, ctx) => {
      const outside = value.milestones.find((m) => !m.dueDate.startsWith(`${value.year}-`));
      if (outside)
        ctx.addIssue({ code: "custom", path: ["milestones"], message: `时间节点「${outside.title}」的日期须在 ${value.year} 年内` });
    }),
);

export type SaveAnnualTargetsInput = z.output<typeof saveAnnualTargetsSchema>;
/** What the demo seed and setAnnualTargets take: the year's target, indicators and milestones (validated by annualTargetsSchema). */
export type AnnualTargetsData = {
  target: string;
  indicators: { id?: number; name: string; unitOfMeasure?: string | null; targetValue?: string | number | null }[];
  milestones: { id?: number; title: string; dueDate: string }[];
};

export const completeMilestoneSchema = z.object({
  milestoneId: id("时间节点"),
});

// ---------------------------------------------------------------------------
// 工作指标数值 in a progress report (lib/targets/report-values.ts writes them).

export const INDICATOR_FIELD_PREFIX = "indicator.";
export const indicatorFieldName = (indicatorId: number) => `${INDICATOR_FIELD_PREFIX}${indicatorId}`;

export const INDICATOR_VALUE_MESSAGE = "指标数值应为数字,最多 12 位整数、两位小数";

export type IndicatorValueInput = { indicatorId: number; value: string | null };

/** The form's "indicator.<id>" fields gathered into indicatorValues; an object given by code passes through. */
function gather(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const fields = value as Record<string, unknown>;
  if (fields.indicatorValues !== undefined) return value;
  const indicatorValues: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(fields)) {
    if (key.startsWith(INDICATOR_FIELD_PREFIX)) indicatorValues[key.slice(INDICATOR_FIELD_PREFIX.length)] = v;
  }
  return { ...fields, indicatorValues };
}

/**
 * A report schema with its indicator values: each is blank (not stated) or a
 * number with at most two decimals; an error is keyed by the field's own name,
 * so it shows beside that field.
 */
export function withIndicatorValues<S extends z.ZodObject>(schema: S) {
  return z.preprocess(
    gather,
    schema
      .extend({ indicatorValues: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).default({}) })
      .transform((data, ctx) => {
        const values: IndicatorValueInput[] = [];
        for (const [key, raw] of Object.entries(data.indicatorValues as Record<string, string | number | null>)) {
          const indicatorId = Number(key);
          const text = raw === null ? "" : String(raw).trim();
          if (!/^\d{1,9}$/.test(key)) {
            ctx.addIssue({ code: "custom", path: ["indicatorValues"], message: "指标有误,请刷新后再试" });
          } else if (text !== "" && !DECIMAL_PATTERN.test(text)) {
            ctx.addIssue({ code: "custom", path: [indicatorFieldName(indicatorId)], message: INDICATOR_VALUE_MESSAGE });
          } else {
            values.push({ indicatorId, value: text === "" ? null : text });
          }
        }
        return { ...data, indicatorValues: values } as Omit<z.output<S>, "indicatorValues"> & { indicatorValues: IndicatorValueInput[] };
      }),
  );
}
