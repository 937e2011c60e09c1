import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chinaTime } from "@/lib/dates.ts";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport } from "@/lib/demo/factories.ts";
import { createEvaluation, deleteEvaluation } from "@/lib/evaluations/actions.ts";
import { listEvaluations, loadEvaluationReport } from "@/lib/evaluations/queries.ts";
import { buildEvaluationDocx, buildEvaluationWorkbook } from "@/lib/evaluations/export.ts";
import { GET as exportRoute } from "@/app/(app)/evaluations/[id]/export/route.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// District A's quarterly plan (reports due on the 10th after each quarter),
// evaluated at 2024-06-30 (the light judges 2024-Q1 then) and compared with
// today, 2025-03-15 (judging 2024-Q4). One measure per situation:
//   M1 in progress at the snapshot, completed (approved) on 2024-10-12
//   M2 its first report submitted 2024-07-05, after the snapshot
//   M3 ongoing (长期坚持)
//   M4 printed without a deadline, never reported
//   M5 printed deadline 2024-05-31, extended on 2024-08-01 to 2024-12-31
//   M6 deadline 2024-09-30: on track at the snapshot, overdue today
//   M7 completed before the snapshot
// Expected figures are worked out by hand below, and the aggregates are
// recounted with plain SQL over the stored items.

const TODAY_INSTANT = new Date("2025-03-15T02:00:00Z"); // 10:00 in Beijing
const SNAPSHOT = "2024-06-30";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const Q4_2023 = { start: "2023-10-01", end: "2023-12-31" };
const Q1 = { start: "2024-01-01", end: "2024-03-31" };
const Q2 = { start: "2024-04-01", end: "2024-06-30" };
const Q3 = { start: "2024-07-01", end: "2024-09-30" };

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let M: Record<"M1" | "M2" | "M3" | "M4" | "M5" | "M6" | "M7", number>;
let plan: { id: number };
let otherPlan: { id: number };
let chapters: { c1: number; c2: number };
let J: number;
let D: number;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(TODAY_INSTANT);
  world = await buildTwoDistricts();
  J = world.a.units.justice.id;
  D = world.a.units.development.id;
  const prisma = db();
  const author = world.a.users.bureau.id;
  plan = await createPlan(prisma, { regionId: world.a.region.id, title: "下陆区法治政府建设规划" });
  const c1 = await prisma.section.create({
    data: { districtId: world.a.region.id, planId: plan.id, label: "一、", title: "依法全面履行政府职能", sortOrder: 1 },
  });
  const c1a = await prisma.section.create({
    data: { districtId: world.a.region.id, planId: plan.id, parentId: c1.id, label: "(一)", title: "深化改革", sortOrder: 2 },
  });
  const c2 = await prisma.section.create({
    data: { districtId: world.a.region.id, planId: plan.id, label: "二、", title: "健全依法行政制度体系", sortOrder: 3 },
  });
  chapters = { c1: c1.id, c2: c2.id };
  const make = async (
    code: string,
    sectionId: number,
    input: Parameters<typeof createMeasure>[1] extends infer I ? Omit<I & object, "planId" | "code"> : never,
  ) => {
    const m = await createMeasure(prisma, { planId: plan.id, code, text: `举措${code}的内容`, ...input });
    await prisma.measure.update({ where: { id: m.id }, data: { sectionId } });
    return m.id;
  };
  M = {
    M1: await make("1", c1a.id, { deadline: "2024-12-31", leadUnitIds: [J], responsibleUnitIds: [D] }),
    M2: await make("2", c1.id, { deadline: "2025-12-31", leadUnitIds: [D] }),
    M3: await make("3", c2.id, { ongoing: true, leadUnitIds: [J] }),
    M4: await make("4", c2.id, { leadUnitIds: [J] }),
    M5: await make("5", c2.id, { deadline: "2024-12-31", leadUnitIds: [J] }),
    M6: await make("6", c1.id, { deadline: "2024-09-30", leadUnitIds: [J] }),
    M7: await make("7", c1.id, { deadline: "2024-03-31", leadUnitIds: [J] }),
  };
  // The plan was entered when it was issued (creation sets the first period owing a report).
  await prisma.$executeRaw`UPDATE "Measure" SET "createdAt" = '2021-01-15' WHERE "planId" = ${plan.id}`;
  await prisma.$executeRaw`UPDATE "Assignment" SET "createdAt" = '2021-01-15' WHERE "measureId" IN (SELECT "id" FROM "Measure" WHERE "planId" = ${plan.id})`;

  const assignment = async (measureId: number, unitId: number) =>
    (await prisma.assignment.findFirstOrThrow({ where: { measureId, unitId } })).id;
  const report = async (
    measureId: number,
    unitId: number,
    period: { start: string; end: string },
    submitted: string,
    reviewed: string | null,
    claimedStatus: "IN_PROGRESS" | "COMPLETED",
    percent: number,
  ) =>
    createProgressReport(prisma, {
      assignmentId: await assignment(measureId, unitId),
      period,
      state: reviewed ? "APPROVED" : "SUBMITTED",
      claimedStatus,
      percent,
      authorId: author,
      reviewerId: reviewed ? author : null,
      submittedAt: chinaTime(submitted),
      ...(reviewed ? { reviewedAt: chinaTime(reviewed) } : {}),
    });
  await report(M.M1, J, Q1, "2024-04-05", "2024-04-08", "IN_PROGRESS", 40);
  await report(M.M1, J, Q3, "2024-10-08", "2024-10-12", "COMPLETED", 100);
  await report(M.M2, D, Q2, "2024-07-05", "2024-07-08", "IN_PROGRESS", 50);
  await report(M.M3, J, Q1, "2024-04-02", "2024-04-03", "IN_PROGRESS", 30);
  await report(M.M5, J, Q1, "2024-04-06", "2024-04-07", "IN_PROGRESS", 60);
  await report(M.M6, J, Q1, "2024-04-03", "2024-04-04", "IN_PROGRESS", 20);
  await report(M.M7, J, Q4_2023, "2024-01-05", "2024-01-12", "COMPLETED", 100);
  // M5's extension, approved after the snapshot; a rejected request on M6 changes nothing.
  await prisma.measure.update({ where: { id: M.M5 }, data: { deadline: day("2024-12-31"), originalDeadline: day("2024-05-31") } });
  await prisma.deadlineExtension.createMany({
    data: [
      {
        districtId: world.a.region.id,
        measureId: M.M5,
        unitId: J,
        requestedById: author,
        reason: "需协调",
        oldDeadline: day("2024-05-31"),
        newDeadline: day("2024-12-31"),
        state: "APPROVED",
        decidedById: author,
        decidedAt: chinaTime("2024-08-01"),
      },
      {
        districtId: world.a.region.id,
        measureId: M.M6,
        unitId: J,
        requestedById: author,
        reason: "需协调",
        oldDeadline: day("2024-09-30"),
        newDeadline: day("2025-09-30"),
        state: "REJECTED",
        decidedById: author,
        decidedAt: chinaTime("2024-05-01"),
      },
    ],
  });
  otherPlan = await createPlan(prisma, { regionId: world.b.region.id, title: "黄石港区规划" });
  await createMeasure(prisma, { planId: otherPlan.id, code: "1", deadline: "2024-03-31", leadUnitIds: [world.b.units.justice.id] });
});

afterEach(() => {
  vi.useRealTimers();
});

async function evaluate(user: { id: number }, input: Record<string, unknown>) {
  await actAs(user);
  return createEvaluation(input);
}

async function writes() {
  const prisma = db();
  return {
    evaluations: await prisma.evaluation.count(),
    items: await prisma.evaluationItem.count(),
    audit: await prisma.auditEvent.count(),
  };
}

describe("createEvaluation freezes each measure as at the snapshot date", () => {
  it("matches the hand-worked table", async () => {
    const result = await evaluate(world.a.users.bureau, {
      planId: plan.id,
      title: "下陆区法治政府建设规划中期评估",
      snapshotDate: SNAPSHOT,
    });
    expect(result).toMatchObject({ ok: true });
    const evaluationId = (result as { data: { id: number } }).data.id;
    const items = await db().evaluationItem.findMany({ where: { evaluationId }, orderBy: { measureId: "asc" } });
    const got = Object.fromEntries(
      items.map((i) => [
        Object.entries(M).find(([, id]) => id === i.measureId)![0],
        [
          i.status,
          i.light,
          i.percent,
          i.deadline?.toISOString().slice(0, 10) ?? null,
          i.deadlineKind,
          i.chapterId,
          i.leadUnitIds,
          i.unitIds,
        ],
      ]),
    );
    const { c1, c2 } = chapters;
    expect(got).toEqual({
      // M1: J reported Q1 (approved); D never reported and Q1 was due 04-10 → yellow.
      M1: ["IN_PROGRESS", "YELLOW", 40, "2024-12-31", "DATED", c1, [J], [J, D]],
      // M2: its only report came on 07-05: not started, Q1 missing.
      M2: ["NOT_STARTED", "YELLOW", 0, "2025-12-31", "DATED", c1, [D], [D]],
      M3: ["IN_PROGRESS", "GREEN", 30, null, "ONGOING", c2, [J], [J]],
      M4: ["NOT_STARTED", "YELLOW", 0, null, "NONE", c2, [J], [J]],
      // M5: the extension came later, so the printed 05-31 was in force and had passed.
      M5: ["OVERDUE", "RED", 60, "2024-05-31", "DATED", c2, [J], [J]],
      M6: ["IN_PROGRESS", "GREEN", 20, "2024-09-30", "DATED", c1, [J], [J]],
      M7: ["COMPLETED", "GREEN", 100, "2024-03-31", "DATED", c1, [J], [J]],
    });
    const evaluation = await db().evaluation.findUniqueOrThrow({ where: { id: evaluationId } });
    expect(evaluation.snapshotDate.toISOString().slice(0, 10)).toBe(SNAPSHOT);
    const audit = await db().auditEvent.findMany({ where: { entityType: "Evaluation" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "evaluation.create", actorId: world.a.users.bureau.id, entityId: String(evaluationId) });
  });

  it("taken today, agrees with the dashboards measure by measure", async () => {
    const result = await evaluate(world.a.users.bureau, { planId: plan.id, title: "今日快照", snapshotDate: "2025-03-15" });
    const report = await loadEvaluationReport(
      (await actAs(world.a.users.bureau))!,
      (result as { data: { id: number } }).data.id,
      "2025-03-15",
    );
    expect(report!.comparison.rows).toHaveLength(7);
    for (const row of report!.comparison.rows) {
      expect([row.code, row.thenStatus, row.thenLight]).toEqual([row.code, row.nowStatus, row.nowLight]);
    }
  });

  it("taken today with missed milestones (时间节点), still agrees with the dashboards", async () => {
    const milestone = (measureId: number, title: string, dueDate: string, completedAt: Date | null = null) =>
      db().milestone.create({ data: { districtId: world.a.region.id, measureId, title, dueDate: day(dueDate), completedAt } });
    await milestone(M.M2, "形成初稿", "2025-03-05"); // 10 days late on 2025-03-15: yellow
    await milestone(M.M3, "印发实施", "2025-02-01"); // 42 days late: red
    await milestone(M.M6, "召开推进会", "2025-02-01", chinaTime("2025-02-10")); // done
    const result = await evaluate(world.a.users.bureau, { planId: plan.id, title: "含时间节点的快照", snapshotDate: "2025-03-15" });
    const report = await loadEvaluationReport(
      (await actAs(world.a.users.bureau))!,
      (result as { data: { id: number } }).data.id,
      "2025-03-15",
    );
    for (const row of report!.comparison.rows) {
      expect([row.code, row.thenStatus, row.thenLight]).toEqual([row.code, row.nowStatus, row.nowLight]);
    }
    const items = await db().evaluationItem.findMany({
      where: { measureId: { in: [M.M2, M.M3] } },
      select: { measureId: true, light: true },
    });
    expect(items.find((i) => i.measureId === M.M3)).toMatchObject({ light: "RED" });
  });
});

describe("createEvaluation reads the plan as one consistent view", () => {
  it("a change committed while the snapshot is being read is not half seen", async () => {
    await actAs(world.a.users.bureau);
    const prisma = db();
    let evaluation: ReturnType<typeof createEvaluation> | undefined;
    // Another session moves M4 to chapter 一 and hands its lead from J to D, committing
    // between the snapshot's first read (measures and chapters) and its second (units and
    // reports): the lock on "ProgressReport" holds the second read back until then.
    await prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`LOCK TABLE "ProgressReport" IN ACCESS EXCLUSIVE MODE`;
        evaluation = createEvaluation({ planId: plan.id, title: "并发中的评估", snapshotDate: SNAPSHOT });
        const waiting = async () =>
          (
            await tx.$queryRaw<
              { n: number }[]
            >`SELECT count(*)::int AS n FROM pg_locks WHERE relation = '"ProgressReport"'::regclass AND NOT granted`
          )[0]!.n;
        for (let i = 0; (await waiting()) === 0; i++) {
          if (i > 200) throw new Error("the snapshot never reached the progress reports");
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        await tx.measure.update({ where: { id: M.M4 }, data: { sectionId: chapters.c1 } });
        await tx.$executeRaw`UPDATE "Assignment" SET "unitId" = ${D} WHERE "measureId" = ${M.M4} AND "unitId" = ${J}`;
      },
      { timeout: 20_000 },
    );
    const result = await evaluation!;
    expect(result).toMatchObject({ ok: true });
    const item = await prisma.evaluationItem.findFirstOrThrow({
      where: { evaluationId: (result as { data: { id: number } }).data.id, measureId: M.M4 },
    });
    // The plan as it stood when the snapshot began: chapter 二 and J together, never chapter 二 with D.
    expect([item.chapterId, item.leadUnitIds, item.unitIds]).toEqual([chapters.c2, [J], [J]]);
    // And the change did land.
    expect(await prisma.assignment.findMany({ where: { measureId: M.M4 }, select: { unitId: true } })).toEqual([{ unitId: D }]);
  });
});

describe("the evaluation report", () => {
  let evaluationId: number;
  beforeEach(async () => {
    const result = await evaluate(world.a.users.bureau, {
      planId: plan.id,
      title: "下陆区法治政府建设规划中期评估",
      snapshotDate: SNAPSHOT,
    });
    evaluationId = (result as { data: { id: number } }).data.id;
  });

  /** Plain SQL over the stored items, grouped by an expression: status counts and 完成率's parts. */
  async function recount(groupBy: string, from = `"EvaluationItem" ei`) {
    return db().$queryRawUnsafe<
      { k: string; n: number; done: number; prog: number; ns: number; od: number; base: number; baseDone: number }[]
    >(
      `SELECT ${groupBy} AS k, count(*)::int AS n,
        sum((status = 'COMPLETED')::int)::int AS done, sum((status = 'IN_PROGRESS')::int)::int AS prog,
        sum((status = 'NOT_STARTED')::int)::int AS ns, sum((status = 'OVERDUE')::int)::int AS od,
        sum(("deadlineKind" <> 'ONGOING')::int)::int AS base,
        sum(("deadlineKind" <> 'ONGOING' AND status = 'COMPLETED')::int)::int AS "baseDone"
       FROM ${from} WHERE "evaluationId" = $1 GROUP BY 1 ORDER BY 1`,
      evaluationId,
    );
  }
  const asCounters = (r: { n: number; done: number; prog: number; ns: number; od: number; base: number; baseDone: number }) => ({
    measures: r.n,
    completed: r.done,
    inProgress: r.prog,
    notStarted: r.ns,
    overdue: r.od,
    nonOngoing: r.base,
    completedNonOngoing: r.baseDone,
  });
  const pick = (r: object) => {
    const { measures, completed, inProgress, notStarted, overdue, nonOngoing, completedNonOngoing } = r as ReturnType<typeof asCounters>;
    return { measures, completed, inProgress, notStarted, overdue, nonOngoing, completedNonOngoing };
  };

  it("counts by chapter, unit and deadline type as plain SQL does, and compares with today", async () => {
    const report = (await loadEvaluationReport((await actAs(world.a.users.bureau))!, evaluationId))!;
    expect(report.today).toBe("2025-03-15");

    const byChapter = await recount(`"chapterId"::text`);
    expect(Object.fromEntries(report.chapters.map((c) => [String(c.chapterId), pick(c)]))).toEqual(
      Object.fromEntries(byChapter.map((r) => [r.k, asCounters(r)])),
    );
    // And by hand: chapter 一 has M1 M2 M6 M7, chapter 二 M3 M4 M5.
    expect(report.chapters.map((c) => [c.label + c.title, c.measures, c.completed, c.overdue])).toEqual([
      ["一、依法全面履行政府职能", 4, 1, 0],
      ["二、健全依法行政制度体系", 3, 0, 1],
    ]);

    const byKind = await recount(`"deadlineKind"`);
    expect(Object.fromEntries(report.kinds.map((k) => [k.deadlineKind, pick(k)]))).toEqual(
      Object.fromEntries(byKind.map((r) => [r.k, asCounters(r)])),
    );
    expect(report.kinds.map((k) => [k.deadlineKind, k.measures])).toEqual([
      ["DATED", 5],
      ["NONE", 1],
      ["ONGOING", 1],
    ]);

    const byUnit = await recount(`u::text`, `"EvaluationItem", unnest("unitIds") AS u`);
    expect(Object.fromEntries(report.units.map((u) => [String(u.unitId), pick(u)]))).toEqual(
      Object.fromEntries(byUnit.map((r) => [r.k, asCounters(r)])),
    );
    expect(report.units.map((u) => [u.name, u.lead, u.responsible])).toEqual([
      ["区司法局", 6, 0],
      ["区发改局", 1, 1],
    ]);

    expect(pick(report.totals)).toEqual({
      measures: 7,
      completed: 1,
      inProgress: 3,
      notStarted: 2,
      overdue: 1,
      nonOngoing: 6,
      completedNonOngoing: 1,
    });

    // Today: M1 completed since, M6 newly overdue, M2 started (other), the rest unchanged.
    const changes = Object.fromEntries(report.comparison.rows.map((r) => [r.code, [r.thenStatus, r.nowStatus, r.change]]));
    expect(changes).toEqual({
      "1": ["IN_PROGRESS", "COMPLETED", "COMPLETED_SINCE"],
      "2": ["NOT_STARTED", "IN_PROGRESS", "OTHER"],
      "3": ["IN_PROGRESS", "IN_PROGRESS", "UNCHANGED"],
      "4": ["NOT_STARTED", "NOT_STARTED", "UNCHANGED"],
      "5": ["OVERDUE", "OVERDUE", "UNCHANGED"],
      "6": ["IN_PROGRESS", "OVERDUE", "NEWLY_OVERDUE"],
      "7": ["COMPLETED", "COMPLETED", "UNCHANGED"],
    });
    expect(report.comparison.summary).toEqual({
      completedSince: 1,
      newlyOverdue: 1,
      unchanged: 4,
      other: 1,
      nowCompleted: 2,
      nowOverdue: 2,
    });
    expect(report.comparison.rows.find((r) => r.code === "1")!.leadUnits).toBe("区司法局");
  });

  it("exports .xlsx and .docx with the figures", async () => {
    const report = (await loadEvaluationReport((await actAs(world.a.users.bureau))!, evaluationId))!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildEvaluationWorkbook(report)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["按章节", "按单位", "按时限类型", "明细", "与今日对比"]);
    const values = (sheet: string) =>
      workbook
        .getWorksheet(sheet)!
        .getSheetValues()
        .slice(4)
        .map((row) => (row as unknown[]).slice(1));
    expect(values("按章节")).toEqual([
      ["一、依法全面履行政府职能", 4, 1, 2, 1, 0, 0.25],
      ["二、健全依法行政制度体系", 3, 0, 1, 1, 1, 0],
    ]);
    expect(values("按单位")[0]).toEqual(["区司法局", 6, 0, 6, 1, 3, 1, 1, 0.2]);
    expect(values("明细")).toHaveLength(7);
    expect(values("与今日对比").map((r) => [r[0], r[6]])).toContainEqual(["6", "新增逾期"]);

    const { value: html } = await mammoth.convertToHtml({ buffer: await buildEvaluationDocx(report) });
    expect(html).toContain("下陆区法治政府建设规划中期评估报告");
    for (const h of ["一、总体情况", "二、分章节情况", "三、分单位情况", "四、存在的问题", "五、与今日对比"])
      expect(html).toContain(`<h1>${h}</h1>`);
    expect(html).toContain("其中已完成 1 项,推进中 3 项,未启动 2 项,已逾期 1 项;除长期坚持类举措外应完成 6 项,完成率 16.7%。");
    expect(html).toContain("基准日后完成 1 项,新增逾期 1 项,状态未变 4 项,其他变化 1 项");
    expect(html).toContain("<td><p>一、依法全面履行政府职能</p></td><td><p>4</p></td><td><p>1</p></td>");
    expect(html).toContain("共有 1 项举措逾期未完成:</p><p>1. 5 举措5的内容(牵头单位:区司法局;完成时限:2024-05-31;进度 60%)。</p>");
  });

  it("the export route serves both formats to readers in scope and 404s everyone else", async () => {
    const get = (format: string) =>
      exportRoute(new Request(`http://x/evaluations/${evaluationId}/export?format=${format}`), {
        params: Promise.resolve({ id: String(evaluationId) }),
      });
    await actAs(world.a.users.leader);
    const xlsx = await get("xlsx");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("Content-Disposition")).toContain(encodeURIComponent("下陆区法治政府建设规划中期评估-2024-06-30.xlsx"));
    const docx = await get("docx");
    expect(docx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect((await get("pdf")).status).toBe(404);
    await actAs(world.a.users.liaison);
    expect((await get("xlsx")).status).toBe(404);
    await actAs(world.b.users.bureau);
    expect((await get("docx")).status).toBe(404);
  });

  it("is read by LEADER and the city leader, not by LIAISON or another district", async () => {
    const load = async (user: { id: number }) => loadEvaluationReport((await actAs(user))!, evaluationId);
    expect(await load(world.a.users.leader)).not.toBeNull();
    expect(await load(world.cityLeader)).not.toBeNull();
    expect(await load(world.a.users.liaison)).toBeNull();
    expect(await load(world.b.users.bureau)).toBeNull();
    expect(await load(world.b.users.leader)).toBeNull();
    expect(await listEvaluations((await actAs(world.b.users.bureau))!)).toEqual([]);
    expect((await listEvaluations((await actAs(world.a.users.leader))!)).map((e) => e.id)).toEqual([evaluationId]);
  });

  it("is deleted only by BUREAU in scope, with an audit event", async () => {
    const before = await writes();
    await actAs(world.a.users.leader);
    expect(await deleteEvaluation({ id: evaluationId })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    await actAs(world.b.users.bureau);
    expect(await deleteEvaluation({ id: evaluationId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await writes()).toEqual(before);
    await actAs(world.a.users.bureau);
    expect(await deleteEvaluation({ id: evaluationId })).toMatchObject({ ok: true });
    expect(await writes()).toEqual({ evaluations: 0, items: 0, audit: before.audit + 1 });
    expect(await db().auditEvent.findFirst({ where: { action: "evaluation.delete" } })).toMatchObject({ entityId: String(evaluationId) });
  });
});

describe("createEvaluation refuses bad input and the wrong people, writing nothing", () => {
  it.each([
    ["before the plan's first year", { snapshotDate: "2020-12-31" }, "评估基准日不能早于规划开始日期(2021-01-01)"],
    ["after today", { snapshotDate: "2025-03-16" }, "评估基准日不能晚于今天(2025-03-15)"],
    ["not a date", { snapshotDate: "2024-02-30" }, "请填写评估基准日,格式为 YYYY-MM-DD"],
    ["no title", { title: "  " }, "请填写评估名称"],
  ])("%s", async (_name, change, message) => {
    const result = await evaluate(world.a.users.bureau, { planId: plan.id, title: "评估", snapshotDate: SNAPSHOT, ...change });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(Object.values((result as { fieldErrors: Record<string, string[]> }).fieldErrors).flat()).toEqual([message]);
    expect(await writes()).toEqual({ evaluations: 0, items: 0, audit: 0 });
  });

  it("refuses a draft plan", async () => {
    await db().plan.update({ where: { id: plan.id }, data: { status: "DRAFT" } });
    const result = await evaluate(world.a.users.bureau, { planId: plan.id, title: "评估", snapshotDate: SNAPSHOT });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { planId: ["草稿状态的规划尚未生效,不能评估"] } });
    expect(await writes()).toEqual({ evaluations: 0, items: 0, audit: 0 });
  });

  it("uses the issue date as the plan's start when there is one", async () => {
    await db().plan.update({ where: { id: plan.id }, data: { issueDate: day("2021-06-01") } });
    const result = await evaluate(world.a.users.bureau, { planId: plan.id, title: "评估", snapshotDate: "2021-05-31" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { snapshotDate: ["评估基准日不能早于规划开始日期(2021-06-01)"] } });
    expect(await evaluate(world.a.users.bureau, { planId: plan.id, title: "评估", snapshotDate: "2021-06-01" })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ["LEADER", "FORBIDDEN", () => world.a.users.leader, () => plan.id],
    ["LIAISON", "FORBIDDEN", () => world.a.users.liaison, () => plan.id],
    ["BUREAU of another district", "NOT_FOUND", () => world.b.users.bureau, () => plan.id],
    ["BUREAU, a plan that does not exist", "NOT_FOUND", () => world.a.users.bureau, () => 999_999],
  ])("%s → %s", async (_name, code, user, planId) => {
    const before = await db().auditEvent.count();
    const result = await evaluate(user(), { planId: planId(), title: "评估", snapshotDate: SNAPSHOT });
    expect(result).toMatchObject({ ok: false, code });
    expect(await writes()).toEqual({ evaluations: 0, items: 0, audit: before });
  });

  it("ADMIN may evaluate any district's plan", async () => {
    expect(await evaluate(world.admin, { planId: otherPlan.id, title: "评估", snapshotDate: SNAPSHOT })).toMatchObject({ ok: true });
  });
});
