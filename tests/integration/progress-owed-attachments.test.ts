import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createUser } from "@/lib/demo/factories.ts";
import { returnProgressReport, saveProgressDraft, submitProgressReport } from "@/lib/progress/actions.ts";
import { getMeasureDetail } from "@/lib/progress/queries.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// The measure page's report loop: one form for the oldest period still owed, and
// the evidence of a report that is edited again (returned or draft) kept unless removed.

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let measureId: number;
let lead: { id: number };
let responsible: { id: number };
let leadLiaison: { id: number };
let otherDistrictAssignment: { id: number };

beforeEach(async () => {
  // 2026-12-06 in Beijing: 2026-Q3 (due 10-10) is late but still accepted, 2026-Q4 is being collected.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-06T02:00:00Z"));
  world = await buildTwoDistricts();
  const plan = await createPlan(db(), {
    regionId: world.a.region.id,
    title: "下陆区法治政府建设实施方案",
    periodStart: 2026,
    periodEnd: 2030,
  });
  const measure = await createMeasure(db(), {
    planId: plan.id,
    code: "1",
    deadline: "2030-12-31",
    leadUnitIds: [world.a.units.justice.id],
    responsibleUnitIds: [world.a.units.development.id],
  });
  measureId = measure.id;
  // Assigned at the start of the year, so the units owe Q3 as well as Q4.
  await db().assignment.updateMany({ where: { measureId }, data: { createdAt: new Date("2026-01-05T00:00:00Z") } });
  const assignments = await db().assignment.findMany({ where: { measureId } });
  lead = assignments.find((a) => a.role === "LEAD")!;
  responsible = assignments.find((a) => a.role === "RESPONSIBLE")!;
  leadLiaison = await createUser(db(), {
    login: "a.justice.liaison",
    name: "司法局联络员",
    role: "LIAISON",
    regionId: world.a.region.id,
    unitId: world.a.units.justice.id,
  });
  const otherPlan = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区方案", periodStart: 2026, periodEnd: 2030 });
  const otherMeasure = await createMeasure(db(), { planId: otherPlan.id, code: "1", leadUnitIds: [world.b.units.development.id] });
  otherDistrictAssignment = await db().assignment.findFirstOrThrow({ where: { measureId: otherMeasure.id } });
});

afterEach(() => {
  vi.useRealTimers();
});

const PDF_HEAD = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n";
const pdf = (name: string, body = "") => new File([new TextEncoder().encode(PDF_HEAD + body)], name, { type: "application/pdf" });

function form(fields: Record<string, unknown>, files: File[] = [], remove: number[] = []) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  for (const file of files) data.append("evidence", file);
  for (const id of remove) data.append("removeAttachment", String(id));
  return data;
}

const report = (assignmentId: number, extra: Record<string, unknown> = {}) => ({
  assignmentId: String(assignmentId),
  periodKey: "2026-Q3",
  text: "已完成制度起草,报区政府审议。",
  percent: "60",
  claimedStatus: "IN_PROGRESS",
  ...extra,
});

async function owedKeys(user: { id: number }, assignmentId: number) {
  const actor = await actAs(user);
  const detail = await getMeasureDetail(actor!, measureId);
  const assignment = detail!.assignments.find((a) => a.id === assignmentId)!;
  return {
    owed: assignment.periods.filter((p) => p.owed).map((p) => p.period.key),
    states: Object.fromEntries(assignment.periods.map((p) => [p.period.key, p.state])),
  };
}

async function attachmentsOf(assignmentId: number) {
  return db().attachment.findMany({ where: { report: { assignmentId } }, orderBy: { id: "asc" } });
}

describe("which period is owed first", () => {
  it("the late period comes before the one being collected; once it is sent the next one is owed", async () => {
    expect(await owedKeys(world.a.users.liaison, responsible.id)).toEqual({
      owed: ["2026-Q3", "2026-Q4"],
      states: { "2026-Q3": "NONE", "2026-Q4": "NONE" },
    });
    await actAs(world.a.users.liaison);
    expect(await submitProgressReport(report(responsible.id))).toMatchObject({ ok: true });
    expect(await owedKeys(world.a.users.liaison, responsible.id)).toEqual({
      owed: ["2026-Q4"],
      states: { "2026-Q3": "SUBMITTED", "2026-Q4": "NONE" },
    });
  });

  it("a report sent back is owed again, before the next period", async () => {
    await actAs(leadLiaison);
    const sent = await submitProgressReport(report(lead.id));
    await actAs(world.a.users.bureau);
    await returnProgressReport({ reportId: String(sent.ok && sent.data.id), version: "1", comment: "请补充材料" });
    expect((await owedKeys(leadLiaison, lead.id)).owed).toEqual(["2026-Q3", "2026-Q4"]);
    // The responsible unit's state is its own: the lead's return is not its business.
    expect((await owedKeys(world.a.users.liaison, responsible.id)).states).toEqual({ "2026-Q3": "NONE", "2026-Q4": "NONE" });
  });

  it("a unit assigned after Q3 ended owes only Q4", async () => {
    await db().assignment.update({ where: { id: responsible.id }, data: { createdAt: new Date("2026-11-20T00:00:00Z") } });
    expect((await owedKeys(world.a.users.liaison, responsible.id)).owed).toEqual(["2026-Q4"]);
  });
});

describe("attachments when a report is edited again", () => {
  it("resubmitting a returned report keeps its attachments", async () => {
    await actAs(world.a.users.liaison);
    const sent = await submitProgressReport(form(report(responsible.id), [pdf("印发文件.pdf")]));
    await actAs(world.a.users.bureau);
    await returnProgressReport({ reportId: String(sent.ok && sent.data.id), version: "1", comment: "请补充说明" });
    await actAs(world.a.users.liaison);
    expect(await submitProgressReport(form(report(responsible.id, { text: "补充了说明。", version: "2" })))).toMatchObject({ ok: true });
    const saved = await db().progressReport.findFirstOrThrow({ where: { assignmentId: responsible.id }, include: { attachments: true } });
    expect(saved).toMatchObject({ state: "SUBMITTED", text: "补充了说明。" });
    expect(saved.attachments.map((a) => a.fileName)).toEqual(["印发文件.pdf"]);
  });

  it("the same file again on the same report adds no second row (its bytes are stored once per hash anyway)", async () => {
    await actAs(world.a.users.liaison);
    const draft = await saveProgressDraft(form(report(responsible.id), [pdf("印发文件.pdf"), pdf("印发文件(副本).pdf")]));
    expect(draft).toMatchObject({ ok: true });
    expect((await attachmentsOf(responsible.id)).map((a) => a.fileName)).toEqual(["印发文件.pdf"]);
    expect(
      await submitProgressReport(form(report(responsible.id, { version: "1" }), [pdf("再传一次.pdf"), pdf("新材料.pdf", "new")])),
    ).toMatchObject({ ok: true });
    expect((await attachmentsOf(responsible.id)).map((a) => a.fileName)).toEqual(["印发文件.pdf", "新材料.pdf"]);
  });

  it("removing one works, in the same step, and is audited", async () => {
    await actAs(world.a.users.liaison);
    await saveProgressDraft(form(report(responsible.id), [pdf("旧稿.pdf", "old"), pdf("印发文件.pdf", "final")]));
    const [old, kept] = await attachmentsOf(responsible.id);
    expect(await submitProgressReport(form(report(responsible.id, { version: "1" }), [], [old!.id]))).toMatchObject({ ok: true });
    expect((await attachmentsOf(responsible.id)).map((a) => a.id)).toEqual([kept!.id]);
    const events = await db().auditEvent.findMany({ where: { action: "report.removeAttachment" } });
    expect(events).toMatchObject([
      {
        actorId: world.a.users.liaison.id,
        entityType: "ProgressReport",
        entityId: String(old!.reportId),
        before: { id: old!.id, fileName: "旧稿.pdf" },
      },
    ]);
  });

  it("an attachment that is not this report's answers NOT_FOUND and nothing changes", async () => {
    await actAs(leadLiaison);
    await submitProgressReport(form(report(lead.id), [pdf("牵头单位材料.pdf", "lead")]));
    const [leadsFile] = await attachmentsOf(lead.id);
    await actAs(world.b.users.liaison);
    await submitProgressReport(form(report(otherDistrictAssignment.id), [pdf("外区材料.pdf", "other")]));
    const [otherDistrictFile] = await attachmentsOf(otherDistrictAssignment.id);
    await actAs(world.a.users.liaison);
    await saveProgressDraft(form(report(responsible.id), [pdf("本单位材料.pdf", "own")]));

    const snapshot = async () => ({
      reports: await db().progressReport.findMany({ orderBy: { id: "asc" } }),
      attachments: await db().attachment.findMany({ orderBy: { id: "asc" } }),
      audit: await db().auditEvent.count(),
    });
    const before = await snapshot();
    for (const id of [leadsFile!.id, otherDistrictFile!.id, 999_999]) {
      for (const action of [saveProgressDraft, submitProgressReport]) {
        expect(await action(form(report(responsible.id, { version: "1" }), [pdf("又一份.pdf", "more")], [id]))).toMatchObject({
          ok: false,
          code: "NOT_FOUND",
        });
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});
