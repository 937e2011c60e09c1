import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { db } from "@/lib/db/client.ts";
import {
  createFinding,
  createInspection,
  createMeasure,
  createPlan,
  createProgressReport,
  createProgressReports,
  createRectificationReport,
  type ProgressReportInput,
} from "@/lib/demo/factories.ts";
import { seedDemoData } from "@/lib/demo/seed.ts";
import { approveProgressReport, returnProgressReport, saveProgressDraft, submitProgressReport } from "@/lib/progress/actions.ts";
import { reportRectification, returnRectification, verifyRectification } from "@/lib/inspections/actions.ts";
import { latestDuePeriod, periodByKey, reportingPeriod } from "@/lib/reporting/periods.ts";
import { measureLight, type Light } from "@/lib/reporting/lights.ts";
import { reportingStartOf } from "@/lib/plans/life.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// createProgressReport writes history after the fact; it must leave an
// assignment exactly as the real report and review actions would have.

type Outcome = "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
type Step = { period: "2024-Q2" | "2024-Q3"; claimedStatus: "IN_PROGRESS" | "COMPLETED" | "NO_CHANGE"; percent: number; outcome: Outcome };
const step = (period: Step["period"], claimedStatus: Step["claimedStatus"], percent: number, outcome: Outcome): Step => ({
  period,
  claimedStatus,
  percent,
  outcome,
});

const ASSIGNMENT_COLUMNS = { status: true, percent: true, completedAt: true, lastReportAt: true } as const;
const REPORT_COLUMNS = {
  periodStart: true,
  periodEnd: true,
  state: true,
  claimedStatus: true,
  percent: true,
  text: true,
  authorId: true,
  onBehalfOfUnitId: true,
  submittedAt: true,
  firstSubmittedAt: true,
  reviewerId: true,
  reviewedAt: true,
  reviewComment: true,
  version: true,
} as const;
const RETURN_COLUMNS = { districtId: true, reviewerId: true, comment: true, returnedAt: true } as const;

describe("createProgressReport agrees with the report and review actions", () => {
  let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
  let planId: number;

  beforeEach(async () => {
    // 2024-08-15 in Beijing: 2024-Q2 is late but open, 2024-Q3 is being collected.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
    world = await buildTwoDistricts();
    planId = (await createPlan(db(), { regionId: world.a.region.id, title: "下陆区法治政府建设实施方案" })).id;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** An assignment of 区发改局 (world.a.users.liaison's unit) leading a fresh measure. */
  async function leadAssignment(code: string) {
    const measure = await createMeasure(db(), { planId, code, leadUnitIds: [world.a.units.development.id] });
    return db().assignment.findFirstOrThrow({ where: { measureId: measure.id } });
  }

  /** Runs a step through the actions, as the liaison and then the bureau, an hour apart. */
  async function throughActions(assignmentId: number, s: Step) {
    const tick = () => vi.setSystemTime(new Date(Date.now() + 3_600_000));
    tick();
    await actAs(world.a.users.liaison);
    const fields = {
      assignmentId: String(assignmentId),
      periodKey: s.period,
      text: `${s.period} 进展`,
      percent: String(s.percent),
      claimedStatus: s.claimedStatus,
    };
    const written = s.outcome === "DRAFT" ? await saveProgressDraft(fields) : await submitProgressReport(fields);
    expect(written).toMatchObject({ ok: true });
    if (s.outcome === "APPROVED" || s.outcome === "RETURNED") {
      tick();
      await actAs(world.a.users.bureau);
      const { id, version } = written.ok ? written.data : { id: 0, version: 0 };
      const reviewed =
        s.outcome === "APPROVED"
          ? await approveProgressReport({ reportId: String(id), version: String(version) })
          : await returnProgressReport({ reportId: String(id), version: String(version), comment: "请补充佐证材料。" });
      expect(reviewed).toMatchObject({ ok: true });
    }
    const period = periodByKey(s.period, "QUARTERLY")!;
    return db().progressReport.findFirstOrThrow({
      where: { assignmentId, periodStart: new Date(`${period.start}T00:00:00Z`) },
    });
  }

  const assignmentOf = (id: number) => db().assignment.findUniqueOrThrow({ where: { id }, select: ASSIGNMENT_COLUMNS });
  const reportsOf = (assignmentId: number) =>
    db().progressReport.findMany({ where: { assignmentId }, orderBy: { periodStart: "asc" }, select: REPORT_COLUMNS });
  const returnsOf = (assignmentId: number) =>
    db().reportReturn.findMany({
      where: { report: { assignmentId } },
      orderBy: { id: "asc" },
      select: { ...RETURN_COLUMNS, report: { select: { periodStart: true } } },
    });

  it.each<[string, Step[], { status: string; percent: number }]>([
    ["a draft changes nothing", [step("2024-Q3", "IN_PROGRESS", 30, "DRAFT")], { status: "NOT_STARTED", percent: 0 }],
    [
      "a submission starts the assignment and marks it reported",
      [step("2024-Q3", "IN_PROGRESS", 40, "SUBMITTED")],
      { status: "IN_PROGRESS", percent: 0 },
    ],
    [
      "an approved progress claim sets the percent",
      [step("2024-Q3", "IN_PROGRESS", 60, "APPROVED")],
      { status: "IN_PROGRESS", percent: 60 },
    ],
    [
      "a return keeps only the submission's effect",
      [step("2024-Q3", "IN_PROGRESS", 50, "RETURNED")],
      { status: "IN_PROGRESS", percent: 0 },
    ],
    [
      "an approved 本期无新进展 keeps the last approved percent",
      [step("2024-Q2", "IN_PROGRESS", 30, "APPROVED"), step("2024-Q3", "NO_CHANGE", 45, "APPROVED")],
      { status: "IN_PROGRESS", percent: 30 },
    ],
    [
      "a late report for an earlier period does not undo a later approval",
      [step("2024-Q3", "IN_PROGRESS", 70, "APPROVED"), step("2024-Q2", "IN_PROGRESS", 20, "APPROVED")],
      { status: "IN_PROGRESS", percent: 70 },
    ],
    [
      "an approved completion completes the assignment",
      [step("2024-Q3", "COMPLETED", 0, "APPROVED")],
      { status: "COMPLETED", percent: 100 },
    ],
    [
      "a completion stands when an earlier period is approved after it",
      [step("2024-Q3", "COMPLETED", 0, "APPROVED"), step("2024-Q2", "IN_PROGRESS", 40, "APPROVED")],
      { status: "COMPLETED", percent: 100 },
    ],
    [
      "a completion claim waiting for review completes nothing",
      [step("2024-Q3", "COMPLETED", 0, "SUBMITTED")],
      { status: "IN_PROGRESS", percent: 0 },
    ],
    [
      "a returned completion claim leaves the last approved percent",
      [step("2024-Q2", "IN_PROGRESS", 35, "APPROVED"), step("2024-Q3", "COMPLETED", 0, "RETURNED")],
      { status: "IN_PROGRESS", percent: 35 },
    ],
  ])("%s", async (_name, steps, expected) => {
    const viaActions = await leadAssignment("1");
    const viaFactory = await leadAssignment("2");
    const viaBatch = await leadAssignment("3");
    const batch: ProgressReportInput[] = [];
    for (const s of steps) {
      const done = await throughActions(viaActions.id, s);
      // The same report, with the times the actions gave it.
      const input: ProgressReportInput = {
        assignmentId: viaFactory.id,
        period: { start: done.periodStart.toISOString().slice(0, 10), end: done.periodEnd.toISOString().slice(0, 10) },
        state: s.outcome,
        claimedStatus: s.claimedStatus,
        percent: s.percent,
        text: done.text,
        authorId: world.a.users.liaison.id,
        reviewerId: done.reviewerId,
        ...(done.submittedAt ? { submittedAt: done.submittedAt } : {}),
        ...(done.reviewedAt ? { reviewedAt: done.reviewedAt } : {}),
        ...(done.reviewComment ? { reviewComment: done.reviewComment } : {}),
      };
      await createProgressReport(db(), input);
      batch.push({ ...input, assignmentId: viaBatch.id });
    }
    await createProgressReports(db(), batch);

    const actual = await assignmentOf(viaActions.id);
    expect(actual).toMatchObject(expected);
    if (expected.status === "COMPLETED") {
      const completion = (await reportsOf(viaActions.id)).find((r) => r.claimedStatus === "COMPLETED")!;
      expect(actual.completedAt).toEqual(completion.reviewedAt);
    }
    if (expected.status !== "NOT_STARTED") expect(actual.lastReportAt).not.toBeNull();
    expect(await assignmentOf(viaFactory.id)).toEqual(actual);
    expect(await assignmentOf(viaBatch.id)).toEqual(actual);
    expect(await reportsOf(viaFactory.id)).toEqual(await reportsOf(viaActions.id));
    expect(await reportsOf(viaBatch.id)).toEqual(await reportsOf(viaActions.id));
    // Every return has its row (the 考核 counts them), as returnProgressReport writes it.
    const returns = await returnsOf(viaActions.id);
    expect(returns).toHaveLength(steps.filter((s) => s.outcome === "RETURNED").length);
    expect(await returnsOf(viaFactory.id)).toEqual(returns);
    expect(await returnsOf(viaBatch.id)).toEqual(returns);
  });
});

describe("createRectificationReport agrees with the rectification actions", () => {
  let world: Awaited<ReturnType<typeof buildTwoDistricts>>;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
    world = await buildTwoDistricts();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** A fresh item of 区发改局 (world.a.users.liaison's unit). */
  async function openItem(text: string) {
    const inspection = await createInspection(db(), { regionId: world.a.region.id, title: "督察", inspectedOn: "2024-06-01" });
    const { rectifications } = await createFinding(db(), {
      inspectionId: inspection.id,
      text,
      unitIds: [world.a.units.development.id],
      deadline: "2024-12-31",
    });
    return rectifications[0]!;
  }

  const ok = <T>(result: { ok: true; data: T } | { ok: false; code: string; message: string }): T => {
    if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`);
    return result.data;
  };
  const itemOf = (id: number) =>
    db().rectification.findUniqueOrThrow({ where: { id }, select: { status: true, verifiedById: true, verifiedAt: true } });
  const reportsOf = (rectificationId: number) =>
    db().progressReport.findMany({ where: { rectificationId }, orderBy: { id: "asc" }, select: REPORT_COLUMNS });
  const closuresOf = (rectificationId: number) =>
    db().rectificationClosure.findMany({
      where: { rectificationId },
      orderBy: { id: "asc" },
      select: { districtId: true, closedAt: true, closedById: true, reopenedAt: true },
    });
  const returnsOf = (rectificationId: number) =>
    db().reportReturn.findMany({ where: { report: { rectificationId } }, orderBy: { id: "asc" }, select: RETURN_COLUMNS });

  it.each<["APPROVED" | "RETURNED"]>([["APPROVED"], ["RETURNED"]])("a completion claim %s", async (outcome) => {
    const viaActions = await openItem("通过操作");
    const viaFactory = await openItem("通过工厂");
    await actAs(world.a.users.liaison);
    const text = "已整改到位,申请销号。";
    const { id: reportId } = ok(
      await reportRectification({ rectificationId: String(viaActions.id), text, percent: "100", claimedStatus: "COMPLETED" }),
    );
    vi.setSystemTime(new Date(Date.now() + 3_600_000));
    await actAs(world.a.users.bureau);
    const decision = { rectificationId: String(viaActions.id), reportId: String(reportId), comment: "请补充整改佐证材料。" };
    ok(outcome === "APPROVED" ? await verifyRectification({ ...decision, comment: "" }) : await returnRectification(decision));
    const done = await db().progressReport.findUniqueOrThrow({ where: { id: reportId } });

    await createRectificationReport(db(), {
      rectificationId: viaFactory.id,
      authorId: world.a.users.liaison.id,
      state: outcome,
      text,
      claimedStatus: "COMPLETED",
      submittedAt: done.submittedAt!,
      reviewerId: done.reviewerId,
      reviewedAt: done.reviewedAt!,
      reviewComment: done.reviewComment,
    });

    expect(await itemOf(viaFactory.id)).toEqual(await itemOf(viaActions.id));
    expect(await reportsOf(viaFactory.id)).toEqual(await reportsOf(viaActions.id));
    const closures = await closuresOf(viaActions.id);
    expect(closures).toHaveLength(outcome === "APPROVED" ? 1 : 0);
    expect(await closuresOf(viaFactory.id)).toEqual(closures);
    const returns = await returnsOf(viaActions.id);
    expect(returns).toHaveLength(outcome === "RETURNED" ? 1 : 0);
    expect(await returnsOf(viaFactory.id)).toEqual(returns);
  });
});

describe("createProgressReport's own rules", () => {
  let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
  let assignmentId: number;
  const Q2 = { start: "2024-04-01", end: "2024-06-30" };
  const Q3 = { start: "2024-07-01", end: "2024-09-30" };

  beforeEach(async () => {
    world = await buildTwoDistricts();
    const plan = await createPlan(db(), { regionId: world.a.region.id, title: "方案" });
    const measure = await createMeasure(db(), { planId: plan.id, code: "1", leadUnitIds: [world.a.units.development.id] });
    assignmentId = (await db().assignment.findFirstOrThrow({ where: { measureId: measure.id } })).id;
  });

  it.each<[string, Partial<ProgressReportInput>, { submittedAt: Date | null; reviewedAt: Date | null }]>([
    ["a draft has no times", { state: "DRAFT" }, { submittedAt: null, reviewedAt: null }],
    [
      "a submission: 5 days after the period, 10:00 Beijing",
      { state: "SUBMITTED" },
      { submittedAt: new Date("2024-07-05T02:00:00Z"), reviewedAt: null },
    ],
    [
      "an approval: 2 days after the submission",
      { state: "APPROVED" },
      { submittedAt: new Date("2024-07-05T02:00:00Z"), reviewedAt: new Date("2024-07-07T02:00:00Z") },
    ],
    [
      "a return after a given submission time",
      { state: "RETURNED", submittedAt: new Date("2024-07-08T01:00:00Z") },
      { submittedAt: new Date("2024-07-08T01:00:00Z"), reviewedAt: new Date("2024-07-10T01:00:00Z") },
    ],
  ])("default times: %s", async (_name, input, expected) => {
    const { id } = await createProgressReport(db(), {
      assignmentId,
      period: Q2,
      state: "SUBMITTED",
      authorId: world.a.users.liaison.id,
      reviewerId: world.a.users.bureau.id,
      ...input,
    });
    expect(await db().progressReport.findUniqueOrThrow({ where: { id } })).toMatchObject(expected);
  });

  it("never moves lastReportAt backwards when history is written out of order", async () => {
    const later = new Date("2024-10-03T03:00:00Z");
    await createProgressReport(db(), {
      assignmentId,
      period: Q3,
      state: "SUBMITTED",
      authorId: world.a.users.liaison.id,
      submittedAt: later,
    });
    await createProgressReport(db(), { assignmentId, period: Q2, state: "SUBMITTED", authorId: world.a.users.liaison.id });
    expect(await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).toMatchObject({ lastReportAt: later });
  });

  it.each<[string, () => number, number | null]>([
    ["the unit's own liaison reports for itself", () => world.a.users.liaison.id, null],
    ["bureau staff log it for the unit (代报)", () => world.a.users.bureau.id, 0],
  ])("%s", async (_name, author, onBehalf) => {
    const { id } = await createProgressReport(db(), { assignmentId, period: Q2, state: "SUBMITTED", authorId: author() });
    const report = await db().progressReport.findUniqueOrThrow({ where: { id } });
    expect(report.onBehalfOfUnitId).toBe(onBehalf === null ? null : world.a.units.development.id);
  });

  it.each<[string, Partial<ProgressReportInput>, RegExp]>([
    ["a period that is not a quarter", { period: { start: "2024-04-01", end: "2024-04-30" } }, /not a QUARTERLY period/],
    ["a quarter starting mid-month", { period: { start: "2024-04-15", end: "2024-07-14" } }, /not a QUARTERLY period/],
    ["an approval without a reviewer", { state: "APPROVED", reviewerId: null }, /needs a reviewerId/],
  ])("refuses %s and writes nothing", async (_name, input, message) => {
    await expect(
      createProgressReport(db(), { assignmentId, period: Q2, state: "SUBMITTED", authorId: world.a.users.liaison.id, ...input }),
    ).rejects.toThrow(message);
    expect(await db().progressReport.count()).toBe(0);
    expect(await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).toMatchObject({
      status: "NOT_STARTED",
      lastReportAt: null,
    });
  });
});

// ---------------------------------------------------------------------------
// The demo seed is built with these factories; what it must show.

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** Every 下陆区 measure's light as the measure page computes it on `today`. */
async function xialuLights(today: string) {
  const plans = await db().plan.findMany({
    where: { region: { code: "420204" } },
    include: { measures: { include: { assignments: { include: { reports: true } } } } },
  });
  return plans.flatMap((plan) => {
    const period = latestDuePeriod(today, plan.reportCadence, plan.reportDueDay);
    return plan.measures.map((m) =>
      measureLight({
        today,
        deadline: iso(m.deadline),
        ongoing: m.ongoing,
        currentPeriod: period,
        reportingStart: reportingStartOf(m.createdAt, plan.issueDate),
        assignments: m.assignments.map((a) => ({
          role: a.role,
          completedApproved: a.status === "COMPLETED",
          everReported: a.lastReportAt !== null,
          currentState: a.reports.find((r) => iso(r.periodStart) === period.start)?.state ?? "NONE",
        })),
      }),
    );
  });
}

/** What the demo consists of, without ids. */
async function demoSignature() {
  const reports = await db().progressReport.findMany({
    select: {
      periodStart: true,
      state: true,
      claimedStatus: true,
      percent: true,
      text: true,
      submittedAt: true,
      reviewedAt: true,
      assignment: {
        select: {
          role: true,
          unit: { select: { name: true } },
          measure: { select: { code: true, sortOrder: true, plan: { select: { title: true } } } },
        },
      },
    },
  });
  return reports.map((r) => JSON.stringify(r)).sort();
}

describe("seedDemoData", () => {
  it.each(["2026-11-20", "2026-10-05"])(
    "on %s gives 下陆区's leader every light, reports in every state, and 区司法局 something to report",
    async (today) => {
      await seedDemoData(db(), { today });
      const lights = await xialuLights(today);
      const count = (light: Light, reason?: RegExp) => lights.filter((l) => l.light === light && (!reason || reason.test(l.reason))).length;
      expect(count("RED", /已逾期/)).toBeGreaterThan(0);
      expect(count("YELLOW", /距完成时限/)).toBeGreaterThan(0);
      expect(count("YELLOW", /未报送/)).toBeGreaterThan(0);
      expect(count("YELLOW", /被退回/)).toBeGreaterThan(0);
      expect(count("GREEN", /进展正常/)).toBeGreaterThan(10);
      expect(count("GREEN", /已完成/)).toBeGreaterThan(10);
      expect(count("GREY")).toBeGreaterThan(0);

      const plans = await db().plan.findMany({ include: { region: true }, orderBy: { id: "asc" } });
      expect(new Set(plans.map((p) => p.region.name))).toEqual(new Set(["下陆区", "宝山区", "怀柔区"]));
      // 下陆区's three 2021–2025 plans ended with 2025 (期满), each with its 终期评估; the
      // 2026 工作要点 that took their unfinished measures (结转) is in force since 1 January.
      const xialu = plans.filter((p) => p.region.name === "下陆区");
      const successor = xialu.find((p) => p.title === "下陆区2026年法治建设工作要点")!;
      const ended = xialu.filter((p) => p.id !== successor.id);
      expect(ended).toHaveLength(3);
      for (const plan of ended) {
        expect(plan).toMatchObject({
          status: "CLOSED",
          endKind: "EXPIRED",
          endedOn: new Date("2025-12-31T00:00:00Z"),
          issueDate: new Date("2021-06-30T00:00:00Z"),
        });
        expect(await db().evaluation.findMany({ where: { planId: plan.id }, select: { kind: true, snapshotDate: true } })).toEqual([
          { kind: "FINAL", snapshotDate: new Date("2025-12-31T00:00:00Z") },
        ]);
      }
      expect(successor).toMatchObject({
        status: "IN_FORCE",
        effectiveFrom: new Date("2026-01-01T00:00:00Z"),
        predecessorId: ended[0]!.id,
        periodStart: 2026,
        periodEnd: 2026,
      });
      // Every measure of the 工作要点 carries an unfinished one of the ended plans, and none was carried twice.
      const carried = await db().measure.findMany({
        where: { planId: successor.id },
        select: { previousId: true, succession: true, previous: { select: { planId: true } } },
      });
      expect(carried.length).toBeGreaterThan(20);
      expect(carried.every((m) => m.succession === "CARRIED" && ended.some((p) => p.id === m.previous?.planId))).toBe(true);
      expect(new Set(carried.map((m) => m.previousId)).size).toBe(carried.length);
      for (const plan of plans.filter((p) => p.region.name !== "下陆区")) {
        // 002 (怀柔区) carries its own date of issue.
        const issueDate = new Date(plan.region.name === "怀柔区" ? "2021-12-24T00:00:00Z" : "2021-06-30T00:00:00Z");
        expect(plan).toMatchObject({ status: "IN_FORCE", reportCadence: "QUARTERLY", reportDueDay: 10, issueDate });
      }
      // One 通报 issued on the last quarter due, to the liaisons' inboxes; the 2025 考核 published.
      const circulars = await db().circular.findMany({ select: { status: true, periodStart: true, figures: true } });
      expect(circulars).toHaveLength(1);
      expect(circulars[0]).toMatchObject({
        status: "ISSUED",
        periodStart: new Date(`${latestDuePeriod(today, "QUARTERLY", 10).start}T00:00:00Z`),
      });
      expect(circulars[0]!.figures).not.toBeNull();
      expect(await db().notification.count({ where: { kind: "CIRCULAR" } })).toBeGreaterThan(10);
      const assessments = await db().assessment.findMany({ select: { year: true, status: true, _count: { select: { items: true } } } });
      expect(assessments).toEqual([{ year: 2025, status: "PUBLISHED", _count: { items: expect.any(Number) } }]);
      expect(assessments[0]!._count.items).toBeGreaterThan(10);

      // Reports: mostly approved by 王司法, some returned with a comment, some waiting, all by the unit's own liaison.
      const bureau = await db().user.findUniqueOrThrow({ where: { login: "xialu.bureau" } });
      const byState = Object.fromEntries(
        (await db().progressReport.groupBy({ by: ["state"], _count: true })).map((g) => [g.state, g._count]),
      );
      expect(byState.APPROVED).toBeGreaterThan(1000);
      expect(byState.RETURNED).toBeGreaterThan(0);
      expect(byState.SUBMITTED).toBeGreaterThan(0);
      expect(byState.SUBMITTED).toBeLessThan((byState.APPROVED ?? 0) / 10);
      expect(await db().progressReport.count({ where: { state: { in: ["APPROVED", "RETURNED"] }, reviewerId: { not: bureau.id } } })).toBe(
        0,
      );
      expect(await db().progressReport.count({ where: { state: "RETURNED", reviewComment: null } })).toBe(0);
      expect(await db().progressReport.count({ where: { onBehalfOfUnitId: { not: null } } })).toBe(0);
      // The returns' messages speak as returnProgressReport does: measure and period named.
      const returnNotices = await db().notification.findMany({ where: { kind: "RETURNED" } });
      expect(returnNotices.length).toBeGreaterThan(0);
      for (const notice of returnNotices) {
        expect(notice.title).toMatch(/^进展报送被退回:\S+ .+\(\d{4}年第[一二三四]季度\)$/);
        expect(notice.link).toMatch(/^\/measures\/\d+$/);
      }
      expect(
        await db().progressReport.count({ where: { OR: [{ submittedAt: { gt: new Date() } }, { reviewedAt: { gt: new Date() } }] } }),
      ).toBe(0);
      // Beside each step, what its action writes: the first submission, one row per return (measures'
      // and rectifications' reports alike), one closing per 销号 of the 督察's items.
      expect(await db().progressReport.count({ where: { state: { not: "DRAFT" }, firstSubmittedAt: null } })).toBe(0);
      const returnedReports = await db().progressReport.count({ where: { state: "RETURNED" } });
      expect(await db().reportReturn.count()).toBe(returnedReports);
      expect((await db().reportReturn.groupBy({ by: ["reportId"], where: { report: { state: "RETURNED" } } })).length).toBe(
        returnedReports,
      );
      const verified = await db().auditEvent.findMany({ where: { action: "rectification.verify" }, select: { entityId: true } });
      expect(verified.length).toBeGreaterThan(0);
      const closings = await db().rectificationClosure.findMany({
        select: { rectificationId: true, closedAt: true, rectification: { select: { verifiedAt: true } } },
      });
      expect(closings.map((c) => String(c.rectificationId)).sort()).toEqual(verified.map((e) => e.entityId).sort());
      expect(closings.every((c) => c.closedAt.getTime() === c.rectification.verifiedAt?.getTime())).toBe(true);
      expect(await db().reportReturn.count({ where: { report: { rectificationId: { not: null } } } })).toBe(
        await db().auditEvent.count({ where: { action: "rectification.return" } }),
      );

      // Completions: before the deadline and after it, and spread over the past.
      const completed = await db().assignment.findMany({
        where: { role: "LEAD", status: "COMPLETED" },
        include: { measure: true },
      });
      expect(completed.some((a) => a.measure.deadline && a.completedAt! <= a.measure.deadline)).toBe(true);
      expect(completed.some((a) => a.measure.deadline && a.completedAt! > new Date(a.measure.deadline.getTime() + 86_400_000))).toBe(true);
      expect(new Set(completed.map((a) => a.completedAt!.toISOString().slice(0, 7))).size).toBeGreaterThan(12);

      // This period: some units have reported, others not yet; 区司法局 still can.
      const collecting = reportingPeriod(today, "QUARTERLY", 10);
      const reportedNow = await db().progressReport.findMany({
        // Measure reports only: the demo's rectification reports are dated by day and may share the start.
        where: { periodStart: new Date(`${collecting.start}T00:00:00Z`), assignmentId: { not: null } },
        select: { assignment: { select: { unitId: true } } },
      });
      const units = await db().assignment.findMany({ distinct: ["unitId"], select: { unitId: true } });
      const reportingUnits = new Set(reportedNow.map((r) => r.assignment!.unitId));
      expect(reportingUnits.size).toBeGreaterThan(0);
      expect(reportingUnits.size).toBeLessThan(units.length);
      const liaison = await db().user.findUniqueOrThrow({ where: { login: "xialu.liaison" } });
      const open = await db().assignment.findMany({
        where: {
          unitId: liaison.unitId!,
          status: { not: "COMPLETED" },
          reports: { none: { periodStart: new Date(`${collecting.start}T00:00:00Z`) } },
          measure: { assignments: { some: { role: "LEAD", status: { not: "COMPLETED" } } } },
        },
      });
      expect(open.length).toBeGreaterThan(0);
    },
    120_000,
  );

  // CI and a fresh clone failed "seeded again" below at the seed's 120 s transaction limit: autovacuum, analyzing
  // a table while the seed was still writing it, counts the uncommitted rows as none, and the 通报's figures were
  // then planned for empty tables. Here another session analyzes as autovacuum would, skipping a locked table.
  it("is seeded while another session analyzes its tables, as autovacuum may", async () => {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query("SET lock_timeout = '200ms'");
    let seeding = true;
    let analyzed = 0;
    const analyzer = (async () => {
      while (seeding) {
        for (const table of ["ProgressReport", "Assignment", "Measure", "ReportReturn", "AuditEvent", "Notification"]) {
          await other.query(`ANALYZE "${table}"`).then(
            () => analyzed++,
            () => undefined, // held by the seed's own ANALYZE: autovacuum skips such a table too
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    try {
      await seedDemoData(db(), { today: "2026-11-20" });
    } finally {
      seeding = false;
      await analyzer;
      await other.end();
    }
    expect(analyzed).toBeGreaterThan(0);
    expect(await db().circular.count({ where: { status: "ISSUED" } })).toBe(1);
  }, 300_000);

  it("is the same demo when seeded again for the same day", async () => {
    const tables = await db().$queryRaw<{ tablename: string }[]>`
      SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
    // Reference data the migrations wrote is there before the seed and stays.
    const filled = new Set<string>();
    for (const { tablename } of tables) {
      const rows = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${tablename}"`);
      if (rows[0]!.n > 0) filled.add(tablename);
    }
    await seedDemoData(db(), { today: "2026-11-20" });
    const first = await demoSignature();
    const seeded = tables.map((t) => t.tablename).filter((t) => !filled.has(t));
    await db().$executeRawUnsafe(`TRUNCATE ${seeded.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
    await seedDemoData(db(), { today: "2026-11-20" });
    expect(first.length).toBeGreaterThan(1000);
    expect(await demoSignature()).toEqual(first);
  }, 120_000);
});
