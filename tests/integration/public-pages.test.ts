import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { db } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport, createUnit, createUser, createRegion } from "@/lib/demo/factories.ts";
import { getPublicRegion, getPublishedReport, listPublicRegions } from "@/lib/public/queries.ts";
import { cachedPublicRegion, cachedPublicRegions, clearPublicCache, PUBLIC_TTL_MS } from "@/lib/public/cache.ts";
import { RegionIndexView, RegionView, ReportView } from "@/components/public/public-views.tsx";
import { todayInChina } from "@/lib/dates.ts";
import { seedDemoData } from "@/lib/demo/seed.ts";
import { buildTwoDistricts } from "../support/world.ts";

// The public pages must show published reports and aggregate counts, and
// nothing else: every secret below has a distinctive text that is looked for
// in the query results and in the rendered pages.

const SECRETS = {
  draftTitle: "草稿标题绝密甲一",
  draftBody: "草稿正文绝密乙二",
  submittedTitle: "待审报告标题丙三",
  submittedBody: "待审报告正文丁四",
  correctionDraftTitle: "更正草稿标题戊五",
  correctionDraftBody: "更正草稿正文己六",
  attachment: "内部佐证材料庚七.pdf",
  progressText: "进展报送原文辛八,不得公开。",
  measureText: "举措原文壬九",
  reviewComment: "退回意见癸十",
};
const STAFF = ["欧阳起草", "司马发布", "诸葛审核", "上官报送", "慕容联络"];

type World = Awaited<ReturnType<typeof buildTwoDistricts>>;
let world: World;
let ids: {
  published: number;
  unitReport: number;
  draft: number;
  submitted: number;
  v1: number;
  v2: number;
  v3Draft: number;
  town: number;
};

async function section(
  planId: number,
  districtId: number,
  label: string,
  title: string,
  sortOrder: number,
  parentId: number | null = null,
) {
  return db().section.create({ data: { planId, districtId, label, title, sortOrder, parentId } });
}

async function measureIn(
  planId: number,
  sectionId: number,
  code: string,
  options: Parameters<typeof createMeasure>[1] extends infer T ? Partial<T> : never,
) {
  const m = await createMeasure(db(), { planId, code, text: `${SECRETS.measureText}-${code}`, ...options });
  await db().measure.update({ where: { id: m.id }, data: { sectionId } });
  return m;
}

const lead = async (measureId: number) => db().assignment.findFirstOrThrow({ where: { measureId, role: "LEAD" } });
const Q4_2025 = { start: "2025-10-01", end: "2025-12-31" };

beforeEach(async () => {
  // Each test starts on a fresh database whose ids begin again at 1.
  clearPublicCache();
  world = await buildTwoDistricts();
  const a = world.a;
  const district = a.region;
  const town = await createRegion(db(), { code: "420204100", name: "团城山街道", level: "TOWN", parentId: district.id });
  await createUnit(db(), { regionId: town.id, name: "团城山街道办事处" });

  // Staff with distinctive names: drafter, publisher, reviewer, author.
  const staff = (i: number) => createUser(db(), { login: `staff${i}`, name: STAFF[i]!, role: "BUREAU", regionId: district.id });
  const [drafter, publisher, reviewer, author] = [await staff(0), await staff(1), await staff(2), await staff(3)];
  const liaison = await createUser(db(), {
    login: "staff.liaison",
    name: STAFF[4]!,
    role: "LIAISON",
    regionId: district.id,
    unitId: a.units.justice.id,
  });

  // A plan in force: chapter 一 (with a sub-section) and chapter 二.
  const plan = await createPlan(db(), { regionId: district.id, title: "下陆区法治政府建设规划(2021—2025年)" });
  const ch1 = await section(plan.id, district.id, "一、", "依法全面履行政府职能", 0);
  const ch1a = await section(plan.id, district.id, "(一)", "深化行政审批制度改革", 1, ch1.id);
  const ch2 = await section(plan.id, district.id, "二、", "健全依法行政制度体系", 2);
  const units = { leadUnitIds: [a.units.justice.id], responsibleUnitIds: [a.units.development.id] };
  const future = "2030-12-31";
  const m1 = await measureIn(plan.id, ch1.id, "1", { ...units, deadline: future }); // completed
  await measureIn(plan.id, ch1.id, "2", { ...units, deadline: "2024-12-31" }); // overdue
  const m3 = await measureIn(plan.id, ch1.id, "3", { ...units, deadline: future }); // in progress
  await measureIn(plan.id, ch1.id, "4", { ...units, deadline: future }); // not started
  const m7 = await measureIn(plan.id, ch1a.id, "7", { ...units, deadline: future }); // in progress, in the sub-section
  const m5 = await measureIn(plan.id, ch2.id, "5", { ...units, ongoing: true }); // ongoing, in progress
  await measureIn(plan.id, ch2.id, "6", { ...units, ongoing: true }); // ongoing, not started

  await createProgressReport(db(), {
    assignmentId: (await lead(m1.id)).id,
    period: Q4_2025,
    state: "APPROVED",
    claimedStatus: "COMPLETED",
    authorId: liaison.id,
    reviewerId: reviewer.id,
    text: SECRETS.progressText,
  });
  const submitted = await createProgressReport(db(), {
    assignmentId: (await lead(m3.id)).id,
    period: Q4_2025,
    state: "SUBMITTED",
    authorId: author.id,
    text: SECRETS.progressText,
  });
  await db().attachment.create({
    data: {
      districtId: district.id,
      reportId: submitted.id,
      fileName: SECRETS.attachment,
      contentHash: "a".repeat(64),
      size: 10,
      mimeType: "application/pdf",
      uploadedById: author.id,
    },
  });
  await createProgressReport(db(), {
    assignmentId: (await lead(m7.id)).id,
    period: Q4_2025,
    state: "RETURNED",
    authorId: liaison.id,
    reviewerId: reviewer.id,
    reviewComment: SECRETS.reviewComment,
    text: SECRETS.progressText,
  });
  await createProgressReport(db(), {
    assignmentId: (await lead(m5.id)).id,
    period: Q4_2025,
    state: "APPROVED",
    authorId: liaison.id,
    reviewerId: reviewer.id,
  });

  // Plans not in force, and another district's plan: none of their measures count here.
  const draftPlan = await db().plan.create({
    data: { regionId: district.id, districtId: district.id, kind: "PLAN", title: "草稿规划", status: "DRAFT" },
  });
  await createMeasure(db(), { planId: draftPlan.id, code: "1", leadUnitIds: [a.units.justice.id] });
  const closedPlan = await db().plan.create({
    data: { regionId: district.id, districtId: district.id, kind: "PLAN", title: "已废止规划", status: "CLOSED" },
  });
  await createMeasure(db(), { planId: closedPlan.id, code: "1", leadUnitIds: [a.units.justice.id] });
  const otherPlan = await createPlan(db(), { regionId: world.b.region.id, title: "黄石港区规划" });
  await createMeasure(db(), { planId: otherPlan.id, code: "1", deadline: "2024-01-01", leadUnitIds: [world.b.units.justice.id] });

  // Annual reports in every state.
  const report = (data: {
    year: number;
    title: string;
    status: "DRAFT" | "SUBMITTED" | "PUBLISHED";
    body: string;
    unitId?: number;
    version?: number;
    previousVersionId?: number;
    regionId?: number;
  }) =>
    db().annualReport.create({
      data: {
        districtId: district.id,
        regionId: data.regionId ?? district.id,
        unitId: data.unitId ?? null,
        year: data.year,
        title: data.title,
        status: data.status,
        version: data.version ?? 1,
        previousVersionId: data.previousVersionId ?? null,
        createdById: drafter.id,
        submittedById: data.status === "DRAFT" ? null : drafter.id,
        submittedAt: data.status === "DRAFT" ? null : new Date("2026-02-20T02:00:00Z"),
        publishedById: data.status === "PUBLISHED" ? publisher.id : null,
        publishedAt: data.status === "PUBLISHED" ? new Date("2026-03-25T02:00:00Z") : null,
        sections: {
          create: [
            {
              districtId: district.id,
              sortOrder: 0,
              level: 1,
              kind: "LEADER_DUTY",
              heading: "党政主要负责人履行推进法治建设第一责任人职责情况",
              body: data.body,
            },
            {
              districtId: district.id,
              sortOrder: 1,
              level: 1,
              kind: "MEASURES",
              heading: "主要举措和成效",
              body: `(一)持续深化改革\n全年办理${data.body}`,
            },
            {
              districtId: district.id,
              sortOrder: 2,
              level: 2,
              kind: null,
              heading: "依法全面履行政府职能",
              body: "完成举措 3 项。",
              measureIds: [m1.id],
            },
          ],
        },
      },
    });
  const published = await report({ year: 2025, title: "下陆区2025年法治政府建设年度报告", status: "PUBLISHED", body: "公开正文甲乙丙。" });
  const unitReport = await report({
    year: 2025,
    title: "区司法局2025年法治政府建设情况报告",
    status: "PUBLISHED",
    body: "部门公开正文。",
    unitId: a.units.justice.id,
  });
  const draft = await report({ year: 2026, title: SECRETS.draftTitle, status: "DRAFT", body: SECRETS.draftBody });
  const submittedReport = await report({ year: 2026, title: SECRETS.submittedTitle, status: "SUBMITTED", body: SECRETS.submittedBody });
  const v1 = await report({ year: 2024, title: "下陆区2024年法治政府建设年度报告", status: "PUBLISHED", body: "原版正文。" });
  const v2 = await report({
    year: 2024,
    title: "下陆区2024年法治政府建设年度报告(更正)",
    status: "PUBLISHED",
    body: "更正后正文。",
    version: 2,
    previousVersionId: v1.id,
  });
  const v3 = await report({
    year: 2024,
    title: SECRETS.correctionDraftTitle,
    status: "DRAFT",
    body: SECRETS.correctionDraftBody,
    version: 3,
    previousVersionId: v2.id,
  });
  // A town with only a draft has nothing public.
  await report({ year: 2025, title: SECRETS.draftTitle, status: "DRAFT", body: SECRETS.draftBody, regionId: town.id });
  ids = {
    published: published.id,
    unitReport: unitReport.id,
    draft: draft.id,
    submitted: submittedReport.id,
    v1: v1.id,
    v2: v2.id,
    v3Draft: v3.id,
    town: town.id,
  };
});

function expectNoSecrets(output: string) {
  for (const secret of [...Object.values(SECRETS), ...STAFF]) expect(output, `leaks “${secret}”`).not.toContain(secret);
}

const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);

describe("public pages", () => {
  it("index: regions with a published report or a plan in force, under their city; nothing else", async () => {
    const regions = await listPublicRegions();
    expect(regions.map((r) => [r.name, r.depth, r.reports, r.plans])).toEqual([
      ["黄石市", 0, 0, 0],
      // 黄石港区 has a plan in force; 下陆区 three current reports (2025, the unit's 2025, 2024 corrected) and one plan in force.
      ["黄石港区", 1, 0, 1],
      ["下陆区", 1, 3, 1],
    ]);
    const [{ n: current }] = await db().$queryRaw<[{ n: number }]>`
      SELECT count(*)::int AS n FROM "AnnualReport" a
      WHERE a."regionId" = ${world.a.region.id} AND a."status" = 'PUBLISHED'
        AND NOT EXISTS (SELECT 1 FROM "AnnualReport" b WHERE b."previousVersionId" = a."id" AND b."status" = 'PUBLISHED')`;
    expect(regions.find((r) => r.name === "下陆区")!.reports).toBe(current);
    const page = html(createElement(RegionIndexView, { regions }));
    expect(page).toContain(`href="/public/regions/${world.a.region.id}"`);
    expect(page).not.toContain("团城山街道");
    expectNoSecrets(JSON.stringify(regions) + page);
  });

  it("region page: published reports newest first (correction chain shown as current and history), counts per chapter equal to SQL", async () => {
    const data = (await getPublicRegion(world.a.region.id, todayInChina()))!;
    expect(data.reports.map((r) => [r.id, r.year, r.unitName, r.superseded])).toEqual([
      [ids.published, 2025, null, false],
      [ids.unitReport, 2025, "区司法局", false],
      [ids.v2, 2024, null, false],
      [ids.v1, 2024, null, true],
    ]);

    // Counted by hand from the fixture: chapter 一 holds 1-4 and 7 (its sub-section), chapter 二 the two ongoing ones.
    expect(data.plans).toHaveLength(1);
    const [plan] = data.plans;
    const row = (c: { measures: number; completed: number; overdue: number; inProgress: number; notStarted: number; ongoing: number }) => [
      c.measures,
      c.completed,
      c.overdue,
      c.inProgress,
      c.notStarted,
      c.ongoing,
    ];
    expect(plan!.chapters.map((c) => [c.label + c.title, ...row(c)])).toEqual([
      ["一、依法全面履行政府职能", 5, 1, 1, 2, 1, 0],
      ["二、健全依法行政制度体系", 2, 0, 0, 1, 1, 2],
    ]);
    expect(row(plan!.totals)).toEqual([7, 1, 1, 3, 2, 2]);
    expect(plan!.totals.completionRate).toBeCloseTo(1 / 5);

    // The measure and ongoing counts per chapter in plain SQL, walking sub-sections up to their chapter.
    const sql = await db().$queryRaw<{ chapter: string; measures: number; ongoing: number }[]>`
      SELECT c."label" || c."title" AS chapter, count(m."id")::int AS measures, count(m."id") FILTER (WHERE m."ongoing")::int AS ongoing
      FROM "Measure" m
      JOIN "Plan" p ON p."id" = m."planId" AND p."status" = 'IN_FORCE' AND p."regionId" = ${world.a.region.id}
      JOIN "Section" s ON s."id" = m."sectionId"
      JOIN "Section" c ON c."id" = COALESCE(s."parentId", s."id")
      GROUP BY c."label", c."title", c."sortOrder" ORDER BY c."sortOrder"`;
    expect(plan!.chapters.map((c) => ({ chapter: c.label + c.title, measures: c.measures, ongoing: c.ongoing }))).toEqual(sql);

    const page = html(createElement(RegionView, { data }));
    expect(page).toContain("下陆区2025年法治政府建设年度报告");
    expect(page).toContain("区司法局 · 区司法局2025年法治政府建设情况报告");
    expect(page).toContain("已更正的历史版本");
    expect(page).toContain("依法全面履行政府职能");
    expectNoSecrets(JSON.stringify(data) + page);
  });

  it("report page: a published report laid out as the document; drafts and submitted reports do not exist", async () => {
    const report = (await getPublishedReport(ids.published))!;
    const page = html(createElement(ReportView, { report }));
    expect(page).toContain("下陆区2025年法治政府建设年度报告");
    expect(page).toMatch(/<h2[^>]*>一、党政主要负责人履行推进法治建设第一责任人职责情况<\/h2>/);
    expect(page).toMatch(/<h2[^>]*>二、主要举措和成效<\/h2>/);
    // (一) printed in the body, then the chapter paragraph numbered on from it, with full-width brackets.
    expect(page).toMatch(/<h3[^>]*>\uFF08一\uFF09持续深化改革<\/h3>/);
    expect(page).toMatch(/<h3[^>]*>\uFF08二\uFF09依法全面履行政府职能<\/h3>/);
    expect(page).toContain("公开正文甲乙丙。");
    expectNoSecrets(JSON.stringify(report) + page);

    const old = (await getPublishedReport(ids.v1))!;
    expect(old).toMatchObject({ superseded: true, latestId: ids.v2 });
    const oldPage = html(createElement(ReportView, { report: old }));
    expect(oldPage).toContain("这是已更正的历史版本");
    expect(oldPage).toContain(`href="/public/reports/${ids.v2}"`);
    expectNoSecrets(JSON.stringify(old) + oldPage);

    for (const id of [ids.draft, ids.submitted, ids.v3Draft, 999_999]) expect(await getPublishedReport(id)).toBeNull();
  });

  it("a region with nothing public still has a page, and it is empty", async () => {
    const data = (await getPublicRegion(ids.town))!;
    expect(data.reports).toEqual([]);
    expect(data.plans).toEqual([]);
    expectNoSecrets(JSON.stringify(data) + html(createElement(RegionView, { data })));
    expect(await getPublicRegion(999_999)).toBeNull();
  });
});

describe("a region page's children", () => {
  const publish = (regionId: number, title: string) =>
    db().annualReport.create({
      data: {
        districtId: world.a.region.id,
        regionId,
        year: 2025,
        title,
        status: "PUBLISHED",
        createdById: world.a.users.bureau.id,
        publishedById: world.a.users.bureau.id,
        publishedAt: new Date("2026-03-25T02:00:00Z"),
      },
    });

  it("are the regions below it with something public in them or under them, with their own counts, in code order", async () => {
    const children = async (id: number) => (await getPublicRegion(id))!.children.map((c) => [c.name, c.level, c.reports, c.plans]);
    // 下陆区: three current reports (2025, the unit's 2025, the corrected 2024) and one plan; 黄石港区 a plan.
    expect(await children(world.city.id)).toEqual([
      ["黄石港区", "DISTRICT", 0, 1],
      ["下陆区", "DISTRICT", 3, 1],
    ]);
    // The town has only a draft.
    expect(await children(world.a.region.id)).toEqual([]);

    await publish(ids.town, "团城山街道2025年法治政府建设情况报告");
    // A district with nothing of its own but a town with a published report is shown, with zeros.
    const c = await createRegion(db(), { code: "420281", name: "大冶市", level: "DISTRICT", parentId: world.city.id });
    const cTown = await createRegion(db(), { code: "420281100", name: "东岳路街道", level: "TOWN", parentId: c.id });
    await createRegion(db(), { code: "420281101", name: "金湖街道", level: "TOWN", parentId: c.id });
    await publish(cTown.id, "东岳路街道2025年法治政府建设情况报告");
    expect(await children(world.a.region.id)).toEqual([["团城山街道", "TOWN", 1, 0]]);
    expect(await children(world.city.id)).toEqual([
      ["黄石港区", "DISTRICT", 0, 1],
      ["下陆区", "DISTRICT", 3, 1],
      ["大冶市", "DISTRICT", 0, 0],
    ]);
    expect(await children(c.id)).toEqual([["东岳路街道", "TOWN", 1, 0]]);
    expect(await children(cTown.id)).toEqual([]);
  });
});

describe("the public pages' cache", () => {
  const NOW = new Date("2026-04-01T02:00:00Z");
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const at = (ms: number) => vi.setSystemTime(new Date(NOW.getTime() + ms));
  const reportsOfA = async () => (await cachedPublicRegion(world.a.region.id))!.reports.length;
  const indexReportsOfA = async () => (await cachedPublicRegions()).find((r) => r.id === world.a.region.id)!.reports;

  it("serves the region page and the index from memory for five minutes, then reads again", async () => {
    expect(await reportsOfA()).toBe(4);
    expect(await indexReportsOfA()).toBe(3);
    // The 2026 draft is published: the database says so at once...
    await db().annualReport.update({ where: { id: ids.draft }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    expect((await getPublicRegion(world.a.region.id))!.reports).toHaveLength(5);
    expect((await listPublicRegions()).find((r) => r.id === world.a.region.id)!.reports).toBe(4);
    // ...the cached pages a little later.
    at(PUBLIC_TTL_MS - 1000);
    expect(await reportsOfA()).toBe(4);
    expect(await indexReportsOfA()).toBe(3);
    at(PUBLIC_TTL_MS + 1000);
    expect(await reportsOfA()).toBe(5);
    expect(await indexReportsOfA()).toBe(4);
    expect(PUBLIC_TTL_MS).toBe(300_000);
  });

  it("shares one load between requests that arrive together, and does not keep a region that does not exist", async () => {
    expect(cachedPublicRegion(world.a.region.id)).toBe(cachedPublicRegion(world.a.region.id));
    const last = await db().region.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(await cachedPublicRegion(last.id + 1)).toBeNull();
    const created = await createRegion(db(), { code: "420281", name: "大冶市", level: "DISTRICT", parentId: world.city.id });
    expect(created.id).toBe(last.id + 1);
    expect((await cachedPublicRegion(created.id))!.region.name).toBe("大冶市");
  });
});

describe("the demo data", () => {
  it("publishes 松江区's 2024 and 罗店镇's 2020 reports, imported through the import path, beside the plans in force", async () => {
    await db().$executeRawUnsafe(`TRUNCATE "Region", "User" RESTART IDENTITY CASCADE`);
    await seedDemoData(db(), { today: "2026-11-20" });
    const regions = await listPublicRegions();
    expect(regions.map((r) => [r.name, r.depth, r.reports, r.plans])).toEqual([
      // 怀柔区's 行动计划 (seed 002) is in force too.
      ["北京市", 0, 0, 0],
      ["怀柔区", 1, 0, 1],
      ["上海市", 0, 0, 0],
      ["宝山区", 1, 0, 1],
      ["罗店镇", 2, 1, 0],
      ["松江区", 1, 1, 0],
      ["黄石市", 0, 0, 0],
      // 下陆区's three 2021–2025 plans are 期满; its 2026 工作要点 is in force.
      ["下陆区", 1, 0, 1],
    ]);
    const songjiang = (await getPublicRegion(regions.find((r) => r.name === "松江区")!.id))!;
    expect(songjiang.reports).toMatchObject([{ year: 2024, title: "松江区2024年法治政府建设年度报告", imported: true, superseded: false }]);
    const report = (await getPublishedReport(songjiang.reports[0]!.id))!;
    const page = html(createElement(ReportView, { report }));
    expect(page).toMatch(/<h2[^>]*>一、深入学习贯彻习近平法治思想/);
    expect(page).toMatch(/<h2[^>]*>四、2025年推进法治政府建设的主要安排<\/h2>/);
    expect(page).toMatch(/<h3[^>]*>\uFF08一\uFF09持续深入学习宣传贯彻习近平法治思想<\/h3>/);
    // Imported as the import action writes it: an audit event, no staff name on the page.
    expect(await db().auditEvent.count({ where: { action: "annualReport.import" } })).toBe(2);
    expect(page).not.toContain("系统管理员");
  }, 120_000);
});
