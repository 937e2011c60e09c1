import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { ERROR_MESSAGES } from "@/lib/errors.ts";
import { createMeasure, createPlan, createRegion, createUnit, createUser } from "@/lib/demo/factories.ts";
import { extensionDecisionRefusal } from "@/lib/extensions/rules.ts";
import { approveDeadlineExtension, rejectDeadlineExtension, requestDeadlineExtension } from "@/lib/extensions/actions.ts";
import { extensionRequestOpen, listMeasureExtensions, listPendingExtensions } from "@/lib/extensions/queries.ts";
import { can } from "@/lib/auth/policy.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let measure: { id: number };
let ongoing: { id: number };
let undated: { id: number };
let overdue: { id: number };
let twoLeads: { id: number };
let otherMeasure: { id: number };
let leadLiaison: { id: number };

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeEach(async () => {
  // 2024-08-15 in Beijing.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
  world = await buildTwoDistricts();
  const { justice, development } = world.a.units;
  const plan = await createPlan(db(), { regionId: world.a.region.id, title: "下陆区法治政府建设实施方案" });
  measure = await createMeasure(db(), {
    planId: plan.id,
    code: "1",
    deadline: "2024-12-31",
    leadUnitIds: [justice.id],
    responsibleUnitIds: [development.id],
  });
  ongoing = await createMeasure(db(), { planId: plan.id, code: "2", ongoing: true, leadUnitIds: [justice.id] });
  undated = await createMeasure(db(), { planId: plan.id, code: "3", leadUnitIds: [justice.id] });
  overdue = await createMeasure(db(), { planId: plan.id, code: "4", deadline: "2024-06-30", leadUnitIds: [justice.id] });
  twoLeads = await createMeasure(db(), {
    planId: plan.id,
    code: "5",
    deadline: "2024-12-31",
    leadUnitIds: [justice.id, development.id],
  });
  leadLiaison = await createUser(db(), {
    login: "a.justice.liaison",
    name: "司法局联络员",
    role: "LIAISON",
    regionId: world.a.region.id,
    unitId: justice.id,
  });
  const otherPlan = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区方案" });
  // world.b.users.liaison is the lead unit's liaison there.
  otherMeasure = await createMeasure(db(), {
    planId: otherPlan.id,
    code: "1",
    deadline: "2024-12-31",
    leadUnitIds: [world.b.units.development.id],
  });
});

afterEach(() => {
  vi.useRealTimers();
});

const ask = (measureId: number, extra: Record<string, unknown> = {}) => ({
  measureId: String(measureId),
  newDeadline: "2025-03-31",
  reason: "需经区政府常务会议审议,会期推迟。",
  ...extra,
});

async function requested(who: { id: number }, measureId: number, extra: Record<string, unknown> = {}) {
  await actAs(who);
  const result = await requestDeadlineExtension(ask(measureId, extra));
  if (!result.ok) throw new Error(`request refused: ${result.message}`);
  return result.data.id;
}

async function snapshot() {
  const [measures, extensions, notifications, audit] = await Promise.all([
    db().measure.findMany({ orderBy: { id: "asc" } }),
    db().deadlineExtension.findMany({ orderBy: { id: "asc" } }),
    db().notification.findMany({ orderBy: { id: "asc" } }),
    db().auditEvent.count(),
  ]);
  return { measures, extensions, notifications, audit };
}

describe("the extension cycle", () => {
  it("the lead unit asks, the bureau approves: the deadline moves and the printed one is kept", async () => {
    const extensionId = await requested(leadLiaison, measure.id);

    expect(await db().deadlineExtension.findUniqueOrThrow({ where: { id: extensionId } })).toMatchObject({
      state: "PENDING",
      unitId: world.a.units.justice.id,
      requestedById: leadLiaison.id,
      oldDeadline: day("2024-12-31"),
      newDeadline: day("2025-03-31"),
      districtId: world.a.region.id,
    });
    // Nothing moves before the decision.
    expect(await db().measure.findUniqueOrThrow({ where: { id: measure.id } })).toMatchObject({
      deadline: day("2024-12-31"),
      originalDeadline: null,
    });
    // The district's bureau is told; the other district's is not.
    expect(await db().notification.findMany({ where: { userId: world.a.users.bureau.id } })).toMatchObject([
      {
        title: "有新的延期申请待审批",
        body: expect.stringContaining("由 2024-12-31 延至 2025-03-31"),
        link: `/measures/${measure.id}`,
        districtId: world.a.region.id,
      },
    ]);
    expect(await db().notification.count({ where: { userId: world.b.users.bureau.id } })).toBe(0);

    const bureau = (await actAs(world.a.users.bureau))!;
    expect((await listPendingExtensions(bureau)).map((e) => [e.id, e.measure.id, e.unit.name])).toEqual([
      [extensionId, measure.id, "区司法局"],
    ]);
    expect(await approveDeadlineExtension({ extensionId: String(extensionId), comment: "同意延期。" })).toMatchObject({
      ok: true,
      message: "已批准延期,完成时限改为 2025-03-31",
    });

    expect(await db().measure.findUniqueOrThrow({ where: { id: measure.id } })).toMatchObject({
      deadline: day("2025-03-31"),
      originalDeadline: day("2024-12-31"),
      // The printed text stays as the document has it.
      deadlineText: "2024-12-31",
    });
    expect(await db().deadlineExtension.findUniqueOrThrow({ where: { id: extensionId } })).toMatchObject({
      state: "APPROVED",
      decidedById: world.a.users.bureau.id,
      decidedAt: new Date("2024-08-15T02:00:00Z"),
      comment: "同意延期。",
    });
    expect(await db().notification.findMany({ where: { userId: leadLiaison.id } })).toMatchObject([
      {
        kind: "EXTENSION_DECIDED",
        title: "延期申请已批准:1 举措 1",
        body: "举措「1 举措 1」的延期申请已批准,完成时限由 2024-12-31 延至 2025-03-31。\n审批意见:同意延期。",
        link: `/measures/${measure.id}`,
      },
    ]);
    // Only the requesting unit's liaisons are told of the decision.
    expect(await db().notification.count({ where: { userId: world.a.users.liaison.id } })).toBe(0);

    const steps = await db().auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(steps.map((s) => [s.action, s.entityType, s.actorId])).toEqual([
      ["extension.request", "DeadlineExtension", leadLiaison.id],
      ["extension.approve", "DeadlineExtension", world.a.users.bureau.id],
      ["measure.extend", "Measure", world.a.users.bureau.id],
    ]);
    expect(steps[2]).toMatchObject({
      entityId: String(measure.id),
      districtId: world.a.region.id,
      before: { deadline: "2024-12-31T00:00:00.000Z", originalDeadline: null },
      after: { deadline: "2025-03-31T00:00:00.000Z", originalDeadline: "2024-12-31T00:00:00.000Z" },
    });

    expect(await listPendingExtensions(bureau)).toEqual([]);
    // The measure page shows the history to everyone assigned to it.
    for (const user of [leadLiaison, world.a.users.liaison, world.a.users.bureau]) {
      const actor = (await actAs(user))!;
      expect(await listMeasureExtensions(actor, measure.id)).toMatchObject([
        { id: extensionId, state: "APPROVED", comment: "同意延期。", requestedBy: { name: "司法局联络员" } },
      ]);
    }
  });

  it("a rejection leaves the deadline, tells the unit why, and the unit may ask again", async () => {
    const extensionId = await requested(leadLiaison, measure.id);
    await actAs(world.a.users.bureau);
    expect(await rejectDeadlineExtension({ extensionId: String(extensionId), comment: "理由不充分,请按期完成。" })).toMatchObject({
      ok: true,
    });
    expect(await db().measure.findUniqueOrThrow({ where: { id: measure.id } })).toMatchObject({
      deadline: day("2024-12-31"),
      originalDeadline: null,
    });
    expect(await db().deadlineExtension.findUniqueOrThrow({ where: { id: extensionId } })).toMatchObject({
      state: "REJECTED",
      decidedById: world.a.users.bureau.id,
      comment: "理由不充分,请按期完成。",
    });
    expect(await db().notification.findMany({ where: { userId: leadLiaison.id } })).toMatchObject([
      {
        kind: "EXTENSION_DECIDED",
        title: "延期申请未获批准:1 举措 1",
        body: expect.stringMatching(
          /^举措「1 举措 1」的延期申请未获批准,申请延至 \d{4}-\d{2}-\d{2},完成时限仍为 2024-12-31。\n审批意见:理由不充分,请按期完成。$/,
        ),
        link: `/measures/${measure.id}`,
      },
    ]);
    expect((await db().auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action)).toEqual([
      "extension.request",
      "extension.reject",
    ]);

    await requested(leadLiaison, measure.id, { newDeadline: "2025-01-31" });
    expect(await db().deadlineExtension.count({ where: { measureId: measure.id, state: "PENDING" } })).toBe(1);
  });

  it("a second approval keeps the first original deadline", async () => {
    const first = await requested(leadLiaison, measure.id, { newDeadline: "2025-03-31" });
    await actAs(world.a.users.bureau);
    expect(await approveDeadlineExtension({ extensionId: String(first) })).toMatchObject({ ok: true });

    // The new date is judged against the moved deadline now.
    await actAs(leadLiaison);
    const tooEarly = await requestDeadlineExtension(ask(measure.id, { newDeadline: "2025-02-28" }));
    expect(!tooEarly.ok && tooEarly.fieldErrors?.newDeadline).toEqual(["新的完成时限须晚于当前时限"]);

    const second = await requested(leadLiaison, measure.id, { newDeadline: "2025-06-30" });
    expect(await db().deadlineExtension.findUniqueOrThrow({ where: { id: second } })).toMatchObject({
      oldDeadline: day("2025-03-31"),
    });
    await actAs(world.a.users.bureau);
    expect(await approveDeadlineExtension({ extensionId: String(second), comment: "" })).toMatchObject({ ok: true });
    expect(await db().measure.findUniqueOrThrow({ where: { id: measure.id } })).toMatchObject({
      deadline: day("2025-06-30"),
      originalDeadline: day("2024-12-31"),
    });
    expect(await db().deadlineExtension.findUniqueOrThrow({ where: { id: second } })).toMatchObject({ comment: null });
    const extend = await db().auditEvent.findMany({ where: { action: "measure.extend" }, orderBy: { id: "asc" } });
    expect(extend.map((e) => [(e.before as { deadline: string }).deadline, (e.after as { deadline: string }).deadline])).toEqual([
      ["2024-12-31T00:00:00.000Z", "2025-03-31T00:00:00.000Z"],
      ["2025-03-31T00:00:00.000Z", "2025-06-30T00:00:00.000Z"],
    ]);
    const actor = (await actAs(leadLiaison))!;
    expect((await listMeasureExtensions(actor, measure.id))?.map((e) => e.id)).toEqual([second, first]);
  });

  it("bureau staff can ask on the lead unit's behalf; with several lead units they must pick one", async () => {
    await actAs(world.a.users.bureau);
    const result = await requestDeadlineExtension(ask(measure.id));
    expect(result).toMatchObject({ ok: true });
    expect(await db().deadlineExtension.findFirstOrThrow()).toMatchObject({
      unitId: world.a.units.justice.id,
      requestedById: world.a.users.bureau.id,
    });
    // The one asking is not told of its own request.
    expect(await db().notification.count({ where: { userId: world.a.users.bureau.id } })).toBe(0);

    const before = await snapshot();
    const unpicked = await requestDeadlineExtension(ask(twoLeads.id));
    expect(!unpicked.ok && unpicked.fieldErrors?.unitId).toEqual(["该举措有多个牵头单位,请选择代为申请的单位"]);
    expect(await snapshot()).toEqual(before);

    expect(await requestDeadlineExtension(ask(twoLeads.id, { unitId: String(world.a.units.development.id) }))).toMatchObject({
      ok: true,
    });
    expect(await db().deadlineExtension.findFirstOrThrow({ where: { measureId: twoLeads.id } })).toMatchObject({
      unitId: world.a.units.development.id,
    });
  });

  it("each lead unit's liaison asks for its own unit on a measure with several leads", async () => {
    const extensionId = await requested(world.a.users.liaison, twoLeads.id);
    expect(await db().deadlineExtension.findUniqueOrThrow({ where: { id: extensionId } })).toMatchObject({
      unitId: world.a.units.development.id,
    });
  });

  it("the bureau queue and the measure history are scoped", async () => {
    const here = await requested(leadLiaison, measure.id);
    const there = await requested(world.b.users.liaison, otherMeasure.id);

    const a = (await actAs(world.a.users.bureau))!;
    expect((await listPendingExtensions(a)).map((e) => e.id)).toEqual([here]);
    const b = (await actAs(world.b.users.bureau))!;
    expect((await listPendingExtensions(b)).map((e) => e.id)).toEqual([there]);
    const admin = (await actAs(world.admin))!;
    expect((await listPendingExtensions(admin)).map((e) => e.id)).toEqual([here, there]);

    expect(await listMeasureExtensions(b, measure.id)).toBeNull();
    const otherLiaison = (await actAs(world.b.users.liaison))!;
    expect(await listMeasureExtensions(otherLiaison, measure.id)).toBeNull();
    // A unit not assigned to the measure at all does not see its history.
    const responsibleLiaison = (await actAs(world.a.users.liaison))!;
    expect(await listMeasureExtensions(responsibleLiaison, ongoing.id)).toBeNull();

    for (const who of [world.a.users.leader, world.cityLeader]) {
      const leader = (await actAs(who))!;
      expect(() => listPendingExtensions(leader)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
      await expect(listMeasureExtensions(leader, measure.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(() => listPendingExtensions(responsibleLiaison)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });
});

describe("the measure page offers the request form exactly when the action takes it", () => {
  type Who = "leadLiaison" | "responsibleLiaison" | "bureau" | "otherBureau" | "otherLiaison" | "leader" | "admin";
  type Which = "measure" | "ongoing" | "undated" | "overdue" | "twoLeads" | "otherMeasure";
  const actor = (who: Who) =>
    ({
      leadLiaison,
      responsibleLiaison: world.a.users.liaison,
      bureau: world.a.users.bureau,
      otherBureau: world.b.users.bureau,
      otherLiaison: world.b.users.liaison,
      leader: world.a.users.leader,
      admin: world.admin,
    })[who];
  const measureOf = (which: Which) => ({ measure, ongoing, undated, overdue, twoLeads, otherMeasure })[which];

  it.each<[Who, Which, boolean, boolean]>([
    ["leadLiaison", "measure", false, true],
    ["leadLiaison", "overdue", false, true],
    ["leadLiaison", "ongoing", false, false],
    ["leadLiaison", "undated", false, false],
    ["leadLiaison", "twoLeads", false, true],
    ["leadLiaison", "measure", true, false],
    ["leadLiaison", "otherMeasure", false, false],
    ["responsibleLiaison", "measure", false, false],
    ["responsibleLiaison", "twoLeads", false, true],
    ["responsibleLiaison", "twoLeads", true, false],
    ["bureau", "measure", false, true],
    ["bureau", "twoLeads", false, true],
    ["bureau", "ongoing", false, false],
    ["bureau", "measure", true, false],
    ["admin", "measure", false, true],
    ["otherBureau", "measure", false, false],
    ["otherLiaison", "otherMeasure", false, true],
    ["otherLiaison", "measure", false, false],
    ["leader", "measure", false, false],
  ])("%s on %s (a request pending: %s): offered %s", async (who, which, pending, offered) => {
    const target = measureOf(which);
    if (pending)
      await requested(which === "twoLeads" ? world.a.users.bureau : leadLiaison, target.id, { unitId: String(world.a.units.justice.id) });
    const open = await extensionRequestOpen((await actAs(actor(who)))!, target.id);
    expect(open).toBe(offered);
    // Bureau staff pick a lead unit as the page's form lets them; a liaison's own unit is taken whatever it names.
    const taken = await requestDeadlineExtension(ask(target.id, { unitId: String(world.a.units.justice.id) }));
    expect(taken.ok).toBe(open);
  });
});

describe("the measure page offers the decision exactly when the action takes it", () => {
  // A town's plan whose measure a district unit leads (a town unit shares it): the
  // town's bureau sees the measure, but the request is the district unit's to have decided.
  type Who = "bureau" | "townBureau" | "leadLiaison" | "leader" | "otherBureau" | "admin";
  it.each(
    (["bureau", "townBureau", "leadLiaison", "leader", "otherBureau", "admin"] as const).flatMap((who) =>
      (["PENDING", "REJECTED"] as const).map((state) => [who, state] as const),
    ),
  )("%s on a %s request", async (who: Who, state) => {
    const town = await createRegion(db(), { code: "420204001", name: "团城山街道", level: "TOWN", parentId: world.a.region.id });
    const townUnit = await createUnit(db(), { regionId: town.id, name: "团城山街道办事处" });
    const townBureau = await createUser(db(), { login: "town.bureau", name: "街道司法所", role: "BUREAU", regionId: town.id });
    const townPlan = await createPlan(db(), { regionId: town.id, title: "团城山街道法治建设方案" });
    const townMeasure = await createMeasure(db(), {
      planId: townPlan.id,
      code: "1",
      deadline: "2024-12-31",
      leadUnitIds: [world.a.units.justice.id],
      responsibleUnitIds: [townUnit.id],
    });
    const extensionId = await requested(leadLiaison, townMeasure.id);
    if (state === "REJECTED") {
      await actAs(world.a.users.bureau);
      expect(await rejectDeadlineExtension({ extensionId: String(extensionId), comment: "不同意" })).toMatchObject({ ok: true });
    }
    const actor = (await actAs(
      {
        bureau: world.a.users.bureau,
        townBureau,
        leadLiaison,
        leader: world.a.users.leader,
        otherBureau: world.b.users.bureau,
        admin: world.admin,
      }[who],
    ))!;
    // The page lists the measure's requests to those who take part in extensions, and offers a decision on each.
    const listed = can(actor, "assignment.report") ? ((await listMeasureExtensions(actor, townMeasure.id)) ?? []) : [];
    const offered = listed.some((e) => e.id === extensionId && extensionDecisionRefusal(actor, e) === null);
    const taken = (await approveDeadlineExtension({ extensionId: String(extensionId), comment: "同意" })).ok;
    expect({ who, state, offered }).toEqual({ who, state, offered: taken });
  });
});

describe("authorization: refusals change nothing", () => {
  const NOT_LEAD = "只有该举措的牵头单位可以申请延期";

  it.each([
    ["a responsible-only unit's liaison", () => world.a.users.liaison, () => ask(measure.id), "FORBIDDEN", NOT_LEAD],
    [
      "a liaison naming the lead unit instead of its own",
      () => world.a.users.liaison,
      () => ask(measure.id, { unitId: String(world.a.units.justice.id) }),
      "FORBIDDEN",
      NOT_LEAD,
    ],
    [
      "bureau staff asking for the responsible unit",
      () => world.a.users.bureau,
      () => ask(measure.id, { unitId: String(world.a.units.development.id) }),
      "FORBIDDEN",
      NOT_LEAD,
    ],
    ["another district's liaison", () => world.b.users.liaison, () => ask(measure.id), "NOT_FOUND", ERROR_MESSAGES.NOT_FOUND],
    ["another district's bureau", () => world.b.users.bureau, () => ask(measure.id), "NOT_FOUND", ERROR_MESSAGES.NOT_FOUND],
    [
      "another district's bureau naming a unit of its own",
      () => world.b.users.bureau,
      () => ask(measure.id, { unitId: String(world.b.units.development.id) }),
      "NOT_FOUND",
      ERROR_MESSAGES.NOT_FOUND,
    ],
    ["a leader", () => world.a.users.leader, () => ask(measure.id), "FORBIDDEN", ERROR_MESSAGES.FORBIDDEN],
    ["a measure that does not exist", () => leadLiaison, () => ask(999_999), "NOT_FOUND", ERROR_MESSAGES.NOT_FOUND],
  ])("%s cannot ask for an extension", async (_case, who, input, code, message) => {
    const before = await snapshot();
    await actAs(who());
    expect(await requestDeadlineExtension(input())).toEqual({ ok: false, code, message, fieldErrors: undefined });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["the lead unit's own liaison", () => leadLiaison, "FORBIDDEN"],
    ["a responsible unit's liaison", () => world.a.users.liaison, "FORBIDDEN"],
    ["a leader", () => world.a.users.leader, "FORBIDDEN"],
    ["another district's bureau", () => world.b.users.bureau, "NOT_FOUND"],
  ] as const)("%s cannot decide", async (_case, who, code) => {
    const extensionId = String(await requested(leadLiaison, measure.id));
    const before = await snapshot();
    await actAs(who());
    const message = ERROR_MESSAGES[code];
    expect(await approveDeadlineExtension({ extensionId, comment: "同意" })).toMatchObject({ ok: false, code, message });
    expect(await rejectDeadlineExtension({ extensionId, comment: "不同意" })).toMatchObject({ ok: false, code, message });
    expect(await snapshot()).toEqual(before);
  });

  it("a request that does not exist cannot be decided", async () => {
    await actAs(world.a.users.bureau);
    expect(await approveDeadlineExtension({ extensionId: "999999" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("bad requests get a Chinese message and write nothing", () => {
  it.each([
    [
      "a date before the current deadline",
      () => ask(measure.id, { newDeadline: "2024-10-31" }),
      "newDeadline",
      "新的完成时限须晚于当前时限",
    ],
    ["the current deadline itself", () => ask(measure.id, { newDeadline: "2024-12-31" }), "newDeadline", "新的完成时限须晚于当前时限"],
    [
      "a past date (after an overdue deadline)",
      () => ask(overdue.id, { newDeadline: "2024-08-14" }),
      "newDeadline",
      "新的完成时限不能早于今天",
    ],
    ["an ongoing measure", () => ask(ongoing.id), "newDeadline", "长期坚持的举措没有完成时限,无需延期"],
    ["a measure with no deadline", () => ask(undated.id), "newDeadline", "该举措未规定完成时限,无需延期"],
    ["a date that is not a date", () => ask(measure.id, { newDeadline: "明年底" }), "newDeadline", "日期格式应为 YYYY-MM-DD"],
    ["a month that does not exist", () => ask(measure.id, { newDeadline: "2025-13-01" }), "newDeadline", "日期格式应为 YYYY-MM-DD"],
    ["no reason", () => ask(measure.id, { reason: "  " }), "reason", "请填写延期理由"],
    ["a reason over 500 characters", () => ask(measure.id, { reason: "理".repeat(501) }), "reason", "延期理由不能超过 500 个字"],
  ])("%s", async (_case, input, field, message) => {
    await actAs(leadLiaison);
    const before = await snapshot();
    const result = await requestDeadlineExtension(input());
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!result.ok && result.fieldErrors).toEqual({ [field]: [message] });
    expect(await snapshot()).toEqual(before);
  });

  it("today is still a valid new date for an overdue measure", async () => {
    await requested(leadLiaison, overdue.id, { newDeadline: "2024-08-15" });
  });

  it("a 500-character reason is accepted", async () => {
    await requested(leadLiaison, measure.id, { reason: "理".repeat(500) });
  });

  it("a second request while one is pending, from anyone", async () => {
    await requested(leadLiaison, measure.id);
    const before = await snapshot();
    for (const who of [leadLiaison, world.a.users.bureau]) {
      await actAs(who);
      expect(await requestDeadlineExtension(ask(measure.id, { newDeadline: "2025-06-30" }))).toMatchObject({
        ok: false,
        code: "CONFLICT",
        message: "该举措已有待审批的延期申请",
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("two requests at the same moment: one is taken, the other gets the conflict", async () => {
    await actAs(leadLiaison);
    const results = await Promise.all([
      requestDeadlineExtension(ask(measure.id, { newDeadline: "2025-03-31" })),
      requestDeadlineExtension(ask(measure.id, { newDeadline: "2025-06-30" })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ code: "CONFLICT", message: "该举措已有待审批的延期申请" }]);
    expect(await db().deadlineExtension.count()).toBe(1);
    expect(await db().auditEvent.count()).toBe(1);
  });

  it("one pending request per measure even across its lead units", async () => {
    await requested(leadLiaison, twoLeads.id);
    const before = await snapshot();
    await actAs(world.a.users.liaison);
    expect(await requestDeadlineExtension(ask(twoLeads.id))).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "该举措已有待审批的延期申请",
    });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["approved", approveDeadlineExtension],
    ["rejected", rejectDeadlineExtension],
  ] as const)("a request already %s cannot be decided again", async (_case, firstDecision) => {
    const extensionId = String(await requested(leadLiaison, measure.id));
    await actAs(world.a.users.bureau);
    expect(await firstDecision({ extensionId, comment: "首次审批" })).toMatchObject({ ok: true });
    const before = await snapshot();
    await actAs(world.admin);
    for (const decide of [approveDeadlineExtension, rejectDeadlineExtension]) {
      expect(await decide({ extensionId, comment: "再次审批" })).toMatchObject({
        ok: false,
        code: "CONFLICT",
        message: "该延期申请已审批,请刷新后查看。",
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["no comment", {}],
    ["a blank comment", { comment: "   " }],
  ])("a rejection with %s", async (_case, comment) => {
    const extensionId = String(await requested(leadLiaison, measure.id));
    await actAs(world.a.users.bureau);
    const before = await snapshot();
    const result = await rejectDeadlineExtension({ extensionId, ...comment });
    expect(!result.ok && result.fieldErrors).toEqual({ comment: ["请填写驳回意见"] });
    expect(await snapshot()).toEqual(before);
  });

  it("an approval after the deadline changed underneath (a re-imported plan) is a conflict", async () => {
    const extensionId = String(await requested(leadLiaison, measure.id));
    await db().measure.update({ where: { id: measure.id }, data: { deadline: day("2025-06-30") } });
    await actAs(world.a.users.bureau);
    const before = await snapshot();
    expect(await approveDeadlineExtension({ extensionId })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "该举措的完成时限已发生变化,请驳回后由牵头单位重新申请。",
    });
    expect(await snapshot()).toEqual(before);
    expect(await rejectDeadlineExtension({ extensionId, comment: "时限已调整,无需延期。" })).toMatchObject({ ok: true });
  });
});
