import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { createPrisma } from "@/lib/db/client.ts";
import { createRegion, createUnit, createUser } from "@/lib/demo/factories.ts";
import { DEMO_PASSWORD, E2E_DATABASE_URL, signIn } from "./helpers.ts";

const DATABASE = E2E_DATABASE_URL;
const SEED_004 = path.resolve(import.meta.dirname, "../fixtures/seeds/004-xialu-division.txt");

// The demo data already holds 004 in 下陆区, with years of progress. A first
// import is shown in a district of its own (铁山区, with only the two units the
// document misnames); re-importing into 下陆区 must update in place.
const TIESHAN = { code: "420205", name: "铁山区" };

test.beforeAll(async () => {
  const prisma = createPrisma(DATABASE);
  try {
    // Idempotent, so the spec can run again against the same server.
    if (await prisma.region.findUnique({ where: { code: TIESHAN.code } })) return;
    const city = await prisma.region.findUniqueOrThrow({ where: { code: "420200" } });
    const region = await createRegion(prisma, { ...TIESHAN, level: "DISTRICT", parentId: city.id });
    await createUnit(prisma, { regionId: region.id, name: "区发改局" });
    await createUnit(prisma, { regionId: region.id, name: "区应急管理局" });
    await createUser(prisma, { login: "tieshan.bureau", name: "铁山司法局", role: "BUREAU", regionId: region.id, password: DEMO_PASSWORD });
  } finally {
    await prisma.$disconnect();
  }
});

/** What a district holds (or all districts, without a code): plans, measures, assignments, progress reports and units. */
/** Rows of the plans imported from a document, in one region or everywhere; `titles`: only plans so named. */
async function counts(regionCode: string | null = null, titles: string | null = null) {
  const client = new pg.Client({ connectionString: DATABASE });
  await client.connect();
  try {
    const { rows } = await client.query(
      `WITH r AS (SELECT id FROM "Region" WHERE $1::text IS NULL OR code = $1),
            -- Plans imported from a document only: other specs add hand-made plans to the demo districts.
            p AS (SELECT id FROM "Plan" WHERE "regionId" IN (SELECT id FROM r) AND "sourceText" IS NOT NULL
                    AND ($2::text IS NULL OR title LIKE $2)),
            m AS (SELECT id FROM "Measure" WHERE "planId" IN (SELECT id FROM p)),
            a AS (SELECT id FROM "Assignment" WHERE "measureId" IN (SELECT id FROM m))
       SELECT (SELECT count(*) FROM p)::int AS plans, (SELECT count(*) FROM m)::int AS measures,
              (SELECT count(*) FROM a)::int AS assignments,
              (SELECT count(*) FROM "ProgressReport" WHERE "assignmentId" IN (SELECT id FROM a))::int AS reports,
              (SELECT count(*) FROM "Unit" WHERE "regionId" IN (SELECT id FROM r))::int AS units`,
      [regionCode, titles],
    );
    return rows[0] as { plans: number; measures: number; assignments: number; reports: number; units: number };
  } finally {
    await client.end();
  }
}

test("a district's bureau imports 004, accepts proposed matches, exports the ledger and re-imports it without duplicates", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, "tieshan.bureau");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "规划" }).click();
  await page.getByRole("link", { name: "导入规划" }).click();

  await page.getByLabel("文件(.txt 或 .docx,不超过 10 MB)").setInputFiles(SEED_004);
  await page.getByRole("button", { name: "识别" }).click();
  await expect(page.getByText("识别出 3 个规划")).toBeVisible();

  // Two proposed near matches, accepted one by one.
  for (const [name, unit] of [
    ["区发改委", "区发改局"],
    ["区应急局", "区应急管理局"],
  ]) {
    await page.getByLabel(`“${name}”的处理方式`).selectOption({ label: `匹配为“${unit}”(并记为别名)` });
  }
  await page.getByRole("button", { name: "接受全部推荐匹配" }).click();
  await page.getByRole("button", { name: "未知单位全部新建" }).click();
  await page.screenshot({ path: "test-results/import-review.png" });
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("heading", { name: "导入完成" })).toBeVisible({ timeout: 60_000 });
  const afterImport = await counts(TIESHAN.code);
  expect(afterImport).toMatchObject({ plans: 3, measures: 138, reports: 0 });
  expect(afterImport.assignments).toBeGreaterThanOrEqual(138);
  // The units the document names that 铁山区 did not have were created.
  expect(afterImport.units).toBeGreaterThan(2);

  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "规划" }).click();
  await expect(page.getByRole("link", { name: /重要举措分工方案/ })).toHaveCount(3);
  await page.getByRole("link", { name: "法治下陆建设规划(2021-2025年)重要举措分工方案" }).click();
  await expect(page.getByRole("cell", { name: "区司法局", exact: true }).first()).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出分工台账(Excel)" }).click();
  const ledger = await (await download).path();

  await page.getByLabel("分工台账文件(.xlsx)").setInputFiles(ledger);
  await page.getByRole("button", { name: "导入台账" }).click();
  await expect(page.getByText("已导入 1 个规划、50 项举措(新增 0,更新 50)")).toBeVisible({ timeout: 60_000 });
  expect(await counts(TIESHAN.code)).toEqual(afterImport);
});

test("re-importing 004 into 下陆区, whose plans carry progress, updates them in place", async ({ page }) => {
  test.setTimeout(180_000);
  // 004's three plans (other specs import small plans of their own into 下陆区).
  const before = await counts("420204", "%重要举措分工方案");
  expect(before).toMatchObject({ plans: 3, measures: 138 });
  expect(before.reports).toBeGreaterThan(1000);

  await signIn(page, "xialu.bureau");
  await page.goto("/plans/import");
  await page.getByLabel("文件(.txt 或 .docx,不超过 10 MB)").setInputFiles(SEED_004);
  await page.getByRole("button", { name: "识别" }).click();
  await expect(page.getByText("识别出 3 个规划")).toBeVisible();
  // The demo import remembered the near matches and created the missing units: nothing left to decide.
  await expect(page.getByRole("heading", { name: "单位核对(0 个待确认)" })).toBeVisible();
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("heading", { name: "导入完成" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("已导入 3 个规划、138 项举措(新增 0,更新 138)")).toBeVisible();
  await expect(page.getByText("新增分工 0 条")).toBeVisible();
  expect(await counts("420204", "%重要举措分工方案")).toEqual(before);
});

test("a file that is not a plan gets a clear message and nothing is written", async ({ page }) => {
  await signIn(page, "xialu.bureau");
  const before = await counts();
  await page.goto("/plans/import");
  await page.getByLabel("或粘贴文本").fill("这是一段普通的文字,没有编号,也没有任何举措。");
  await page.getByRole("button", { name: "识别" }).click();
  await expect(page.getByRole("form", { name: "选择文件" }).getByRole("alert")).toContainText("没有找到任何举措");
  await expect(page.getByLabel("或粘贴文本")).toHaveValue("这是一段普通的文字,没有编号,也没有任何举措。");
  expect(await counts()).toEqual(before);
});
