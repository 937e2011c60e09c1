import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { ImportedPlans } from "@/app/(app)/plans/import/imported-plans.tsx";
import { db } from "@/lib/db/client.ts";
import { seedDemoData } from "@/lib/demo/seed.ts";
import { commitPlanImport, previewPlanImport } from "@/lib/plans/actions.ts";
import { acceptAllProposals, unreviewedPlans } from "@/lib/plans/resolutions.ts";
import { findNameClashes } from "@/lib/units/queries.ts";
import { PERMISSIONS } from "@/lib/auth/policy.ts";
import { actAs } from "../support/acting.ts";

const seed004 = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/seeds/004-xialu-division.txt"), "utf8");

let xialu: { id: number };
let baoshan: { id: number };
beforeEach(async () => {
  await seedDemoData(db(), { plans: false });
  xialu = await db().region.findUniqueOrThrow({ where: { code: "420204" } });
  baoshan = await db().region.findUniqueOrThrow({ where: { code: "310113" } });
});

const as = async (login: string) => actAs(await db().user.findUniqueOrThrow({ where: { login } }));

function uploadForm(regionId: number, content: string | Uint8Array<ArrayBuffer>, fileName = "004.txt") {
  const form = new FormData();
  form.set("regionId", String(regionId));
  form.set("file", new File([content], fileName, { type: "text/plain" }));
  return form;
}

async function preview(regionId = xialu.id, text = seed004) {
  const result = await previewPlanImport(uploadForm(regionId, text));
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

async function counts() {
  const [plans, sections, measures, assignments, units, groups, aliases] = await Promise.all([
    db().plan.count(),
    db().section.count(),
    db().measure.count(),
    db().assignment.count(),
    db().unit.count(),
    db().unitGroup.count(),
    db().unitAlias.count(),
  ]);
  return { plans, sections, measures, assignments, units, groups, aliases };
}

describe("importing 004 into 下陆区", () => {
  it("writes three plans with their measures and assignments, and a re-import duplicates nothing", async () => {
    await as("xialu.bureau");
    const data = await preview();
    expect(data.document.kind).toBe("plans");
    if (data.document.kind !== "plans") return;
    const input = {
      regionId: String(xialu.id),
      fileName: "004.txt",
      sourceText: data.sourceText,
      plans: unreviewedPlans(data.document.plans),
      resolutions: acceptAllProposals(data.reconciliation),
    };
    const first = await commitPlanImport(input);
    expect(first).toMatchObject({ ok: true });
    // Imported plans are drafts (草案): the summary says they collect reports once in force.
    if (!first.ok) throw new Error(first.message);
    expect(first.data.plans.map((p) => p.draft)).toEqual([true, true, true]);
    const afterFirst = await counts();
    expect(afterFirst.plans).toBe(3);
    expect(afterFirst.measures).toBe(50 + 32 + 56);
    expect(afterFirst.assignments).toBeGreaterThan(138);

    const measure52 = await db().measure.findFirstOrThrow({
      where: { code: "52", plan: { title: { startsWith: "法治下陆建设规划" } } },
      include: { assignments: { include: { unit: true } } },
    });
    expect(measure52.assignments.map((a) => [a.role, a.unit.name])).toEqual([["LEAD", "区司法局"]]);

    const again = await commitPlanImport({ ...input, resolutions: acceptAllProposals((await preview()).reconciliation) });
    expect(again).toMatchObject({ ok: true, data: { measuresCreated: 0, measuresUpdated: 138, assignmentsCreated: 0 } });
    expect(await counts()).toEqual(afterFirst);
    expect(await db().auditEvent.count({ where: { action: "plan.reimport" } })).toBe(3);
  });

  it("accepted near matches become aliases, so the next import resolves them by itself", async () => {
    await as("xialu.bureau");
    const data = await preview();
    const near = data.reconciliation.filter((r) => r.status === "near");
    expect(near.map((r) => r.name)).toEqual(expect.arrayContaining(["区发改委", "区应急局"]));
    if (data.document.kind !== "plans") return;
    await commitPlanImport({
      regionId: String(xialu.id),
      plans: unreviewedPlans(data.document.plans),
      resolutions: acceptAllProposals(data.reconciliation),
    });
    const next = await preview();
    expect(next.reconciliation.filter((r) => r.status === "near")).toEqual([]);
    expect(next.reconciliation.filter((r) => r.status === "unknown")).toEqual([]);
  });
});

describe("the import's result links each plan to its next steps", () => {
  it("offers 对应上级规划条目 for a 分工方案 or 工作要点, or a plan with a parent plan, beside 关联上一期规划举措 for a new plan", async () => {
    await as("xialu.bureau");
    const data = await preview();
    if (data.document.kind !== "plans") throw new Error("not plans");
    const plans = unreviewedPlans(data.document.plans).map((plan, i) => ({
      ...plan,
      kind: i === 1 ? ("DIVISION_OF_LABOUR" as const) : ("PLAN" as const),
    }));
    const input = {
      regionId: String(xialu.id),
      fileName: "004.txt",
      sourceText: data.sourceText,
      plans,
      resolutions: acceptAllProposals(data.reconciliation),
    };
    const first = await commitPlanImport(input);
    if (!first.ok) throw new Error(first.message);
    const [a, b, c] = first.data.plans;
    expect(first.data.plans.map((p) => [p.created, p.parentItems])).toEqual([
      [true, false],
      [true, true],
      [true, false],
    ]);
    const html = renderToStaticMarkup(ImportedPlans({ plans: first.data.plans }));
    for (const p of [a!, b!, c!]) expect(html).toContain(`href="/plans/${p.id}/previous"`);
    expect(html).toContain(
      `<a class="ml-2 text-sm text-brand-700 hover:underline" href="/plans/${b!.id}/parent-items">对应上级规划条目</a>`,
    );
    expect(html).not.toContain(`href="/plans/${a!.id}/parent-items"`);
    expect(html).not.toContain(`href="/plans/${c!.id}/parent-items"`);

    // The third plan implements the first: re-imported, it is offered the proposals (no longer 关联上一期, being no new plan).
    await db().plan.update({ where: { id: c!.id }, data: { parentId: a!.id } });
    const again = await commitPlanImport({ ...input, resolutions: acceptAllProposals((await preview()).reconciliation) });
    if (!again.ok) throw new Error(again.message);
    expect(again.data.plans.map((p) => [p.created, p.parentItems])).toEqual([
      [false, false],
      [false, true],
      [false, true],
    ]);
    const html2 = renderToStaticMarkup(ImportedPlans({ plans: again.data.plans }));
    expect(html2).toContain(`href="/plans/${c!.id}/parent-items"`);
    expect(html2).not.toContain("/previous");
  });
});

describe("refusals write nothing", () => {
  it("a liaison and a leader may not preview or commit", async () => {
    await as("xialu.bureau");
    const data = await preview();
    if (data.document.kind !== "plans") return;
    const input = {
      regionId: String(xialu.id),
      plans: unreviewedPlans(data.document.plans),
      resolutions: acceptAllProposals(data.reconciliation),
    };
    const before = await counts();
    for (const login of ["xialu.liaison", "xialu.leader"]) {
      await as(login);
      expect(await previewPlanImport(uploadForm(xialu.id, seed004))).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await commitPlanImport(input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await counts()).toEqual(before);
  });

  it("a district's bureau cannot import into another district", async () => {
    await as("xialu.bureau");
    const before = await counts();
    const result = await previewPlanImport(uploadForm(baoshan.id, seed004));
    expect(result).toMatchObject({ ok: false, fieldErrors: { regionId: ["所选区域不存在、不在您的管理范围内或不是区县/乡镇"] } });
    expect(await counts()).toEqual(before);
  });

  it("a failure half-way rolls back the units and groups already created", async () => {
    await as("xialu.bureau");
    const data = await preview();
    if (data.document.kind !== "plans") return;
    const resolutions = acceptAllProposals(data.reconciliation);
    const names = Object.keys(resolutions);
    // Everything valid but the last name, which points at a unit of another district.
    const foreign = await db().unit.findFirstOrThrow({ where: { region: { code: "310113" } } });
    resolutions[names.at(-1)!] = { action: "unit", unitId: foreign.id, remember: false };
    const before = await counts();
    const result = await commitPlanImport({ regionId: String(xialu.id), plans: unreviewedPlans(data.document.plans), resolutions });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["an empty file", "", "文件是空的"],
    ["a document with no measures", "这是一段普通的文字。\n没有任何编号和举措。", "文件中没有找到任何举措"],
  ])("%s gets a clear message", async (_case, text, fragment) => {
    await as("xialu.bureau");
    const before = await counts();
    const result = await previewPlanImport(uploadForm(xialu.id, text));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(fragment);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["binary junk", () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), "junk.txt", "不是文本文件"],
    ["a 50 MB file", () => new Uint8Array(50 * 1024 * 1024).fill(0x41), "big.txt", "10 MB"],
    ["a .docx that is not a zip", () => new TextEncoder().encode("这不是 Word 文件"), "plan.docx", "不是有效的 Word"],
    ["broken encoding", () => Uint8Array.from({ length: 3000 }, (_, i) => 0x80 + ((i * 31) % 0x7f)), "plan.txt", "编码"],
  ])("%s gets a clear message and writes nothing", async (_case, bytes, fileName, fragment) => {
    await as("xialu.bureau");
    const before = await counts();
    const result = await previewPlanImport(uploadForm(xialu.id, bytes(), fileName));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(fragment);
    expect(await counts()).toEqual(before);
  });

  it("a commit with a unit name left undecided names it and writes nothing", async () => {
    await as("xialu.bureau");
    const data = await preview();
    if (data.document.kind !== "plans") return;
    const resolutions = acceptAllProposals(data.reconciliation);
    delete resolutions["区司法局"];
    const before = await counts();
    const result = await commitPlanImport({ regionId: String(xialu.id), plans: unreviewedPlans(data.document.plans), resolutions });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("区司法局") });
    expect(await counts()).toEqual(before);
  });
});

describe("updatePlanReporting", () => {
  it("sets cadence and due day within scope, audited; refuses others and bad values, writing nothing", async () => {
    await as("xialu.bureau");
    const data = await preview();
    if (data.document.kind !== "plans") return;
    await commitPlanImport({
      regionId: String(xialu.id),
      plans: unreviewedPlans(data.document.plans),
      resolutions: acceptAllProposals(data.reconciliation),
    });
    const plan = await db().plan.findFirstOrThrow();
    const { updatePlanReporting } = await import("@/lib/plans/actions.ts");

    expect(
      await updatePlanReporting({ planId: String(plan.id), reportCadence: "MONTHLY", reportDueDay: "5", milestoneGraceDays: "20" }),
    ).toMatchObject({ ok: true });
    expect(await db().plan.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({
      reportCadence: "MONTHLY",
      reportDueDay: 5,
      milestoneGraceDays: 20,
    });
    expect(await db().auditEvent.findFirst({ where: { action: "plan.updateReporting" } })).toMatchObject({
      before: { reportCadence: "QUARTERLY", reportDueDay: 10, milestoneGraceDays: 15 },
      after: { reportCadence: "MONTHLY", reportDueDay: 5, milestoneGraceDays: 20 },
    });

    const bad = await updatePlanReporting({
      planId: String(plan.id),
      reportCadence: "WEEKLY",
      reportDueDay: "31",
      milestoneGraceDays: "-1",
    });
    expect(!bad.ok && bad.fieldErrors).toEqual({
      reportCadence: ["请选择报送周期"],
      reportDueDay: ["截止日应为 1 到 28 之间的整数"],
      milestoneGraceDays: ["宽限天数应为 0 到 365 之间的整数"],
    });
    for (const [login, code] of [
      ["xialu.liaison", "FORBIDDEN"],
      ["xialu.leader", "FORBIDDEN"],
      ["shanghai.leader", "FORBIDDEN"],
    ] as const) {
      await as(login);
      expect(await updatePlanReporting({ planId: String(plan.id), reportCadence: "YEARLY", reportDueDay: "1" })).toMatchObject({
        ok: false,
        code,
      });
    }
    const baoshanBureau = await db().user.create({
      data: { login: "bs.bureau", name: "宝山", role: "BUREAU", regionId: baoshan.id, districtId: baoshan.id, passwordHash: "x" },
    });
    await actAs(baoshanBureau);
    expect(await updatePlanReporting({ planId: String(plan.id), reportCadence: "YEARLY", reportDueDay: "1" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await db().plan.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({
      reportCadence: "MONTHLY",
      reportDueDay: 5,
      milestoneGraceDays: 20,
    });
  });
});

// A plan of our own: one measure names the 执法 departments in other words
// than the demo's group, another a collective 下陆区 has no group for.
const groupsPlan = `下陆区2026年行政执法协调监督工作要点

一、规范执法行为
1.全面推行行政执法公示制度,按时公开执法信息。
责任单位:区直各执法部门

2.开展行政许可案卷评查,每季度通报评查结果。
责任单位:区直各审批服务部门

3.组织执法人员参加法律知识培训。
牵头单位:区司法局
`;

describe("collective names in an import", () => {
  async function groupsPreview() {
    await as("xialu.bureau");
    const data = await preview(xialu.id, groupsPlan);
    if (data.document.kind !== "plans") throw new Error("not a plan");
    return { data, plans: unreviewedPlans(data.document.plans) };
  }
  const assigned = (code: string) =>
    db().assignment.findMany({
      where: { measure: { code, plan: { title: "下陆区2026年行政执法协调监督工作要点" } } },
      select: { unitId: true, viaGroupId: true, role: true },
      orderBy: { unitId: "asc" },
    });
  const xialuUnits = (take: number) =>
    db().unit.findMany({ where: { region: { code: "420204" }, active: true }, orderBy: { id: "asc" }, take, select: { id: true } });

  it("a name near an existing group is proposed, and accepting it assigns the group's members", async () => {
    const { data, plans } = await groupsPreview();
    const enforcement = await db().unitGroup.findFirstOrThrow({
      where: { name: "区直相关行政执法部门", region: { code: "420204" } },
      include: { members: true },
    });
    expect(enforcement.members).toHaveLength(14);
    expect(data.reconciliation.find((r) => r.name === "区直各执法部门")).toMatchObject({
      status: "nearGroup",
      candidates: [{ groupId: enforcement.id, name: "区直相关行政执法部门" }],
    });
    // 其他 is the complement of 各/相关: never proposed for it.
    expect(JSON.stringify(data.reconciliation)).not.toContain("区直其他行政执法部门");
    const groupsBefore = await db().unitGroup.count();
    const result = await commitPlanImport({ regionId: String(xialu.id), plans, resolutions: acceptAllProposals(data.reconciliation) });
    expect(result).toMatchObject({ ok: true, data: { groupsCreated: ["区直各审批服务部门"], emptyGroups: ["区直各审批服务部门"] } });
    expect(await assigned("1")).toEqual(
      enforcement.members
        .map((m) => ({ unitId: m.unitId, viaGroupId: enforcement.id, role: "RESPONSIBLE" }))
        .sort((a, b) => a.unitId - b.unitId),
    );
    // No group for the near match, the one new collective only.
    expect(await db().unitGroup.count()).toBe(groupsBefore + 1);
  });

  it("an accepted near group match is remembered as the group's alias, audited, and resolves by itself next time", async () => {
    const { data, plans } = await groupsPreview();
    const enforcement = await db().unitGroup.findFirstOrThrow({ where: { name: "区直相关行政执法部门", region: { code: "420204" } } });
    const result = await commitPlanImport({ regionId: String(xialu.id), plans, resolutions: acceptAllProposals(data.reconciliation) });
    expect(result).toMatchObject({ ok: true, data: { aliasesAdded: ["区直各执法部门 → 区直相关行政执法部门"] } });
    expect(await db().unitGroupAlias.findMany({ select: { alias: true, groupId: true, regionId: true, districtId: true } })).toEqual([
      { alias: "区直各执法部门", groupId: enforcement.id, regionId: enforcement.regionId, districtId: enforcement.districtId },
    ]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "group.addAlias", entityId: String(enforcement.id) } });
    expect(audit).toMatchObject({ entityType: "UnitGroup", districtId: enforcement.districtId, after: { alias: "区直各执法部门" } });

    const next = await groupsPreview();
    expect(next.data.reconciliation.find((r) => r.name === "区直各执法部门")).toEqual({
      name: "区直各执法部门",
      status: "group",
      groupId: enforcement.id,
    });
    // A unit may no longer take the wording as its own alias: a name resolves to one thing.
    expect(await findNameClashes(db(), enforcement.regionId, ["区直各执法部门"])).toEqual(["区直各执法部门"]);
    // Re-importing remembers nothing twice.
    const again = await commitPlanImport({
      regionId: String(xialu.id),
      plans: next.plans,
      resolutions: acceptAllProposals(next.data.reconciliation),
    });
    expect(again).toMatchObject({ ok: true, data: { aliasesAdded: [] } });
    expect(await db().unitGroupAlias.count()).toBe(1);
  });

  it("picking members asks the group policy: without group.manage the import is refused and nothing written", async () => {
    const { data, plans } = await groupsPreview();
    const [a] = await xialuUnits(1);
    const before = { ...(await counts()), members: await db().unitGroupMember.count(), audit: await db().auditEvent.count() };
    const permissions = PERMISSIONS as Record<string, readonly string[]>;
    const saved = permissions["group.manage"]!;
    permissions["group.manage"] = ["ADMIN"];
    try {
      const result = await commitPlanImport({
        regionId: String(xialu.id),
        plans,
        resolutions: {
          ...acceptAllProposals(data.reconciliation),
          区直各审批服务部门: { action: "createGroup" as const, memberIds: [String(a!.id)] },
        },
      });
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    } finally {
      permissions["group.manage"] = saved;
    }
    expect({ ...(await counts()), members: await db().unitGroupMember.count(), audit: await db().auditEvent.count() }).toEqual(before);
  });

  it("a new group gets the members picked in the review, audited; the measure is assigned to them", async () => {
    const { data, plans } = await groupsPreview();
    const [a, b] = await xialuUnits(2);
    const resolutions = {
      ...acceptAllProposals(data.reconciliation),
      区直各审批服务部门: { action: "createGroup" as const, memberIds: [String(a!.id), String(b!.id)] },
    };
    const result = await commitPlanImport({ regionId: String(xialu.id), plans, resolutions });
    expect(result).toMatchObject({ ok: true, data: { groupsCreated: ["区直各审批服务部门"], emptyGroups: [] } });
    const group = await db().unitGroup.findFirstOrThrow({ where: { name: "区直各审批服务部门" }, include: { members: true } });
    expect(group.members.map((m) => m.unitId).sort()).toEqual([a!.id, b!.id].sort());
    expect((await assigned("2")).map((x) => [x.unitId, x.viaGroupId])).toEqual([
      [a!.id, group.id],
      [b!.id, group.id],
    ]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "group.create", entityId: String(group.id) } });
    expect(audit.after).toMatchObject({ name: "区直各审批服务部门", members: [{ unitId: a!.id }, { unitId: b!.id }] });
  });

  it("members picked for an existing group are added to the ones it has, audited as a group edit", async () => {
    const { data, plans } = await groupsPreview();
    const enforcement = await db().unitGroup.findFirstOrThrow({
      where: { name: "区直相关行政执法部门", region: { code: "420204" } },
      include: { members: true },
    });
    const outsider = await db().unit.findFirstOrThrow({
      where: { region: { code: "420204" }, active: true, id: { notIn: enforcement.members.map((m) => m.unitId) } },
    });
    const resolutions = {
      ...acceptAllProposals(data.reconciliation),
      区直各执法部门: {
        action: "group" as const,
        groupId: String(enforcement.id),
        memberIds: [String(outsider.id), String(enforcement.members[0]!.unitId)],
      },
    };
    expect(await commitPlanImport({ regionId: String(xialu.id), plans, resolutions })).toMatchObject({ ok: true });
    const after = await db().unitGroupMember.findMany({ where: { groupId: enforcement.id }, orderBy: { unitId: "asc" } });
    expect(after.map((m) => m.unitId)).toEqual([...enforcement.members.map((m) => m.unitId), outsider.id].sort((x, y) => x - y));
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "group.update", entityId: String(enforcement.id) } });
    expect((audit.before as { members: unknown[] }).members).toHaveLength(14);
    expect((audit.after as { members: unknown[] }).members).toHaveLength(15);
    expect(await assigned("1")).toHaveLength(15);
  });

  it.each([
    ["a new group", "区直各审批服务部门", (_groupId: number) => ({ action: "createGroup" as const })],
    ["an existing group", "区直各执法部门", (groupId: number) => ({ action: "group" as const, groupId: String(groupId) })],
  ])("units of another district picked for %s refuse the import and change nothing", async (_case, name, resolution) => {
    const { data, plans } = await groupsPreview();
    const enforcement = await db().unitGroup.findFirstOrThrow({ where: { name: "区直相关行政执法部门", region: { code: "420204" } } });
    const [own] = await xialuUnits(1);
    const foreign = await db().unit.findFirstOrThrow({ where: { region: { code: "310113" } } });
    const before = { ...(await counts()), members: await db().unitGroupMember.count(), audit: await db().auditEvent.count() };
    const result = await commitPlanImport({
      regionId: String(xialu.id),
      plans,
      resolutions: {
        ...acceptAllProposals(data.reconciliation),
        [name]: { ...resolution(enforcement.id), memberIds: [String(own!.id), String(foreign.id)] },
      },
    });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", message: expect.stringContaining(name) });
    expect({ ...(await counts()), members: await db().unitGroupMember.count(), audit: await db().auditEvent.count() }).toEqual(before);
  });
});

describe("a plan printed in traditional characters", () => {
  // Names stay as printed in the parse; reconciliation proposes the simplified
  // name, and what is created is named in simplified characters with the
  // printed name as its alias, so the next import resolves it by itself.
  const traditionalPlan = `下陸區2026年法治宣傳教育工作要點

一、深化法治宣傳
1.組織開展憲法宣傳周活動。
牽頭單位:區司法局
責任單位:區檔案館、各農業園區
完成時限:長期堅持
`;

  it("proposes 區司法局 as 区司法局, creates 區檔案館 as 区档案馆 with the printed alias, and reads 長期堅持 as ongoing", async () => {
    await as("xialu.bureau");
    const data = await preview(xialu.id, traditionalPlan);
    if (data.document.kind !== "plans") throw new Error("not a plan");
    const justice = await db().unit.findFirstOrThrow({ where: { name: "区司法局", region: { code: "420204" } } });
    expect(data.document.plans[0]!.measures[0]).toMatchObject({ leadUnits: ["區司法局"], responsibleUnits: ["區檔案館", "各農業園區"] });
    expect(data.reconciliation.find((r) => r.name === "區司法局")).toMatchObject({
      status: "near",
      candidates: [{ unitId: justice.id, name: "区司法局" }],
    });
    expect(data.reconciliation.find((r) => r.name === "區檔案館")).toEqual({ name: "區檔案館", status: "unknown", simplified: "区档案馆" });
    expect(data.reconciliation.find((r) => r.name === "各農業園區")).toEqual({
      name: "各農業園區",
      status: "newGroup",
      simplified: "各农业园区",
    });

    const plans = unreviewedPlans(data.document.plans);
    const result = await commitPlanImport({ regionId: String(xialu.id), plans, resolutions: acceptAllProposals(data.reconciliation) });
    expect(result).toMatchObject({ ok: true, data: { unitsCreated: ["区档案馆"], groupsCreated: ["各农业园区"] } });
    const group = await db().unitGroup.findFirstOrThrow({
      where: { name: "各农业园区", region: { code: "420204" } },
      include: { aliases: true },
    });
    expect(group.aliases.map((a) => a.alias)).toEqual(["各農業園區"]);
    const created = await db().unit.findFirstOrThrow({
      where: { name: "区档案馆", region: { code: "420204" } },
      include: { aliases: true },
    });
    expect(created.aliases.map((a) => a.alias)).toEqual(["區檔案館"]);
    expect(await db().auditEvent.count({ where: { action: "unit.addAlias", entityId: String(created.id) } })).toBe(1);
    const measure = await db().measure.findFirstOrThrow({
      where: { plan: { title: "下陸區2026年法治宣傳教育工作要點" } },
      include: { assignments: { select: { unitId: true, role: true } } },
    });
    expect(measure).toMatchObject({ deadlineText: "長期堅持", ongoing: true, deadline: null });
    expect(measure.assignments).toEqual(
      expect.arrayContaining([
        { unitId: justice.id, role: "LEAD" },
        { unitId: created.id, role: "RESPONSIBLE" },
      ]),
    );

    // Both printed names now resolve by alias.
    const again = await preview(xialu.id, traditionalPlan);
    expect(again.reconciliation.map((r) => [r.name, r.status])).toEqual([
      ["區司法局", "unit"],
      ["區檔案館", "unit"],
      ["各農業園區", "group"],
    ]);
  });
});
