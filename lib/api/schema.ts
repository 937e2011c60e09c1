import { z } from "zod";
import { MAX_ID } from "@/lib/ids.ts";
import {
  AssignmentRole,
  AssignmentSource,
  AssignmentStatus,
  ClaimedStatus,
  PlanKind,
  PlanStatus,
  RegionLevel,
  ReportCadence,
} from "@/lib/generated/prisma/enums.ts";

// The read API's shapes (/api/v1): every answer is parsed through one of these
// before it is sent, and lib/api/openapi.ts turns the same schemas into the
// OpenAPI 3.1 document, so the document cannot drift from what is served.
// Query parameters are schemas too: a value that fails one answers 400 with
// the schema's Chinese message.

export const API_VERSION = "1.0.0";
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

// ---------------------------------------------------------------------------
// Query and path parameters

const LIMIT_MESSAGE = `每页条数须为 1 至 ${MAX_PAGE_SIZE} 之间的整数`;
const CURSOR_MESSAGE = "翻页游标无效,请使用上一页返回的 nextCursor";
const idParam = (label: string) => {
  const message = `${label}须为正整数编号`;
  return z.int({ error: message }).min(1, message).max(MAX_ID, message);
};

export const pageQuery = {
  limit: z
    .int({ error: LIMIT_MESSAGE })
    .min(1, LIMIT_MESSAGE)
    .max(MAX_PAGE_SIZE, LIMIT_MESSAGE)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `每页条数,默认 ${DEFAULT_PAGE_SIZE},最多 ${MAX_PAGE_SIZE}` }),
  cursor: z
    .int({ error: CURSOR_MESSAGE })
    .min(1, CURSOR_MESSAGE)
    .max(MAX_ID, CURSOR_MESSAGE)
    .optional()
    .meta({ description: "翻页游标:上一页返回的 nextCursor;不填为第一页" }),
};

const periodKey = z
  .string({ error: "请填写报送周期" })
  .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/, "报送周期格式应如 2026-Q3、2026-09、2026-H1 或 2026")
  .meta({ description: "报送周期:2026-Q3(季度)、2026-09(月)、2026-H1(半年)或 2026(年度)" });

export const listPlansQuery = z.object({ ...pageQuery });
export const listMeasuresQuery = z.object({ ...pageQuery });
export const listAssignmentsQuery = z.object({
  ...pageQuery,
  planId: idParam("规划编号").optional().meta({ description: "只列出该规划的分工" }),
  unitId: idParam("单位编号").optional().meta({ description: "只列出该单位的分工" }),
});
export const progressQuery = z.object({
  ...pageQuery,
  period: periodKey,
  measureId: idParam("举措编号").optional().meta({ description: "只列出该举措的分工" }),
  unitId: idParam("单位编号").optional().meta({ description: "只列出该单位的分工" }),
});
export const dashboardQuery = z.object({
  period: periodKey.optional().meta({ description: "统计的报送周期;不填为最近一个已到期的季度" }),
});

// ---------------------------------------------------------------------------
// Answers

const date = z.iso.date().meta({ description: "日期(YYYY-MM-DD)" });
const dateTime = z.iso.datetime({ offset: true }).meta({ description: "时间(ISO 8601)" });
const idOf = (description: string) => z.int().min(1).max(MAX_ID).meta({ description });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(["BAD_REQUEST", "UNAUTHORIZED", "NOT_FOUND", "INTERNAL"]),
      message: z.string().meta({ description: "给人看的说明(中文)" }),
      fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "出错的查询参数及其说明" }),
    }),
  })
  .meta({ id: "Error" });

export const planSchema = z
  .object({
    id: idOf("规划编号"),
    title: z.string(),
    kind: z.enum(PlanKind),
    status: z.enum(PlanStatus).meta({ description: "DRAFT 草稿,IN_FORCE 施行中,CLOSED 已结束" }),
    regionId: idOf("所属区域"),
    districtId: idOf("所属区县"),
    periodStart: z.int().nullable().meta({ description: "规划期起始年" }),
    periodEnd: z.int().nullable().meta({ description: "规划期终止年" }),
    issuer: z.string().nullable(),
    documentNumber: z.string().nullable(),
    issueDate: date.nullable(),
    reportCadence: z.enum(ReportCadence),
    reportDueDay: z.int().meta({ description: "每期结束后次月几日前报送" }),
    measureCount: z.int().min(0),
    updatedAt: dateTime,
  })
  .meta({ id: "Plan" });

export const measureSchema = z
  .object({
    id: idOf("举措编号"),
    planId: idOf("规划编号"),
    districtId: idOf("所属区县"),
    chapter: z
      .object({ id: idOf("章节编号"), label: z.string(), title: z.string() })
      .nullable()
      .meta({ description: "举措所在的节或章" }),
    code: z.string().meta({ description: "举措在规划中的序号" }),
    text: z.string(),
    deadline: date.nullable().meta({ description: "完成时限(批准延期后为新时限)" }),
    deadlineText: z.string().nullable().meta({ description: "原文中的时限表述" }),
    originalDeadline: date.nullable().meta({ description: "延期前的原时限" }),
    ongoing: z.boolean().meta({ description: "长期坚持" }),
    updatedAt: dateTime,
  })
  .meta({ id: "Measure" });

export const assignmentSchema = z
  .object({
    id: idOf("分工编号"),
    measureId: idOf("举措编号"),
    planId: idOf("规划编号"),
    unit: z.object({ id: idOf("单位编号"), name: z.string() }),
    role: z.enum(AssignmentRole).meta({ description: "LEAD 牵头单位,RESPONSIBLE 责任单位" }),
    source: z.enum(AssignmentSource),
    status: z.enum(AssignmentStatus),
    percent: z.int().min(0).max(100),
    completedAt: dateTime.nullable(),
    lastReportAt: dateTime.nullable(),
  })
  .meta({ id: "Assignment" });

export const measureDetailSchema = measureSchema.extend({ assignments: z.array(assignmentSchema) }).meta({ id: "MeasureDetail" });

export const periodSchema = z.object({ key: z.string(), label: z.string(), start: date, end: date, dueDate: date }).meta({ id: "Period" });

export const REPORT_STATES = ["NONE", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const;

export const periodProgressSchema = z
  .object({
    assignmentId: idOf("分工编号"),
    measureId: idOf("举措编号"),
    measureCode: z.string(),
    unit: z.object({ id: idOf("单位编号"), name: z.string() }),
    role: z.enum(AssignmentRole),
    state: z
      .enum(REPORT_STATES)
      .meta({ description: "本期报送状态:NONE 未报送,DRAFT 草稿未提交,SUBMITTED 待审核,RETURNED 已退回,APPROVED 已通过" }),
    report: z
      .object({
        id: idOf("报送编号"),
        percent: z.int().min(0).max(100),
        claimedStatus: z.enum(ClaimedStatus),
        text: z.string(),
        submittedAt: dateTime.nullable(),
        reviewedAt: dateTime.nullable(),
      })
      .nullable()
      .meta({ description: "已提交的报送;未报送或仅有草稿时为 null" }),
  })
  .meta({ id: "PeriodProgress" });

const measureCounters = z
  .object({
    measures: z.int(),
    ongoing: z.int(),
    nonOngoing: z.int(),
    completedNonOngoing: z.int(),
    dueSoon: z.int(),
    completed: z.int(),
    overdue: z.int(),
    inProgress: z.int(),
    notStarted: z.int(),
    red: z.int(),
    yellow: z.int(),
    green: z.int(),
    grey: z.int(),
  })
  .meta({ id: "MeasureCounters", description: "举措计数(与统计看板相同的口径)" });

const assignmentCounters = z
  .object({
    assigned: z.int(),
    lead: z.int(),
    completed: z.int(),
    overdue: z.int(),
    onTimeBase: z.int(),
    onTime: z.int(),
    expected: z.int(),
    submitted: z.int(),
    selReturned: z.int(),
    returned: z.int(),
  })
  .meta({ id: "AssignmentCounters", description: "分工计数(与统计看板相同的口径)" });

export const districtDashboardSchema = z
  .object({
    district: z.object({ id: idOf("区县编号"), name: z.string(), code: z.string() }),
    today: date,
    periodLabel: z.string(),
    totals: measureCounters,
    assignmentTotals: assignmentCounters,
    plans: z.array(measureCounters.extend({ planId: idOf("规划编号"), title: z.string() })),
    units: z.array(assignmentCounters.extend({ unitId: idOf("单位编号"), name: z.string() })),
  })
  .meta({ id: "DistrictDashboard" });

const regionCounters = {
  measures: measureCounters.nullable().meta({ description: "其中没有规划时为 null" }),
  assignments: assignmentCounters.nullable(),
};

export const regionDashboardSchema = z
  .object({
    region: z.object({ id: idOf("区域编号"), name: z.string(), level: z.enum(RegionLevel) }),
    today: date,
    periodLabel: z.string(),
    asOf: dateTime.nullable().meta({
      description:
        "省级数字的统计时间:未筛选时读定时统计的结果(每 5 分钟一次,过旧则即时统计),按报送期筛选时即时统计;市及以下为 null,即时统计",
    }),
    districts: z
      .array(z.object({ id: idOf("区县编号"), name: z.string(), code: z.string(), ...regionCounters }))
      .nullable()
      .meta({ description: "市(及以下)区域:各区县的数字;省级区域为 null,见 cities" }),
    cities: z
      .array(
        z.object({
          id: idOf("市编号"),
          name: z.string(),
          code: z.string(),
          level: z.enum(RegionLevel),
          districtCount: z.int().meta({ description: "令牌范围内该市的区县数" }),
          ...regionCounters,
        }),
      )
      .nullable()
      .meta({ description: "省级区域:各市的数字(即该市各区县数字之和,区县数字见 /api/v1/dashboards/regions/{市编号});市及以下为 null" }),
  })
  .meta({ id: "RegionDashboard" });

/** A page of a list: the rows and where the next page is (null on the last one). */
export function pageOf<T extends z.ZodType>(item: T, id: string, extra: z.ZodRawShape = {}) {
  return z
    .object({
      ...extra,
      items: z.array(item),
      nextCursor: z.int().min(1).nullable().meta({ description: "下一页的游标(作为 cursor 参数传回);最后一页为 null" }),
      next: z.string().nullable().meta({ description: "下一页的地址(相对路径);最后一页为 null" }),
    })
    .meta({ id });
}

export const planPageSchema = pageOf(planSchema, "PlanPage");
export const measurePageSchema = pageOf(measureSchema, "MeasurePage");
export const assignmentPageSchema = pageOf(assignmentSchema, "AssignmentPage");
export const periodProgressPageSchema = pageOf(periodProgressSchema, "PeriodProgressPage", { period: periodSchema });

export type ApiError = z.infer<typeof errorSchema>["error"];
