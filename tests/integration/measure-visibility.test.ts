import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createUnit, createUnitGroup, createUser } from "@/lib/demo/factories.ts";
import { returnProgressReport, submitProgressReport } from "@/lib/progress/actions.ts";
import { getAttachment, getMeasureDetail } from "@/lib/progress/queries.ts";
import { listMeasureExtensions } from "@/lib/extensions/queries.ts";
import { GET as downloadAttachment } from "@/app/(app)/attachments/[id]/route.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";

// A liaison whose unit has no part in a measure reads its division of labour
// (text, units, deadline, lights) like the published plan, but not the units'
// progress: report texts, percent, comments, evidence, 办理记录, names.

const REPORT_TEXT = "完成行政执法案卷评查三十七件";
const COMMENT = "请补充评查问题清单";
const FILE_NAME = "评查报告原件.pdf";
const AUTHOR = "孙联络员";
const REVIEWER = "钱审核员";

let world: Awaited<ReturnType<typeof buildTwoDistricts>>;
let measureId: number;
let attachmentId: number;
let users: Record<"justiceLiaison" | "groupLiaison" | "reviewer", { id: number }>;

const PDF = new TextEncoder().encode("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n");

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-08-15T02:00:00Z"));
  world = await buildTwoDistricts();
  const region = world.a.region.id;
  const education = await createUnit(db(), { regionId: region, name: "区教育局" });
  const group = await createUnitGroup(db(), { regionId: region, name: "教育系统", memberIds: [education.id] });
  const plan = await createPlan(db(), { regionId: region, title: "下陆区法治政府建设实施方案" });
  const measure = await createMeasure(db(), {
    planId: plan.id,
    code: "7",
    text: "推行行政执法案卷评查制度",
    deadline: "2024-12-31",
    leadUnitIds: [world.a.units.justice.id],
  });
  measureId = measure.id;
  // 区教育局 takes part through its group, as an import writes it.
  await db().assignment.create({
    data: { districtId: measure.districtId, measureId, unitId: education.id, role: "RESPONSIBLE", source: "GROUP", viaGroupId: group.id },
  });
  users = {
    justiceLiaison: await createUser(db(), {
      login: "a.justice",
      name: AUTHOR,
      role: "LIAISON",
      regionId: region,
      unitId: world.a.units.justice.id,
    }),
    groupLiaison: await createUser(db(), {
      login: "a.education",
      name: "周联络员",
      role: "LIAISON",
      regionId: region,
      unitId: education.id,
    }),
    reviewer: await createUser(db(), { login: "a.reviewer", name: REVIEWER, role: "BUREAU", regionId: region }),
  };
  const lead = await db().assignment.findFirstOrThrow({ where: { measureId, unitId: world.a.units.justice.id } });

  await actAs(users.justiceLiaison);
  const form = new FormData();
  for (const [key, value] of Object.entries({
    assignmentId: String(lead.id),
    periodKey: "2024-Q3",
    text: REPORT_TEXT,
    percent: "40",
    claimedStatus: "IN_PROGRESS",
  })) {
    form.set(key, value);
  }
  form.append("evidence", new File([PDF], FILE_NAME, { type: "application/pdf" }));
  const submitted = await submitProgressReport(form);
  if (!submitted.ok) throw new Error(submitted.message);
  await actAs(users.reviewer);
  const returned = await returnProgressReport({ reportId: submitted.data.id, version: 1, comment: COMMENT });
  if (!returned.ok) throw new Error(returned.message);
  attachmentId = (await db().attachment.findFirstOrThrow({ where: { reportId: submitted.data.id } })).id;
});

afterEach(() => {
  vi.useRealTimers();
});

const PROGRESS = [REPORT_TEXT, COMMENT, FILE_NAME, AUTHOR, REVIEWER];

/** Everything the query returned, as text (audit ids are bigint). */
const serialized = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? String(v) : v));

describe("the measure page's data", () => {
  it("for a liaison of a unit not on the measure: the division of labour and lights, no report, comment, evidence, timeline or name", async () => {
    // world.a.users.liaison belongs to 区发改局, which has no part in this measure.
    const detail = await getMeasureDetail((await actAs(world.a.users.liaison))!, measureId);
    expect(detail).not.toBeNull();
    expect(detail!.measure.text).toBe("推行行政执法案卷评查制度");
    expect(detail!.measure.deadline?.toISOString().slice(0, 10)).toBe("2024-12-31");
    expect(detail!.assignments.map((a) => [a.unit.name, a.role, a.viaGroup?.name ?? null])).toEqual([
      ["区司法局", "LEAD", null],
      ["区教育局", "RESPONSIBLE", "教育系统"],
    ]);
    expect(detail!.assignments.map((a) => a.light)).toEqual([expect.any(String), expect.any(String)]);
    expect(detail!.overall.light).toEqual(expect.any(String));
    const loaded = serialized(detail);
    for (const secret of PROGRESS) expect(loaded).not.toContain(secret);
    expect(detail!.timeline).toEqual([]);
    for (const a of detail!.assignments) {
      expect(a.reports).toEqual([]);
      expect(a.collectingReport).toBeNull();
      expect(a.lateReport).toBeNull();
      expect(a).not.toHaveProperty("percent");
    }
    expect(detail!.progressVisible).toBe(false);
  });

  it.each([
    ["the lead unit's liaison", () => users.justiceLiaison],
    ["a liaison whose unit is on the measure through a group", () => users.groupLiaison],
    ["bureau staff", () => world.a.users.bureau],
    ["a leader", () => world.a.users.leader],
    ["ADMIN", () => world.admin],
  ])("for %s: the reports with text, comment, evidence, names and the timeline", async (_who, user) => {
    const detail = await getMeasureDetail((await actAs(user()))!, measureId);
    const loaded = serialized(detail);
    for (const secret of PROGRESS) expect(loaded).toContain(secret);
    expect(detail!.timeline.map((e) => e.action)).toEqual(["report.submit", "report.return"]);
    expect(detail!.progressVisible).toBe(true);
  });
});

describe("the other doors to the same progress", () => {
  it("evidence: refused (404) to the outside liaison, given to the units on the measure and the bureau", async () => {
    const outsider = (await actAs(world.a.users.liaison))!;
    expect(await getAttachment(outsider, attachmentId)).toBeNull();
    const refused = await downloadAttachment(new Request(`http://localhost/attachments/${attachmentId}`), {
      params: Promise.resolve({ id: String(attachmentId) }),
    });
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain(FILE_NAME);

    for (const user of [users.justiceLiaison, users.groupLiaison, world.a.users.bureau, world.admin]) {
      const actor = (await actAs(user))!;
      expect(await getAttachment(actor, attachmentId)).toMatchObject({ fileName: FILE_NAME });
      const given = await downloadAttachment(new Request(`http://localhost/attachments/${attachmentId}`), {
        params: Promise.resolve({ id: String(attachmentId) }),
      });
      expect(given.status).toBe(200);
    }
  });

  it("extension requests: none for the outside liaison", async () => {
    expect(await listMeasureExtensions((await actAs(world.a.users.liaison))!, measureId)).toBeNull();
    expect(await listMeasureExtensions((await actAs(users.groupLiaison))!, measureId)).toEqual([]);
  });
});
