import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import {
  createFinding,
  createInspection as createInspectionRow,
  createMeasure,
  createPlan,
  createProgressReport,
  createRectificationReport,
  createRegion,
  createUnit,
  createUser,
} from "@/lib/demo/factories.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import {
  addFinding,
  createInspection,
  reopenRectification,
  reportRectification,
  returnRectification,
  verifyRectification,
} from "@/lib/inspections/actions.ts";
import {
  getInspectionDetail,
  getRectificationDetail,
  listInspections,
  listUnitRectifications,
  loadRectificationFigures,
  rectificationsClosedAsOf,
} from "@/lib/inspections/queries.ts";
import { seedDemoInspections } from "@/lib/demo/inspections.ts";
import { loadDistrictDashboard, loadUnitDashboard } from "@/lib/dashboards/queries.ts";
import { getMeasureDetail, listMyTasks, listReviewQueue } from "@/lib/progress/queries.ts";
import { approveProgressReport, returnProgressReport } from "@/lib/progress/actions.ts";
import { can } from "@/lib/auth/policy.ts";
import { mayReopenRectification, mayReportRectification, reportAwaitingVerification } from "@/lib/inspections/rules.ts";
import { reopenTimelineDetail } from "@/lib/inspections/schema.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// 2024-08-15 in Beijing.
const TODAY = "2024-08-15";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
/** Liaison of 区司法局 in district A (world.a.users.liaison is 区发改局's). */
let justiceLiaison: { id: number };

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
  world = await buildTwoDistricts();
  justiceLiaison = await createUser(db(), {
    login: "a.justice.liaison",
    name: "司法局联络员",
    role: "LIAISON",
    regionId: world.a.region.id,
    unitId: world.a.units.justice.id,
  });
});

afterEach(() => {
  vi.useRealTimers();
});

function ok<T>(result: { ok: true; data: T } | { ok: false; code: string; message: string }): T {
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`);
  return result.data;
}

/** Everything an inspection action could write. */
async function snapshot() {
  const [inspections, findings, findingUnits, rectifications, reports, notifications, audit] = await Promise.all([
    db().inspection.findMany({ orderBy: { id: "asc" } }),
    db().finding.findMany({ orderBy: { id: "asc" } }),
    db().findingUnit.count(),
    db().rectification.findMany({ orderBy: { id: "asc" } }),
    db().progressReport.findMany({ orderBy: { id: "asc" } }),
    db().notification.count(),
    db().auditEvent.count(),
  ]);
  return { inspections, findings, findingUnits, rectifications, reports, notifications, audit };
}

/** An inspection in district B with one item for its 区发改局, reported and waiting for 核验. */
async function otherDistrictItem() {
  const inspection = await createInspectionRow(db(), { regionId: world.b.region.id, title: "黄石港区督察", inspectedOn: "2024-05-01" });
  const { rectifications } = await createFinding(db(), {
    inspectionId: inspection.id,
    text: "执法案卷不规范。",
    unitIds: [world.b.units.development.id],
    deadline: "2024-10-31",
  });
  const item = rectifications[0]!;
  const { report } = await createRectificationReport(db(), {
    rectificationId: item.id,
    authorId: world.b.users.liaison.id,
    state: "SUBMITTED",
    claimedStatus: "COMPLETED",
  });
  return { inspection, item, report };
}

describe("the rectification cycle", () => {
  it("records an inspection and a finding, the liaison reports, the bureau verifies, closes and reopens with a reason", async () => {
    await actAs(world.a.users.bureau);
    const { id: inspectionId } = ok(
      await createInspection({
        regionId: String(world.a.region.id),
        title: "2024年法治政府建设督察",
        inspector: "市委依法治市办督察组",
        inspectedOn: "2024-06-10",
        description: "",
      }),
    );
    expect(await db().inspection.findUniqueOrThrow({ where: { id: inspectionId } })).toMatchObject({
      districtId: world.a.region.id,
      regionId: world.a.region.id,
      title: "2024年法治政府建设督察",
      inspector: "市委依法治市办督察组",
      inspectedOn: day("2024-06-10"),
      description: null,
    });

    const finding = ok(
      await addFinding({
        inspectionId: String(inspectionId),
        text: "行政执法全过程记录制度落实不到位。",
        unitIds: [String(world.a.units.justice.id), String(world.a.units.development.id)],
        measureId: "",
        deadline: "2024-09-30",
      }),
    );
    expect(finding.rectificationIds).toHaveLength(2);
    expect(await db().findingUnit.count({ where: { findingId: finding.id } })).toBe(2);
    const items = await db().rectification.findMany({ where: { findingId: finding.id }, orderBy: { unitId: "asc" } });
    expect(items.map((i) => ({ unitId: i.unitId, status: i.status, deadline: i.deadline, districtId: i.districtId }))).toEqual(
      [world.a.units.justice.id, world.a.units.development.id]
        .sort((x, y) => x - y)
        .map((unitId) => ({ unitId, status: "OPEN", deadline: day("2024-09-30"), districtId: world.a.region.id })),
    );
    const justiceItem = items.find((i) => i.unitId === world.a.units.justice.id)!;
    // Each unit's liaison is told about its own item.
    expect(await db().notification.findMany({ where: { userId: justiceLiaison.id } })).toMatchObject([
      { title: "有新的督察整改任务", link: `/inspections/rectifications/${justiceItem.id}` },
    ]);
    expect(await db().notification.count({ where: { userId: world.a.users.liaison.id } })).toBe(1);
    expect(await db().notification.count({ where: { userId: world.b.users.liaison.id } })).toBe(0);

    await actAs(justiceLiaison);
    const report = ok(
      await reportRectification({
        rectificationId: String(justiceItem.id),
        text: "已为执法人员配备执法记录仪 40 台,制定音像记录管理办法。",
        percent: "90",
        claimedStatus: "COMPLETED",
      }),
    );
    expect(await db().progressReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({
      rectificationId: justiceItem.id,
      assignmentId: null,
      periodStart: day(TODAY),
      periodEnd: day(TODAY),
      state: "SUBMITTED",
      claimedStatus: "COMPLETED",
      percent: 100,
      authorId: justiceLiaison.id,
      onBehalfOfUnitId: null,
    });
    expect((await db().rectification.findUniqueOrThrow({ where: { id: justiceItem.id } })).status).toBe("SUBMITTED");
    // Reported once; a second report waits for the bureau.
    const again = await reportRectification({
      rectificationId: String(justiceItem.id),
      text: "补充",
      percent: "100",
      claimedStatus: "COMPLETED",
    });
    expect(again).toMatchObject({ ok: false, code: "CONFLICT" });

    await actAs(world.a.users.bureau);
    ok(await verifyRectification({ rectificationId: String(justiceItem.id), reportId: String(report.id), comment: "" }));
    const closed = await db().rectification.findUniqueOrThrow({ where: { id: justiceItem.id } });
    expect(closed).toMatchObject({ status: "CLOSED", verifiedById: world.a.users.bureau.id, verifiedAt: new Date("2024-08-15T02:00:00Z") });
    expect(await db().progressReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({
      state: "APPROVED",
      reviewerId: world.a.users.bureau.id,
    });
    const detail = (await getRectificationDetail(await loadActor(world.a.users.bureau.id).then((a) => a!), justiceItem.id, TODAY))!;
    expect(detail.item.state.label).toBe("已销号 · 按期销号");

    // A closed item is reopened only with a reason.
    const noReason = await reopenRectification({ rectificationId: String(justiceItem.id), reason: "  " });
    expect(noReason).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { reason: ["请填写重新打开的原因"] } });
    ok(await reopenRectification({ rectificationId: String(justiceItem.id), reason: "回头看发现记录仪使用率不足。" }));
    expect(await db().rectification.findUniqueOrThrow({ where: { id: justiceItem.id } })).toMatchObject({
      status: "OPEN",
      reopenReason: "回头看发现记录仪使用率不足。",
      verifiedById: null,
      verifiedAt: null,
    });
    expect(await db().notification.findFirst({ where: { userId: justiceLiaison.id }, orderBy: { id: "desc" } })).toMatchObject({
      title: "整改事项被重新打开",
    });
    // The item's 办理记录 gives the reason beside 重新打开 (reopenTimelineDetail).
    const reopenedDetail = (await getRectificationDetail((await loadActor(world.a.users.bureau.id))!, justiceItem.id, TODAY))!;
    expect(reopenedDetail.timeline.map(reopenTimelineDetail).filter(Boolean)).toEqual([":回头看发现记录仪使用率不足。"]);

    // Progress reports are recorded and leave the item open; the bureau cannot close it on one.
    await actAs(justiceLiaison);
    const progress = ok(
      await reportRectification({
        rectificationId: String(justiceItem.id),
        text: "已开展使用情况检查。",
        percent: "70",
        claimedStatus: "IN_PROGRESS",
      }),
    );
    expect((await db().rectification.findUniqueOrThrow({ where: { id: justiceItem.id } })).status).toBe("OPEN");
    await actAs(world.a.users.bureau);
    expect(await verifyRectification({ rectificationId: String(justiceItem.id), reportId: String(progress.id) })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    // Claimed done again, then returned with a comment: the item is open once more.
    await actAs(justiceLiaison);
    const second = ok(
      await reportRectification({
        rectificationId: String(justiceItem.id),
        text: "记录仪使用率已达 95%。",
        percent: "100",
        claimedStatus: "COMPLETED",
      }),
    );
    expect((await db().rectification.findUniqueOrThrow({ where: { id: justiceItem.id } })).status).toBe("SUBMITTED");
    await actAs(world.a.users.bureau);
    const noComment = await returnRectification({ rectificationId: String(justiceItem.id), reportId: String(second.id), comment: "" });
    expect(noComment).toMatchObject({ ok: false, code: "VALIDATION" });
    ok(await returnRectification({ rectificationId: String(justiceItem.id), reportId: String(second.id), comment: "请附检查记录。" }));
    expect((await db().rectification.findUniqueOrThrow({ where: { id: justiceItem.id } })).status).toBe("OPEN");
    expect(await db().progressReport.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      state: "RETURNED",
      reviewComment: "请附检查记录。",
    });

    const actions = await db().auditEvent.findMany({
      where: { entityType: "Rectification", entityId: String(justiceItem.id) },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    expect(actions).toEqual([
      { action: "rectification.create", actorId: world.a.users.bureau.id },
      { action: "rectification.report", actorId: justiceLiaison.id },
      { action: "rectification.verify", actorId: world.a.users.bureau.id },
      { action: "rectification.reopen", actorId: world.a.users.bureau.id },
      { action: "rectification.report", actorId: justiceLiaison.id },
      { action: "rectification.report", actorId: justiceLiaison.id },
      { action: "rectification.return", actorId: world.a.users.bureau.id },
    ]);
    expect(await db().auditEvent.count({ where: { action: "inspection.create", entityId: String(inspectionId) } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "finding.create", entityId: String(finding.id) } })).toBe(1);
  });

  it("bureau staff report on a unit's behalf (代报)", async () => {
    const inspection = await createInspectionRow(db(), { regionId: world.a.region.id, title: "督察", inspectedOn: "2024-06-01" });
    const { rectifications } = await createFinding(db(), {
      inspectionId: inspection.id,
      text: "问题",
      unitIds: [world.a.units.justice.id],
      deadline: "2024-12-31",
    });
    await actAs(world.a.users.bureau);
    const { id } = ok(
      await reportRectification({
        rectificationId: String(rectifications[0]!.id),
        text: "单位书面报来整改情况。",
        percent: "40",
        claimedStatus: "IN_PROGRESS",
      }),
    );
    expect(await db().progressReport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      onBehalfOfUnitId: world.a.units.justice.id,
      percent: 40,
    });
  });
});

describe("bad input writes nothing", () => {
  let inspectionId: number;
  beforeEach(async () => {
    inspectionId = (await createInspectionRow(db(), { regionId: world.a.region.id, title: "督察", inspectedOn: "2024-06-10" })).id;
    await actAs(world.a.users.bureau);
  });

  it.each([
    ["empty", ""],
    ["blank", "   \n "],
  ])("an %s finding is refused with 请填写督察发现的问题", async (_label, text) => {
    const before = await snapshot();
    const result = await addFinding({
      inspectionId: String(inspectionId),
      text,
      unitIds: [String(world.a.units.justice.id)],
      deadline: "2024-09-30",
    });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { text: ["请填写督察发现的问题"] } });
    expect(await snapshot()).toEqual(before);
  });

  it("a finding without units, with another district's unit, with another district's measure or a deadline before the inspection is refused", async () => {
    const otherPlan = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区方案" });
    const otherMeasure = await createMeasure(db(), { planId: otherPlan.id, code: "1", leadUnitIds: [world.b.units.justice.id] });
    const before = await snapshot();
    const base = { inspectionId: String(inspectionId), text: "问题", unitIds: [String(world.a.units.justice.id)], deadline: "2024-09-30" };
    expect(await addFinding({ ...base, unitIds: [] })).toMatchObject({ ok: false, fieldErrors: { unitIds: ["请至少选择一个整改单位"] } });
    expect(await addFinding({ ...base, unitIds: [String(world.b.units.justice.id)] })).toMatchObject({
      ok: false,
      fieldErrors: { unitIds: [expect.any(String)] },
    });
    expect(await addFinding({ ...base, measureId: String(otherMeasure.id) })).toMatchObject({
      ok: false,
      fieldErrors: { measureId: [expect.any(String)] },
    });
    expect(await addFinding({ ...base, deadline: "2024-06-09" })).toMatchObject({
      ok: false,
      fieldErrors: { deadline: [expect.stringContaining("不能早于督察日期")] },
    });
    expect(await addFinding({ ...base, deadline: "" })).toMatchObject({ ok: false, fieldErrors: { deadline: ["请填写整改期限"] } });
    expect(await snapshot()).toEqual(before);
  });

  it("an inspection dated in the future or without a title is refused", async () => {
    const before = await snapshot();
    const base = { regionId: String(world.a.region.id), title: "督察", inspectedOn: "2024-08-15" };
    expect(await createInspection({ ...base, inspectedOn: "2024-08-16" })).toMatchObject({
      ok: false,
      fieldErrors: { inspectedOn: ["督察日期不能晚于今天"] },
    });
    expect(await createInspection({ ...base, title: " " })).toMatchObject({ ok: false, fieldErrors: { title: ["请填写督察名称"] } });
    expect(await createInspection({ ...base, regionId: String(world.city.id) })).toMatchObject({ ok: false });
    expect(await snapshot()).toEqual(before);
  });
});

describe("authorization: refused actions write nothing and record no audit event", () => {
  let inspectionId: number;
  let item: { id: number };
  let report: { id: number };
  let closedItem: { id: number };
  let other: Awaited<ReturnType<typeof otherDistrictItem>>;
  let otherClosed: { id: number };

  beforeEach(async () => {
    const inspection = await createInspectionRow(db(), { regionId: world.a.region.id, title: "下陆区督察", inspectedOn: "2024-06-01" });
    inspectionId = inspection.id;
    const made = await createFinding(db(), { inspectionId, text: "问题一", unitIds: [world.a.units.justice.id], deadline: "2024-12-31" });
    item = made.rectifications[0]!;
    report = (
      await createRectificationReport(db(), {
        rectificationId: item.id,
        authorId: justiceLiaison.id,
        state: "SUBMITTED",
        claimedStatus: "COMPLETED",
      })
    ).report;
    const closing = await createFinding(db(), {
      inspectionId,
      text: "问题二",
      unitIds: [world.a.units.justice.id],
      deadline: "2024-07-31",
    });
    closedItem = closing.rectifications[0]!;
    await createRectificationReport(db(), {
      rectificationId: closedItem.id,
      authorId: justiceLiaison.id,
      state: "APPROVED",
      reviewerId: world.a.users.bureau.id,
    });
    other = await otherDistrictItem();
    const otherClosing = await createFinding(db(), {
      inspectionId: other.inspection.id,
      text: "问题",
      unitIds: [world.b.units.justice.id],
      deadline: "2024-07-31",
    });
    otherClosed = otherClosing.rectifications[0]!;
    await createRectificationReport(db(), {
      rectificationId: otherClosed.id,
      authorId: world.b.users.bureau.id,
      state: "APPROVED",
      reviewerId: world.b.users.bureau.id,
    });
  });

  const inspectionInput = (regionId: number) => ({ regionId: String(regionId), title: "督察", inspectedOn: "2024-08-01" });
  const findingInput = (id: number, unitId: number) => ({
    inspectionId: String(id),
    text: "问题",
    unitIds: [String(unitId)],
    deadline: "2024-12-31",
  });
  const reportInput = (id: number) => ({ rectificationId: String(id), text: "整改进展", percent: "50", claimedStatus: "IN_PROGRESS" });

  type Case = { name: string; who: () => { id: number }; run: () => Promise<unknown>; code: "FORBIDDEN" | "NOT_FOUND" };
  const cases: Case[] = [
    {
      name: "createInspection by a liaison",
      who: () => justiceLiaison,
      run: () => createInspection(inspectionInput(world.a.region.id)),
      code: "FORBIDDEN",
    },
    {
      name: "createInspection by a leader",
      who: () => world.a.users.leader,
      run: () => createInspection(inspectionInput(world.a.region.id)),
      code: "FORBIDDEN",
    },
    {
      name: "createInspection for another district",
      who: () => world.a.users.bureau,
      run: () => createInspection(inspectionInput(world.b.region.id)),
      code: "NOT_FOUND",
    },
    {
      name: "addFinding by a liaison",
      who: () => justiceLiaison,
      run: () => addFinding(findingInput(inspectionId, world.a.units.justice.id)),
      code: "FORBIDDEN",
    },
    {
      name: "addFinding by a leader",
      who: () => world.a.users.leader,
      run: () => addFinding(findingInput(inspectionId, world.a.units.justice.id)),
      code: "FORBIDDEN",
    },
    {
      name: "addFinding to another district's inspection",
      who: () => world.a.users.bureau,
      run: () => addFinding(findingInput(other.inspection.id, world.b.units.justice.id)),
      code: "NOT_FOUND",
    },
    {
      name: "reportRectification by a leader",
      who: () => world.a.users.leader,
      run: () => reportRectification(reportInput(closedItem.id)),
      code: "FORBIDDEN",
    },
    {
      name: "reportRectification by a liaison of another unit",
      who: () => world.a.users.liaison,
      run: async () => {
        // The item must be reportable, so the refusal is about the unit alone.
        const fresh = await createFinding(db(), {
          inspectionId,
          text: "问题三",
          unitIds: [world.a.units.justice.id],
          deadline: "2024-12-31",
        });
        return reportRectification(reportInput(fresh.rectifications[0]!.id));
      },
      code: "NOT_FOUND",
    },
    {
      name: "reportRectification on another district's item",
      who: () => world.a.users.bureau,
      run: async () => {
        const fresh = await createFinding(db(), {
          inspectionId: other.inspection.id,
          text: "问题四",
          unitIds: [world.b.units.justice.id],
          deadline: "2024-12-31",
        });
        return reportRectification(reportInput(fresh.rectifications[0]!.id));
      },
      code: "NOT_FOUND",
    },
    {
      name: "verifyRectification by the unit's own liaison",
      who: () => justiceLiaison,
      run: () => verifyRectification({ rectificationId: String(item.id), reportId: String(report.id) }),
      code: "FORBIDDEN",
    },
    {
      name: "verifyRectification by a leader",
      who: () => world.a.users.leader,
      run: () => verifyRectification({ rectificationId: String(item.id), reportId: String(report.id) }),
      code: "FORBIDDEN",
    },
    {
      name: "verifyRectification of another district's item",
      who: () => world.a.users.bureau,
      run: () => verifyRectification({ rectificationId: String(other.item.id), reportId: String(other.report.id) }),
      code: "NOT_FOUND",
    },
    {
      name: "returnRectification by a liaison",
      who: () => justiceLiaison,
      run: () => returnRectification({ rectificationId: String(item.id), reportId: String(report.id), comment: "退回" }),
      code: "FORBIDDEN",
    },
    {
      name: "returnRectification of another district's item",
      who: () => world.a.users.bureau,
      run: () => returnRectification({ rectificationId: String(other.item.id), reportId: String(other.report.id), comment: "退回" }),
      code: "NOT_FOUND",
    },
    {
      name: "reopenRectification by a liaison",
      who: () => justiceLiaison,
      run: () => reopenRectification({ rectificationId: String(closedItem.id), reason: "原因" }),
      code: "FORBIDDEN",
    },
    {
      name: "reopenRectification by a leader",
      who: () => world.a.users.leader,
      run: () => reopenRectification({ rectificationId: String(closedItem.id), reason: "原因" }),
      code: "FORBIDDEN",
    },
    {
      name: "reopenRectification of another district's item",
      who: () => world.a.users.bureau,
      run: () => reopenRectification({ rectificationId: String(otherClosed.id), reason: "原因" }),
      code: "NOT_FOUND",
    },
  ];

  it.each(cases)("$name → $code", async ({ who, run, code }) => {
    await actAs(who());
    // Set-up writes inside `run` happen before the snapshot is compared, so take it after them.
    const pending = run();
    const result = (await pending) as { ok: boolean; code?: string };
    expect(result).toMatchObject({ ok: false, code });
    const after = await snapshot();
    expect(after.audit).toBe(0);
    expect(after.notifications).toBe(0);
    // No report beyond the three the set-up wrote, and no item moved.
    expect(after.reports.map((r) => r.state)).toEqual(["SUBMITTED", "APPROVED", "SUBMITTED", "APPROVED"]);
    expect(after.inspections).toHaveLength(2);
    expect(after.rectifications.map((r) => r.status).filter((s) => s !== "OPEN")).toEqual(["SUBMITTED", "CLOSED", "SUBMITTED", "CLOSED"]);
  });
});

describe("reading in scope", () => {
  it("another district's inspection and item are not found; a liaison sees only its unit's items", async () => {
    const other = await otherDistrictItem();
    const inspection = await createInspectionRow(db(), { regionId: world.a.region.id, title: "下陆区督察", inspectedOn: "2024-06-01" });
    const { rectifications } = await createFinding(db(), {
      inspectionId: inspection.id,
      text: "问题",
      unitIds: [world.a.units.justice.id, world.a.units.development.id],
      deadline: "2024-12-31",
    });
    const [justiceItem, developmentItem] = [...rectifications].sort((x, y) =>
      x.unitId === world.a.units.justice.id ? -1 : y.unitId === world.a.units.justice.id ? 1 : 0,
    );
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    const liaison = (await loadActor(justiceLiaison.id))!;
    expect(await getInspectionDetail(bureau, other.inspection.id)).toBeNull();
    expect(await getRectificationDetail(bureau, other.item.id)).toBeNull();
    expect(await getRectificationDetail(liaison, developmentItem!.id)).toBeNull();
    expect((await getRectificationDetail(liaison, justiceItem!.id))?.item.id).toBe(justiceItem!.id);
    const seen = (await getInspectionDetail(liaison, inspection.id))!;
    expect(seen.findings.flatMap((f) => f.rectifications.map((r) => r.unitId))).toEqual([world.a.units.justice.id]);
    expect((await listInspections(bureau)).map((i) => i.id)).toEqual([inspection.id]);
    expect((await listInspections(liaison)).map((i) => ({ id: i.id, total: i.counts.total }))).toEqual([{ id: inspection.id, total: 1 }]);
    expect(await listInspections((await loadActor(world.b.users.liaison.id))!)).toEqual([
      { ...(await listInspections((await loadActor(world.b.users.bureau.id))!))[0], counts: expect.objectContaining({ total: 1 }) },
    ]);
    expect((await listUnitRectifications(liaison, world.a.units.development.id)).length).toBe(0);
    expect((await listUnitRectifications(liaison, world.a.units.justice.id)).map((r) => r.id)).toEqual([justiceItem!.id]);
  });
});

describe("dashboards", () => {
  it("rectification reports are not counted in the dashboards' measure figures", async () => {
    const { justice } = world.a.units;
    const plan = await createPlan(db(), { regionId: world.a.region.id, title: "实施方案", reportCadence: "QUARTERLY" });
    const measure = await createMeasure(db(), {
      planId: plan.id,
      code: "1",
      deadline: "2024-12-31",
      leadUnitIds: [justice.id],
      responsibleUnitIds: [world.a.units.development.id],
    });
    const lead = await db().assignment.findFirstOrThrow({ where: { measureId: measure.id, role: "LEAD" } });
    await createProgressReport(db(), {
      assignmentId: lead.id,
      period: { start: "2024-04-01", end: "2024-06-30" },
      state: "RETURNED",
      authorId: justiceLiaison.id,
      reviewerId: world.a.users.bureau.id,
    });
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    const liaison = (await loadActor(justiceLiaison.id))!;
    const figures = async () => {
      const district = (await loadDistrictDashboard(bureau, world.a.region.id, {}, TODAY))!;
      const unit = (await loadUnitDashboard(bureau, justice.id, {}, TODAY))!;
      return {
        totals: district.totals,
        assignmentTotals: district.assignmentTotals,
        units: district.units,
        notReported: district.notReported,
        unitCounters: unit.unitCounters,
        unitReturned: unit.returned.map((r) => r.id),
        queue: (await listReviewQueue(bureau)).map((r) => r.id),
        tasks: (await listMyTasks(liaison, {}, TODAY)).map((t) => ({ id: t.id, currentState: t.currentState, light: t.light })),
        measure: (await getMeasureDetail(bureau, measure.id))!.assignments.map((a) => ({
          id: a.id,
          reports: a.reports.length,
          state: a.currentState,
        })),
      };
    };
    const before = await figures();
    expect(before.unitReturned).toHaveLength(1);

    // Rectification reports of the same unit, in every state, including today's period.
    const inspection = await createInspectionRow(db(), { regionId: world.a.region.id, title: "督察", inspectedOn: "2024-06-01" });
    const { rectifications } = await createFinding(db(), {
      inspectionId: inspection.id,
      text: "问题",
      unitIds: [justice.id, world.a.units.development.id],
      measureId: measure.id,
      deadline: "2024-07-31",
    });
    const [first, second] = [rectifications[0]!, rectifications[1]!];
    await createRectificationReport(db(), {
      rectificationId: first.id,
      authorId: justiceLiaison.id,
      state: "RETURNED",
      reviewerId: world.a.users.bureau.id,
      submittedAt: new Date("2024-07-02T02:00:00Z"),
    });
    await createRectificationReport(db(), {
      rectificationId: first.id,
      authorId: justiceLiaison.id,
      state: "APPROVED",
      reviewerId: world.a.users.bureau.id,
      submittedAt: new Date("2024-07-10T02:00:00Z"),
    });
    await actAs(world.a.users.liaison);
    ok(await reportRectification({ rectificationId: String(second.id), text: "整改中", percent: "30", claimedStatus: "IN_PROGRESS" }));
    expect(await db().progressReport.count({ where: { rectificationId: { not: null } } })).toBe(3);

    expect(await figures()).toEqual(before);
  });

  it("the district's rectification figures equal plain SQL counts", async () => {
    const { justice, development } = world.a.units;
    const inspection = await createInspectionRow(db(), { regionId: world.a.region.id, title: "督察", inspectedOn: "2024-03-01" });
    const item = async (unitId: number, deadline: string) =>
      (await createFinding(db(), { inspectionId: inspection.id, text: `问题 ${deadline}`, unitIds: [unitId], deadline }))
        .rectifications[0]!;
    const reviewer = world.a.users.bureau.id;
    // justice: open overdue, open due soon (30 days), submitted overdue, closed on time, closed late (verified the next Beijing day)
    await item(justice.id, "2024-08-14");
    await item(justice.id, "2024-09-14");
    const submittedLate = await item(justice.id, "2024-08-01");
    await createRectificationReport(db(), {
      rectificationId: submittedLate.id,
      authorId: justiceLiaison.id,
      state: "SUBMITTED",
      claimedStatus: "COMPLETED",
    });
    const onTime = await item(justice.id, "2024-06-30");
    await createRectificationReport(db(), {
      rectificationId: onTime.id,
      authorId: justiceLiaison.id,
      state: "APPROVED",
      reviewerId: reviewer,
      submittedAt: new Date("2024-06-25T02:00:00Z"),
      reviewedAt: new Date("2024-06-30T15:00:00Z"),
    });
    const late = await item(justice.id, "2024-06-30");
    // 16:30 UTC on 30 June is 00:30 on 1 July in Beijing: a day late.
    await createRectificationReport(db(), {
      rectificationId: late.id,
      authorId: justiceLiaison.id,
      state: "APPROVED",
      reviewerId: reviewer,
      submittedAt: new Date("2024-06-25T02:00:00Z"),
      reviewedAt: new Date("2024-06-30T16:30:00Z"),
    });
    // development: open on track, submitted due soon (today)
    await item(development.id, "2024-12-31");
    const dueToday = await item(development.id, "2024-08-15");
    await createRectificationReport(db(), {
      rectificationId: dueToday.id,
      authorId: world.a.users.liaison.id,
      state: "SUBMITTED",
      claimedStatus: "COMPLETED",
    });
    // district B's items never count in A.
    await otherDistrictItem();

    const figures = (await loadRectificationFigures((await loadActor(world.a.users.bureau.id))!, world.a.region.id, TODAY))!;
    // By hand, from the rules of lib/inspections/status.ts.
    expect(figures.totals).toEqual({ total: 7, open: 3, submitted: 2, closed: 2, overdue: 2, dueSoon: 2, closedLate: 1 });
    expect(figures.units.find((u) => u.unitId === justice.id)).toEqual({
      unitId: justice.id,
      unitName: "区司法局",
      total: 5,
      open: 2,
      submitted: 1,
      closed: 2,
      overdue: 2,
      dueSoon: 1,
      closedLate: 1,
    });

    // And from plain SQL, written independently of the dashboard query.
    const plain = await db().$queryRawUnsafe<{ unitId: number; status: string; n: number }[]>(
      `SELECT "unitId", "status"::text AS status, count(*)::int AS n FROM "Rectification" WHERE "districtId" = $1 GROUP BY 1, 2`,
      world.a.region.id,
    );
    for (const unit of figures.units) {
      const count = (status: string) => plain.find((p) => p.unitId === unit.unitId && p.status === status)?.n ?? 0;
      expect({ open: unit.open, submitted: unit.submitted, closed: unit.closed }).toEqual({
        open: count("OPEN"),
        submitted: count("SUBMITTED"),
        closed: count("CLOSED"),
      });
    }
    const [overdue] = await db().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "Rectification" WHERE "districtId" = $1 AND "status" IN ('OPEN', 'SUBMITTED') AND "deadline" <= DATE '2024-08-14'`,
      world.a.region.id,
    );
    expect(figures.totals.overdue).toBe(overdue!.n);

    // Out of scope: B's bureau gets nothing for A.
    expect(await loadRectificationFigures((await loadActor(world.b.users.bureau.id))!, world.a.region.id, TODAY)).toBeNull();
  });
});

describe("the measure review actions", () => {
  it("do not touch a rectification report: it is not a measure's report", async () => {
    const { report } = await otherDistrictItem();
    const before = await snapshot();
    for (const who of [world.b.users.bureau, world.admin]) {
      await actAs(who);
      expect(await approveProgressReport({ reportId: String(report.id), version: "1" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await returnProgressReport({ reportId: String(report.id), version: "1", comment: "退回" })).toMatchObject({
        ok: false,
        code: "NOT_FOUND",
      });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("demo data", () => {
  it("one inspection with a closed, a submitted and an overdue open item, one of them for 区司法局", async () => {
    await createUnit(db(), { regionId: world.a.region.id, name: "区政府办公室" });
    const { inspectionId, rectificationIds } = await db().$transaction((tx) =>
      seedDemoInspections(tx, { districtId: world.a.region.id, today: TODAY }),
    );
    const items = await db().rectification.findMany({
      where: { id: { in: rectificationIds } },
      orderBy: { id: "asc" },
      include: { unit: true },
    });
    expect(items.map((i) => i.status)).toEqual(["CLOSED", "SUBMITTED", "OPEN"]);
    expect(items[2]!.deadline < day(TODAY)).toBe(true);
    expect(items.some((i) => i.unit.name === "区司法局")).toBe(true);
    const detail = (await getInspectionDetail((await loadActor(world.a.users.bureau.id))!, inspectionId, TODAY))!;
    expect(detail.findings.map((f) => f.rectifications[0]!.state.timing)).toEqual(["CLOSED_ON_TIME", "DUE_SOON", "OVERDUE"]);
  });
});

describe("row locks", () => {
  it("an action on another district's item is refused without locking (or waiting on) its row", async () => {
    const other = await otherDistrictItem();
    const open = (
      await createFinding(db(), {
        inspectionId: other.inspection.id,
        text: "问题",
        unitIds: [world.b.units.justice.id],
        deadline: "2024-12-31",
      })
    ).rectifications[0]!;
    // District B's bureau is working on both items: their rows are locked.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const holder = db().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT "id" FROM "Rectification" WHERE "id" IN (${open.id}::int, ${other.item.id}::int) FOR UPDATE`;
        locked();
        await released;
      },
      { timeout: 30_000 },
    );
    await holding;
    await actAs(world.a.users.bureau);
    const blocked = Symbol("blocked");
    const within = <T>(work: Promise<T>) =>
      Promise.race([work, new Promise<typeof blocked>((resolve) => setTimeout(() => resolve(blocked), 2_000))]);
    const report = reportRectification({ rectificationId: String(open.id), text: "整改进展", percent: "50", claimedStatus: "IN_PROGRESS" });
    const verify = verifyRectification({ rectificationId: String(other.item.id), reportId: String(other.report.id) });
    const outcomes = [await within(report), await within(verify)];
    release();
    await holder;
    await Promise.all([report, verify]);
    expect(outcomes).toMatchObject([
      { ok: false, code: "NOT_FOUND" },
      { ok: false, code: "NOT_FOUND" },
    ]);
  }, 20_000);
});

describe("progress reports and 销号 claims", () => {
  it("a progress report (正在整改) leaves the item open for more; only a completion claim waits for 核验, and only it can be verified", async () => {
    const inspection = await createInspectionRow(db(), { regionId: world.a.region.id, title: "督察", inspectedOn: "2024-06-01" });
    const item = (
      await createFinding(db(), { inspectionId: inspection.id, text: "问题", unitIds: [world.a.units.justice.id], deadline: "2024-12-31" })
    ).rectifications[0]!;
    const status = async () => (await db().rectification.findUniqueOrThrow({ where: { id: item.id } })).status;
    await actAs(justiceLiaison);
    const first = await reportRectification({
      rectificationId: String(item.id),
      text: "已制定整改方案。",
      percent: "30",
      claimedStatus: "IN_PROGRESS",
    });
    expect(first).toMatchObject({ ok: true, message: "整改进展已报送;整改到位后请报送并申请销号" });
    expect(await status()).toBe("OPEN");
    const second = ok(
      await reportRectification({ rectificationId: String(item.id), text: "已完成一半。", percent: "60", claimedStatus: "IN_PROGRESS" }),
    );
    expect(await status()).toBe("OPEN");

    // The bureau cannot close the item on interim progress.
    await actAs(world.a.users.bureau);
    const before = await snapshot();
    expect(await verifyRectification({ rectificationId: String(item.id), reportId: String(second.id) })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expect(await snapshot()).toEqual(before);

    await actAs(justiceLiaison);
    const claim = await reportRectification({
      rectificationId: String(item.id),
      text: "已整改到位。",
      percent: "100",
      claimedStatus: "COMPLETED",
    });
    expect(claim).toMatchObject({ ok: true, message: "整改情况已报送,等待司法局核验销号" });
    expect(await status()).toBe("SUBMITTED");
    // While the claim waits, the unit does not report again.
    expect(
      await reportRectification({ rectificationId: String(item.id), text: "补充", percent: "100", claimedStatus: "IN_PROGRESS" }),
    ).toMatchObject({ ok: false, code: "CONFLICT" });

    await actAs(world.a.users.bureau);
    // An older report is not the one to decide on.
    expect(await verifyRectification({ rectificationId: String(item.id), reportId: String(second.id) })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    ok(await verifyRectification({ rectificationId: String(item.id), reportId: String((claim as { data: { id: number } }).data.id) }));
    expect(await status()).toBe("CLOSED");
    expect(
      await db().progressReport.findMany({
        where: { rectificationId: item.id },
        orderBy: { id: "asc" },
        select: { claimedStatus: true, state: true },
      }),
    ).toEqual([
      { claimedStatus: "IN_PROGRESS", state: "SUBMITTED" },
      { claimedStatus: "IN_PROGRESS", state: "SUBMITTED" },
      { claimedStatus: "COMPLETED", state: "APPROVED" },
    ]);
  });
});

describe("a town unit's liaison", () => {
  it("sees the district inspection that gave its unit an item, and no other", async () => {
    const town = await createRegion(db(), { code: "420204001", name: "新下陆街道", level: "TOWN", parentId: world.a.region.id });
    const townUnit = await createUnit(db(), { regionId: town.id, name: "街道办事处" });
    const townLiaison = await createUser(db(), {
      login: "town.liaison",
      name: "街道联络员",
      role: "LIAISON",
      regionId: town.id,
      unitId: townUnit.id,
    });
    const districtInspection = await createInspectionRow(db(), {
      regionId: world.a.region.id,
      title: "全区督察",
      inspectedOn: "2024-06-01",
    });
    const { rectifications } = await createFinding(db(), {
      inspectionId: districtInspection.id,
      text: "街道行政执法公示不到位。",
      unitIds: [townUnit.id, world.a.units.justice.id],
      deadline: "2024-12-31",
    });
    const townItem = rectifications.find((r) => r.unitId === townUnit.id)!;
    const without = await createInspectionRow(db(), { regionId: world.a.region.id, title: "另一次督察", inspectedOn: "2024-06-02" });
    await createFinding(db(), { inspectionId: without.id, text: "问题", unitIds: [world.a.units.justice.id], deadline: "2024-12-31" });
    // An item for the town unit under another district's inspection (data addFinding would refuse) stays out of sight.
    const other = await otherDistrictItem();
    const stray = await db().finding.create({
      data: { districtId: world.b.region.id, inspectionId: other.inspection.id, text: "越界问题" },
    });
    await db().rectification.create({
      data: { districtId: world.b.region.id, findingId: stray.id, unitId: townUnit.id, deadline: day("2024-12-31") },
    });

    const liaison = (await loadActor(townLiaison.id))!;
    const seen = await getInspectionDetail(liaison, districtInspection.id, TODAY);
    expect(seen?.findings.flatMap((f) => f.rectifications.map((r) => r.id))).toEqual([townItem.id]);
    expect((await listInspections(liaison, TODAY)).map((i) => ({ id: i.id, total: i.counts.total }))).toEqual([
      { id: districtInspection.id, total: 1 },
    ]);
    expect(await getInspectionDetail(liaison, without.id, TODAY)).toBeNull();
    expect(await getInspectionDetail(liaison, other.inspection.id, TODAY)).toBeNull();
    // The item page links to the inspection: both open for the liaison.
    const detail = (await getRectificationDetail(liaison, townItem.id, TODAY))!;
    expect(detail.item.finding.inspection.id).toBe(districtInspection.id);
  });
});

describe("closed as of a past moment", () => {
  it("an item closed in 2024 and reopened in 2025 stood closed at the end of 2024, open at the end of 2025", async () => {
    const inspection = await createInspectionRow(db(), { regionId: world.a.region.id, title: "督察", inspectedOn: "2024-06-01" });
    const { rectifications } = await createFinding(db(), {
      inspectionId: inspection.id,
      text: "问题",
      unitIds: [world.a.units.justice.id, world.a.units.development.id],
      deadline: "2024-12-31",
    });
    const [reopened, untouched] = [...rectifications].sort((x, y) =>
      x.unitId === world.a.units.justice.id ? -1 : y.unitId === world.a.units.justice.id ? 1 : 0,
    ) as [(typeof rectifications)[number], (typeof rectifications)[number]];
    await actAs(justiceLiaison);
    const claim = ok(
      await reportRectification({ rectificationId: String(reopened.id), text: "已整改到位。", percent: "100", claimedStatus: "COMPLETED" }),
    );
    await actAs(world.a.users.bureau);
    ok(await verifyRectification({ rectificationId: String(reopened.id), reportId: String(claim.id) })); // 2024-08-15 10:00 Beijing
    vi.setSystemTime(new Date("2025-03-01T02:00:00Z"));
    ok(await reopenRectification({ rectificationId: String(reopened.id), reason: "回头看发现问题反弹。" }));
    // The other item has no audit history (written directly): its row decides.
    await createRectificationReport(db(), {
      rectificationId: untouched.id,
      authorId: world.a.users.liaison.id,
      state: "APPROVED",
      reviewerId: world.a.users.bureau.id,
      submittedAt: new Date("2024-09-01T02:00:00Z"),
      reviewedAt: new Date("2024-09-03T02:00:00Z"),
    });
    // As data written before the closings had rows of their own: without its RectificationClosure.
    await db().rectificationClosure.deleteMany({ where: { rectificationId: untouched.id } });

    const rows = await db().rectification.findMany({
      where: { id: { in: [reopened.id, untouched.id] } },
      select: { id: true, status: true, verifiedAt: true },
    });
    const endOf2024 = new Date("2024-12-31T16:00:00Z");
    const endOf2025 = new Date("2025-12-31T16:00:00Z");
    const at2024 = await rectificationsClosedAsOf(db(), rows, endOf2024);
    expect(at2024.get(reopened.id)?.toISOString()).toBe("2024-08-15T02:00:00.000Z");
    expect(at2024.get(untouched.id)?.toISOString()).toBe("2024-09-03T02:00:00.000Z");
    const at2025 = await rectificationsClosedAsOf(db(), rows, endOf2025);
    expect(at2025.get(reopened.id)).toBeNull();
    expect(at2025.get(untouched.id)?.toISOString()).toBe("2024-09-03T02:00:00.000Z");
    // Before it was first closed, it was open.
    expect((await rectificationsClosedAsOf(db(), rows, new Date("2024-08-01T00:00:00Z"))).get(reopened.id)).toBeNull();
  });

  it("an item closed, reopened and closed again keeps each closing in its own row", async () => {
    const inspection = await createInspectionRow(db(), { regionId: world.a.region.id, title: "督察", inspectedOn: "2024-06-01" });
    const { rectifications } = await createFinding(db(), {
      inspectionId: inspection.id,
      text: "问题",
      unitIds: [world.a.units.justice.id],
      deadline: "2024-12-31",
    });
    const item = rectifications[0]!;
    const claimAndVerify = async () => {
      await actAs(justiceLiaison);
      const claim = ok(
        await reportRectification({ rectificationId: String(item.id), text: "已整改到位。", percent: "100", claimedStatus: "COMPLETED" }),
      );
      await actAs(world.a.users.bureau);
      ok(await verifyRectification({ rectificationId: String(item.id), reportId: String(claim.id) }));
    };
    await claimAndVerify(); // 2024-08-15 10:00 Beijing
    vi.setSystemTime(new Date("2025-03-01T02:00:00Z"));
    ok(await reopenRectification({ rectificationId: String(item.id), reason: "回头看发现问题反弹。" }));
    vi.setSystemTime(new Date("2025-06-10T02:00:00Z"));
    await claimAndVerify();

    const closures = await db().rectificationClosure.findMany({ where: { rectificationId: item.id }, orderBy: { id: "asc" } });
    expect(closures.map((c) => [c.closedAt.toISOString(), c.reopenedAt?.toISOString() ?? null, c.closedById])).toEqual([
      ["2024-08-15T02:00:00.000Z", "2025-03-01T02:00:00.000Z", world.a.users.bureau.id],
      ["2025-06-10T02:00:00.000Z", null, world.a.users.bureau.id],
    ]);
    const row = await db().rectification.findUniqueOrThrow({
      where: { id: item.id },
      select: { id: true, status: true, verifiedAt: true },
    });
    const closedAt = async (asOf: string) =>
      (await rectificationsClosedAsOf(db(), [row], new Date(asOf))).get(item.id)?.toISOString() ?? null;
    expect(await closedAt("2024-12-31T16:00:00Z")).toBe("2024-08-15T02:00:00.000Z");
    expect(await closedAt("2025-04-01T00:00:00Z")).toBeNull();
    expect(await closedAt("2025-12-31T16:00:00Z")).toBe("2025-06-10T02:00:00.000Z");
  });
});

describe("the item's page offers a control exactly when the action takes it (lib/inspections/rules.ts)", () => {
  type Who = "unitLiaison" | "otherLiaison" | "bureau" | "leader" | "otherBureau";
  type State = "open" | "progressReported" | "submitted" | "returned" | "closed";
  const actorOf = (who: Who) =>
    ({
      unitLiaison: justiceLiaison,
      otherLiaison: world.a.users.liaison,
      bureau: world.a.users.bureau,
      leader: world.a.users.leader,
      otherBureau: world.b.users.bureau,
    })[who];

  async function itemIn(state: State) {
    const inspection = await createInspectionRow(db(), { regionId: world.a.region.id, title: "下陆区督察", inspectedOn: "2024-06-01" });
    const item = (
      await createFinding(db(), { inspectionId: inspection.id, text: "问题", unitIds: [world.a.units.justice.id], deadline: "2024-12-31" })
    ).rectifications[0]!;
    const reviewerId = world.a.users.bureau.id;
    if (state === "progressReported")
      await createRectificationReport(db(), { rectificationId: item.id, authorId: justiceLiaison.id, state: "SUBMITTED" });
    if (state === "submitted")
      await createRectificationReport(db(), {
        rectificationId: item.id,
        authorId: justiceLiaison.id,
        state: "SUBMITTED",
        claimedStatus: "COMPLETED",
      });
    if (state === "returned")
      await createRectificationReport(db(), { rectificationId: item.id, authorId: justiceLiaison.id, state: "RETURNED", reviewerId });
    if (state === "closed")
      await createRectificationReport(db(), { rectificationId: item.id, authorId: justiceLiaison.id, state: "APPROVED", reviewerId });
    return item;
  }

  const whos: Who[] = ["unitLiaison", "otherLiaison", "bureau", "leader", "otherBureau"];
  const states: State[] = ["open", "progressReported", "submitted", "returned", "closed"];
  const cases = whos.flatMap((who) => states.map((state) => [who, state] as const));

  it.each(cases)("%s on an item %s: report, verify and reopen", async (who, state) => {
    const item = await itemIn(state);
    const actor = (await actAs(actorOf(who)))!;
    // What the page shows (app/(app)/inspections/rectifications/[id]/page.tsx), read before anything changes.
    const detail = await getRectificationDetail(actor, item.id);
    const offers = {
      report: detail !== null && mayReportRectification(actor, detail.item),
      verify:
        detail !== null &&
        can(actor, "rectification.verify", { regionId: detail.item.unit.regionId }) &&
        reportAwaitingVerification(detail.item.status, detail.item.reports[0]) !== null,
      reopen: detail !== null && mayReopenRectification(actor, detail.item),
    };
    const latest = await db().progressReport.findFirst({ where: { rectificationId: item.id }, orderBy: { id: "desc" } });
    // Each action is tried on the item as the page saw it: the state is put back in between.
    const before = await db().rectification.findUniqueOrThrow({ where: { id: item.id } });
    const restore = async () => {
      const { id: _id, ...row } = before;
      await db().rectification.update({ where: { id: item.id }, data: row });
      await db().progressReport.deleteMany({ where: { rectificationId: item.id, id: { gt: latest?.id ?? 0 } } });
      if (latest) await db().progressReport.update({ where: { id: latest.id }, data: { state: latest.state, version: latest.version } });
    };
    const taken = {
      verify: (await verifyRectification({ rectificationId: String(item.id), reportId: String(latest?.id ?? 1) })).ok,
      reopen: (await restore(), await reopenRectification({ rectificationId: String(item.id), reason: "复查发现问题" })).ok,
      report: (await restore(),
      await reportRectification({ rectificationId: String(item.id), text: "整改进展", percent: "50", claimedStatus: "IN_PROGRESS" })).ok,
    };
    expect({ who, state, offers }).toEqual({ who, state, offers: taken });
  });
});
