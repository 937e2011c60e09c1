import { z } from "zod";
import { id, idList, optionalId, text } from "@/lib/validation.ts";
import { yearInChina } from "@/lib/dates.ts";

export const importAnnualReportSchema = z.object({
  regionId: id("所属区域"),
  title: text("报告标题", 200),
  year: z.coerce
    .number({ error: "请填写报告年度" })
    .int("请填写报告年度")
    .min(2000, "年度应在 2000 年之后")
    // The year in China, not the server's time zone (as the draft's reportYear below).
    .refine((year) => year <= yearInChina(), "报告年度不能晚于今年"),
  sourceText: z
    .string()
    .max(10 * 1024 * 1024)
    .optional(),
  sections: z
    .array(z.object({ heading: text("章节标题", 200), body: z.string().max(200_000, "章节内容过长") }))
    .min(1, "报告没有任何章节")
    .max(50),
});

/** A report year: not in the future (the draft is built from the year's data). */
const reportYear = z.coerce
  .number({ error: "请填写报告年度" })
  .int("请填写报告年度")
  .min(2000, "年度应在 2000 年之后")
  .refine((year) => year <= yearInChina(), "报告年度不能晚于今年");

export const createAnnualReportDraftSchema = z.object({
  regionId: id("所属区域"),
  /** Set for a department's own report; blank for the region's. */
  unitId: optionalId("报告单位"),
  year: reportYear,
});

const reportId = z.object({ id: id("年度报告") });

export const submitAnnualReportSchema = reportId;
export const publishAnnualReportSchema = reportId;
export const createAnnualReportCorrectionSchema = z.object({ reportId: id("年度报告") });
/** Returning a report needs the comment that says what to change: the form and the action both check it here. */
export const RETURN_COMMENT_REQUIRED = "退回时请填写退回意见";
export const returnAnnualReportSchema = reportId.extend({
  comment: z.preprocess(
    (value) => value ?? "",
    z
      .string({ error: RETURN_COMMENT_REQUIRED })
      .trim()
      .max(1000, "退回意见不能超过 1000 个字")
      .refine((comment) => comment !== "", RETURN_COMMENT_REQUIRED),
  ),
});

const stringList = (label: string, max: number) =>
  z.preprocess(
    (value): unknown => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.string().max(max, `${label}不能超过 ${max} 个字`)),
  );

/**
 * The edit form: the title, then for every section its id, heading and body
 * in parallel lists (sectionId[], heading[], body[]), as FormData gives them.
 * `updatedAt` is the version the editor read (optimistic lock).
 */
export const updateAnnualReportSchema = reportId
  .extend({
    updatedAt: z.string().min(1, "缺少版本信息,请刷新后再试"),
    title: text("报告标题", 200),
    sectionId: idList("章节"),
    heading: stringList("标题", 200),
    body: stringList("正文", 200_000),
  })
  .superRefine((data, ctx) => {
    if (data.heading.length !== data.sectionId.length || data.body.length !== data.sectionId.length) {
      ctx.addIssue({ code: "custom", path: ["_form"], message: "章节内容不完整,请刷新后再试" });
    }
    const blank = data.heading.findIndex((h) => h.trim() === "");
    if (blank >= 0) ctx.addIssue({ code: "custom", path: ["heading"], message: `第 ${blank + 1} 部分的标题不能为空` });
  })
  .transform((data) => ({
    id: data.id,
    updatedAt: data.updatedAt,
    title: data.title,
    sections: data.sectionId.map((sectionId, index) => ({
      id: sectionId,
      heading: (data.heading[index] ?? "").trim(),
      body: (data.body[index] ?? "").replace(/\r\n/g, "\n").trim(),
    })),
  }));
