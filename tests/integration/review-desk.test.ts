import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport } from "@/lib/demo/factories.ts";
import { approveProgressReports } from "@/lib/progress/actions.ts";
import { listReviewDesk, loadOverdueNotice, loadPeriodLedger } from "@/lib/reviews/queries.ts";
import { buildLedgerWorkbook, buildNoticeDocx, LEDGER_COLUMNS } from "@/lib/reviews/export.ts";
import { ledgerGet, noticeDocxGet } from "@/lib/reviews/routes.ts";
import { parseReviewFilters } from "@/lib/reviews/schema.ts";
import { CLAIMED_STATUS_LABELS, REVIEW_STATE_LABELS } from "@/lib/progress/schema.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// The bureau's review desk: the queue's filters and the period on each item,
// 批量通过 (scope first, then each approval through the single approval's core),
// the period's 进展台账 read back from its .xlsx, and the 未报送/逾期 通报 read
// back from its .docx.

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let ids: Record<string, number>;
const Q2 = { start: "2024-04-01", end: "2024-06-30" };
const Q1 = { start: "2024-01-01", end: "2024-03-31" };

beforeEach(async () => {
  // 15 August 2024 in Beijing: 2024-Q2 was due on 10 July.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
  world = await buildTwoDistricts();
  const { justice, development } = world.a.units;
  const bureau = world.a.users.bureau.id;
  const plan = await createPlan(db(), { regionId: world.a.region.id, title: "下陆区法治政府建设实施方案" });
  const other = await createPlan(db(), { regionId: world.a.region.id, title: "下陆区法治社会建设实施方案" });
  const m1 = await createMeasure(db(), {
    planId: plan.id,
    code: "1",
    text: "健全重大行政决策程序",
    deadline: "2025-12-31",
    leadUnitIds: [justice.id],
    responsibleUnitIds: [development.id],
  });
  const m2 = await createMeasure(db(), {
    planId: plan.id,
    code: "2",
    text: "推进政务公开",
    deadline: "2025-12-31",
    leadUnitIds: [development.id],
  });
  const m3 = await createMeasure(db(), {
    planId: plan.id,
    code: "3",
    text: "规范行政执法",
    deadline: "2024-06-30",
    leadUnitIds: [justice.id],
  });
  const m4 = await createMeasure(db(), {
    planId: plan.id,
    code: "4",
    text: "培育法治文化",
    deadline: "2025-12-31",
    leadUnitIds: [justice.id],
  });
  const m5 = await createMeasure(db(), {
    planId: other.id,
    code: "1",
    text: "开展法治宣传",
    deadline: "2025-12-31",
    leadUnitIds: [development.id],
  });
  // Assigned at the start of the year, so the second quarter was owed.
  await db().assignment.updateMany({ data: { createdAt: new Date("2024-01-01T02:00:00Z") } });
  const assignment = async (measureId: number, unitId: number) =>
    (await db().assignment.findFirstOrThrow({ where: { measureId, unitId } })).id;
  const report = (assignmentId: number, period: typeof Q2, state: "DRAFT" | "SUBMITTED" | "APPROVED", text: string, submittedAt?: Date) =>
    createProgressReport(db(), {
      assignmentId,
      period,
      state,
      text,
      percent: 40,
      authorId: bureau,
      reviewerId: state === "APPROVED" ? bureau : null,
      submittedAt,
    }).then((r) => r.id);
  ids = {
    leadReport: await report(await assignment(m1.id, justice.id), Q2, "SUBMITTED", "汇总:决策目录已公布", new Date("2024-07-02T02:00:00Z")),
    partReport: await report(
      await assignment(m1.id, development.id),
      Q2,
      "SUBMITTED",
      "分项:已梳理本部门事项",
      new Date("2024-07-01T02:00:00Z"),
    ),
    approvedReport: await report(await assignment(m2.id, development.id), Q2, "APPROVED", "政务公开目录已更新"),
    q1Report: await report(await assignment(m2.id, development.id), Q1, "SUBMITTED", "一季度:目录编制中", new Date("2024-04-05T02:00:00Z")),
    draftReport: await report(await assignment(m4.id, justice.id), Q2, "DRAFT", "草稿"),
    otherPlanReport: await report(
      await assignment(m5.id, development.id),
      Q2,
      "SUBMITTED",
      "法治宣传月活动已开展",
      new Date("2024-07-03T02:00:00Z"),
    ),
    m3: m3.id,
    otherPlan: other.id,
  };
  await db().attachment.createMany({
    data: [
      {
        reportId: ids.leadReport!,
        districtId: world.a.region.id,
        fileName: "决策目录.pdf",
        contentHash: "a".repeat(64),
        size: 10,
        mimeType: "application/pdf",
        uploadedById: bureau,
      },
      {
        reportId: ids.partReport!,
        districtId: world.a.region.id,
        fileName: "事项清单.xlsx",
        contentHash: "b".repeat(64),
        size: 10,
        mimeType: "application/pdf",
        uploadedById: bureau,
      },
    ],
  });
  // District B has a report waiting too: never on district A's desk, never approvable from it.
  const bPlan = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区方案" });
  const bMeasure = await createMeasure(db(), { planId: bPlan.id, code: "1", leadUnitIds: [world.b.units.justice.id] });
  const bAssignment = await db().assignment.findFirstOrThrow({ where: { measureId: bMeasure.id } });
  ids.otherDistrictReport = (
    await createProgressReport(db(), { assignmentId: bAssignment.id, period: Q2, state: "SUBMITTED", authorId: world.b.users.bureau.id })
  ).id;
});

afterEach(() => {
  vi.useRealTimers();
});

const bureauA = async () => (await actAs(world.a.users.bureau))!;
const texts = (desk: Awaited<ReturnType<typeof listReviewDesk>>) => desk.reports.map((r) => r.text);

describe("the review desk's queue", () => {
  it("lists the scope's submitted reports oldest first, each with its period, and filters by period, unit, plan, kind and a search", async () => {
    const actor = await bureauA();
    const all = await listReviewDesk(actor);
    expect(texts(all)).toEqual(["一季度:目录编制中", "分项:已梳理本部门事项", "汇总:决策目录已公布", "法治宣传月活动已开展"]);
    expect(all.reports.map((r) => r.period.label)).toEqual(["2024年第一季度", "2024年第二季度", "2024年第二季度", "2024年第二季度"]);
    expect(all.options.periods).toEqual([
      { value: "2024-Q2", label: "2024年第二季度" },
      { value: "2024-Q1", label: "2024年第一季度" },
    ]);
    expect(all.options.units.map((u) => u.label).sort()).toEqual(["区发改局", "区司法局"].sort());

    expect(texts(await listReviewDesk(actor, parseReviewFilters({ period: "2024-Q2" })))).toEqual([
      "分项:已梳理本部门事项",
      "汇总:决策目录已公布",
      "法治宣传月活动已开展",
    ]);
    expect(texts(await listReviewDesk(actor, parseReviewFilters({ period: "2024-Q2", unit: String(world.a.units.justice.id) })))).toEqual([
      "汇总:决策目录已公布",
    ]);
    expect(texts(await listReviewDesk(actor, parseReviewFilters({ plan: String(ids.otherPlan) })))).toEqual(["法治宣传月活动已开展"]);
    expect(texts(await listReviewDesk(actor, parseReviewFilters({ kind: "extension" })))).toEqual([]);
    // 搜索: a measure's code, words of its text, or of its unit's name; with the other filters.
    expect(texts(await listReviewDesk(actor, parseReviewFilters({ q: "决策" })))).toEqual(["分项:已梳理本部门事项", "汇总:决策目录已公布"]);
    expect(texts(await listReviewDesk(actor, parseReviewFilters({ q: " 司法 " })))).toEqual(["汇总:决策目录已公布"]);
    expect(texts(await listReviewDesk(actor, parseReviewFilters({ q: "2", period: "2024-Q1" })))).toEqual(["一季度:目录编制中"]);
    expect(texts(await listReviewDesk(actor, parseReviewFilters({ q: "发改", plan: String(ids.otherPlan) })))).toEqual([
      "法治宣传月活动已开展",
    ]);
    expect((await listReviewDesk(actor, parseReviewFilters({ q: "没有这样的举措" }))).reportTotal).toBe(0);
    expect(all.reportTotal).toBe(4);
    // A malformed filter is dropped, the others still apply.
    expect(parseReviewFilters({ period: "2024-Q5", unit: "abc", plan: String(ids.otherPlan), kind: "x", q: "   " })).toEqual({
      plan: ids.otherPlan,
    });
  });

  it("shows beside a lead unit's consolidated report the responsible units' reports for the same measure and period", async () => {
    const desk = await listReviewDesk(await bureauA(), parseReviewFilters({ period: "2024-Q2" }));
    const lead = desk.reports.find((r) => r.id === ids.leadReport)!;
    expect(lead.related).toEqual([
      {
        id: ids.partReport,
        unitName: "区发改局",
        stateLabel: "已报送",
        claimedLabel: "推进中",
        percent: 40,
        text: "分项:已梳理本部门事项",
        attachments: [expect.objectContaining({ fileName: "事项清单.xlsx" })],
      },
    ]);
    expect(desk.reports.find((r) => r.id === ids.partReport)!.related).toEqual([]);
  });

  it("is refused to a role that does not review", async () => {
    await expect(listReviewDesk((await actAs(world.a.users.leader))!)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("批量通过", () => {
  const state = async (id: number) => (await db().progressReport.findUniqueOrThrow({ where: { id } })).state;

  it("approves every selected report in scope, each with its audit event and the unit's message", async () => {
    await bureauA();
    const result = await approveProgressReports({
      items: [
        { reportId: ids.leadReport, version: 1 },
        { reportId: ids.partReport, version: 1 },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      message: "已通过 2 份报送",
      data: { approved: [ids.leadReport, ids.partReport], failed: [] },
    });
    expect(await state(ids.leadReport!)).toBe("APPROVED");
    expect(await state(ids.partReport!)).toBe("APPROVED");
    const audits = await db().auditEvent.findMany({ where: { action: "report.approve" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.entityId, a.actorId])).toEqual([
      [String(ids.leadReport), world.a.users.bureau.id],
      [String(ids.partReport), world.a.users.bureau.id],
    ]);
    // The development bureau's liaison hears of its approval, naming the measure and period.
    const messages = await db().notification.findMany({ where: { userId: world.a.users.liaison.id, kind: "APPROVED" } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body).toContain("2024年第二季度");
  });

  it("answers NOT_FOUND for a list holding another district's report, and changes nothing", async () => {
    await bureauA();
    const before = await snapshot();
    const result = await approveProgressReports({
      items: [
        { reportId: ids.leadReport, version: 1 },
        { reportId: ids.otherDistrictReport, version: 1 },
      ],
    });
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
    expect(await state(ids.leadReport!)).toBe("SUBMITTED");
  });

  it("names a report changed meanwhile (stale version) or already decided, and approves the rest", async () => {
    await bureauA();
    // Someone else touched the lead report after the page was loaded.
    await db().progressReport.update({ where: { id: ids.leadReport }, data: { version: { increment: 1 } } });
    const result = await approveProgressReports({
      items: [
        { reportId: ids.leadReport, version: 1 },
        { reportId: ids.partReport, version: 1 },
        { reportId: ids.approvedReport, version: 1 },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.approved).toEqual([ids.partReport]);
    expect(result.data.failed).toEqual([
      { reportId: ids.leadReport, name: "区司法局 · 举措 1", reason: "已被他人修改" },
      { reportId: ids.approvedReport, name: "区发改局 · 举措 2", reason: "该报送已被审核或退回" },
    ]);
    expect(result.message).toBe(
      "已通过 1 份报送;2 份未通过:区司法局 · 举措 1(已被他人修改)、区发改局 · 举措 2(该报送已被审核或退回),请刷新后查看",
    );
    expect(await state(ids.leadReport!)).toBe("SUBMITTED");
    expect(await state(ids.partReport!)).toBe("APPROVED");
    expect(await db().auditEvent.count({ where: { action: "report.approve" } })).toBe(1);
  });

  it("validates the list: at least one, at most 100, no id twice; FORBIDDEN for a liaison", async () => {
    await bureauA();
    expect(await approveProgressReports({ items: [] })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { items: ["请选择要通过的报送"] },
    });
    const many = Array.from({ length: 101 }, (_, i) => ({ reportId: i + 1, version: 1 }));
    expect(await approveProgressReports({ items: many })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { items: ["一次最多通过 100 份报送"] },
    });
    expect(
      await approveProgressReports({
        items: [
          { reportId: ids.leadReport, version: 1 },
          { reportId: ids.leadReport, version: 1 },
        ],
      }),
    ).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    await actAs(world.a.users.liaison);
    expect(await approveProgressReports({ items: [{ reportId: ids.leadReport, version: 1 }] })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await state(ids.leadReport!)).toBe("SUBMITTED");
  });
});

async function snapshot() {
  const [reports, audits, notifications, assignments] = await Promise.all([
    db().progressReport.findMany({ orderBy: { id: "asc" }, select: { id: true, state: true, version: true, reviewerId: true } }),
    db().auditEvent.count(),
    db().notification.count(),
    db().assignment.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, percent: true } }),
  ]);
  return { reports, audits, notifications, assignments };
}

describe("进展台账", () => {
  it("reads back from its .xlsx equal to the period's reports, one row per measure × unit", async () => {
    const ledger = (await loadPeriodLedger(await bureauA(), world.a.region.id, "2024-Q2"))!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildLedgerWorkbook(ledger)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("进展台账")!;
    const cell = (v: unknown) => (v === null || v === undefined ? "" : v);
    const rows = sheet
      .getSheetValues()
      .slice(3)
      .map((row) => Array.from({ length: LEDGER_COLUMNS.length }, (_, i) => cell((row as unknown[])[i + 1])));
    expect(rows[0]).toEqual(LEDGER_COLUMNS.map((c) => c.header));

    // The expectation, built from the database apart from the ledger's SQL: every assignment of district A's plans, with its Q2 report.
    const assignments = await db().assignment.findMany({
      where: { districtId: world.a.region.id },
      include: {
        unit: true,
        measure: { include: { plan: true } },
        reports: {
          where: { periodStart: new Date(`${Q2.start}T00:00:00Z`), state: { not: "DRAFT" } },
          include: { attachments: { orderBy: { id: "asc" } }, reviewer: true },
        },
      },
    });
    assignments.sort(
      (a, b) => a.measure.planId - b.measure.planId || a.measure.sortOrder - b.measure.sortOrder || (a.role === "LEAD" ? -1 : 1),
    );
    const day = (d: Date | null | undefined) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : "");
    const expected = assignments.map((a) => {
      const r = a.reports[0];
      return [
        a.measure.plan.title,
        a.measure.code,
        a.measure.text,
        a.unit.name,
        a.role === "LEAD" ? "牵头" : "责任",
        r?.text ?? "",
        r?.percent ?? "",
        r ? CLAIMED_STATUS_LABELS[r.claimedStatus] : "",
        r ? REVIEW_STATE_LABELS[r.state] : "未报送",
        r?.attachments.map((f) => f.fileName).join("、") ?? "",
        r?.reviewer?.name ?? "",
        day(r?.reviewedAt),
        day(r?.submittedAt),
      ];
    });
    expect(rows.slice(1)).toEqual(expected);
    expect(rows.slice(1)).toHaveLength(6);
    // Spot checks a clerk would make: the draft is not a report, the approved one names its reviewer.
    expect(rows.find((r) => r[1] === "4")!.slice(5, 9)).toEqual(["", "", "", "未报送"]);
    expect(rows.find((r) => r[1] === "2" && r[0] === "下陆区法治政府建设实施方案")!.slice(8, 11)).toEqual(["已通过", "", "司法局"]);
    expect(rows.find((r) => r[1] === "1" && r[4] === "牵头")![9]).toBe("决策目录.pdf");
  });

  it("is served as .xlsx to the district's bureau and leader, and 404 elsewhere", async () => {
    const get = (query: string) => ledgerGet(new Request(`http://x/reviews/ledger?${query}`));
    await actAs(world.a.users.leader);
    const ok = await get(`district=${world.a.region.id}&period=2024-Q2`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(ok.headers.get("Content-Disposition")).toContain(encodeURIComponent("下陆区法治政府建设2024年第二季度进展台账.xlsx"));
    expect((await get(`district=${world.b.region.id}&period=2024-Q2`)).status).toBe(404);
    expect((await get(`district=${world.a.region.id}&period=2024-Q9`)).status).toBe(404);
    await actAs(world.a.users.liaison);
    expect((await get(`district=${world.a.region.id}&period=2024-Q2`)).status).toBe(404);
    await actAs(world.b.users.bureau);
    expect((await get(`district=${world.a.region.id}&period=2024-Q2`)).status).toBe(404);
  });
});

/** The paragraphs' text of each table in a .docx, row by row, cell by cell. */
function docxTables(bytes: Uint8Array): string[][][] {
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"]!);
  const textOf = (fragment: string) => [...fragment.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((table) =>
    [...table[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]!)),
    ),
  );
}

describe("未报送/逾期 通报", () => {
  it("parses back from its .docx with exactly the units that owed and did not report, and the overdue measures", async () => {
    const notice = (await loadOverdueNotice(await bureauA(), world.a.region.id, "2024-Q2", "2024-08-15"))!;
    const bytes = new Uint8Array(await buildNoticeDocx(notice));
    const xml = strFromU8(unzipSync(bytes)["word/document.xml"]!);
    expect(xml).toContain("关于下陆区法治政府建设2024年第二季度进展未报送和举措逾期情况的通报");
    const [missing, overdue] = docxTables(bytes);
    // 区司法局 owed measures 3 and 4 (a draft is not a report); 区发改局 reported everything it owed.
    expect(missing).toEqual([
      ["序号", "单位", "未报送举措数", "未报送举措"],
      ["1", "区司法局", "2", "《下陆区法治政府建设实施方案》3、4"],
    ]);
    expect(overdue).toEqual([
      ["序号", "举措", "牵头单位", "完成时限"],
      ["1", "3 规范行政执法", "区司法局", "2024年6月30日"],
    ]);
    expect(xml).toContain("全区应报送 6 项,已报送 4 项,尚有 1 个单位 2 项未报送");
  });

  it("leaves out a unit that has been wound up (inactive), as the dashboard's 未报送 does", async () => {
    await db().unit.update({ where: { id: world.a.units.justice.id }, data: { active: false } });
    const notice = (await loadOverdueNotice(await bureauA(), world.a.region.id, "2024-Q2", "2024-08-15"))!;
    expect(notice.units).toEqual([]);
    expect(notice.owedCount).toBe(notice.reportedCount);
  });

  it("is served as .docx in scope and 404 elsewhere", async () => {
    const get = (district: number) => noticeDocxGet(new Request(`http://x/reviews/notice/docx?district=${district}&period=2024-Q2`));
    await actAs(world.a.users.bureau);
    const ok = await get(world.a.region.id);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect((await get(world.b.region.id)).status).toBe(404);
  });
});
