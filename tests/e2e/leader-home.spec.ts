import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { latestDuePeriod } from "@/lib/reporting/periods.ts";
import { todayInChina } from "@/lib/dates.ts";
import { e2eQuery as query, signIn } from "./helpers.ts";

// The leader's answer at a glance: the 下陆区 leader's home shows who is
// behind (lagging units, overdue measures, this quarter's report rate against
// the last one); on the district dashboard ranking the unit table keeps it in
// view, and 未报送 lists only the units that owe a report.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");

async function shot(page: Page, step: string) {
  const width = page.viewportSize()!.width;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `leader-home-${step}-${width}.png`), fullPage: false });
}

/** Whether the element lies wholly inside the visible part of the page. */
async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  return !!box && box.y >= 0 && box.y + box.height <= viewport.height;
}

/**
 * Settles everything one small 下陆区 unit owes this quarter (its reports
 * approved), so the demo has a unit in the table that owes nothing; returns its name.
 */
async function settleOneUnit(): Promise<string> {
  const period = latestDuePeriod(todayInChina(), "QUARTERLY");
  const [unit] = await query<{ id: number; name: string }>(
    `SELECT u.id, u.name FROM "Unit" u JOIN "Region" r ON r.id = u."districtId"
     WHERE r.name = '下陆区' AND u.active AND EXISTS (SELECT 1 FROM "Assignment" a WHERE a."unitId" = u.id)
     ORDER BY (SELECT count(*) FROM "Assignment" a WHERE a."unitId" = u.id), u.id LIMIT 1`,
  );
  const [bureau] = await query<{ id: number }>(`SELECT id FROM "User" WHERE login = 'xialu.bureau'`);
  await query(
    `INSERT INTO "ProgressReport" ("districtId", "assignmentId", "periodStart", "periodEnd", text, percent, "claimedStatus", state,
       "authorId", "submittedAt", "reviewerId", "reviewedAt", "updatedAt")
     SELECT a."districtId", a.id, $2::date, $3::date, '本期按计划推进。', 50, 'IN_PROGRESS', 'APPROVED', $4, now(), $4, now(), now()
     FROM "Assignment" a WHERE a."unitId" = $1
     ON CONFLICT ("assignmentId", "periodStart", "periodEnd", "districtId")
       DO UPDATE SET state = 'APPROVED', "reviewerId" = $4, "reviewedAt" = now(), "submittedAt" = COALESCE("ProgressReport"."submittedAt", now())`,
    [unit!.id, period.start, period.end, bureau!.id],
  );
  return unit!.name;
}

async function walk(page: Page) {
  await signIn(page, "xialu.leader");

  // Home: who is behind, at the top, before anything else on the page.
  const behind = page.getByRole("region", { name: "落后单位" });
  await expect(behind).toBeVisible();
  expect(await inViewport(page, behind.getByRole("heading", { name: "落后单位" }))).toBe(true);
  await expect(behind.getByText("本期报送率")).toBeVisible();
  // "本期报送率 25%(上期 80%)": this quarter's rate against the last one.
  await expect(behind.getByRole("definition").filter({ hasText: /^(\d+%|—)\(上期 (\d+%|—)\)$/ })).toBeVisible();
  await expect(behind.getByText("逾期举措")).toBeVisible();
  const list = behind.getByRole("list", { name: "落后单位名单" });
  await expect(list.getByRole("listitem").first()).toBeVisible();
  // Not reported first: the first unit listed has reports missing this quarter, in words beside its colour.
  await expect(
    list
      .getByRole("listitem")
      .first()
      .getByText(/本期未报 \d+ 项/),
  ).toBeVisible();
  await expect(list.getByText(/逾期 \d+ 项/).first()).toBeVisible();
  const summaryTop = (await page.getByRole("heading", { name: "管辖范围概况" }).boundingBox())?.y ?? Infinity;
  expect((await behind.boundingBox())!.y).toBeLessThan(summaryTop);
  await shot(page, "home");

  // The first lagging unit opens its own dashboard.
  const firstUnit = list.getByRole("listitem").first().getByRole("link");
  const firstName = (await firstUnit.textContent())!.trim();
  await firstUnit.click();
  await expect(page).toHaveURL(/\/dashboard\/unit\/\d+/);
  await expect(page.getByRole("heading", { level: 1, name: `${firstName}工作看板` })).toBeVisible();
  await shot(page, "unit");

  // Back home, then every unit: the district dashboard, scrolled to its unit table.
  await page.goBack();
  await page
    .getByRole("region", { name: "落后单位" })
    .getByRole("link", { name: /查看全部 \d+ 个落后单位|查看各单位情况/ })
    .click();
  await expect(page).toHaveURL(/\/dashboard\/district\/\d+#units$/);
  const unitsHeading = page.getByRole("heading", { name: "各单位落实情况(点击表头排序)" });
  await expect.poll(() => inViewport(page, unitsHeading)).toBe(true);
  await shot(page, "units");

  // Ranking by a column reloads the table and keeps it in view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole("navigation", { name: "页内跳转" }).getByRole("link", { name: "各单位情况" }).click();
  await expect.poll(() => inViewport(page, unitsHeading)).toBe(true);
  const unitTable = page.getByRole("table", { name: "各单位落实情况" });
  await unitTable
    .getByRole("columnheader", { name: /本期报送率/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/sort=submissionRate.*#units$/);
  await expect(unitTable.getByRole("columnheader", { name: /本期报送率 ↓/ })).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => inViewport(page, unitsHeading)).toBe(true);
  await shot(page, "sorted");
  await unitTable
    .getByRole("columnheader", { name: /本期报送率/ })
    .getByRole("link")
    .click();
  await expect(unitTable.getByRole("columnheader", { name: /本期报送率 ↑/ })).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(() => inViewport(page, unitsHeading)).toBe(true);

  // 未报送 names only the units that owe this quarter: fewer than the units in the table.
  await page.getByRole("navigation", { name: "页内跳转" }).getByRole("link", { name: "未报送的单位" }).click();
  const notReportedHeading = page.getByRole("heading", { name: /未报送的单位\((\d+) 个\)/ });
  await expect.poll(() => inViewport(page, notReportedHeading)).toBe(true);
  const notReportedCount = Number((await notReportedHeading.textContent())!.match(/\((\d+) 个\)/)![1]);
  const unitCount = (await unitTable.getByRole("row").count()) - 1;
  expect(notReportedCount).toBeGreaterThan(0);
  expect(notReportedCount).toBeLessThan(unitCount);
  const notReported = page.getByRole("table", { name: /未报送的单位$/ });
  await expect(notReported.getByRole("row")).toHaveCount(notReportedCount + 1);
  await shot(page, "not-reported");
  return { notReported, unitTable };
}

test.describe("at 1366×768", () => {
  test("the leader sees who is behind at the top of the home page, and the dashboard's unit table stays in view when ranked", async ({
    page,
  }) => {
    const settled = await settleOneUnit();
    const { notReported, unitTable } = await walk(page);
    // The unit that owes nothing is in the unit table, not among the 未报送.
    await expect(unitTable.getByRole("link", { name: settled, exact: true })).toHaveCount(1);
    await expect(notReported.getByRole("link", { name: settled, exact: true })).toHaveCount(0);
  });
});

test.describe("at 390×844", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("on a phone the leader sees who is behind first and ranks the unit table without losing it", async ({ page }) => {
    await settleOneUnit();
    await walk(page);
  });
});
