import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chinaTime } from "@/lib/dates.ts";
import mammoth from "mammoth";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport, createUnit, createUser } from "@/lib/demo/factories.ts";
import { approveCircular, createCircular, issueCircular, regenerateCircularBody, updateCircular } from "@/lib/circulars/actions.ts";
import { computeCircularFigures, getCircular, listCirculars } from "@/lib/circulars/queries.ts";
import { buildCircularDocx } from "@/lib/circulars/docx.ts";
import { circularDocxGet } from "@/lib/circulars/routes.ts";
import { ISSUED_IS_FINAL } from "@/lib/circulars/workflow.ts";
import { listNotifications } from "@/lib/notifications/queries.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// 通报 of 2026-Q3 in district A, counted on 2026-10-20 (Q3 was due 10 October).
// A quarterly plan and a monthly plan of 2026–2027 (July, August, September
// fall in Q3), a plan closed at the end of 2025 and a draft plan (neither owes
// anything in 2026). One measure per situation:
//   m1 lead 区司法局 (report on time), responsible 区发改局 (approved, late)
//   m2 lead 区发改局, deadline 2026-06-30, report returned        → overdue
//   m3 lead 区司法局, completed by its Q3 report on 2026-09-20       (owed: it reported)
//   m4 lead 区财政局, only a draft                                   → missing
//   m6 lead 区财政局, completed in Q1                                (not owed in Q3)
//   m7 lead 区司法局, deadline 2026-09-15, completed 2026-10-12      → overdue at 30 Sept
//   m9 lead 区教育局, on time                                         (the perfect unit)
//   monthly m5 lead 区发改局: July on time, August missing, September late
// Expected figures are worked out by hand, then recounted with plain SQL.

const TODAY_INSTANT = new Date("2026-10-20T02:00:00Z");
const Q3 = { start: "2026-07-01", end: "2026-09-30" };
const Q1 = { start: "2026-01-01", end: "2026-03-31" };

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let units: { justice: number; development: number; finance: number; education: number };
let financeLiaison: number;
let m4Assignment: number;
let m2Assignment: number;
let educationUnit: number;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(TODAY_INSTANT);
  world = await buildTwoDistricts();
  const prisma = db();
  const a = world.a;
  const finance = await createUnit(prisma, { regionId: a.region.id, name: "区财政局" });
  const education = await createUnit(prisma, { regionId: a.region.id, name: "区教育局" });
  units = { justice: a.units.justice.id, development: a.units.development.id, finance: finance.id, education: education.id };
  financeLiaison = (
    await createUser(prisma, { login: "a.finance", name: "财政联络员", role: "LIAISON", regionId: a.region.id, unitId: finance.id })
  ).id;
  await createUser(prisma, {
    login: "a.finance.old",
    name: "离职联络员",
    role: "LIAISON",
    regionId: a.region.id,
    unitId: finance.id,
    active: false,
  });
  const bureau = a.users.bureau.id;

  const plan = await createPlan(prisma, { regionId: a.region.id, title: "下陆区法治政府建设实施方案", periodStart: 2026, periodEnd: 2027 });
  const monthly = await createPlan(prisma, {
    regionId: a.region.id,
    title: "下陆区法治社会建设实施方案",
    reportCadence: "MONTHLY",
    periodStart: 2026,
    periodEnd: 2027,
  });
  const closed = await createPlan(prisma, { regionId: a.region.id, title: "已期满的规划" });
  await prisma.plan.update({
    where: { id: closed.id },
    data: { status: "CLOSED", endKind: "EXPIRED", endedOn: new Date("2025-12-31T00:00:00Z") },
  });
  const draft = await createPlan(prisma, { regionId: a.region.id, title: "草案" });
  await prisma.plan.update({ where: { id: draft.id }, data: { status: "DRAFT" } });

  const m1 = await createMeasure(prisma, {
    planId: plan.id,
    code: "1",
    deadline: "2027-12-31",
    leadUnitIds: [units.justice],
    responsibleUnitIds: [units.development],
  });
  const m2 = await createMeasure(prisma, { planId: plan.id, code: "2", deadline: "2026-06-30", leadUnitIds: [units.development] });
  const m3 = await createMeasure(prisma, { planId: plan.id, code: "3", deadline: "2026-08-31", leadUnitIds: [units.justice] });
  const m4 = await createMeasure(prisma, { planId: plan.id, code: "4", deadline: "2026-12-31", leadUnitIds: [units.finance] });
  const m6 = await createMeasure(prisma, { planId: plan.id, code: "6", deadline: "2026-03-31", leadUnitIds: [units.finance] });
  const m7 = await createMeasure(prisma, { planId: plan.id, code: "7", deadline: "2026-09-15", leadUnitIds: [units.justice] });
  const m9 = await createMeasure(prisma, { planId: plan.id, code: "9", deadline: "2027-12-31", leadUnitIds: [units.education] });
  const m5 = await createMeasure(prisma, { planId: monthly.id, code: "1", deadline: "2027-12-31", leadUnitIds: [units.development] });
  await createMeasure(prisma, { planId: closed.id, code: "1", deadline: "2026-01-31", leadUnitIds: [units.finance] });
  await createMeasure(prisma, { planId: draft.id, code: "1", deadline: "2026-01-31", leadUnitIds: [units.finance] });
  await prisma.assignment.updateMany({ data: { createdAt: new Date("2026-01-01T02:00:00Z") } });

  const assignment = async (measureId: number, unitId: number) =>
    (await prisma.assignment.findFirstOrThrow({ where: { measureId, unitId } })).id;
  type State = "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
  const report = async (
    measureId: number,
    unitId: number,
    period: { start: string; end: string },
    state: State,
    submittedOn?: string,
    extra: { completedOn?: string } = {},
  ) =>
    createProgressReport(prisma, {
      assignmentId: await assignment(measureId, unitId),
      period,
      state,
      authorId: bureau,
      reviewerId: state === "APPROVED" || state === "RETURNED" ? bureau : null,
      submittedAt: submittedOn ? chinaTime(submittedOn) : undefined,
      reviewedAt: extra.completedOn ? chinaTime(extra.completedOn) : undefined,
      claimedStatus: extra.completedOn ? "COMPLETED" : "IN_PROGRESS",
      reviewComment: state === "RETURNED" ? "请补充佐证材料" : undefined,
    });
  await report(m1.id, units.justice, Q3, "SUBMITTED", "2026-10-08");
  await report(m1.id, units.development, Q3, "APPROVED", "2026-10-15");
  await report(m2.id, units.development, Q3, "RETURNED", "2026-10-09");
  await report(m3.id, units.justice, Q3, "APPROVED", "2026-09-18", { completedOn: "2026-09-20" });
  await report(m4.id, units.finance, Q3, "DRAFT");
  await report(m6.id, units.finance, Q1, "APPROVED", "2026-04-02", { completedOn: "2026-04-05" });
  await report(m7.id, units.justice, Q3, "APPROVED", "2026-10-09", { completedOn: "2026-10-12" });
  await report(m9.id, units.education, Q3, "SUBMITTED", "2026-10-10");
  await report(m5.id, units.development, { start: "2026-07-01", end: "2026-07-31" }, "SUBMITTED", "2026-08-05");
  await report(m5.id, units.development, { start: "2026-09-01", end: "2026-09-30" }, "SUBMITTED", "2026-10-15");
  m4Assignment = await assignment(m4.id, units.finance);
  m2Assignment = await assignment(m2.id, units.development);
  educationUnit = units.education;

  // District B: reports of its own, never in A's figures.
  const bPlan = await createPlan(prisma, { regionId: world.b.region.id, title: "黄石港区方案" });
  const bMeasure = await createMeasure(prisma, {
    planId: bPlan.id,
    code: "1",
    deadline: "2026-01-31",
    leadUnitIds: [world.b.units.development.id],
  });
  await prisma.assignment.updateMany({ where: { measureId: bMeasure.id }, data: { createdAt: new Date("2026-01-01T02:00:00Z") } });
  await createProgressReport(prisma, {
    assignmentId: await assignment(bMeasure.id, world.b.units.development.id),
    period: Q3,
    state: "SUBMITTED",
    authorId: world.b.users.bureau.id,
  });
});

afterEach(() => {
  vi.useRealTimers();
});

const pick = (figures: Awaited<ReturnType<typeof computeCircularFigures>>) =>
  Object.fromEntries(
    figures.units.map((u) => [
      u.unitName,
      { owed: u.owed, submitted: u.submitted, onTime: u.onTime, returned: u.returned, overdue: u.overdue },
    ]),
  );

/**
 * The same counts written plainly, one question at a time, without the app's
 * plan-life rule: the test names which plan owes which period (explicit dates),
 * each report is looked up by its period, and an assignment is excused only when
 * it — or every lead of its measure — was completed before the period began.
 */
type PlainPeriod = readonly [planTitle: string, start: string, end: string, due: string];
const Q3_PERIODS: PlainPeriod[] = [
  ["下陆区法治政府建设实施方案", "2026-07-01", "2026-09-30", "2026-10-10"],
  ["下陆区法治社会建设实施方案", "2026-07-01", "2026-07-31", "2026-08-10"],
  ["下陆区法治社会建设实施方案", "2026-08-01", "2026-08-31", "2026-09-10"],
  ["下陆区法治社会建设实施方案", "2026-09-01", "2026-09-30", "2026-10-10"],
];
const Q3_OVERDUE_PLANS = ["下陆区法治政府建设实施方案", "下陆区法治社会建设实施方案"];

async function plainCounts(
  unitId: number,
  periods: readonly PlainPeriod[] = Q3_PERIODS,
  overduePlans: readonly string[] = Q3_OVERDUE_PLANS,
  asOf = "2026-09-30",
) {
  const day = (column: string) => `(${column} AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date`;
  const values = periods.map(([title, s, e, due]) => `('${title}', DATE '${s}', DATE '${e}', DATE '${due}')`).join(", ");
  const rows = await db().$queryRawUnsafe<{ owed: number; submitted: number; on_time: number; returned: number }[]>(
    `SELECT count(*)::int AS owed,
        count(*) FILTER (WHERE r.state IN ('SUBMITTED', 'APPROVED'))::int AS submitted,
        count(*) FILTER (WHERE r.state IN ('SUBMITTED', 'APPROVED') AND ${day('r."submittedAt"')} <= p.due)::int AS on_time,
        count(*) FILTER (WHERE r.state = 'RETURNED')::int AS returned
     FROM "Assignment" a
     JOIN "Measure" m ON m.id = a."measureId"
     JOIN "Plan" pl ON pl.id = m."planId"
     JOIN (VALUES ${values}) AS p(title, s, e, due) ON p.title = pl.title
     LEFT JOIN "ProgressReport" r ON r."assignmentId" = a.id AND r."periodStart" = p.s AND r."periodEnd" = p.e AND r.state <> 'DRAFT'
     WHERE a."unitId" = $1 AND ${day('a."createdAt"')} <= p.e
       AND (r.id IS NOT NULL OR (
            NOT (a.status = 'COMPLETED' AND ${day('a."completedAt"')} < p.s)
            AND EXISTS (SELECT 1 FROM "Assignment" l WHERE l."measureId" = m.id AND l.role = 'LEAD'
                        AND NOT (l.status = 'COMPLETED' AND ${day('l."completedAt"')} < p.s))))`,
    unitId,
  );
  const [overdue] = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(DISTINCT m.id)::int AS n
     FROM "Assignment" a JOIN "Measure" m ON m.id = a."measureId" JOIN "Plan" pl ON pl.id = m."planId"
     WHERE a."unitId" = $1 AND pl.title = ANY($2::text[]) AND m.deadline < $3::date
       AND (a."completedAt" IS NULL OR ${day('a."completedAt"')} > $3::date)`,
    unitId,
    overduePlans,
    asOf,
  );
  const r = rows[0]!;
  return { owed: r.owed, submitted: r.submitted, onTime: r.on_time, returned: r.returned, overdue: overdue!.n };
}

const Q3_EXPECTED = {
  区司法局: { owed: 3, submitted: 3, onTime: 3, returned: 0, overdue: 1 },
  区发改局: { owed: 5, submitted: 3, onTime: 1, returned: 1, overdue: 1 },
  区财政局: { owed: 1, submitted: 0, onTime: 0, returned: 0, overdue: 0 },
  区教育局: { owed: 1, submitted: 1, onTime: 1, returned: 0, overdue: 0 },
};

describe("通报 figures", () => {
  it("count per unit what was owed, submitted, on time, returned and overdue for the period, equal to plain SQL", async () => {
    const figures = await computeCircularFigures(db(), world.a.region.id, Q3.start, Q3.end, "2026-10-20");
    const expected = Q3_EXPECTED;
    expect(pick(figures)).toEqual(expected);
    expect(await plainCounts(units.justice)).toEqual(expected.区司法局);
    expect(await plainCounts(units.development)).toEqual(expected.区发改局);
    expect(await plainCounts(units.finance)).toEqual(expected.区财政局);
    expect(await plainCounts(units.education)).toEqual(expected.区教育局);
    expect(figures.asOf).toBe("2026-09-30");
    expect(figures.totals).toMatchObject({
      units: 4,
      owed: 10,
      submitted: 7,
      onTime: 5,
      returned: 1,
      overdue: 2,
      reportRate: 70,
      onTimeRate: 50,
    });
  });

  it("count a plan closed after the period for that period: its Q3 still shows in the Q3 通报", async () => {
    await db().plan.updateMany({
      where: { title: "下陆区法治政府建设实施方案" },
      data: { status: "CLOSED", endKind: "TERMINATED", endedOn: new Date("2026-10-15T00:00:00Z"), endReason: "机构改革" },
    });
    const figures = await computeCircularFigures(db(), world.a.region.id, Q3.start, Q3.end, "2026-10-20");
    expect(pick(figures)).toEqual(Q3_EXPECTED);
    for (const [name, unitId] of Object.entries({
      区司法局: units.justice,
      区发改局: units.development,
      区财政局: units.finance,
      区教育局: units.education,
    })) {
      expect(await plainCounts(unitId)).toEqual(Q3_EXPECTED[name as keyof typeof Q3_EXPECTED]);
    }
  });

  it("charge a plan in force but past its expiry date nothing for a period after it", async () => {
    const prisma = db();
    // Still 施行中 in the data (nobody confirmed 期满), but its window ended on 2025-12-31.
    const old = await createPlan(prisma, { regionId: world.a.region.id, title: "下陆区法治政府建设规划(2021—2025年)", periodEnd: 2025 });
    const measure = await createMeasure(prisma, { planId: old.id, code: "1", deadline: "2025-12-31", leadUnitIds: [educationUnit] });
    await prisma.assignment.updateMany({ where: { measureId: measure.id }, data: { createdAt: new Date("2025-01-01T02:00:00Z") } });
    const q1 = await computeCircularFigures(prisma, world.a.region.id, Q1.start, Q1.end, "2026-10-20");
    // 区教育局 owes its Q1 report of m9 only: not the expired plan's, and the expired plan's measure is not overdue.
    expect(pick(q1)["区教育局"]).toEqual({ owed: 1, submitted: 0, onTime: 0, returned: 0, overdue: 0 });
    expect(
      await plainCounts(
        educationUnit,
        [["下陆区法治政府建设实施方案", "2026-01-01", "2026-03-31", "2026-04-10"]],
        ["下陆区法治政府建设实施方案", "下陆区法治社会建设实施方案"],
        "2026-03-31",
      ),
    ).toEqual({
      owed: 1,
      submitted: 0,
      onTime: 0,
      returned: 0,
      overdue: 0,
    });
  });

  it("charge a draft plan nothing: a unit whose only task is in a draft is not listed", async () => {
    const prisma = db();
    const archive = await createUnit(prisma, { regionId: world.a.region.id, name: "区档案馆" });
    const draft = await prisma.plan.findFirstOrThrow({ where: { title: "草案" } });
    await createMeasure(prisma, { planId: draft.id, code: "2", deadline: "2026-06-30", leadUnitIds: [archive.id] });
    await prisma.assignment.updateMany({ where: { unitId: archive.id }, data: { createdAt: new Date("2026-01-01T02:00:00Z") } });
    const figures = await computeCircularFigures(prisma, world.a.region.id, Q3.start, Q3.end, "2026-10-20");
    expect(pick(figures)).toEqual(Q3_EXPECTED);
  });

  it("keep a unit that skipped Q3 and completed in Q4 owed and not submitted in the Q3 通报", async () => {
    await db().assignment.update({
      where: { id: m4Assignment },
      data: { status: "COMPLETED", percent: 100, completedAt: chinaTime("2026-10-15") },
    });
    const figures = await computeCircularFigures(db(), world.a.region.id, Q3.start, Q3.end, "2026-10-20");
    expect(pick(figures)["区财政局"]).toEqual({ owed: 1, submitted: 0, onTime: 0, returned: 0, overdue: 0 });
    expect(await plainCounts(units.finance)).toEqual({ owed: 1, submitted: 0, onTime: 0, returned: 0, overdue: 0 });
  });

  it("rank by report rate, then on-time rate, then fewer overdue, and name the units that fall short at the bottom", async () => {
    const figures = await computeCircularFigures(db(), world.a.region.id, Q3.start, Q3.end, "2026-10-20");
    expect(figures.units.map((u) => [u.rank, u.unitName, u.reportRate, u.onTimeRate, u.lagging])).toEqual([
      [1, "区教育局", 100, 100, false],
      // 100% and 100%, short only by an overdue measure, ranked 2 of 4: not named.
      [2, "区司法局", 100, 100, false],
      [3, "区发改局", 60, 20, true],
      [4, "区财政局", 0, 0, true],
    ]);
    expect(figures.lagging).toEqual(["区财政局", "区发改局"]);
  });

  it("judge an ad-hoc span by every period of each plan inside it, and an unfinished one as of today", async () => {
    const july = await computeCircularFigures(db(), world.a.region.id, "2026-07-01", "2026-07-31", "2026-10-20");
    // Only the monthly plan has a period inside July.
    expect(pick(july)["区发改局"]).toMatchObject({ owed: 1, submitted: 1, onTime: 1 });
    expect(pick(july)["区司法局"]).toMatchObject({ owed: 0, submitted: 0 });
    const running = await computeCircularFigures(db(), world.a.region.id, "2026-10-01", "2026-12-31", "2026-10-20");
    expect(running.asOf).toBe("2026-10-20");
  });
});

describe("通报's life", () => {
  const create = async () => {
    await actAs(world.a.users.bureau);
    const created = await createCircular({ regionId: world.a.region.id, kind: "QUARTERLY", periodKey: "2026-Q3" });
    expect(created).toMatchObject({ ok: true });
    return (created as { data: { id: number } }).data.id;
  };

  it("drafts with the default title and a text naming the lagging units, edits under a version, approves and issues to each unit's liaisons", async () => {
    const id = await create();
    const draft = await db().circular.findUniqueOrThrow({ where: { id } });
    expect(draft.title).toBe("关于2026年第三季度法治政府建设任务推进情况的通报");
    expect(draft.body).toContain("区财政局、区发改局在本期排名靠后");
    expect(draft.body).toContain("报送率 70%");

    const stale = await updateCircular({ id, version: 2, title: draft.title, body: "改过的正文" });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    const edited = await updateCircular({ id, version: 1, title: draft.title, documentNumber: "下司法〔2026〕12号", body: "改过的正文" });
    expect(edited).toMatchObject({ ok: true, data: { version: 2 } });
    expect(await approveCircular({ id, version: 2 })).toMatchObject({ ok: true, data: { version: 3 } });
    const issued = await issueCircular({ id, version: 3 });
    expect(issued).toMatchObject({ ok: true });

    const row = await db().circular.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "ISSUED", approvedById: world.a.users.bureau.id, issuedById: world.a.users.bureau.id });
    expect(pick(row.figures as never)["区财政局"]).toEqual({ owed: 1, submitted: 0, onTime: 0, returned: 0, overdue: 0 });
    // One message to each active liaison of the units listed: 区发改局's and 区财政局's, not the inactive one, not district B's.
    const messages = await db().notification.findMany({ where: { kind: "CIRCULAR" }, orderBy: { userId: "asc" } });
    expect(messages.map((m) => m.userId)).toEqual([world.a.users.liaison.id, financeLiaison].sort((x, y) => x - y));
    expect(messages[0]).toMatchObject({ link: `/circulars/${id}`, title: "通报:关于2026年第三季度法治政府建设任务推进情况的通报" });
    const inbox = await listNotifications((await actAs({ id: financeLiaison }))!, {});
    expect(JSON.stringify(inbox)).toContain("通报:关于2026年第三季度法治政府建设任务推进情况的通报");

    const audit = await db().auditEvent.findMany({ where: { entityType: "Circular", entityId: String(id) }, orderBy: { id: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["circular.create", "circular.update", "circular.approve", "circular.issue"]);
  });

  it("refuses to change, approve or issue an issued circular again, with a Chinese message", async () => {
    const id = await create();
    await approveCircular({ id, version: 1 });
    await issueCircular({ id, version: 2 });
    const before = await db().circular.findUniqueOrThrow({ where: { id } });
    expect(await updateCircular({ id, version: 3, title: "新标题", body: "新正文" })).toEqual({
      ok: false,
      code: "CONFLICT",
      message: ISSUED_IS_FINAL,
    });
    expect(await approveCircular({ id, version: 3 })).toMatchObject({ ok: false, message: ISSUED_IS_FINAL });
    expect(await issueCircular({ id, version: 3 })).toMatchObject({ ok: false, message: ISSUED_IS_FINAL });
    expect(await db().circular.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("cannot issue before approval, and editing an approved circular sends it back to draft", async () => {
    const id = await create();
    expect(await issueCircular({ id, version: 1 })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "通报尚未审核,审核后才能印发。",
    });
    await approveCircular({ id, version: 1 });
    const edited = await updateCircular({ id, version: 2, title: "关于通报的通报", body: "正文" });
    expect(edited).toMatchObject({ ok: true, message: "已保存,通报退回草稿,需重新审核" });
    // The figures frozen at 审核 go with it: the next 审核 counts afresh.
    expect(await db().circular.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DRAFT", approvedById: null, figures: null });
  });

  it("freezes the figures at 审核 and issues those; a body regenerated after a late report names the lagging units of those figures", async () => {
    const id = await create();
    expect((await db().circular.findUniqueOrThrow({ where: { id } })).body).toContain("区财政局、区发改局在本期排名靠后");
    const lateReport = (assignmentId: number) =>
      db().progressReport.updateMany({ where: { assignmentId }, data: { state: "SUBMITTED", submittedAt: new Date() } });

    // 区财政局's Q3 report arrives late; the bureau refreshes the text (under the version it read), then approves.
    await lateReport(m4Assignment);
    expect(await regenerateCircularBody({ id, version: 2 })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await regenerateCircularBody({ id, version: 1 })).toMatchObject({ ok: true, data: { version: 2 } });
    expect(await approveCircular({ id, version: 2 })).toMatchObject({ ok: true, data: { version: 3 } });
    const approved = await db().circular.findUniqueOrThrow({ where: { id } });
    expect(approved.figures).not.toBeNull();
    const bureau = (await actAs(world.a.users.bureau))!;

    // 区发改局 resubmits its returned report after 审核: neither the page nor the issue moves.
    await lateReport(m2Assignment);
    expect((await getCircular(bureau, id))!.figures).toEqual(approved.figures);
    expect(await issueCircular({ id, version: 3 })).toMatchObject({ ok: true });
    const issued = await db().circular.findUniqueOrThrow({ where: { id } });
    expect(issued.figures).toEqual(approved.figures);
    const frozen = issued.figures as unknown as Awaited<ReturnType<typeof computeCircularFigures>>;
    expect(pick(frozen)["区财政局"]).toMatchObject({ submitted: 1, onTime: 0 });
    expect(pick(frozen)["区发改局"]).toMatchObject({ submitted: 3, returned: 1 });
    expect(frozen.lagging).toEqual(["区发改局", "区财政局"]);
    expect(issued.body).toContain(`${frozen.lagging.join("、")}在本期排名靠后`);

    const audit = await db().auditEvent.findMany({ where: { entityType: "Circular", entityId: String(id) }, orderBy: { id: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["circular.create", "circular.regenerate", "circular.approve", "circular.issue"]);
  });

  it("regenerates the text of a draft only", async () => {
    const id = await create();
    await approveCircular({ id, version: 1 });
    expect(await regenerateCircularBody({ id, version: 2 })).toMatchObject({ ok: false, code: "CONFLICT" });
    await actAs(world.b.users.bureau);
    expect(await regenerateCircularBody({ id, version: 2 })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("keeps the issued figures and .docx frozen when reports for the period arrive afterwards", async () => {
    const id = await create();
    await approveCircular({ id, version: 1 });
    await issueCircular({ id, version: 2 });
    const bureau = (await actAs(world.a.users.bureau))!;
    const issued = (await getCircular(bureau, id))!;
    const text = async () => (await mammoth.extractRawText({ buffer: await buildCircularDocx((await getCircular(bureau, id))!) })).value;
    const before = await text();

    // 区财政局 reports its missing Q3 report now (late): live figures move, the circular does not.
    await db().progressReport.updateMany({ where: { assignmentId: m4Assignment }, data: { state: "SUBMITTED", submittedAt: new Date() } });
    const live = await computeCircularFigures(db(), world.a.region.id, Q3.start, Q3.end, "2026-10-20");
    expect(pick(live)["区财政局"]).toMatchObject({ submitted: 1 });
    expect((await getCircular(bureau, id))!.figures).toEqual(issued.figures);
    expect(await text()).toBe(before);
  });
});

describe("the .docx", () => {
  it("parses back with the title, 文号, recipients, each unit's ranked row and figures, the lagging units and the issuer", async () => {
    await actAs(world.a.users.bureau);
    const id = (await createCircular({ regionId: world.a.region.id, kind: "QUARTERLY", periodKey: "2026-Q3" })) as { data: { id: number } };
    await updateCircular({
      id: id.data.id,
      version: 1,
      title: "关于2026年第三季度法治政府建设任务推进情况的通报",
      documentNumber: "下司法〔2026〕12号",
      body: "现将有关情况通报如下。",
    });
    await approveCircular({ id: id.data.id, version: 2 });
    await issueCircular({ id: id.data.id, version: 3 });
    const response = await circularDocxGet(String(id.data.id));
    expect(response.status).toBe(200);
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(await response.arrayBuffer()) });
    expect(html).toContain("关于2026年第三季度法治政府建设任务推进情况的通报");
    expect(html).toContain("下司法〔2026〕12号");
    expect(html).toContain("各单位、各部门:");
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<t[dh]>(?:<p>)?([\s\S]*?)(?:<\/p>)?<\/t[dh]>/g)].map((c) => c[1]),
    );
    expect(rows).toEqual([
      ["排名", "单位", "应报送", "已报送", "报送率", "按时报送", "按时报送率", "退回", "逾期举措"],
      ["1", "区教育局", "1", "1", "100%", "1", "100%", "0", "0"],
      ["2", "区司法局", "3", "3", "100%", "3", "100%", "0", "1"],
      ["3", "区发改局", "5", "3", "60%", "1", "20%", "1", "1"],
      ["4", "区财政局", "1", "0", "0%", "0", "0%", "0", "0"],
    ]);
    expect(html).toContain("区财政局、区发改局");
    expect(html).not.toContain("区发改局、区司法局");
    expect(html).toContain("下陆区司法局");
    expect(html).toContain("2026年10月20日");
  });
});

describe("scope", () => {
  it("shows LEADER and LIAISON only issued circulars of their district, and answers 404 elsewhere", async () => {
    await actAs(world.a.users.bureau);
    const draft = (
      (await createCircular({ regionId: world.a.region.id, kind: "AD_HOC", from: "2026-07-01", to: "2026-09-30" })) as {
        data: { id: number };
      }
    ).data.id;
    const issued = (
      (await createCircular({ regionId: world.a.region.id, kind: "QUARTERLY", periodKey: "2026-Q3" })) as { data: { id: number } }
    ).data.id;
    await approveCircular({ id: issued, version: 1 });
    await issueCircular({ id: issued, version: 2 });
    expect((await db().circular.findUniqueOrThrow({ where: { id: draft } })).title).toBe(
      "关于2026年7月1日至2026年9月30日法治政府建设任务推进情况的通报",
    );

    const bureau = (await actAs(world.a.users.bureau))!;
    expect((await listCirculars(bureau)).map((c) => c.id).sort()).toEqual([draft, issued].sort());
    for (const reader of [world.a.users.leader, world.a.users.liaison]) {
      const actor = (await actAs(reader))!;
      expect((await listCirculars(actor)).map((c) => c.id)).toEqual([issued]);
      expect(await getCircular(actor, draft)).toBeNull();
      expect((await circularDocxGet(String(draft))).status).toBe(404);
      expect((await circularDocxGet(String(issued))).status).toBe(200);
    }
    for (const outsider of [world.b.users.bureau, world.b.users.leader, world.b.users.liaison]) {
      const actor = (await actAs(outsider))!;
      expect(await listCirculars(actor)).toEqual([]);
      expect(await getCircular(actor, issued)).toBeNull();
      expect((await circularDocxGet(String(issued))).status).toBe(404);
    }
    await actAs(world.b.users.bureau);
    const before = await db().circular.findUniqueOrThrow({ where: { id: draft } });
    expect(await updateCircular({ id: draft, version: 1, title: "越权", body: "越权" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await approveCircular({ id: draft, version: 1 })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await createCircular({ regionId: world.a.region.id, kind: "QUARTERLY", periodKey: "2026-Q3" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await db().circular.findUniqueOrThrow({ where: { id: draft } })).toEqual(before);
  });

  it("gives a Chinese field error for a bad period and keeps nothing", async () => {
    await actAs(world.a.users.bureau);
    expect(await createCircular({ regionId: world.a.region.id, kind: "AD_HOC", from: "2026-09-30", to: "2026-07-01" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { to: ["结束日期不能早于开始日期"] },
    });
    expect(await createCircular({ regionId: world.a.region.id, kind: "QUARTERLY", periodKey: "2027-Q1" })).toMatchObject({
      ok: false,
      fieldErrors: { periodKey: ["通报的期间尚未开始"] },
    });
    expect(await db().circular.count()).toBe(0);
  });
});
