import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chinaTime } from "@/lib/dates.ts";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport } from "@/lib/demo/factories.ts";
import { closePlan } from "@/lib/plans/life-actions.ts";
import { createEvaluation, createFinalEvaluation } from "@/lib/evaluations/actions.ts";
import { computePlanSnapshot } from "@/lib/evaluations/load.ts";
import { snapshotPlanOf, PLAN_FOR_EVALUATION_SELECT, writeFinalEvaluation } from "@/lib/evaluations/write.ts";
import { expirePlan } from "@/lib/plans/life-write.ts";
import { listEvaluations, loadEvaluationReport } from "@/lib/evaluations/queries.ts";
import { EVALUATION_KIND_LABELS } from "@/lib/evaluations/schema.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// 终期评估 (issue 15): closing a plan offers the mid-term evaluation's snapshot
// at the day it ended. Today is 2026-12-06; the 2021–2025 plan expired on
// 2025-12-31. Its measures:
//   done     completed (approved) on 2025-10-14, before the end
//   late     its completion reported on 2026-01-05 and approved 2026-01-07, after the end
//   ongoing  长期坚持, reported in 2025
//   overdue  deadline 2025-06-30, never completed

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const END = "2025-12-31";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let plan: { id: number };
let M: Record<"done" | "late" | "ongoing" | "overdue", number>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-06T02:00:00Z"));
  world = await buildTwoDistricts();
  const J = world.a.units.justice.id;
  plan = await createPlan(db(), { regionId: world.a.region.id, title: "下陆区法治政府建设规划", periodStart: 2021, periodEnd: 2025 });
  await db().plan.update({ where: { id: plan.id }, data: { issueDate: day("2021-06-30") } });
  M = {
    done: (await createMeasure(db(), { planId: plan.id, code: "1", deadline: "2025-12-31", leadUnitIds: [J] })).id,
    late: (await createMeasure(db(), { planId: plan.id, code: "2", deadline: "2025-12-31", leadUnitIds: [J] })).id,
    ongoing: (await createMeasure(db(), { planId: plan.id, code: "3", ongoing: true, leadUnitIds: [J] })).id,
    overdue: (await createMeasure(db(), { planId: plan.id, code: "4", deadline: "2025-06-30", leadUnitIds: [J] })).id,
  };
  await db().measure.updateMany({ where: { planId: plan.id }, data: { createdAt: day("2021-06-30") } });
  await db().assignment.updateMany({ where: { measure: { planId: plan.id } }, data: { createdAt: day("2021-06-30") } });
  const assignment = async (measureId: number) => (await db().assignment.findFirstOrThrow({ where: { measureId } })).id;
  const reviewerId = world.a.users.bureau.id;
  const authorId = world.a.users.liaison.id;
  const q3 = { start: "2025-07-01", end: "2025-09-30" };
  const q4 = { start: "2025-10-01", end: "2025-12-31" };
  await createProgressReport(db(), {
    assignmentId: await assignment(M.done),
    period: q3,
    state: "APPROVED",
    claimedStatus: "COMPLETED",
    authorId,
    reviewerId,
    submittedAt: chinaTime("2025-10-10"),
    reviewedAt: chinaTime("2025-10-14"),
  });
  for (const key of ["late", "ongoing", "overdue"] as const) {
    await createProgressReport(db(), {
      assignmentId: await assignment(M[key]),
      period: q3,
      state: "APPROVED",
      percent: 60,
      authorId,
      reviewerId,
      submittedAt: chinaTime("2025-10-08"),
      reviewedAt: chinaTime("2025-10-09"),
    });
  }
  // After the end date: the late measure's completion, approved in January.
  await createProgressReport(db(), {
    assignmentId: await assignment(M.late),
    period: q4,
    state: "APPROVED",
    claimedStatus: "COMPLETED",
    authorId,
    reviewerId,
    submittedAt: chinaTime("2026-01-05"),
    reviewedAt: chinaTime("2026-01-07"),
  });
});

afterEach(() => {
  vi.useRealTimers();
});

const itemsOf = async (evaluationId: number) =>
  (
    await db().evaluationItem.findMany({
      where: { evaluationId },
      orderBy: { measureId: "asc" },
      select: {
        measureId: true,
        status: true,
        light: true,
        percent: true,
        deadline: true,
        deadlineKind: true,
        chapterId: true,
        leadUnitIds: true,
        unitIds: true,
      },
    })
  ).map((i) => ({ ...i, deadline: i.deadline?.toISOString().slice(0, 10) ?? null }));

describe("终期评估", () => {
  it("equals the snapshot at the end date, even when reports arrive after it", async () => {
    await actAs(world.a.users.bureau);
    // Not before the plan is closed.
    expect(await createFinalEvaluation({ planId: String(plan.id) })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "规划期满或终止后才能生成终期评估",
    });
    expect(await closePlan({ planId: String(plan.id), endKind: "EXPIRED", endedOn: END })).toMatchObject({ ok: true });

    const result = await createFinalEvaluation({ planId: String(plan.id) });
    expect(result).toMatchObject({ ok: true, message: "已生成终期评估" });
    if (!result.ok) throw new Error("unreachable");
    const final = await db().evaluation.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(final).toMatchObject({ kind: "FINAL", snapshotDate: day(END), title: "下陆区法治政府建设规划终期评估", planId: plan.id });

    // The snapshot function's output for that date …
    const row = await db().plan.findUniqueOrThrow({ where: { id: plan.id }, select: PLAN_FOR_EVALUATION_SELECT });
    const snapshot = (await computePlanSnapshot(db(), snapshotPlanOf(row), END))
      .map(({ reason: _reason, ...item }) => item)
      .sort((a, b) => a.measureId - b.measureId);
    expect(await itemsOf(final.id)).toEqual(snapshot);
    // … and a 中期评估 taken at the same day give the same items.
    const midterm = await createEvaluation({ planId: String(plan.id), title: "同日快照", snapshotDate: END });
    if (!midterm.ok) throw new Error(midterm.message);
    expect(await itemsOf(midterm.data.id)).toEqual(await itemsOf(final.id));

    // Worked by hand: the late completion is not counted; it is among the unfinished.
    const status = new Map((await itemsOf(final.id)).map((i) => [i.measureId, i.status]));
    expect(Object.fromEntries(Object.entries(M).map(([k, id]) => [k, status.get(id)]))).toEqual({
      done: "COMPLETED",
      late: "IN_PROGRESS",
      ongoing: "IN_PROGRESS",
      overdue: "OVERDUE",
    });
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    const report = (await loadEvaluationReport(bureau, final.id))!;
    expect(report.unfinished.map((r) => r.measureId)).toEqual([M.late, M.ongoing, M.overdue]);
    // Today the late one is completed: the comparison says so.
    expect(report.comparison.rows.find((r) => r.measureId === M.late)).toMatchObject({
      thenStatus: "IN_PROGRESS",
      nowStatus: "COMPLETED",
      change: "COMPLETED_SINCE",
    });

    // The list says which kind each is, from one map.
    const listed = await listEvaluations(bureau);
    expect(listed.map((e) => EVALUATION_KIND_LABELS[e.kind]).sort()).toEqual(["中期评估", "终期评估"]);

    // One 终期评估 per plan, audited once.
    expect(await createFinalEvaluation({ planId: String(plan.id) })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await db().auditEvent.count({ where: { action: "evaluation.create", entityId: String(final.id) } })).toBe(1);
  });

  it("two bureau users taking it at once: one is taken, the other told it exists (CONFLICT)", async () => {
    await actAs(world.a.users.bureau);
    expect(await closePlan({ planId: String(plan.id), endKind: "EXPIRED", endedOn: END })).toMatchObject({ ok: true });
    const results = await Promise.all([
      createFinalEvaluation({ planId: String(plan.id) }),
      createFinalEvaluation({ planId: String(plan.id) }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/^该规划已有终期评估/) });
    expect(await db().evaluation.count({ where: { planId: plan.id, kind: "FINAL" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "evaluation.create" } })).toBe(1);
  });

  it("another district's bureau gets NOT_FOUND, a liaison FORBIDDEN; nothing is written", async () => {
    await actAs(world.a.users.bureau);
    await closePlan({ planId: String(plan.id), endKind: "TERMINATED", endedOn: "2025-06-30", reason: "被新规划取代" });
    await actAs(world.b.users.bureau);
    expect(await createFinalEvaluation({ planId: String(plan.id) })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await actAs(world.a.users.liaison);
    expect(await createFinalEvaluation({ planId: String(plan.id) })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db().evaluation.count()).toBe(0);
    // A terminated plan's 终期评估 is taken at the day it ended.
    await actAs(world.a.users.bureau);
    const result = await createFinalEvaluation({ planId: String(plan.id) });
    if (!result.ok) throw new Error(result.message);
    expect(await db().evaluation.findUniqueOrThrow({ where: { id: result.data.id } })).toMatchObject({
      kind: "FINAL",
      snapshotDate: day("2025-06-30"),
    });
  });
});

describe("for the demo seed: expirePlan and writeFinalEvaluation in one transaction", () => {
  it("close the plan as 期满 at its end and freeze its 终期评估 there, audited", async () => {
    const bureau = (await loadActor(world.a.users.bureau.id))!;
    const evaluation = await db().$transaction(async (tx) => {
      await expirePlan(tx, bureau, plan.id);
      return writeFinalEvaluation(tx, bureau, plan.id);
    });
    expect(await db().plan.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({
      status: "CLOSED",
      endKind: "EXPIRED",
      endedOn: day(END),
    });
    expect(evaluation).toMatchObject({ kind: "FINAL", snapshotDate: day(END), title: "下陆区法治政府建设规划终期评估" });
    expect(await db().evaluationItem.count({ where: { evaluationId: evaluation.id } })).toBe(4);
    expect((await db().auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action)).toEqual(["plan.expire", "evaluation.create"]);
    // Outside the actor's scope nothing happens.
    const other = (await loadActor(world.b.users.bureau.id))!;
    await expect(db().$transaction((tx) => expirePlan(tx, other, plan.id))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
