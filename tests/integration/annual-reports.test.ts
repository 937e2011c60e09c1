import mammoth from "mammoth";
import { chinaTime } from "@/lib/dates.ts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import {
  createMeasure,
  createPlan,
  createProgressReports,
  createRegion,
  createUnit,
  createUser,
  type ProgressReportInput,
} from "@/lib/demo/factories.ts";
import {
  createAnnualReportCorrection,
  createAnnualReportDraft,
  publishAnnualReport,
  returnAnnualReport,
  submitAnnualReport,
  updateAnnualReport,
} from "@/lib/annual-reports/actions.ts";
import {
  draftFormOptions,
  getAnnualReport,
  listAnnualReports,
  loadReportWarnings,
  REPORT_LIST_LIMIT,
} from "@/lib/annual-reports/queries.ts";
import { writeAnnualReportImport } from "@/lib/annual-reports/import.ts";
import { reportToOfficialDocument } from "@/lib/annual-reports/docx.ts";
import { buildOfficialDocx } from "@/lib/documents/official-docx.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { annualReportSteps, type AnnualReportStep } from "@/lib/annual-reports/rules.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// District A (下陆区) on 2025-02-10 writes its 2024 report. The fixture, by hand:
//   chapter 一 依法全面履行政府职能
//     1  deadline 2024-09-30, lead J, resp D: completed 2024-07-07 (on time)
//     2  deadline 2024-03-31, lead J: completed 2024-07-07 (late)
//     6  deadline 2025-06-30, lead D: in progress (falls due next year)
//     7  deadline 2023-06-30, lead J: completed 2023 (not this year's)
//   chapter 二 健全行政决策制度体系
//     3  deadline 2024-10-31, lead D: in progress → overdue at year end
//     4  deadline 2024-12-31, lead J: completed 2025-01-15 → overdue at year end
//     5  长期坚持, lead D: a submitted report (Q1) and a returned one (Q3)
// District B has a completed measure and reports that must never count.
// Expected figures are counted again below with plain SQL written for this test.

const TODAY = "2025-02-10";
let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let M: Record<string, number>;

const Q = (year: number, q: number) => {
  const end = ["03-31", "06-30", "09-30", "12-31"][q - 1]!;
  return { start: `${year}-${String(q * 3 - 2).padStart(2, "0")}-01`, end: `${year}-${end}` };
};

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(`${TODAY}T02:00:00Z`));
  world = await buildTwoDistricts();
  const A = world.a.region.id;
  const J = world.a.units.justice.id;
  const D = world.a.units.development.id;
  const reviewer = world.a.users.bureau.id;
  const author = world.a.users.bureau.id;
  const plan = await createPlan(db(), { regionId: A, title: "下陆区法治政府建设实施方案" });
  const c1 = await db().section.create({
    data: { districtId: plan.districtId, planId: plan.id, label: "一、", title: "依法全面履行政府职能", sortOrder: 1 },
  });
  const c2 = await db().section.create({
    data: { districtId: plan.districtId, planId: plan.id, label: "二、", title: "健全行政决策制度体系", sortOrder: 2 },
  });
  const spec: [string, { deadline?: string; ongoing?: boolean; lead: number[]; resp?: number[]; chapter: number; text: string }][] = [
    ["1", { deadline: "2024-09-30", lead: [J], resp: [D], chapter: c1.id, text: "深化“放管服”改革,优化营商环境" }],
    ["2", { deadline: "2024-03-31", lead: [J], chapter: c1.id, text: "全面推行证明事项告知承诺制" }],
    ["3", { deadline: "2024-10-31", lead: [D], chapter: c2.id, text: "完善重大行政决策程序制度" }],
    ["4", { deadline: "2024-12-31", lead: [J], chapter: c2.id, text: "建立行政规范性文件合法性审核机制" }],
    ["5", { ongoing: true, lead: [D], chapter: c2.id, text: "严格落实重大行政决策公众参与" }],
    ["6", { deadline: "2025-06-30", lead: [D], chapter: c1.id, text: "推进政务服务“一网通办”" }],
    ["7", { deadline: "2023-06-30", lead: [J], chapter: c1.id, text: "编制权责清单" }],
  ];
  M = {};
  for (const [code, s] of spec) {
    const m = await createMeasure(db(), {
      planId: plan.id,
      code,
      text: s.text,
      deadline: s.deadline ?? null,
      ongoing: s.ongoing,
      leadUnitIds: s.lead,
      responsibleUnitIds: s.resp,
    });
    await db().measure.update({ where: { id: m.id }, data: { sectionId: s.chapter } });
    M[code] = m.id;
  }
  const assignment = async (code: string, unitId: number) =>
    (await db().assignment.findFirstOrThrow({ where: { measureId: M[code], unitId } })).id;
  const r = (
    a: number,
    period: { start: string; end: string },
    state: ProgressReportInput["state"],
    extra: Partial<ProgressReportInput> = {},
  ): ProgressReportInput => ({
    assignmentId: a,
    period,
    state,
    authorId: author,
    ...(state === "APPROVED" || state === "RETURNED" ? { reviewerId: reviewer } : {}),
    ...extra,
  });
  await createProgressReports(db(), [
    r(await assignment("7", J), Q(2023, 2), "APPROVED", { claimedStatus: "COMPLETED", text: "权责清单已编制公布。" }),
    r(await assignment("1", J), Q(2024, 1), "APPROVED", { text: "制定优化营商环境实施方案,召开推进会3次。" }),
    r(await assignment("1", J), Q(2024, 2), "APPROVED", { claimedStatus: "COMPLETED", text: "营商环境改革各项任务已完成。" }),
    r(await assignment("1", D), Q(2024, 2), "APPROVED", { text: "配合完成相关材料。" }),
    r(await assignment("2", J), Q(2024, 2), "APPROVED", { claimedStatus: "COMPLETED", text: "告知承诺制已全面推行。" }),
    r(await assignment("3", D), Q(2024, 3), "APPROVED", { text: "起草重大行政决策程序规定征求意见稿。" }),
    r(await assignment("4", J), Q(2024, 3), "APPROVED", { text: "合法性审核机制已起草。" }),
    r(await assignment("4", J), Q(2024, 4), "APPROVED", {
      claimedStatus: "COMPLETED",
      text: "审核机制已印发。",
      reviewedAt: chinaTime("2025-01-15"),
    }),
    r(await assignment("5", D), Q(2024, 1), "SUBMITTED", { text: "公开征求意见2次。" }),
    r(await assignment("5", D), Q(2024, 3), "RETURNED", { text: "已开展。", reviewComment: "请补充材料" }),
    r(await assignment("5", D), Q(2024, 4), "DRAFT", { text: "草稿" }),
    r(await assignment("6", D), Q(2024, 3), "APPROVED", { text: "一网通办平台上线试运行。" }),
  ]);
  // District B: a measure completed in 2024 and reports that must not count for A.
  const planB = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区方案" });
  const mb = await createMeasure(db(), { planId: planB.id, code: "1", deadline: "2024-06-30", leadUnitIds: [world.b.units.justice.id] });
  const ab = (await db().assignment.findFirstOrThrow({ where: { measureId: mb.id } })).id;
  await createProgressReports(db(), [
    {
      assignmentId: ab,
      period: Q(2024, 1),
      state: "APPROVED",
      claimedStatus: "COMPLETED",
      authorId: world.b.users.bureau.id,
      reviewerId: world.b.users.bureau.id,
    },
  ]);
});

afterEach(() => {
  vi.useRealTimers();
});

/** The figures for district A's 2024, counted with plain SQL (Beijing dates). */
async function expectedFigures(districtId: number, unitId: number | null) {
  const unitFilter =
    unitId === null ? "TRUE" : `EXISTS (SELECT 1 FROM "Assignment" x WHERE x."measureId" = m."id" AND x."unitId" = ${unitId})`;
  const local = (col: string) => `((${col} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date`;
  const [row] = await db().$queryRawUnsafe<Record<string, number>[]>(`
    WITH m AS (
      SELECT m.*,
        (SELECT count(*) FROM "Assignment" a WHERE a."measureId" = m."id" AND a."role" = 'LEAD') AS leads,
        (SELECT count(*) FROM "Assignment" a WHERE a."measureId" = m."id" AND a."role" = 'LEAD' AND a."status" = 'COMPLETED') AS leads_done,
        (SELECT max(${local(`a."completedAt"`)}) FROM "Assignment" a WHERE a."measureId" = m."id" AND a."role" = 'LEAD') AS done_on
      FROM "Measure" m JOIN "Plan" p ON p."id" = m."planId"
      WHERE m."districtId" = ${districtId} AND p."status" <> 'CLOSED' AND ${unitFilter}
    ), d AS (SELECT *, leads > 0 AND leads = leads_done AS done FROM m)
    SELECT
      (SELECT count(*) FROM d)::int AS measures,
      (SELECT count(*) FROM d WHERE done AND done_on BETWEEN '2024-01-01' AND '2024-12-31')::int AS completed,
      (SELECT count(*) FROM d WHERE done AND done_on BETWEEN '2024-01-01' AND '2024-12-31' AND deadline IS NOT NULL AND NOT ongoing AND done_on <= deadline)::int AS "completedOnTime",
      (SELECT count(*) FROM d WHERE NOT ongoing AND deadline <= '2024-12-31' AND NOT (done AND done_on <= '2024-12-31'))::int AS overdue,
      (SELECT count(DISTINCT a."unitId") FROM "Assignment" a JOIN d ON d."id" = a."measureId" WHERE ${unitId === null ? "TRUE" : `a."unitId" = ${unitId}`})::int AS units,
      (SELECT count(*) FROM "ProgressReport" r JOIN "Assignment" a ON a."id" = r."assignmentId" JOIN d ON d."id" = a."measureId"
        WHERE r."state" <> 'DRAFT' AND ${local(`r."submittedAt"`)} BETWEEN '2024-01-01' AND '2024-12-31'
          AND ${unitId === null ? "TRUE" : `a."unitId" = ${unitId}`})::int AS "reportsSubmitted",
      (SELECT count(*) FROM "ProgressReport" r JOIN "Assignment" a ON a."id" = r."assignmentId" JOIN d ON d."id" = a."measureId"
        WHERE r."state" = 'RETURNED' AND ${local(`r."reviewedAt"`)} BETWEEN '2024-01-01' AND '2024-12-31'
          AND ${unitId === null ? "TRUE" : `a."unitId" = ${unitId}`})::int AS "reportsReturned"
  `);
  return row!;
}

async function draftFor(user: { id: number }, input: Record<string, unknown>) {
  await actAs(user);
  const result = await createAnnualReportDraft(input);
  if (!result.ok) throw new Error(`draft refused: ${result.message}`);
  return db().annualReport.findUniqueOrThrow({ where: { id: result.data.id }, include: { sections: { orderBy: { sortOrder: "asc" } } } });
}

/** Everything a refused action must leave alone. */
async function snapshot() {
  const [reports, sections, audit] = await Promise.all([
    db().annualReport.findMany({ orderBy: { id: "asc" } }),
    db().annualReportSection.findMany({ orderBy: { id: "asc" } }),
    db().auditEvent.count(),
  ]);
  return { reports, sections, audit };
}

describe("createAnnualReportDraft", () => {
  it("builds the district's 2024 draft with figures equal to plain SQL counts, sections in the standard order", async () => {
    const expected = await expectedFigures(world.a.region.id, null);
    // By hand, so a wrong query above cannot agree with a wrong draft.
    expect(expected).toEqual({
      measures: 7,
      completed: 2,
      completedOnTime: 1,
      overdue: 2,
      units: 2,
      reportsSubmitted: 9,
      reportsReturned: 1,
    });

    const report = await draftFor(world.a.users.bureau, { regionId: String(world.a.region.id), unitId: "", year: "2024" });
    expect(report).toMatchObject({
      status: "DRAFT",
      year: 2024,
      unitId: null,
      version: 1,
      createdById: world.a.users.bureau.id,
      title: "下陆区2024年法治政府建设年度报告",
    });
    const level1 = report.sections.filter((s) => s.level === 1);
    expect(level1.map((s) => s.kind)).toEqual(["LEADER_DUTY", "MEASURES", "SHORTCOMINGS", "NEXT_YEAR"]);
    expect(report.sections.map((s) => s.sortOrder)).toEqual(report.sections.map((_, i) => i));

    const opening = level1.find((s) => s.kind === "MEASURES")!.body;
    expect(opening).toContain(`任务${expected.measures}项,涉及责任单位${expected.units}个`);
    expect(opening).toContain(`全年完成任务${expected.completed}项,其中按期完成${expected.completedOnTime}项`);
    expect(opening).toContain(`仍有${expected.overdue}项任务超过完成时限尚未完成`);
    expect(opening).toContain(`报送进展${expected.reportsSubmitted}次,经审核退回补充完善${expected.reportsReturned}次`);

    // One paragraph per chapter with approved progress in 2024, excerpts and their measures.
    const measuresIndex = report.sections.findIndex((s) => s.kind === "MEASURES");
    const chapters = report.sections.slice(
      measuresIndex + 1,
      report.sections.findIndex((s) => s.kind === "SHORTCOMINGS"),
    );
    expect(chapters.map((s) => s.heading)).toEqual(["依法全面履行政府职能", "健全行政决策制度体系"]);
    expect(chapters[0]!.measureIds.sort()).toEqual([M["1"], M["2"], M["6"]].sort());
    expect(chapters[0]!.body).toContain("营商环境改革各项任务已完成");
    expect(chapters[0]!.body).not.toContain("权责清单"); // 2023's report
    expect(chapters[1]!.measureIds.sort()).toEqual([M["3"], M["4"]].sort());
    expect(chapters[1]!.body).toContain("合法性审核机制已起草"); // 2025's approval is not 2024's progress

    const shortcomings = report.sections.filter((s) => s.level === 2 && s.heading === "部分任务未按期完成");
    expect(shortcomings).toHaveLength(1);
    expect(shortcomings[0]!.measureIds.sort()).toEqual([M["3"], M["4"]].sort());
    expect(shortcomings[0]!.body).toMatch(/^截至年底,2项任务/);

    const next = report.sections.slice(report.sections.findIndex((s) => s.kind === "NEXT_YEAR") + 1);
    expect(next.map((s) => [s.heading, s.measureIds])).toEqual([["依法全面履行政府职能", [M["6"]]]]);

    expect(await db().auditEvent.findMany({ select: { action: true, entityId: true } })).toEqual([
      { action: "annualReport.draft", entityId: String(report.id) },
    ]);
  });

  it("a department's own report counts only its assignments; its liaison may draft it", async () => {
    const D = world.a.units.development.id;
    const expected = await expectedFigures(world.a.region.id, D);
    expect(expected).toMatchObject({ measures: 4, completed: 1, completedOnTime: 1, overdue: 1, units: 1 });
    const report = await draftFor(world.a.users.liaison, { regionId: String(world.a.region.id), unitId: String(D), year: "2024" });
    expect(report).toMatchObject({ unitId: D, title: "区发改局2024年法治政府建设年度报告" });
    const opening = report.sections.find((s) => s.kind === "MEASURES")!.body;
    expect(opening).toContain(`区发改局承担法治政府建设任务${expected.measures}项`);
    expect(opening).toContain(`全年完成任务${expected.completed}项,其中按期完成${expected.completedOnTime}项`);
    expect(opening).toContain(`报送进展${expected.reportsSubmitted}次,经审核退回补充完善${expected.reportsReturned}次`);
  });

  it("adds 督察整改情况 with each rectification's state when the year had inspections", async () => {
    const A = world.a.region.id;
    const districtId = world.a.region.id;
    const D = world.a.units.development.id;
    const J = world.a.units.justice.id;
    const inspection = await db().inspection.create({
      data: {
        districtId,
        regionId: A,
        title: "2024年法治政府建设督察",
        inspector: "市委依法治市办",
        inspectedOn: new Date("2024-05-20T00:00:00Z"),
      },
    });
    const f1 = await db().finding.create({
      data: { districtId, inspectionId: inspection.id, measureId: M["3"], text: "重大行政决策程序不规范" },
    });
    const f2 = await db().finding.create({ data: { districtId, inspectionId: inspection.id, text: "执法案卷不规范" } });
    await db().findingUnit.createMany({
      data: [
        { findingId: f1.id, unitId: D, districtId },
        { findingId: f2.id, unitId: J, districtId },
      ],
    });
    await db().rectification.create({
      data: {
        districtId,
        findingId: f1.id,
        unitId: D,
        deadline: new Date("2024-09-30T00:00:00Z"),
        status: "CLOSED",
        verifiedById: world.a.users.bureau.id,
        verifiedAt: chinaTime("2024-09-20"),
        createdAt: chinaTime("2024-05-25"),
      },
    });
    await db().rectification.create({
      data: {
        districtId,
        findingId: f2.id,
        unitId: J,
        deadline: new Date("2024-12-15T00:00:00Z"),
        status: "OPEN",
        createdAt: chinaTime("2024-05-25"),
      },
    });
    const report = await draftFor(world.a.users.bureau, { regionId: String(A), year: "2024" });
    expect(report.sections.filter((s) => s.level === 1).map((s) => s.kind)).toEqual([
      "LEADER_DUTY",
      "MEASURES",
      "SHORTCOMINGS",
      "NEXT_YEAR",
      "RECTIFICATION",
    ]);
    const last = report.sections[report.sections.length - 1]!;
    expect(last.heading).toBe("2024年法治政府建设督察(2024年5月20日,市委依法治市办)");
    expect(last.body).toBe(
      "1. 重大行政决策程序不规范——区发改局已销号(2024年9月20日)\n2. 执法案卷不规范——区司法局逾期未整改(整改时限2024年12月15日)",
    );
    expect(last.measureIds).toEqual([M["3"]]);
    // 2023 had no inspection and no open item: no such section.
    const earlier = await draftFor(world.a.users.bureau, { regionId: String(A), year: "2023" });
    expect(earlier.sections.some((s) => s.kind === "RECTIFICATION")).toBe(false);
  });

  it("shows an item closed during the year as 已销号 even if it was reopened after the year", async () => {
    const A = world.a.region.id;
    const D = world.a.units.development.id;
    const inspection = await db().inspection.create({
      data: { districtId: A, regionId: A, title: "2024年专项督察", inspectedOn: new Date("2024-04-10T00:00:00Z") },
    });
    const finding = await db().finding.create({ data: { districtId: A, inspectionId: inspection.id, text: "规范性文件备案不及时" } });
    await db().findingUnit.create({ data: { findingId: finding.id, unitId: D, districtId: A } });
    // Closed on 2024-10-08, reopened on 2025-02-01: open now, its row no longer says when it was closed.
    const item = await db().rectification.create({
      data: {
        districtId: A,
        findingId: finding.id,
        unitId: D,
        deadline: new Date("2024-10-31T00:00:00Z"),
        status: "OPEN",
        reopenReason: "回头看发现反弹",
        createdAt: chinaTime("2024-04-15"),
      },
    });
    await db().rectificationClosure.create({
      data: {
        districtId: A,
        rectificationId: item.id,
        closedAt: chinaTime("2024-10-08"),
        closedById: world.a.users.bureau.id,
        reopenedAt: chinaTime("2025-02-01"),
      },
    });
    const report = await draftFor(world.a.users.bureau, { regionId: String(A), year: "2024" });
    const last = report.sections[report.sections.length - 1]!;
    expect(last.body).toBe("1. 规范性文件备案不及时——区发改局已销号(2024年10月8日)");
  });

  it("refuses a second draft while one exists, naming it, and writes nothing", async () => {
    const first = await draftFor(world.a.users.bureau, { regionId: String(world.a.region.id), year: "2024" });
    const before = await snapshot();
    const result = await createAnnualReportDraft({ regionId: String(world.a.region.id), year: "2024" });
    expect(result).toMatchObject({ ok: false, code: "DUPLICATE" });
    expect(!result.ok && result.message).toContain(`/reports/${first.id}`);
    // The form's "打开已有的报告" link comes from this, not from the message's words.
    expect(!result.ok && result.link).toBe(`/reports/${first.id}`);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a report year in the future with a field error and writes nothing", async () => {
    await actAs(world.a.users.bureau);
    const result = await createAnnualReportDraft({ regionId: String(world.a.region.id), year: "2026" });
    expect(!result.ok && result.fieldErrors?.year).toEqual(["报告年度不能晚于今年"]);
    expect(await db().annualReport.count()).toBe(0);
    expect(await db().auditEvent.count()).toBe(0);
  });

  it.each([
    ["a leader", () => world.a.users.leader, () => ({ regionId: world.a.region.id }), "FORBIDDEN"],
    ["another district's bureau", () => world.b.users.bureau, () => ({ regionId: world.a.region.id }), "NOT_FOUND"],
    ["a liaison, for the district", () => world.a.users.liaison, () => ({ regionId: world.a.region.id }), "FORBIDDEN"],
    [
      "a liaison, for another unit",
      () => world.a.users.liaison,
      () => ({ regionId: world.a.region.id, unitId: world.a.units.justice.id }),
      "FORBIDDEN",
    ],
    [
      "a bureau, for another district's unit",
      () => world.a.users.bureau,
      () => ({ regionId: world.a.region.id, unitId: world.b.units.justice.id }),
      "NOT_FOUND",
    ],
    ["an unknown region", () => world.admin, () => ({ regionId: 999999 }), "NOT_FOUND"],
  ])("is refused to %s (%s… nothing written, no audit)", async (_who, user, input, code) => {
    await actAs(user());
    const result = await createAnnualReportDraft({ ...input(), year: 2024 });
    expect(result).toMatchObject({ ok: false, code });
    expect(await db().annualReport.count()).toBe(0);
    expect(await db().annualReportSection.count()).toBe(0);
    expect(await db().auditEvent.count()).toBe(0);
  });
});

describe("editing, workflow and corrections", () => {
  async function editInput(
    reportId: number,
    change: (s: {
      id: number;
      level: number;
      kind: string | null;
      heading: string;
      body: string;
    }) => Partial<{ heading: string; body: string }> = () => ({}),
    title?: string,
  ) {
    const report = await db().annualReport.findUniqueOrThrow({
      where: { id: reportId },
      include: { sections: { orderBy: { sortOrder: "asc" } } },
    });
    const sections = report.sections.map((s) => ({ ...s, ...change(s) }));
    return {
      id: String(report.id),
      updatedAt: report.updatedAt.toISOString(),
      title: title ?? report.title,
      sectionId: sections.map((s) => String(s.id)),
      heading: sections.map((s) => s.heading),
      body: sections.map((s) => s.body),
    };
  }

  it("a draft is edited (paragraph headings and bodies, not the standard headings); a stale version is refused", async () => {
    const report = await draftFor(world.a.users.bureau, { regionId: String(world.a.region.id), year: "2024" });
    const paragraph = report.sections.find((s) => s.level === 2)!;
    const leader = report.sections[0]!;
    const stale = await editInput(report.id);
    const input = await editInput(
      report.id,
      (s) =>
        s.id === paragraph.id ? { heading: "依法履职", body: "改写后的段落。" } : s.id === leader.id ? { heading: "被改的标准标题" } : {},
      "下陆区2024年法治政府建设情况报告",
    );
    expect(await updateAnnualReport(input)).toMatchObject({ ok: true });
    const after = await db().annualReport.findUniqueOrThrow({ where: { id: report.id }, include: { sections: true } });
    expect(after.title).toBe("下陆区2024年法治政府建设情况报告");
    expect(after.sections.find((s) => s.id === paragraph.id)).toMatchObject({ heading: "依法履职", body: "改写后的段落。" });
    expect(after.sections.find((s) => s.id === leader.id)!.heading).toBe(leader.heading);

    const before = await snapshot();
    expect(await updateAnnualReport({ ...stale, title: "另一人的修改" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await snapshot()).toEqual(before);
  });

  it("records who and when at each step; a return needs the publish right and sends it back to draft with the comment", async () => {
    const report = await draftFor(world.a.users.liaison, {
      regionId: String(world.a.region.id),
      unitId: String(world.a.units.development.id),
      year: "2024",
    });
    vi.setSystemTime(new Date("2025-02-20T03:00:00Z"));
    expect(await submitAnnualReport({ id: report.id })).toMatchObject({ ok: true });
    expect(await db().annualReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({
      status: "SUBMITTED",
      submittedById: world.a.users.liaison.id,
      submittedAt: new Date("2025-02-20T03:00:00Z"),
    });
    // A liaison may not publish or return, even its own unit's report.
    let before = await snapshot();
    expect(await publishAnnualReport({ id: report.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await returnAnnualReport({ id: report.id, comment: "x" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot()).toEqual(before);

    await actAs(world.a.users.bureau);
    expect(await returnAnnualReport({ id: report.id, comment: "请补充第二部分的数据" })).toMatchObject({ ok: true });
    expect(await db().annualReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: "DRAFT", submittedAt: null });
    const detail = await getAnnualReport((await loadActor(world.a.users.bureau.id))!, report.id);
    expect(detail!.lastReturn).toMatchObject({ comment: "请补充第二部分的数据" });

    await actAs(world.a.users.liaison);
    expect(await submitAnnualReport({ id: report.id })).toMatchObject({ ok: true });
    await actAs(world.a.users.bureau);
    vi.setSystemTime(new Date("2025-03-05T03:00:00Z"));
    expect(await publishAnnualReport({ id: report.id })).toMatchObject({ ok: true });
    expect(await db().annualReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({
      status: "PUBLISHED",
      publishedById: world.a.users.bureau.id,
      publishedAt: new Date("2025-03-05T03:00:00Z"),
      createdById: world.a.users.liaison.id,
    });
    expect(
      (await db().auditEvent.findMany({ where: { entityType: "AnnualReport" }, orderBy: { id: "asc" } })).map((e) => e.action),
    ).toEqual(["annualReport.draft", "annualReport.submit", "annualReport.return", "annualReport.submit", "annualReport.publish"]);
    before = await snapshot();
    expect(await publishAnnualReport({ id: report.id })).toMatchObject({ ok: false, code: "CONFLICT", message: "该报告已发布。" });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["submit", "a leader", () => world.a.users.leader, (id: number) => submitAnnualReport({ id }), "FORBIDDEN"],
    ["submit", "another district's bureau", () => world.b.users.bureau, (id: number) => submitAnnualReport({ id }), "NOT_FOUND"],
    // A liaison cannot read the district's draft (its page is 404), so the action says the same.
    ["submit", "a liaison (district report)", () => world.a.users.liaison, (id: number) => submitAnnualReport({ id }), "NOT_FOUND"],
    [
      "edit",
      "a leader",
      () => world.a.users.leader,
      (id: number) => updateAnnualReport({ id, updatedAt: "x", title: "t", sectionId: [], heading: [], body: [] }),
      "FORBIDDEN",
    ],
    [
      "edit",
      "another district's bureau",
      () => world.b.users.bureau,
      (id: number) => updateAnnualReport({ id, updatedAt: "x", title: "t", sectionId: [], heading: [], body: [] }),
      "NOT_FOUND",
    ],
    [
      "edit",
      "a liaison (district report)",
      () => world.a.users.liaison,
      (id: number) => updateAnnualReport({ id, updatedAt: "x", title: "t", sectionId: [], heading: [], body: [] }),
      "NOT_FOUND",
    ],
    ["publish", "another district's bureau", () => world.b.users.bureau, (id: number) => publishAnnualReport({ id }), "NOT_FOUND"],
    ["publish", "a leader", () => world.a.users.leader, (id: number) => publishAnnualReport({ id }), "FORBIDDEN"],
    [
      "return",
      "another district's bureau",
      () => world.b.users.bureau,
      (id: number) => returnAnnualReport({ id, comment: "c" }),
      "NOT_FOUND",
    ],
    ["correct", "a leader", () => world.a.users.leader, (id: number) => createAnnualReportCorrection({ reportId: id }), "FORBIDDEN"],
    [
      "correct",
      "another district's bureau",
      () => world.b.users.bureau,
      (id: number) => createAnnualReportCorrection({ reportId: id }),
      "NOT_FOUND",
    ],
    // A published report is public: the liaison reads it, so the refusal is FORBIDDEN.
    [
      "correct",
      "a liaison (district report)",
      () => world.a.users.liaison,
      (id: number) => createAnnualReportCorrection({ reportId: id }),
      "FORBIDDEN",
    ],
  ])("%s is refused to %s; nothing changes", async (action, _who, user, call, code) => {
    const report = await draftFor(world.a.users.bureau, { regionId: String(world.a.region.id), year: "2024" });
    // Put the report where the action would otherwise succeed.
    if (action === "publish" || action === "return") await submitAnnualReport({ id: report.id });
    if (action === "correct") {
      await submitAnnualReport({ id: report.id });
      await publishAnnualReport({ id: report.id });
    }
    const before = await snapshot();
    await actAs(user());
    expect(await call(report.id)).toMatchObject({ ok: false, code });
    expect(await snapshot()).toEqual(before);
  });

  it("answers another unit's unpublished report as its page does (404), so ids cannot be probed; a published one it reads is FORBIDDEN", async () => {
    // The justice bureau's own report, drafted by the district bureau; the liaison belongs to the development bureau.
    const draft = await draftFor(world.a.users.bureau, {
      regionId: String(world.a.region.id),
      unitId: String(world.a.units.justice.id),
      year: "2024",
    });
    const submitted = await draftFor(world.a.users.bureau, {
      regionId: String(world.a.region.id),
      unitId: String(world.a.units.justice.id),
      year: "2023",
    });
    await submitAnnualReport({ id: submitted.id });
    const published = await draftFor(world.a.users.bureau, {
      regionId: String(world.a.region.id),
      unitId: String(world.a.units.justice.id),
      year: "2022",
    });
    await submitAnnualReport({ id: published.id });
    await publishAnnualReport({ id: published.id });

    const liaison = (await actAs(world.a.users.liaison))!;
    expect(await getAnnualReport(liaison, draft.id)).toBeNull();
    expect(await getAnnualReport(liaison, submitted.id)).toBeNull();
    expect(await getAnnualReport(liaison, published.id)).not.toBeNull();
    const before = await snapshot();
    const edit = await editInput(draft.id);
    for (const result of [
      await updateAnnualReport(edit),
      await submitAnnualReport({ id: draft.id }),
      await createAnnualReportCorrection({ reportId: draft.id }),
      await submitAnnualReport({ id: submitted.id }),
      await createAnnualReportCorrection({ reportId: submitted.id }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await createAnnualReportCorrection({ reportId: published.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot()).toEqual(before);
  });

  it("a published report cannot be edited or submitted; a correction is a new version and the old one stays as it was", async () => {
    const report = await draftFor(world.a.users.bureau, { regionId: String(world.a.region.id), year: "2024" });
    await submitAnnualReport({ id: report.id });
    await publishAnnualReport({ id: report.id });
    const input = await editInput(report.id, (s) => ({ body: `${s.body}(改)` }), "改过的标题");

    const before = await snapshot();
    const refused = await updateAnnualReport(input);
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT", message: "该报告已发布,内容已冻结,不能修改;如需更正,请创建更正版本。" });
    expect(await submitAnnualReport({ id: report.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await snapshot()).toEqual(before);

    const correction = await createAnnualReportCorrection({ reportId: report.id });
    expect(correction).toMatchObject({ ok: true });
    const newId = correction.ok ? correction.data.id : 0;
    const old = before.reports.find((r) => r.id === report.id)!;
    expect(await db().annualReport.findUniqueOrThrow({ where: { id: report.id } })).toEqual(old);
    expect(await db().annualReportSection.findMany({ where: { reportId: report.id }, orderBy: { id: "asc" } })).toEqual(
      before.sections.filter((s) => s.reportId === report.id),
    );
    const copy = await db().annualReport.findUniqueOrThrow({
      where: { id: newId },
      include: { sections: { orderBy: { sortOrder: "asc" } } },
    });
    expect(copy).toMatchObject({
      status: "DRAFT",
      version: 2,
      previousVersionId: report.id,
      year: 2024,
      regionId: world.a.region.id,
      title: old.title,
    });
    const strip = (s: { level: number; kind: string | null; heading: string; body: string; measureIds: number[]; sortOrder: number }) => ({
      level: s.level,
      kind: s.kind,
      heading: s.heading,
      body: s.body,
      measureIds: s.measureIds,
      sortOrder: s.sortOrder,
    });
    expect(copy.sections.map(strip)).toEqual(
      before.sections
        .filter((s) => s.reportId === report.id)
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map(strip),
    );
    // One correction at a time.
    expect(await createAnnualReportCorrection({ reportId: report.id })).toMatchObject({ ok: false, code: "DUPLICATE" });
    // A second draft for the year is refused while the chain exists.
    expect(await createAnnualReportDraft({ regionId: world.a.region.id, year: 2024 })).toMatchObject({ ok: false, code: "DUPLICATE" });

    // The correction is edited and published: the list shows it current, the old one as history.
    expect(
      await updateAnnualReport(await editInput(newId, (s) => (s.kind === "LEADER_DUTY" ? { body: "更正后的内容。" } : {}))),
    ).toMatchObject({ ok: true });
    await submitAnnualReport({ id: newId });
    await publishAnnualReport({ id: newId });
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    const list = (await listAnnualReports(bureau)).rows;
    expect(list.map((r) => [r.id, r.status, r.version, r.superseded])).toEqual([
      [newId, "PUBLISHED", 2, false],
      [report.id, "PUBLISHED", 1, true],
    ]);
    expect((await db().annualReport.findUniqueOrThrow({ where: { id: report.id } })).updatedAt).toEqual(old.updatedAt);
    const detail = await getAnnualReport(bureau, report.id);
    expect(detail!.chain.map((v) => v.id)).toEqual([report.id, newId]);
  });

  it("other districts' reports are invisible in the list and detail", async () => {
    const report = await draftFor(world.a.users.bureau, { regionId: String(world.a.region.id), year: "2024" });
    const other = (await loadActor(world.b.users.bureau.id))!;
    expect(await listAnnualReports(other)).toEqual({ rows: [], truncated: false });
    expect(await getAnnualReport(other, report.id)).toBeNull();
    const city = (await loadActor(world.cityLeader.id))!;
    expect((await listAnnualReports(city)).rows.map((r) => r.id)).toEqual([report.id]);
  });
});

describe("the report's page offers a step exactly when the action takes it (lib/annual-reports/rules.ts)", () => {
  type Who = "unitLiaison" | "bureau" | "leader" | "otherBureau" | "admin";
  type State = "DRAFT" | "SUBMITTED" | "PUBLISHED" | "CORRECTED";
  const whoIs = (who: Who) =>
    ({
      unitLiaison: world.a.users.liaison,
      bureau: world.a.users.bureau,
      leader: world.a.users.leader,
      otherBureau: world.b.users.bureau,
      admin: world.admin,
    })[who];
  const cases = (["unitLiaison", "bureau", "leader", "otherBureau", "admin"] as const).flatMap((who) =>
    (["DRAFT", "SUBMITTED", "PUBLISHED", "CORRECTED"] as const).map((state) => [who, state] as const),
  );

  it.each(cases)("%s on a %s unit report", async (who: Who, state: State) => {
    const report = await draftFor(world.a.users.liaison, {
      regionId: String(world.a.region.id),
      unitId: String(world.a.units.development.id),
      year: "2024",
    });
    await actAs(world.a.users.bureau);
    if (state !== "DRAFT")
      await db().annualReport.update({ where: { id: report.id }, data: { status: state === "SUBMITTED" ? "SUBMITTED" : "PUBLISHED" } });
    if (state === "CORRECTED") expect(await createAnnualReportCorrection({ reportId: report.id })).toMatchObject({ ok: true });
    const actor = (await actAs(whoIs(who)))!;
    // What the page shows (app/(app)/reports/[id]/page.tsx); a report out of reach is a 404 there.
    const detail = await getAnnualReport(actor, report.id);
    const none = { edit: false, submit: false, publish: false, return: false, correct: false };
    const offers = detail ? annualReportSteps(actor, detail.report) : none;

    const saved = await db().annualReport.findUniqueOrThrow({ where: { id: report.id } });
    const lastId = (await db().annualReport.aggregate({ _max: { id: true } }))._max.id!;
    const restore = async () => {
      const { id: _id, ...row } = saved;
      await db().annualReportSection.deleteMany({ where: { report: { id: { gt: lastId } } } });
      await db().annualReport.deleteMany({ where: { id: { gt: lastId } } });
      await db().annualReport.update({ where: { id: report.id }, data: row });
    };
    const tries: Record<AnnualReportStep, () => Promise<{ ok: boolean }>> = {
      edit: async () => updateAnnualReport(await editInput(report.id)),
      submit: () => submitAnnualReport({ id: report.id }),
      publish: () => publishAnnualReport({ id: report.id }),
      return: () => returnAnnualReport({ id: report.id, comment: "请补充" }),
      correct: () => createAnnualReportCorrection({ reportId: report.id }),
    };
    const taken = { ...none };
    for (const step of Object.keys(tries) as AnnualReportStep[]) {
      taken[step] = (await tries[step]()).ok;
      await restore();
    }
    expect({ who, state, offers }).toEqual({ who, state, offers: taken });
  });

  async function editInput(reportId: number) {
    const report = await db().annualReport.findUniqueOrThrow({
      where: { id: reportId },
      include: { sections: { orderBy: { sortOrder: "asc" } } },
    });
    return {
      id: String(report.id),
      updatedAt: report.updatedAt.toISOString(),
      title: report.title,
      sectionId: report.sections.map((s) => String(s.id)),
      heading: report.sections.map((s) => s.heading),
      body: report.sections.map((s) => s.body),
    };
  }
});

describe("deadline warnings", () => {
  it("warns the bureau as 1 March approaches and marks the report late after it; never a leader", async () => {
    const bureau = () => loadActor(world.a.users.bureau.id).then((a) => a!);
    // 2025-02-10: 19 days to 1 March, 50 to 1 April.
    const warnings = await loadReportWarnings(await bureau(), "2025-02-10");
    expect(warnings.filter((w) => w.subject === "下陆区")).toEqual([
      {
        subject: "下陆区",
        year: 2024,
        reportId: null,
        states: [expect.objectContaining({ kind: "SUBMIT", status: "DUE_SOON", daysLeft: 19 })],
      },
    ]);
    expect(await loadReportWarnings((await loadActor(world.a.users.leader.id))!, "2025-02-10")).toEqual([]);
    const report = await draftFor(world.a.users.bureau, { regionId: String(world.a.region.id), year: "2024" });
    const late = await loadReportWarnings(await bureau(), "2025-03-05");
    expect(late.find((w) => w.subject === "下陆区")).toMatchObject({
      reportId: report.id,
      states: [
        expect.objectContaining({ kind: "SUBMIT", status: "OVERDUE" }),
        expect.objectContaining({ kind: "PUBLISH", status: "DUE_SOON" }),
      ],
    });
  });
});

describe(".docx export", () => {
  it("parses back with the title, 一、 headings as h1, (一) headings as h2 and the paragraphs", async () => {
    const report = await draftFor(world.a.users.bureau, { regionId: String(world.a.region.id), year: "2024" });
    const buffer = await buildOfficialDocx(reportToOfficialDocument(report));
    const { value: html } = await mammoth.convertToHtml({ buffer });
    expect(html).toContain("下陆区2024年法治政府建设年度报告");
    const h1 = [...html.matchAll(/<h1>(.*?)<\/h1>/g)].map((m) => m[1]);
    expect(h1).toEqual([
      "一、党政主要负责人履行推进法治建设第一责任人职责情况",
      "二、主要举措和成效",
      "三、存在的不足和原因",
      "四、下一年度主要安排",
    ]);
    const h2 = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
    expect(h2.slice(0, 2)).toEqual(["(一)依法全面履行政府职能", "(二)健全行政决策制度体系"]);
    expect(h2).toContain("(一)部分任务未按期完成");
    const paragraphs = [...html.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]);
    expect(paragraphs.some((p) => p!.includes("全年完成任务2项,其中按期完成1项"))).toBe(true);
    // A body's lines are paragraphs of their own.
    expect(paragraphs).toContain("截至年底,2项任务超过完成时限尚未完成:");
    expect(paragraphs).toContain("3 完善重大行政决策程序制度(完成时限2024年10月31日)");
  });
});

describe("what a report covers and who reads it", () => {
  /** A town under district A with its own plan, unit and bureau. */
  async function town() {
    const region = await createRegion(db(), { code: "420204100", name: "团城山街道", level: "TOWN", parentId: world.a.region.id });
    const unit = await createUnit(db(), { regionId: region.id, name: "街道办" });
    const plan = await createPlan(db(), { regionId: region.id, title: "团城山街道法治建设方案" });
    const measure = await createMeasure(db(), { planId: plan.id, code: "T1", deadline: "2024-06-30", leadUnitIds: [unit.id] });
    const bureau = await createUser(db(), { login: "town.bureau", name: "街道司法所", role: "BUREAU", regionId: region.id });
    const assignment = await db().assignment.findFirstOrThrow({ where: { measureId: measure.id } });
    await createProgressReports(db(), [
      {
        assignmentId: assignment.id,
        period: Q(2024, 1),
        state: "APPROVED",
        claimedStatus: "COMPLETED",
        text: "街道法治宣传阵地建成。",
        authorId: bureau.id,
        reviewerId: bureau.id,
      },
    ]);
    return { region, unit, plan, measure, bureau };
  }

  it("a town's report counts only the town's plans; the district's covers its towns' too", async () => {
    const t = await town();
    const report = await draftFor(t.bureau, { regionId: String(t.region.id), year: "2024" });
    const opening = report.sections.find((s) => s.kind === "MEASURES")!.body;
    // By hand: the town plan's one measure, completed 2024-04-xx on time, one unit.
    expect(opening).toContain("任务1项,涉及责任单位1个");
    expect(opening).toContain("全年完成任务1项,其中按期完成1项");
    const text = report.sections.map((s) => s.body).join("\n");
    expect(text).toContain("街道法治宣传阵地建成");
    expect(text).not.toContain("营商环境"); // the district's approved texts
    expect(report.sections.flatMap((s) => s.measureIds).every((id) => id === t.measure.id)).toBe(true);

    // The district's report: its 7 measures and the town's one.
    const district = await draftFor(world.a.users.bureau, { regionId: String(world.a.region.id), year: "2024" });
    expect(district.sections.find((s) => s.kind === "MEASURES")!.body).toContain("任务8项,涉及责任单位3个");
  });

  it("a town's bureau cannot draft a district department's report, through its own region or the district's", async () => {
    const t = await town();
    await actAs(t.bureau);
    const before = await snapshot();
    for (const regionId of [t.region.id, world.a.region.id]) {
      const result = await createAnnualReportDraft({ regionId, unitId: world.a.units.justice.id, year: 2024 });
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await snapshot()).toEqual(before);
    // Its own unit it may.
    expect(await createAnnualReportDraft({ regionId: t.region.id, unitId: t.unit.id, year: 2024 })).toMatchObject({ ok: true });
  });

  it("a 2020 report covers the plans in force in 2020, closed since, not the 2021-2025 plan or a draft plan", async () => {
    const A = world.a.region.id;
    const J = world.a.units.justice.id;
    const closed = await createPlan(db(), { regionId: A, title: "下陆区2016-2020年实施方案", periodStart: 2016, periodEnd: 2020 });
    await db().plan.update({ where: { id: closed.id }, data: { status: "CLOSED" } });
    const done = await createMeasure(db(), { planId: closed.id, code: "C1", deadline: "2020-09-30", leadUnitIds: [J] });
    await createMeasure(db(), { planId: closed.id, code: "C2", deadline: "2020-06-30", leadUnitIds: [J] });
    const undated = await createPlan(db(), { regionId: A, title: "下陆区2019年工作要点" });
    await db().plan.update({
      where: { id: undated.id },
      data: { periodStart: null, periodEnd: null, issueDate: new Date("2019-03-01T00:00:00Z") },
    });
    await createMeasure(db(), { planId: undated.id, code: "U1", deadline: "2021-06-30", leadUnitIds: [J] });
    const later = await createPlan(db(), { regionId: A, title: "下陆区2021年工作要点" });
    await db().plan.update({
      where: { id: later.id },
      data: { periodStart: null, periodEnd: null, issueDate: new Date("2021-03-01T00:00:00Z") },
    });
    await createMeasure(db(), { planId: later.id, code: "L1", deadline: "2021-06-30", leadUnitIds: [J] });
    const draftPlan = await createPlan(db(), { regionId: A, title: "未生效方案", periodStart: 2016, periodEnd: 2020 });
    await db().plan.update({ where: { id: draftPlan.id }, data: { status: "DRAFT" } });
    await createMeasure(db(), { planId: draftPlan.id, code: "D1", deadline: "2020-06-30", leadUnitIds: [J] });
    const a = (await db().assignment.findFirstOrThrow({ where: { measureId: done.id } })).id;
    await createProgressReports(db(), [
      {
        assignmentId: a,
        period: Q(2020, 2),
        state: "APPROVED",
        claimedStatus: "COMPLETED",
        text: "2020年任务完成。",
        authorId: world.a.users.bureau.id,
        reviewerId: world.a.users.bureau.id,
      },
    ]);

    const report = await draftFor(world.a.users.bureau, { regionId: String(A), year: "2020" });
    const opening = report.sections.find((s) => s.kind === "MEASURES")!.body;
    // By hand: C1, C2 and U1; C1 completed in 2020 on time; C2 overdue at the year's end.
    expect(opening).toContain("任务3项,涉及责任单位1个");
    expect(opening).toContain("全年完成任务1项,其中按期完成1项");
    expect(opening).toContain("仍有1项任务超过完成时限尚未完成");
    expect(report.sections.flatMap((s) => s.measureIds).every((id) => !Object.values(M).includes(id))).toBe(true);
  });

  it("no new draft for a year with an imported report: it points to a correction of that report", async () => {
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    const imported = await db().$transaction((tx) =>
      writeAnnualReportImport(
        tx,
        bureau,
        { id: world.a.region.id, districtId: world.a.region.id },
        {
          regionId: world.a.region.id,
          title: "下陆区2024年法治政府建设年度报告",
          year: 2024,
          sections: [{ heading: "一、主要举措", body: "已公开的内容。" }],
        },
      ),
    );
    await actAs(world.a.users.bureau);
    const before = await snapshot();
    const result = await createAnnualReportDraft({ regionId: world.a.region.id, year: 2024 });
    expect(result).toMatchObject({ ok: false, code: "DUPLICATE" });
    expect(!result.ok && result.message).toContain(`/reports/${imported.id}`);
    expect(!result.ok && result.message).toContain("更正版本");
    expect(await snapshot()).toEqual(before);
  });

  it("a liaison reads its own unit's reports and published ones, not the district's or other units' unpublished ones", async () => {
    const A = String(world.a.region.id);
    const districtDraft = await draftFor(world.a.users.bureau, { regionId: A, year: "2024" });
    const justiceDraft = await draftFor(world.a.users.bureau, { regionId: A, unitId: String(world.a.units.justice.id), year: "2024" });
    const justiceSubmitted = await draftFor(world.a.users.bureau, { regionId: A, unitId: String(world.a.units.justice.id), year: "2023" });
    expect(await submitAnnualReport({ id: justiceSubmitted.id })).toMatchObject({ ok: true });
    const published = await draftFor(world.a.users.bureau, { regionId: A, year: "2023" });
    await submitAnnualReport({ id: published.id });
    expect(await publishAnnualReport({ id: published.id })).toMatchObject({ ok: true });
    const own = await draftFor(world.a.users.liaison, { regionId: A, unitId: String(world.a.units.development.id), year: "2024" });

    const liaison = (await loadActor(world.a.users.liaison.id))!;
    for (const hidden of [districtDraft, justiceDraft, justiceSubmitted]) expect(await getAnnualReport(liaison, hidden.id)).toBeNull();
    expect((await getAnnualReport(liaison, own.id))!.report.id).toBe(own.id);
    expect((await getAnnualReport(liaison, published.id))!.report.id).toBe(published.id);
    expect((await listAnnualReports(liaison)).rows.map((r) => r.id).sort()).toEqual([own.id, published.id].sort());
    // The bureau still reads them all.
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    expect((await listAnnualReports(bureau)).rows).toHaveLength(5);
  });

  it("the list shows the latest report years unless a year or all is chosen, and at most REPORT_LIST_LIMIT rows", async () => {
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    const row = (year: number) => ({
      districtId: world.a.region.id,
      regionId: world.a.region.id,
      year,
      title: `${year}`,
      status: "DRAFT" as const,
    });
    await db().annualReport.createMany({ data: [row(2021), row(2022), row(2024)] });
    const years = async (year?: number | "ALL") => (await listAnnualReports(bureau, { today: TODAY, year })).rows.map((r) => r.year);
    // 2025-02-10: the report due is 2024's; the latest three report years are 2022-2024.
    expect(await years()).toEqual([2024, 2022]);
    expect(await years(2021)).toEqual([2021]);
    expect(await years("ALL")).toEqual([2024, 2022, 2021]);

    await db().annualReport.createMany({ data: Array.from({ length: REPORT_LIST_LIMIT }, () => row(2023)) });
    const page = await listAnnualReports(bureau, { today: TODAY });
    expect(page.rows).toHaveLength(REPORT_LIST_LIMIT);
    expect(page.truncated).toBe(true);
    expect((await listAnnualReports(bureau, { today: TODAY, year: 2024 })).truncated).toBe(false);
  });

  it("the draft form carries the units of the chosen region only, and only within the actor's scope", async () => {
    const t = await town();
    const admin = (await loadActor(world.admin.id))!;
    expect((await draftFormOptions(admin)).units).toEqual([]);
    const chosen = await draftFormOptions(admin, world.b.region.id);
    expect(chosen.regionId).toBe(world.b.region.id);
    expect(chosen.units.map((u) => u.id).sort()).toEqual([world.b.units.justice.id, world.b.units.development.id].sort());
    const townBureau = (await loadActor(t.bureau.id))!;
    // Out of scope: ignored; its one region is chosen.
    const own = await draftFormOptions(townBureau, world.a.region.id);
    expect(own.regions.map((r) => r.id)).toEqual([t.region.id]);
    expect(own.units.map((u) => u.id)).toEqual([t.unit.id]);
    const liaison = (await loadActor(world.a.users.liaison.id))!;
    expect((await draftFormOptions(liaison, world.b.region.id)).units.map((u) => u.id)).toEqual([world.a.units.development.id]);
  });
});
