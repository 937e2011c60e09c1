import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createFinding, createInspection, createMeasure, createPlan, createProgressReport } from "@/lib/demo/factories.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { listTasksByUrgency, loadWorkbench } from "@/lib/workbench/queries.ts";
import { buildTwoDistricts } from "../support/world.ts";

// The liaison's workbench on the real database: 2024-08-15, so 2024 Q3 (due
// 10-10) is being collected and 2024 Q2 (due 07-10) is late where missing.
const TODAY = "2024-08-15";
const Q2 = { start: "2024-04-01", end: "2024-06-30" };
const Q3 = { start: "2024-07-01", end: "2024-09-30" };

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
  world = await buildTwoDistricts();
  const prisma = db();
  const { a } = world;
  const plan = await createPlan(prisma, { regionId: a.region.id, title: "工作台测试方案" });
  const dev = a.units.development.id;
  const author = a.users.liaison.id;
  const measure = async (code: string, text: string, deadline: string, unitId = dev) =>
    createMeasure(prisma, { planId: plan.id, code, text, deadline, leadUnitIds: [unitId] });
  const report = async (measureId: number, period: { start: string; end: string }, state: "APPROVED" | "SUBMITTED" | "RETURNED") => {
    const assignment = await prisma.assignment.findFirstOrThrow({ where: { measureId } });
    await createProgressReport(prisma, {
      assignmentId: assignment.id,
      period,
      state,
      text: "进展。",
      authorId: author,
      ...(state === "SUBMITTED" ? {} : { reviewerId: a.users.bureau.id }),
    });
  };
  const upcoming = await measure("5", "临期已报", "2024-09-01");
  const due = await measure("4", "本期待报", "2025-12-31");
  const overdue = await measure("2", "已过时限", "2024-07-31");
  await measure("3", "上期未报", "2025-12-31");
  const returned = await measure("1", "本期被退回", "2025-12-31");
  // Another unit of the same district: not on this liaison's workbench.
  await measure("6", "司法局的举措", "2024-07-01", a.units.justice.id);
  // Assigned long ago: every period since owes a report (the rows' createdAt is the database's clock).
  await prisma.assignment.updateMany({ where: { measure: { planId: plan.id } }, data: { createdAt: new Date("2024-01-02T00:00:00Z") } });
  await report(returned.id, Q2, "APPROVED");
  await report(returned.id, Q3, "RETURNED");
  await report(overdue.id, Q2, "APPROVED");
  await report(overdue.id, Q3, "SUBMITTED");
  await report(due.id, Q2, "APPROVED");
  await report(upcoming.id, Q2, "APPROVED");
  await report(upcoming.id, Q3, "SUBMITTED");
  const inspection = await createInspection(prisma, { regionId: a.region.id, title: "2024年法治督察", inspectedOn: "2024-06-01" });
  await createFinding(prisma, { inspectionId: inspection.id, text: "行政复议决定书未公开", unitIds: [dev], deadline: "2024-12-31" });
});

afterEach(() => {
  vi.useRealTimers();
});

const titles = (
  groups: {
    group: string;
    items: { kind: string; task?: { measure: { text: string } }; rectification?: { finding: { text: string } } }[];
  }[],
) => groups.map((g) => [g.group, g.items.map((i) => (i.kind === "TASK" ? i.task!.measure.text : i.rectification!.finding.text))]);

describe("loadWorkbench", () => {
  it("groups the unit's work by urgency with counts for this period and the deadline countdowns", async () => {
    const actor = (await loadActor(world.a.users.liaison.id))!;
    const workbench = await loadWorkbench(actor, null, TODAY);
    expect(titles(workbench.groups)).toEqual([
      ["RETURNED", ["本期被退回"]],
      ["OVERDUE", ["上期未报", "已过时限"]],
      ["DUE", ["本期待报", "行政复议决定书未公开"]],
      ["UPCOMING", ["临期已报"]],
    ]);
    expect(workbench.counts).toEqual({ returned: 1, overdue: 2, due: 3, soon: 1, rectification: 1 });
    expect(workbench.countdown?.text).toBe("2024年第三季度进展 10月10日截止,还有 56 天");
    expect(workbench.lateCountdown).toMatchObject({ text: "2024年第二季度进展 7月10日截止,已逾期 36 天", missing: 1 });
  });

  it("a view keeps the items with that flag: 被退回 only the returned one, 临期 only the one due soon", async () => {
    const actor = (await loadActor(world.a.users.liaison.id))!;
    expect(titles((await loadWorkbench(actor, "returned", TODAY)).groups)).toEqual([["RETURNED", ["本期被退回"]]]);
    expect(titles((await loadWorkbench(actor, "soon", TODAY)).groups)).toEqual([["UPCOMING", ["临期已报"]]]);
    expect(titles((await loadWorkbench(actor, "rectification", TODAY)).groups)).toEqual([["DUE", ["行政复议决定书未公开"]]]);
  });

  it("我的任务 orders the same tasks the same way, without the 整改 items", async () => {
    const actor = (await loadActor(world.a.users.liaison.id))!;
    const { total, groups, counts } = await listTasksByUrgency(actor, {}, null, TODAY);
    expect(total).toBe(5);
    expect(titles(groups)).toEqual([
      ["RETURNED", ["本期被退回"]],
      ["OVERDUE", ["上期未报", "已过时限"]],
      ["DUE", ["本期待报"]],
      ["UPCOMING", ["临期已报"]],
    ]);
    expect(counts).toEqual({ returned: 1, overdue: 2, due: 2, soon: 1, rectification: 0 });
  });

  it("shows a liaison only its own unit's work: another district's liaison and the bureau get nothing", async () => {
    const other = (await loadActor(world.b.users.liaison.id))!;
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    for (const actor of [other, bureau]) {
      const workbench = await loadWorkbench(actor, null, TODAY);
      expect(workbench.groups).toEqual([]);
      expect(workbench.counts).toEqual({ returned: 0, overdue: 0, due: 0, soon: 0, rectification: 0 });
      expect(workbench.countdown).toBeNull();
    }
  });
});
