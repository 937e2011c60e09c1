import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chinaTime } from "@/lib/dates.ts";
import { db } from "@/lib/db/client.ts";
import {
  createFinding,
  createInspection,
  createMeasure,
  createPlan,
  createProgressReport,
  createRectificationReport,
} from "@/lib/demo/factories.ts";
import {
  addAssessmentAdjustment,
  createAssessment,
  publishAssessment,
  removeAssessmentAdjustment,
  updateAssessmentRules,
} from "@/lib/assessments/actions.ts";
import { listAssessments, loadAssessment } from "@/lib/assessments/queries.ts";
import { loadFacts, returnedReportsSql } from "@/lib/assessments/facts.ts";
import { carryOverMeasuresIn } from "@/lib/succession/write.ts";
import { computeAssessmentScores, createAndPublishAssessment } from "@/lib/assessments/lifecycle.ts";
import { DEFAULT_RULES, formFromRules, RULE_CODES, type RuleCode } from "@/lib/assessments/schema.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import ExcelJS from "exceljs";
import { GET as exportRoute } from "@/app/(app)/assessments/[id]/export/route.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// District A's 2025, assessed on 2026-01-20 (every 2025 quarter's report is
// due by then; the cutoff is 2025-12-31). J = 区司法局, D = 区发改局.
//   M1 deadline 2025-06-30, lead D, J responsible: D reports Q1 on 03-01 as
//      completed, approved 03-03 → the measure is done early (D and J);
//      J never reported Q1 (owed: the measure was done only in Q1) → late.
//   M2 deadline 2025-09-30, lead J: Q1 on time, Q2 submitted 07-20 (10 days
//      late), Q3 submitted 10-08 and returned 10-10, Q4 never → late Q2, Q4;
//      one return; overdue.
//   M3 長期坚持, lead D: every quarter on time.
//   An inspection gives J an item due 2025-08-31, still open, and D one due
//   2025-05-31, closed on 2025-05-22.
// District B has a late, overdue measure of its own that A's scores never see.
// Expected with the default rules: J 100 − 3×0.5 − 2 − 0.5 − 2 + 1 = 95; D 100 + 1 = 101.

const TODAY = "2026-01-20";
const YEAR = 2025;
const q = (n: 1 | 2 | 3 | 4) => ({
  start: `2025-${String(n * 3 - 2).padStart(2, "0")}-01`,
  end: ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"][n - 1]!,
});

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let J: number;
let D: number;
let M: Record<"M1" | "M2" | "M3", number>;

async function assignmentOf(measureId: number, unitId: number) {
  return db().assignment.findFirstOrThrow({ where: { measureId, unitId } });
}

async function buildWorld() {
  world = await buildTwoDistricts();
  const prisma = db();
  const a = world.a;
  J = a.units.justice.id;
  D = a.units.development.id;
  const bureau = a.users.bureau.id;
  const plan = await createPlan(prisma, { regionId: a.region.id, title: "下陆区法治政府建设实施方案", periodStart: 2021, periodEnd: 2025 });
  await prisma.plan.update({ where: { id: plan.id }, data: { issueDate: new Date("2024-01-01T00:00:00Z") } });
  const m1 = await createMeasure(prisma, { planId: plan.id, code: "1", deadline: "2025-06-30", leadUnitIds: [D], responsibleUnitIds: [J] });
  const m2 = await createMeasure(prisma, { planId: plan.id, code: "2", deadline: "2025-09-30", leadUnitIds: [J] });
  const m3 = await createMeasure(prisma, { planId: plan.id, code: "3", ongoing: true, leadUnitIds: [D] });
  M = { M1: m1.id, M2: m2.id, M3: m3.id };
  // Assigned when the plan was imported, long before the year.
  await prisma.assignment.updateMany({ data: { createdAt: new Date("2024-01-05T02:00:00Z") } });

  await createProgressReport(prisma, {
    assignmentId: (await assignmentOf(m1.id, D)).id,
    period: q(1),
    state: "APPROVED",
    claimedStatus: "COMPLETED",
    percent: 100,
    authorId: bureau,
    reviewerId: bureau,
    submittedAt: chinaTime("2025-03-01"),
    reviewedAt: chinaTime("2025-03-03"),
  });
  const j2 = (await assignmentOf(m2.id, J)).id;
  await createProgressReport(prisma, {
    assignmentId: j2,
    period: q(1),
    state: "APPROVED",
    authorId: bureau,
    reviewerId: bureau,
    submittedAt: chinaTime("2025-04-05"),
  });
  await createProgressReport(prisma, {
    assignmentId: j2,
    period: q(2),
    state: "APPROVED",
    authorId: bureau,
    reviewerId: bureau,
    submittedAt: chinaTime("2025-07-20"),
  });
  const returned = await createProgressReport(prisma, {
    assignmentId: j2,
    period: q(3),
    state: "RETURNED",
    authorId: bureau,
    reviewerId: bureau,
    submittedAt: chinaTime("2025-10-08"),
    reviewedAt: chinaTime("2025-10-10"),
    reviewComment: "请补充佐证材料",
  });
  // What returnProgressReport writes beside the return's row (the factory writes that): its audit event.
  await prisma.auditEvent.create({
    data: {
      districtId: a.region.id,
      actorId: bureau,
      action: "report.return",
      entityType: "ProgressReport",
      entityId: String(returned.id),
      after: { reviewComment: "请补充佐证材料" },
      createdAt: chinaTime("2025-10-10"),
    },
  });
  const d3 = (await assignmentOf(m3.id, D)).id;
  for (const n of [1, 2, 3, 4] as const)
    await createProgressReport(prisma, { assignmentId: d3, period: q(n), state: "APPROVED", authorId: bureau, reviewerId: bureau });

  const inspection = await createInspection(prisma, { regionId: a.region.id, title: "2025年法治督察", inspectedOn: "2025-03-15" });
  await createFinding(prisma, { inspectionId: inspection.id, text: "行政执法公示不到位", unitIds: [J], deadline: "2025-08-31" });
  const closed = await createFinding(prisma, {
    inspectionId: inspection.id,
    text: "重大决策目录未公开",
    unitIds: [D],
    deadline: "2025-05-31",
  });
  await createRectificationReport(prisma, {
    rectificationId: closed.rectifications[0]!.id,
    authorId: bureau,
    state: "APPROVED",
    reviewerId: bureau,
    submittedAt: chinaTime("2025-05-20"),
    reviewedAt: chinaTime("2025-05-22"),
  });
  await prisma.rectification.updateMany({ data: { createdAt: new Date("2025-03-16T02:00:00Z") } });

  // District B: its own late and overdue measure.
  const bPlan = await createPlan(prisma, { regionId: world.b.region.id, title: "黄石港区实施方案" });
  await createMeasure(prisma, { planId: bPlan.id, code: "1", deadline: "2025-03-31", leadUnitIds: [world.b.units.justice.id] });
  await prisma.assignment.updateMany({ where: { districtId: world.b.region.id }, data: { createdAt: new Date("2024-01-05T02:00:00Z") } });
}

const rulesInput = (id: number, version: number, patch: Record<string, string> = {}) => ({
  id,
  version,
  ...formFromRules(DEFAULT_RULES),
  ...patch,
});
const countBy = (lines: { code: string }[], code: string) => lines.filter((l) => l.code === code).length;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(`${TODAY}T02:00:00Z`));
  await buildWorld();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("the facts of a district's year", () => {
  it("lists each fact behind each point, and the facts equal plain SQL counts", async () => {
    const districtId = world.a.region.id;
    const facts = await loadFacts(db(), districtId, YEAR, TODAY);
    const count = (unitId: number, code: RuleCode) => facts.filter((f) => f.unitId === unitId && f.code === code).length;
    // Worked out by hand (see the top of the file).
    expect(Object.fromEntries(RULE_CODES.map((c) => [c, [count(J, c), count(D, c)]]))).toEqual({
      LATE_REPORT: [3, 0],
      OVERDUE_MEASURE: [1, 0],
      RETURNED_REPORT: [1, 0],
      OPEN_RECTIFICATION: [1, 0],
      EARLY_COMPLETION: [1, 1],
    });
    // District B's units never appear.
    expect(facts.every((f) => f.unitId === J || f.unitId === D)).toBe(true);

    // The same facts counted plainly, per unit.
    const plain = await db().$queryRaw<{ unitId: number; code: RuleCode; n: number }[]>`
      WITH quarters(s, e, due) AS (VALUES ('2025-01-01'::date, '2025-03-31'::date, '2025-04-10'::date), ('2025-04-01', '2025-06-30', '2025-07-10'),
                                          ('2025-07-01', '2025-09-30', '2025-10-10'), ('2025-10-01', '2025-12-31', '2026-01-10')),
      done AS (
        SELECT a."id", a."unitId", m."deadline", m."ongoing",
          (SELECT CASE WHEN bool_and(l."status" = 'COMPLETED') THEN max((l."completedAt" + interval '8 hours')::date) END
             FROM "Assignment" l WHERE l."measureId" = m."id" AND l."role" = 'LEAD') AS "doneOn"
        FROM "Assignment" a JOIN "Measure" m ON m."id" = a."measureId" WHERE a."districtId" = ${districtId}::int
      )
      SELECT d."unitId", 'LATE_REPORT' AS code, count(*)::int AS n FROM done d CROSS JOIN quarters
        WHERE (d."doneOn" IS NULL OR d."doneOn" >= quarters.s)
          AND NOT EXISTS (SELECT 1 FROM "ProgressReport" r WHERE r."assignmentId" = d."id" AND r."periodStart" = quarters.s
                            AND r."state" <> 'DRAFT' AND (r."submittedAt" + interval '8 hours')::date <= quarters.due)
        GROUP BY d."unitId"
      UNION ALL
      SELECT d."unitId", 'OVERDUE_MEASURE', count(*)::int FROM done d
        WHERE NOT d."ongoing" AND d."deadline" BETWEEN '2025-01-01' AND '2025-12-30' AND (d."doneOn" IS NULL OR d."doneOn" > d."deadline")
        GROUP BY d."unitId"
      UNION ALL
      SELECT d."unitId", 'EARLY_COMPLETION', count(*)::int FROM done d
        WHERE NOT d."ongoing" AND d."doneOn" BETWEEN '2025-01-01' AND '2025-12-31' AND d."doneOn" < d."deadline"
        GROUP BY d."unitId"
      UNION ALL
      SELECT a."unitId", 'RETURNED_REPORT', count(*)::int FROM "AuditEvent" e
        JOIN "ProgressReport" r ON r."id"::text = e."entityId" JOIN "Assignment" a ON a."id" = r."assignmentId"
        WHERE e."action" = 'report.return' AND e."districtId" = ${districtId}::int AND e."createdAt" >= '2024-12-31 16:00' AND e."createdAt" < '2025-12-31 16:00'
        GROUP BY a."unitId"
      UNION ALL
      SELECT r."unitId", 'OPEN_RECTIFICATION', count(*)::int FROM "Rectification" r
        WHERE r."districtId" = ${districtId}::int AND r."status" <> 'CLOSED' AND r."deadline" < '2025-12-31'
        GROUP BY r."unitId"`;
    for (const row of plain) expect(count(row.unitId, row.code), `${row.code} of unit ${row.unitId}`).toBe(row.n);
    expect(plain.reduce((s, r) => s + r.n, 0)).toBe(facts.length);
  });

  it("says what each fact is and where to check it", async () => {
    const facts = await loadFacts(db(), world.a.region.id, YEAR, TODAY);
    const j = facts.filter((f) => f.unitId === J);
    expect(j.find((f) => f.code === "LATE_REPORT" && f.text.includes("2025年第二季度"))).toMatchObject({
      text: "举措 2「举措 2」2025年第二季度进展 2025-07-10 截止,2025-07-20 报送,逾期 10 天",
      link: `/measures/${M.M2}`,
    });
    expect(j.find((f) => f.code === "LATE_REPORT" && f.text.includes("第四季度"))?.text).toBe(
      "举措 2「举措 2」2025年第四季度进展 2026-01-10 截止,截至 2026-01-20 未报送,已逾期 10 天",
    );
    expect(j.find((f) => f.code === "OVERDUE_MEASURE")?.text).toBe("举措 2「举措 2」完成时限 2025-09-30,截至 2025-12-31 逾期未完成(92 天)");
    expect(j.find((f) => f.code === "RETURNED_REPORT")?.text).toBe("举措 2「举措 2」2025年第三季度进展于 2025-10-10 被退回:请补充佐证材料");
    expect(j.find((f) => f.code === "OPEN_RECTIFICATION")).toMatchObject({
      text: "2025年法治督察整改事项「行政执法公示不到位」整改时限 2025-08-31,截至 2025-12-31 未销号",
    });
    expect(j.find((f) => f.code === "OPEN_RECTIFICATION")?.link).toMatch(/^\/inspections\/rectifications\/\d+$/);
    expect(facts.find((f) => f.unitId === D && f.code === "EARLY_COMPLETION")?.text).toBe(
      "举措 1「举措 1」完成时限 2025-06-30,于 2025-03-03 完成,提前 119 天",
    );
  });

  it("a report first sent in time, returned and sent again late is not late", async () => {
    const report = await db().progressReport.findFirstOrThrow({ where: { state: "RETURNED" } });
    await db().progressReport.update({
      where: { id: report.id },
      data: { state: "SUBMITTED", firstSubmittedAt: chinaTime("2025-10-08"), submittedAt: chinaTime("2025-11-02") },
    });
    const facts = await loadFacts(db(), world.a.region.id, YEAR, TODAY);
    expect(facts.filter((f) => f.unitId === J && f.code === "LATE_REPORT")).toHaveLength(3);
  });
});

describe("the facts across a plan's life", () => {
  const districtPlan = () => db().plan.findFirstOrThrow({ where: { districtId: world.a.region.id } });
  const terminate = async (endedOn: string) =>
    db().plan.update({
      where: { id: (await districtPlan()).id },
      data: { status: "CLOSED", endKind: "TERMINATED", endedOn: new Date(`${endedOn}T00:00:00Z`), endReason: "上级部署调整" },
    });

  it("a plan closed mid-quarter owes no report for that quarter (its due date came after the plan ended)", async () => {
    await terminate("2026-01-20");
    const facts2026 = await loadFacts(db(), world.a.region.id, 2026, "2026-05-01");
    expect(facts2026.filter((f) => f.code === "LATE_REPORT")).toEqual([]);
    // The 2025 fourth quarter was due on 2026-01-10, before the plan ended: still late.
    const facts2025 = await loadFacts(db(), world.a.region.id, YEAR, "2026-05-01");
    expect(facts2025.filter((f) => f.unitId === J && f.code === "LATE_REPORT")).toHaveLength(3);
  });

  it("a plan confirmed 期满 (only after its last quarter was due) still owes that quarter: 2025-Q4 stays late", async () => {
    await db().plan.update({
      where: { id: (await districtPlan()).id },
      data: { status: "CLOSED", endKind: "EXPIRED", endedOn: new Date("2025-12-31T00:00:00Z") },
    });
    const facts2025 = await loadFacts(db(), world.a.region.id, YEAR, "2026-05-01");
    expect(facts2025.filter((f) => f.unitId === J && f.code === "LATE_REPORT")).toHaveLength(3);
  });

  it("a plan in force past its expiry owes nothing for the next year", async () => {
    const plan = await districtPlan();
    expect([plan.status, plan.periodEnd]).toEqual(["IN_FORCE", 2025]);
    const facts = await loadFacts(db(), world.a.region.id, 2026, "2027-02-01");
    expect(facts.filter((f) => f.code === "LATE_REPORT")).toEqual([]);
  });

  it("a draft plan owes nothing", async () => {
    await db().plan.update({ where: { id: (await districtPlan()).id }, data: { status: "DRAFT" } });
    const facts = await loadFacts(db(), world.a.region.id, YEAR, TODAY);
    expect(facts.filter((f) => f.code === "LATE_REPORT" || f.code === "OVERDUE_MEASURE")).toEqual([]);
  });

  it("an overdue measure carried on 2026-01-20 is one overdue fact in 2026, not two; a closed plan's measures are judged on its last day", async () => {
    const old = await districtPlan();
    // M5 falls due in January 2026 and is neither done nor carried.
    const m5 = await createMeasure(db(), { planId: old.id, code: "5", deadline: "2026-01-10", leadUnitIds: [J] });
    await terminate("2026-01-20");
    const next = await createPlan(db(), {
      regionId: world.a.region.id,
      title: "下陆区2026年法治政府建设工作要点",
      periodStart: 2026,
      periodEnd: 2026,
    });
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    const { carried } = await db().$transaction((tx) =>
      carryOverMeasuresIn(tx, bureau, { fromPlanId: old.id, toPlanId: next.id, measureIds: [M.M2] }, "2026-01-20"),
    );
    // The bureau gives the carried copy a new deadline, missed again.
    await db().measure.update({
      where: { id: carried[0]!.toId },
      data: { deadline: new Date("2026-06-30T00:00:00Z"), createdAt: chinaTime("2026-01-20") },
    });

    const overdue = (await loadFacts(db(), world.a.region.id, 2026, "2027-01-20")).filter((f) => f.code === "OVERDUE_MEASURE");
    expect(overdue.filter((f) => f.link === `/measures/${M.M2}` || f.link === `/measures/${carried[0]!.toId}`)).toEqual([
      expect.objectContaining({
        unitId: J,
        link: `/measures/${carried[0]!.toId}`,
        text: "举措 2「举措 2」完成时限 2026-06-30,截至 2026-12-31 逾期未完成(184 天)",
      }),
    ]);
    expect(overdue.find((f) => f.link === `/measures/${m5.id}`)?.text).toBe(
      "举措 5「举措 5」完成时限 2026-01-10,截至 2026-01-20 逾期未完成(10 天)",
    );
    expect(overdue).toHaveLength(2);
    // 2025 is as it was: the carried measure was overdue then, in its own plan.
    const overdue2025 = (await loadFacts(db(), world.a.region.id, YEAR, "2027-01-20")).filter((f) => f.code === "OVERDUE_MEASURE");
    expect(overdue2025.map((f) => f.link)).toEqual([`/measures/${M.M2}`]);
  });

  it("an unsent report is told as of the year's cutoff", async () => {
    const facts = await loadFacts(db(), world.a.region.id, YEAR, "2026-03-01");
    expect(facts.find((f) => f.unitId === J && f.code === "LATE_REPORT" && f.text.includes("第一季度"))?.text).toBe(
      "举措 1「举措 1」2025年第一季度进展 2025-04-10 截止,截至 2025-12-31 未报送,已逾期 265 天",
    );
  });

  it("returned reports are joined to their report through indexes", async () => {
    const plan = await db().$transaction(async (tx) => {
      // The test tables are tiny: forbid the scans a large table would never get, so the plan shows what an index can do.
      for (const setting of ["enable_seqscan", "enable_bitmapscan", "enable_hashjoin", "enable_mergejoin"])
        await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
      const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${returnedReportsSql(world.a.region.id, YEAR, TODAY)}`;
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    // The report's id is compared as an integer (a text cast of it would keep its primary key out of use)…
    expect(plan).toMatch(/r\.id = e\."reportId"/);
    expect(plan).not.toMatch(/\(r\.id\)::text/);
    // …and the year's returns are found through an index, never by reading them all.
    expect(plan).toMatch(/Index Scan using "ReportReturn_districtId_returnedAt_idx"/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});

describe("考核 lifecycle", () => {
  it("a rule change moves the score before publication; once published, rules are refused and new facts change nothing", async () => {
    await actAs(world.a.users.bureau);
    const created = await createAssessment({ regionId: String(world.a.region.id), year: String(YEAR) });
    expect(created).toMatchObject({ ok: true });
    const id = (created as { data: { id: number } }).data.id;
    const bureau = (await loadActor(world.a.users.bureau.id))!;

    let view = (await loadAssessment(bureau, id, TODAY))!;
    expect(view.assessment.status).toBe("DRAFT");
    expect(view.rules).toEqual(DEFAULT_RULES);
    const score = (unitId: number) => view.scores.find((s) => s.unitId === unitId)!;
    expect(view.scores.map((s) => [s.name, s.total, s.rank])).toEqual([
      ["区发改局", 101, 1],
      ["区司法局", 95, 2],
    ]);
    // Every point is a line with its fact; the lines add up to the total.
    for (const s of view.scores) {
      expect(s.lines.reduce((sum, l) => sum + Math.round(l.points * 100), 0) / 100).toBe(s.total);
      expect(s.lines.every((l) => l.fact.length > 0)).toBe(true);
    }
    expect(countBy(score(J).lines, "LATE_REPORT")).toBe(3);

    // A rule change: 1 point per late report instead of 0.5.
    expect(await updateAssessmentRules(rulesInput(id, 1, { points_LATE_REPORT: "1" }))).toMatchObject({ ok: true });
    view = (await loadAssessment(bureau, id, TODAY))!;
    expect(score(J).total).toBe(93.5);
    // A stale form (version 1) is refused and changes nothing.
    expect(await updateAssessmentRules(rulesInput(id, 1, { points_LATE_REPORT: "3" }))).toMatchObject({ ok: false, code: "CONFLICT" });
    // A bad value is a field error in Chinese.
    expect(await updateAssessmentRules(rulesInput(id, 2, { cap_LATE_REPORT: "abc" }))).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { cap_LATE_REPORT: [expect.stringContaining("报送逾期上限")] },
    });

    // Adjustments: a reason is required.
    expect(await addAssessmentAdjustment({ assessmentId: id, version: 2, unitId: String(J), points: "3", reason: " " })).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["请填写调整理由"] },
    });
    expect(
      await addAssessmentAdjustment({ assessmentId: id, version: 2, unitId: String(J), points: "3", reason: "获评省级法治建设示范单位" }),
    ).toMatchObject({ ok: true });
    // Each adjustment moves the version: a form read before it is stale.
    expect(await addAssessmentAdjustment({ assessmentId: id, version: 2, unitId: String(D), points: "-1", reason: "临时" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expect(await addAssessmentAdjustment({ assessmentId: id, version: 3, unitId: String(D), points: "-1", reason: "临时" })).toMatchObject({
      ok: true,
    });
    view = (await loadAssessment(bureau, id, TODAY))!;
    expect(score(J)).toMatchObject({ total: 96.5, adjustments: 3 });
    expect(score(J).lines.find((l) => l.code === "ADJUSTMENT")?.fact).toBe("人工调整:获评省级法治建设示范单位");
    const temporary = view.adjustments.find((a) => a.reason === "临时")!;
    expect(await removeAssessmentAdjustment({ id: temporary.id, version: 3 })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await removeAssessmentAdjustment({ id: temporary.id, version: 4 })).toMatchObject({ ok: true });

    // Leaders and liaisons see nothing of a draft.
    expect(await loadAssessment((await loadActor(world.a.users.leader.id))!, id, TODAY)).toBeNull();
    expect(await listAssessments((await loadActor(world.a.users.leader.id))!)).toEqual([]);

    // Publish: the lines are frozen as AssessmentItem rows.
    expect(await publishAssessment({ id, version: 4 })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await publishAssessment({ id, version: 5 })).toMatchObject({ ok: true });
    const before = (await loadAssessment(bureau, id, TODAY))!;
    expect(before.assessment.status).toBe("PUBLISHED");
    expect(before.scores.map((s) => [s.name, s.total, s.rank])).toEqual([
      ["区发改局", 101, 1],
      ["区司法局", 96.5, 2],
    ]);
    const items = await db().assessmentItem.findMany({ where: { assessmentId: id }, orderBy: [{ unitId: "asc" }, { sortOrder: "asc" }] });
    expect(items.filter((i) => i.unitId === J).map((i) => i.ruleCode)).toEqual([
      "BASE",
      "LATE_REPORT",
      "LATE_REPORT",
      "LATE_REPORT",
      "OVERDUE_MEASURE",
      "RETURNED_REPORT",
      "OPEN_RECTIFICATION",
      "EARLY_COMPLETION",
      "ADJUSTMENT",
    ]);
    expect(
      items
        .filter((i) => i.unitId === J && i.ruleCode === "LATE_REPORT")
        .every((i) => Number(i.points) === -1 && i.link === `/measures/${i.link!.split("/")[2]}`),
    ).toBe(true);

    // After publication: rules and adjustments are refused, and nothing changes.
    const refused = await updateAssessmentRules(rulesInput(id, 6, { points_LATE_REPORT: "5" }));
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT", message: "该考核已发布,评分已固定,不能再修改。" });
    expect(await addAssessmentAdjustment({ assessmentId: id, version: 6, unitId: String(J), points: "10", reason: "补加" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "该考核已发布,评分已固定,不能再修改。",
    });
    expect(await publishAssessment({ id, version: 6 })).toMatchObject({ ok: false, code: "CONFLICT" });

    // A new fact: D's new measure, never reported, overdue since June.
    const plan = await db().plan.findFirstOrThrow({ where: { districtId: world.a.region.id } });
    const m4 = await createMeasure(db(), { planId: plan.id, code: "4", deadline: "2025-06-30", leadUnitIds: [D] });
    await db().assignment.updateMany({ where: { measureId: m4.id }, data: { createdAt: new Date("2024-01-05T02:00:00Z") } });
    const stored = await db().assessment.findUniqueOrThrow({ where: { id } });
    const live = await computeAssessmentScores(db(), stored, TODAY);
    expect(live.find((s) => s.unitId === D)!.total).toBeLessThan(101); // the fact would have mattered
    const after = (await loadAssessment(bureau, id, TODAY))!;
    expect(after.scores).toEqual(before.scores);

    // Leaders read the published ranking; a liaison its own unit's score only.
    const leaderView = (await loadAssessment((await loadActor(world.a.users.leader.id))!, id, TODAY))!;
    expect(leaderView.scores.map((s) => s.name)).toEqual(["区发改局", "区司法局"]);
    expect(leaderView.canManage).toBe(false);
    const liaisonView = (await loadAssessment((await loadActor(world.a.users.liaison.id))!, id, TODAY))!;
    expect(liaisonView.scores.map((s) => s.unitId)).toEqual([D]);
    // Out of scope: district B's leader sees nothing.
    expect(await loadAssessment((await loadActor(world.b.users.leader.id))!, id, TODAY)).toBeNull();

    const audit = await db().auditEvent.findMany({
      where: { entityType: { in: ["Assessment", "AssessmentAdjustment"] } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual([
      "assessment.create",
      "assessment.updateRules",
      "assessment.addAdjustment",
      "assessment.addAdjustment",
      "assessment.removeAdjustment",
      "assessment.publish",
    ]);
  });

  it("an adjustment added while the scheme is published is either in its frozen lines or refused", async () => {
    await actAs(world.a.users.bureau);
    // Several rounds (a year each), since which of the two gets the row first is up to timing.
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      const created = await createAssessment({ regionId: world.a.region.id, year });
      const id = (created as { data: { id: number } }).data.id;
      const [added, published] = await Promise.all([
        addAssessmentAdjustment({ assessmentId: id, version: 1, unitId: J, points: "2", reason: `${year}年度表彰` }),
        publishAssessment({ id, version: 1 }),
      ]);
      const stored = await db().assessment.findUniqueOrThrow({
        where: { id },
        include: { adjustments: true, items: { where: { ruleCode: "ADJUSTMENT" } } },
      });
      // Never an adjustment on a published 考核 missing from its frozen lines.
      if (stored.status === "PUBLISHED") expect(stored.items.length, `${year}: adjustments frozen`).toBe(stored.adjustments.length);
      for (const result of [added, published])
        if (!result.ok) expect(result, `${year}`).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
      // One of the two wins: the scheme is published without the adjustment, or it has it and is still a draft.
      expect([added.ok, published.ok].filter(Boolean), `${year}`).toHaveLength(1);
      expect(stored.status === "PUBLISHED" ? stored.adjustments : [], `${year}`).toEqual([]);
    }
  });

  it("one scheme per district and year", async () => {
    await actAs(world.a.users.bureau);
    expect(await createAssessment({ regionId: world.a.region.id, year: YEAR })).toMatchObject({ ok: true });
    expect(await createAssessment({ regionId: world.a.region.id, year: YEAR })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { year: ["下陆区2025年度的考核已存在"] },
    });
  });

  it("the seed's one call creates and publishes a scheme", async () => {
    const actor = (await loadActor(world.a.users.bureau.id))!;
    const { assessment, scores } = await db().$transaction((tx) => createAndPublishAssessment(tx, actor, world.a.region.id, YEAR, TODAY));
    expect(assessment.status).toBe("PUBLISHED");
    expect(scores.map((s) => s.total)).toEqual([101, 95]);
    expect(await db().assessmentItem.count({ where: { assessmentId: assessment.id } })).toBe(
      scores.reduce((n, s) => n + s.lines.length, 0),
    );
  });
});

describe("the .xlsx export", () => {
  it("reads back with the same figures: the ranking and every point with its fact and link", async () => {
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    const { assessment } = await db().$transaction((tx) => createAndPublishAssessment(tx, bureau, world.a.region.id, YEAR, TODAY));
    await actAs(world.a.users.leader);
    const get = (id: number) =>
      exportRoute(new Request(`http://app.example/assessments/${id}/export`), { params: Promise.resolve({ id: String(id) }) });
    const response = await get(assessment.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toContain(encodeURIComponent("下陆区2025年度法治建设考核.xlsx"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const rows = (name: string) => {
      const sheet = workbook.getWorksheet(name)!;
      const out: unknown[][] = [];
      sheet.eachRow((row, n) => n > 2 && out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const view = (await loadAssessment((await loadActor(world.a.users.leader.id))!, assessment.id, TODAY))!;
    expect(rows("排名")).toEqual([
      ["名次", "单位", "基础分", "扣分", "加分", "调整", "得分"],
      ...view.scores.map((s) => [s.rank, s.name, s.base, s.deductions, s.additions, s.adjustments, s.total]),
    ]);
    expect(rows("排名").slice(1)).toEqual([
      [1, "区发改局", 100, 0, 1, 0, 101],
      [2, "区司法局", 100, 6, 1, 0, 95],
    ]);
    const details = rows("扣分加分明细");
    expect(details[0]).toEqual(["单位", "规则", "分值", "事实", "链接"]);
    const lines = view.scores.flatMap((s) => s.lines.map((l) => [s.name, l.code, l.points, l.fact, l.link]));
    expect(details.length - 1).toBe(lines.length);
    expect(details.filter((r) => r[1] === "报送逾期" && r[0] === "区司法局").map((r) => r[2])).toEqual([-0.5, -0.5, -0.5]);
    expect(details.find((r) => r[1] === "整改未销号")?.[4]).toMatch(/^http:\/\/app\.example\/inspections\/rectifications\/\d+$/);
    // Each unit's points in the details add up to its 得分 in the ranking.
    for (const [, name, , , , , total] of rows("排名").slice(1)) {
      const sum = details.filter((r) => r[0] === name).reduce((s, r) => s + Math.round((r[2] as number) * 100), 0) / 100;
      expect(sum).toBe(total);
    }
    // Out of scope: 404.
    await actAs(world.b.users.leader);
    expect((await get(assessment.id)).status).toBe(404);
  });
});
