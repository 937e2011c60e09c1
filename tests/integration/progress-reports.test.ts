import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createUser } from "@/lib/demo/factories.ts";
import {
  approveProgressReport,
  carryForwardProgressReport,
  returnProgressReport,
  saveProgressDraft,
  submitProgressReport,
} from "@/lib/progress/actions.ts";
import { getMeasureDetail, listMyTasks } from "@/lib/progress/queries.ts";
import { offersReportOnBehalf, reportsFor, reviewRefusal } from "@/lib/progress/rules.ts";
import { createUnitGroup } from "@/lib/demo/factories.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let lead: { id: number };
let responsible: { id: number; measureId: number };
let otherDistrictAssignment: { id: number };
let leadLiaison: { id: number };

beforeEach(async () => {
  // 2024-08-15 in Beijing: 2024-Q3 is open, 2023-Q4 closed (after 2024-04-10), 2024-Q4 not started.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
  world = await buildTwoDistricts();
  const plan = await createPlan(db(), { regionId: world.a.region.id, title: "下陆区法治政府建设实施方案" });
  const measure = await createMeasure(db(), {
    planId: plan.id,
    code: "1",
    deadline: "2024-12-31",
    leadUnitIds: [world.a.units.justice.id],
    responsibleUnitIds: [world.a.units.development.id],
  });
  const assignments = await db().assignment.findMany({ where: { measureId: measure.id } });
  lead = assignments.find((a) => a.role === "LEAD")!;
  responsible = assignments.find((a) => a.role === "RESPONSIBLE")!;
  leadLiaison = await createUser(db(), {
    login: "a.justice.liaison",
    name: "司法局联络员",
    role: "LIAISON",
    regionId: world.a.region.id,
    unitId: world.a.units.justice.id,
  });
  const otherPlan = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区方案" });
  const otherMeasure = await createMeasure(db(), { planId: otherPlan.id, code: "1", leadUnitIds: [world.b.units.development.id] });
  otherDistrictAssignment = (await db().assignment.findFirstOrThrow({ where: { measureId: otherMeasure.id } }))!;
});

afterEach(() => {
  vi.useRealTimers();
});

const PDF_HEAD = new TextEncoder().encode("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n");
const pdf = (name: string, bytes: Uint8Array<ArrayBuffer> = PDF_HEAD) => new File([bytes], name, { type: "application/pdf" });

function withFiles(fields: Record<string, unknown>, files: File[]) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, String(value));
  for (const file of files) form.append("evidence", file);
  return form;
}

const report = (assignmentId: number, extra: Record<string, unknown> = {}) => ({
  assignmentId: String(assignmentId),
  periodKey: "2024-Q3",
  text: "已完成制度起草,报区政府审议。",
  percent: "60",
  claimedStatus: "IN_PROGRESS",
  ...extra,
});

async function snapshot() {
  const [reports, assignments, notifications, audit] = await Promise.all([
    db().progressReport.findMany({ orderBy: { id: "asc" } }),
    db().assignment.findMany({ orderBy: { id: "asc" } }),
    db().notification.count(),
    db().auditEvent.count(),
  ]);
  return { reports, assignments, notifications, audit };
}

describe("the reporting cycle", () => {
  it("responsible unit reports, lead consolidates, bureau returns, lead resubmits, bureau approves: completed", async () => {
    await actAs(world.a.users.liaison);
    expect(await submitProgressReport(report(responsible.id))).toMatchObject({ ok: true });

    await actAs(leadLiaison);
    const submitted = await submitProgressReport(report(lead.id, { text: "牵头汇总:制度已印发。", claimedStatus: "COMPLETED" }));
    expect(submitted).toMatchObject({ ok: true, data: { version: 1 } });
    const reportId = submitted.ok ? submitted.data.id : 0;

    await actAs(world.a.users.bureau);
    expect(await returnProgressReport({ reportId: String(reportId), version: "1", comment: "请附印发文件。" })).toMatchObject({ ok: true });
    expect(await db().notification.findMany({ where: { userId: leadLiaison.id } })).toMatchObject([
      {
        kind: "RETURNED",
        title: "进展报送被退回:1 举措 1(2024年第三季度)",
        body: "举措「1 举措 1」2024年第三季度的进展报送被退回,请修改后重新报送。\n退回意见:请附印发文件。",
      },
    ]);

    await actAs(leadLiaison);
    expect(await submitProgressReport(report(lead.id, { claimedStatus: "COMPLETED", version: "2" }))).toMatchObject({ ok: true });

    await actAs(world.a.users.bureau);
    expect(await approveProgressReport({ reportId: String(reportId), version: "3" })).toMatchObject({ ok: true });
    expect(await db().assignment.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ status: "COMPLETED", percent: 100 });

    const steps = await db().auditEvent.findMany({ where: { entityType: "ProgressReport" }, orderBy: { id: "asc" } });
    expect(steps.map((s) => [s.action, s.actorId])).toEqual([
      ["report.submit", world.a.users.liaison.id],
      ["report.submit", leadLiaison.id],
      ["report.return", world.a.users.bureau.id],
      ["report.resubmit", leadLiaison.id],
      ["report.approve", world.a.users.bureau.id],
    ]);
  });

  it("keeps the first submission's time and every return with its comment, in their own columns and rows", async () => {
    await actAs(leadLiaison);
    const submitted = await submitProgressReport(report(lead.id));
    const reportId = submitted.ok ? submitted.data.id : 0;
    const first = new Date("2024-08-15T02:00:00Z");
    await actAs(world.a.users.bureau);
    vi.setSystemTime(new Date("2024-08-16T02:00:00Z"));
    expect(await returnProgressReport({ reportId: String(reportId), version: "1", comment: "请附印发文件。" })).toMatchObject({ ok: true });
    await actAs(leadLiaison);
    vi.setSystemTime(new Date("2024-08-20T02:00:00Z"));
    expect(await submitProgressReport(report(lead.id, { version: "2" }))).toMatchObject({ ok: true });
    await actAs(world.a.users.bureau);
    vi.setSystemTime(new Date("2024-08-21T02:00:00Z"));
    expect(await returnProgressReport({ reportId: String(reportId), version: "3", comment: "仍缺佐证材料。" })).toMatchObject({ ok: true });

    expect(await db().progressReport.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({
      firstSubmittedAt: first,
      submittedAt: new Date("2024-08-20T02:00:00Z"),
    });
    const returns = await db().reportReturn.findMany({ where: { reportId }, orderBy: { id: "asc" } });
    expect(returns.map((r) => [r.comment, r.reviewerId, r.returnedAt, r.districtId])).toEqual([
      ["请附印发文件。", world.a.users.bureau.id, new Date("2024-08-16T02:00:00Z"), world.a.region.id],
      ["仍缺佐证材料。", world.a.users.bureau.id, new Date("2024-08-21T02:00:00Z"), world.a.region.id],
    ]);
  });

  it("bureau staff can log a report on a unit's behalf (代报), marked as such, with the original attached", async () => {
    await actAs(world.a.users.bureau);
    const withoutOriginal = await submitProgressReport(report(responsible.id));
    expect(!withoutOriginal.ok && withoutOriginal.fieldErrors?.evidence).toEqual(["代报须上传单位报来的原件(纸质件扫描或邮件附件)"]);
    const result = await submitProgressReport(withFiles(report(responsible.id), [pdf("区发改局报来的进展.pdf")]));
    expect(result).toMatchObject({ ok: true });
    const saved = await db().progressReport.findFirstOrThrow({ include: { attachments: true } });
    expect(saved).toMatchObject({ authorId: world.a.users.bureau.id, onBehalfOfUnitId: world.a.units.development.id });
    expect(saved.attachments).toMatchObject([
      { fileName: "区发改局报来的进展.pdf", mimeType: "application/pdf", uploadedById: world.a.users.bureau.id },
    ]);
  });

  it("a liaison attaches evidence; the same file twice is attached once", async () => {
    await actAs(world.a.users.liaison);
    const file = pdf("印发文件.pdf");
    expect(await submitProgressReport(withFiles(report(responsible.id), [file, pdf("副本.pdf")]))).toMatchObject({ ok: true });
    const attachments = await db().attachment.findMany();
    expect(attachments.map((a) => a.fileName)).toEqual(["印发文件.pdf"]);
  });

  it("本期无新进展 carries the last report forward in one click", async () => {
    await actAs(world.a.users.liaison);
    vi.setSystemTime(new Date("2024-05-15T02:00:00Z"));
    await submitProgressReport(
      withFiles(report(responsible.id, { periodKey: "2024-Q2", text: "二季度:完成调研。" }), [pdf("调研报告.pdf")]),
    );
    vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
    const result = await carryForwardProgressReport({ assignmentId: String(responsible.id), periodKey: "2024-Q3" });
    expect(result).toMatchObject({ ok: true, message: "已沿用上期报送(本期无新进展)" });
    const current = await db().progressReport.findFirstOrThrow({
      where: { periodStart: new Date("2024-07-01T00:00:00Z") },
      include: { attachments: true },
    });
    expect(current).toMatchObject({ text: "二季度:完成调研。", claimedStatus: "NO_CHANGE", state: "SUBMITTED", percent: 60 });
    expect(current.attachments.map((a) => a.fileName)).toEqual(["调研报告.pdf"]);
  });

  it("本期无新进展 without an earlier report says so", async () => {
    await actAs(world.a.users.liaison);
    expect(await carryForwardProgressReport({ assignmentId: String(responsible.id), periodKey: "2024-Q3" })).toMatchObject({
      ok: false,
      message: "没有可沿用的上期报送,请填写本期进展。",
    });
  });
});

describe("authorization: refusals change nothing", () => {
  async function submittedLeadReport() {
    await actAs(leadLiaison);
    const result = await submitProgressReport(report(lead.id));
    return result.ok ? result.data.id : 0;
  }

  it.each([
    ["a liaison reporting for another unit's assignment", () => world.a.users.liaison, () => lead.id, "NOT_FOUND"],
    ["a liaison reporting in another district", () => world.a.users.liaison, () => otherDistrictAssignment.id, "NOT_FOUND"],
    ["a bureau reporting in another district", () => world.a.users.bureau, () => otherDistrictAssignment.id, "NOT_FOUND"],
    ["a leader reporting at all", () => world.a.users.leader, () => responsible.id, "FORBIDDEN"],
  ])("%s", async (_case, who, assignment, code) => {
    const before = await snapshot();
    await actAs(who());
    expect(await submitProgressReport(report(assignment()))).toMatchObject({ ok: false, code });
    expect(await saveProgressDraft(report(assignment()))).toMatchObject({ ok: false, code });
    expect(await carryForwardProgressReport({ assignmentId: String(assignment()), periodKey: "2024-Q3" })).toMatchObject({
      ok: false,
      code,
    });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["a liaison", () => world.a.users.liaison, "FORBIDDEN"],
    ["the lead unit's own liaison", () => leadLiaison, "FORBIDDEN"],
    ["a leader", () => world.a.users.leader, "FORBIDDEN"],
    ["another district's bureau", () => world.b.users.bureau, "NOT_FOUND"],
  ])("%s cannot review", async (_case, who, code) => {
    const reportId = String(await submittedLeadReport());
    const before = await snapshot();
    await actAs(who());
    expect(await approveProgressReport({ reportId, version: "1" })).toMatchObject({ ok: false, code });
    expect(await returnProgressReport({ reportId, version: "1", comment: "不行" })).toMatchObject({ ok: false, code });
    expect(await snapshot()).toEqual(before);
  });
});

describe("bad input gets a Chinese message, loses nothing and writes nothing", () => {
  it.each([
    ["empty text on submit", { text: "   " }, "text", "请填写进展情况"],
    ["percent over 100", { percent: "101" }, "percent", "进度应为 0 到 100 之间的整数"],
    ["percent below 0", { percent: "-5" }, "percent", "进度应为 0 到 100 之间的整数"],
    ["a closed period", { periodKey: "2023-Q4" }, "periodKey", "2023年第四季度的报送已截止,不能再报送或修改"],
    ["a period not yet started", { periodKey: "2024-Q4" }, "periodKey", "2024年第四季度尚未开始,不能报送"],
    ["a period of another cadence", { periodKey: "2024-07" }, "periodKey", "报送期次与该规划的报送周期不符"],
  ])("%s", async (_case, change, field, message) => {
    await actAs(world.a.users.liaison);
    const before = await snapshot();
    const result = await submitProgressReport(report(responsible.id, change));
    expect(!result.ok && result.fieldErrors?.[field]).toEqual([message]);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["a file over the limit", () => pdf("大文件.pdf", new Uint8Array(20 * 1024 * 1024 + 1).fill(0x25)), "文件不能超过 20 MB"],
    [
      "a file whose content does not match its extension",
      () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], "扫描件.pdf"),
      "文件内容与扩展名不符",
    ],
    ["a file name with path separators", () => pdf("../../etc/进展.pdf"), "文件名不能包含路径分隔符"],
  ])("%s", async (_case, file, fragment) => {
    await actAs(world.a.users.liaison);
    const before = await snapshot();
    const result = await submitProgressReport(withFiles(report(responsible.id), [file()]));
    expect(result).toMatchObject({ ok: false, message: "附件有问题,未保存任何内容;您填写的文字已保留。" });
    expect(!result.ok && result.fieldErrors?.evidence?.[0]).toContain(fragment);
    expect(await snapshot()).toEqual(before);
  });

  it("a stale form after someone else's change gets a conflict and keeps the first text", async () => {
    await actAs(world.a.users.liaison);
    const first = await saveProgressDraft(report(responsible.id, { text: "甲的草稿" }));
    expect(first).toMatchObject({ ok: true, data: { version: 1 } });
    expect(await saveProgressDraft(report(responsible.id, { text: "乙的修改", version: "1" }))).toMatchObject({ ok: true });
    const stale = await saveProgressDraft(report(responsible.id, { text: "甲的修改", version: "1" }));
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining("内容已保留") });
    expect((await db().progressReport.findFirstOrThrow()).text).toBe("乙的修改");
  });

  it("a draft cannot be reviewed", async () => {
    await actAs(world.a.users.liaison);
    const draft = await saveProgressDraft(report(responsible.id));
    const reportId = String(draft.ok ? draft.data.id : 0);
    await actAs(world.a.users.bureau);
    const before = await snapshot();
    expect(await approveProgressReport({ reportId, version: "1" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "该报送尚未提交,不能审核。",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("an approval keeps the 审核意见 typed with it and sends it with the 审核结果", async () => {
    await actAs(leadLiaison);
    const submitted = await submitProgressReport(report(lead.id));
    const reportId = String(submitted.ok ? submitted.data.id : 0);
    await actAs(world.a.users.bureau);
    expect(await approveProgressReport({ reportId, version: "1", comment: "  请下季度附上印发文件。 " })).toMatchObject({ ok: true });
    expect(await db().progressReport.findFirstOrThrow({ where: { id: Number(reportId) } })).toMatchObject({
      state: "APPROVED",
      reviewComment: "请下季度附上印发文件。",
    });
    const message = await db().notification.findFirstOrThrow({ where: { userId: leadLiaison.id, kind: "APPROVED" } });
    expect(message.body).toContain("审核意见:请下季度附上印发文件。");
    // Without a comment, none is stored.
    await actAs(world.a.users.liaison);
    const other = await submitProgressReport(report(responsible.id));
    await actAs(world.a.users.bureau);
    expect(await approveProgressReport({ reportId: String(other.ok ? other.data.id : 0), version: "1", comment: "" })).toMatchObject({
      ok: true,
    });
    expect(await db().progressReport.findFirstOrThrow({ where: { id: other.ok ? other.data.id : 0 } })).toMatchObject({
      reviewComment: null,
    });
  });

  it("two reviewers at once: the second gets a conflict, the first decision stands", async () => {
    await actAs(leadLiaison);
    const submitted = await submitProgressReport(report(lead.id));
    const reportId = String(submitted.ok ? submitted.data.id : 0);
    await actAs(world.a.users.bureau);
    expect(await approveProgressReport({ reportId, version: "1" })).toMatchObject({ ok: true });
    await actAs(world.admin);
    expect(await returnProgressReport({ reportId, version: "1", comment: "退回" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await db().progressReport.findFirstOrThrow({ where: { id: Number(reportId) } })).toMatchObject({ state: "APPROVED" });
  });
});

describe("the measure page offers 审核 exactly when the action takes it (lib/progress/rules.ts)", () => {
  type Who = "bureau" | "otherBureau" | "leader" | "responsibleLiaison" | "admin";
  it.each(
    (["bureau", "otherBureau", "leader", "responsibleLiaison", "admin"] as const).flatMap((who) =>
      (["DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const).map((state) => [who, state] as const),
    ),
  )("%s on a %s report", async (who: Who, state) => {
    await actAs(world.a.users.liaison);
    const saved = await saveProgressDraft(report(responsible.id));
    if (!saved.ok) throw new Error(saved.message);
    if (state !== "DRAFT") await db().progressReport.update({ where: { id: saved.data.id }, data: { state } });
    const row = await db().progressReport.findUniqueOrThrow({ where: { id: saved.data.id } });
    const actor = (await actAs(
      {
        bureau: world.a.users.bureau,
        otherBureau: world.b.users.bureau,
        leader: world.a.users.leader,
        responsibleLiaison: world.a.users.liaison,
        admin: world.admin,
      }[who],
    ))!;
    // What the page shows (app/(app)/measures/[id]/page.tsx): 通过/退回 beside each report it lists.
    const detail = await getMeasureDetail(actor, responsible.measureId);
    const shown = (detail?.assignments ?? []).flatMap((a) => a.reports.map((r) => ({ ...r, unit: a.unit })));
    const offered = shown.some((r) => r.id === row.id && reviewRefusal(actor, r) === null);
    const taken = (await approveProgressReport({ reportId: String(row.id), version: String(row.version) })).ok;
    expect({ who, state, offered }).toEqual({ who, state, offered: taken });
  });
});

describe("the measure page offers a report form exactly when the action takes the report (lib/progress/rules.ts)", () => {
  type Who = "bureau" | "otherBureau" | "leader" | "responsibleLiaison" | "leadLiaison" | "admin";
  it.each(
    (["bureau", "otherBureau", "leader", "responsibleLiaison", "leadLiaison", "admin"] as const).flatMap((who) =>
      (["LEAD", "RESPONSIBLE"] as const).map((role) => [who, role] as const),
    ),
  )("%s on the %s assignment", async (who: Who, role) => {
    const assignmentId = role === "LEAD" ? lead.id : responsible.id;
    const actor = (await actAs(
      {
        bureau: world.a.users.bureau,
        otherBureau: world.b.users.bureau,
        leader: world.a.users.leader,
        responsibleLiaison: world.a.users.liaison,
        leadLiaison: leadLiaison,
        admin: world.admin,
      }[who],
    ))!;
    // What the page offers (app/(app)/measures/[id]/page.tsx): a liaison its unit's form at
    // once; bureau staff a 代报 link, whose ?for= then gives the form.
    const detail = await getMeasureDetail(actor, responsible.measureId);
    const a = detail?.assignments.find((x) => x.id === assignmentId);
    const link = a ? offersReportOnBehalf(actor, a) : false;
    const offered = a ? reportsFor(actor, a, link ? a.id : null) : false;
    const taken = (await saveProgressDraft(report(assignmentId))).ok;
    expect({ who, role, offered }).toEqual({ who, role, offered: taken });
    // A liaison is never offered 代报: it reports for its own unit only.
    if (who.endsWith("Liaison")) expect(link).toBe(false);
  });
});

describe("the measure page's report list (getMeasureDetail)", () => {
  it("lists a draft to its own unit only; once submitted, to all who read the progress", async () => {
    await actAs(world.a.users.liaison);
    const saved = await saveProgressDraft(report(responsible.id));
    if (!saved.ok) throw new Error(saved.message);
    const listed = async (user: { id: number }) =>
      ((await getMeasureDetail((await actAs(user))!, responsible.measureId))?.listedReports ?? []).map((r) => r.id);
    expect(await listed(world.a.users.liaison)).toEqual([saved.data.id]);
    expect(await listed(world.a.users.bureau)).toEqual([]);
    expect(await listed(leadLiaison)).toEqual([]);
    await db().progressReport.update({ where: { id: saved.data.id }, data: { state: "SUBMITTED" } });
    expect(await listed(world.a.users.bureau)).toEqual([saved.data.id]);
    expect(await listed(leadLiaison)).toEqual([saved.data.id]);
  });
});

describe("我的任务", () => {
  it("lists the unit's assignments, direct and through a group, with light and period state; Chinese search narrows them", async () => {
    const plan = await db().plan.findFirstOrThrow({ where: { regionId: world.a.region.id } });
    const group = await createUnitGroup(db(), {
      regionId: world.a.region.id,
      name: "区直有关部门",
      memberIds: [world.a.units.development.id],
    });
    const viaGroup = await createMeasure(db(), { planId: plan.id, code: "2", text: "推进行政复议体制改革", ongoing: true });
    await db().assignment.create({
      data: {
        measureId: viaGroup.id,
        unitId: world.a.units.development.id,
        role: "RESPONSIBLE",
        source: "GROUP",
        viaGroupId: group.id,
        districtId: plan.districtId,
      },
    });
    const actor = await actAs(world.a.users.liaison);
    await submitProgressReport(report(responsible.id));

    const tasks = await listMyTasks(actor!, {}, "2024-08-15");
    expect(tasks.map((t) => [t.measure.code, t.role, t.viaGroup?.name ?? null])).toEqual([
      ["1", "RESPONSIBLE", null],
      ["2", "RESPONSIBLE", "区直有关部门"],
    ]);
    expect(tasks[0]).toMatchObject({ nextPeriod: { key: "2024-Q3" }, nextState: "SUBMITTED" });
    expect(tasks.every((t) => ["RED", "YELLOW", "GREEN", "GREY"].includes(t.light))).toBe(true);

    expect((await listMyTasks(actor!, { q: "行政复议" }, "2024-08-15")).map((t) => t.measure.code)).toEqual(["2"]);
    expect(await listMyTasks(actor!, { q: "不存在的内容" }, "2024-08-15")).toEqual([]);
    const otherLiaison = await actAs(leadLiaison);
    expect((await listMyTasks(otherLiaison!, {}, "2024-08-15")).map((t) => [t.measure.code, t.role])).toEqual([["1", "LEAD"]]);
  });
});

describe("review findings", () => {
  it("a closed plan takes no more reports", async () => {
    await db().plan.updateMany({ where: { regionId: world.a.region.id }, data: { status: "CLOSED" } });
    await actAs(world.a.users.liaison);
    const before = await snapshot();
    expect(await submitProgressReport(report(responsible.id))).toMatchObject({ ok: false, message: "该规划已结束,不再接受进展报送。" });
    expect(await snapshot()).toEqual(before);
  });

  it("two first saves of the same period at once: one wins, the other gets a conflict, one row", async () => {
    await actAs(world.a.users.liaison);
    const results = await Promise.all([
      saveProgressDraft(report(responsible.id, { text: "甲" })),
      saveProgressDraft(report(responsible.id, { text: "乙" })),
    ]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: "CONFLICT" });
    expect(await db().progressReport.count()).toBe(1);
  });

  it("approving a late report for an earlier period never undoes a completion", async () => {
    await actAs(leadLiaison);
    vi.setSystemTime(new Date("2024-07-05T02:00:00Z"));
    const q2 = await submitProgressReport(report(lead.id, { periodKey: "2024-Q2", text: "二季度进展", percent: "30" }));
    const q3 = await submitProgressReport(report(lead.id, { claimedStatus: "COMPLETED" }));
    await actAs(world.a.users.bureau);
    expect(await approveProgressReport({ reportId: String(q3.ok && q3.data.id), version: "1" })).toMatchObject({ ok: true });
    expect(await approveProgressReport({ reportId: String(q2.ok && q2.data.id), version: "1" })).toMatchObject({ ok: true });
    expect(await db().assignment.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ status: "COMPLETED", percent: 100 });
  });

  it("editing a returned report makes it a draft again; the return stays in the timeline", async () => {
    await actAs(leadLiaison);
    const submitted = await submitProgressReport(report(lead.id));
    await actAs(world.a.users.bureau);
    await returnProgressReport({ reportId: String(submitted.ok && submitted.data.id), version: "1", comment: "补充材料" });
    await actAs(leadLiaison);
    expect(await saveProgressDraft(report(lead.id, { text: "修改中", version: "2" }))).toMatchObject({ ok: true });
    expect(await db().progressReport.findFirstOrThrow()).toMatchObject({ state: "DRAFT", text: "修改中" });
    expect(await db().auditEvent.count({ where: { action: "report.return" } })).toBe(1);
  });

  it("bureau 本期无新进展 on a unit's behalf still needs the original", async () => {
    await actAs(world.a.users.liaison);
    vi.setSystemTime(new Date("2024-05-15T02:00:00Z"));
    await submitProgressReport(report(responsible.id, { periodKey: "2024-Q2" }));
    vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
    await actAs(world.a.users.bureau);
    const result = await carryForwardProgressReport({ assignmentId: String(responsible.id), periodKey: "2024-Q3" });
    expect(!result.ok && result.fieldErrors?.evidence).toEqual(["代报须上传单位报来的原件(纸质件扫描或邮件附件)"]);
  });

  it("a responsible unit's task turns green once the lead's completion is approved", async () => {
    await actAs(leadLiaison);
    const done = await submitProgressReport(report(lead.id, { claimedStatus: "COMPLETED" }));
    await actAs(world.a.users.bureau);
    await approveProgressReport({ reportId: String(done.ok && done.data.id), version: "1" });
    const liaison = await actAs(world.a.users.liaison);
    const [task] = await listMyTasks(liaison!, {}, "2025-03-01");
    expect(task).toMatchObject({ light: "GREEN", reason: "已完成" });
  });
});
