import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { e2eQuery, signIn, switchUser } from "./helpers.ts";

// 考核 end to end on the demo's 下陆区: the bureau creates the 2026 scheme,
// changes a rule and sees the score move, adds an adjustment, publishes and
// exports; the leader reads the published ranking, the liaison its own unit's
// score. The 2026 scheme is this spec's own: removed first, so a rerun starts clean.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const TITLE = "下陆区2026年度法治建设考核";
const shot = (page: Page, step: string, width: 1366 | 390) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `assessments-${step}-${width}.png`), fullPage: false });

const ranking = (page: Page) => page.getByRole("table", { name: `${TITLE}排名` });
/** The ranking's rows as [名次, 单位, 基础分, 扣分, 加分, 调整, 得分] texts. */
async function rankingRows(page: Page): Promise<string[][]> {
  return ranking(page)
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => (cell.textContent ?? "").trim())));
}

test.beforeAll(() => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

test("xialu.bureau creates the 2026 scheme, changes a rule and sees the score move, adjusts, publishes and exports", async ({ page }) => {
  test.setTimeout(180_000);
  await e2eQuery(`DELETE FROM "Assessment" WHERE year = 2026 AND "regionId" = (SELECT id FROM "Region" WHERE code = '420204')`);
  await signIn(page, "xialu.bureau");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "考核" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "考核" })).toBeVisible();
  const create = page.getByRole("form", { name: "新建考核" });
  await create.getByLabel("考核年度").fill("2026");
  await create.getByRole("button", { name: "新建考核" }).click();
  await expect(page).toHaveURL(/\/assessments\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(ranking(page)).toBeVisible();
  await shot(page, "draft", 1366);

  // A rule change shows at once: the base score 100 → 90 takes 10 from the top unit.
  const [top] = await rankingRows(page);
  const [, topUnit, , , , , topTotal] = top!;
  const rules = page.getByRole("form", { name: "考核规则" });
  await rules.getByLabel("基础分").fill("abc");
  await rules.getByRole("button", { name: "保存规则" }).click();
  await expect(rules.getByText("请填写基础分")).toBeVisible();
  await rules.getByLabel("基础分").fill("90");
  await rules.getByRole("button", { name: "保存规则" }).click();
  await expect(rules.getByText("考核规则已保存,得分已按新规则重新计算")).toBeVisible();
  const rowOf = (unit: string) =>
    ranking(page)
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: unit, exact: true }) });
  await expect(rowOf(topUnit!).locator("td").nth(6)).toHaveText(String(Number(topTotal) - 10));

  // An adjustment needs its reason; then the unit's 调整 shows it.
  const adjust = page.getByRole("form", { name: "添加人工调整" });
  await adjust.getByLabel("单位").selectOption({ label: topUnit! });
  await adjust.getByLabel("调整分值").fill("2");
  await adjust.getByRole("button", { name: "添加调整" }).click();
  await expect(adjust.getByText("请填写调整理由")).toBeVisible();
  await expect(adjust.getByLabel("调整分值")).toHaveValue("2");
  await adjust.getByLabel("调整理由").fill("获评市级法治建设示范单位");
  await adjust.getByRole("button", { name: "添加调整" }).click();
  await expect(adjust.getByText("已添加人工调整")).toBeVisible();
  await expect(rowOf(topUnit!).locator("td").nth(5)).toHaveText("+2");
  await expect(page.getByRole("table", { name: "人工调整" }).getByText("获评市级法治建设示范单位")).toBeVisible();
  // Each point is listed with its fact: the unit's details hold the adjustment's reason.
  await page.locator("details").filter({ hasText: topUnit! }).first().locator("summary").click();
  await expect(page.getByText("人工调整:获评市级法治建设示范单位")).toBeVisible();
  await shot(page, "adjusted", 1366);

  // Publish, after a confirmation naming what becomes fixed.
  const before = await rankingRows(page);
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("得分和排名将固定");
    void dialog.accept();
  });
  await page.getByRole("button", { name: "发布考核" }).click();
  await expect(page.getByText("已发布", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("form", { name: "考核规则" })).toHaveCount(0);
  expect(await rankingRows(page)).toEqual(before);
  await shot(page, "published", 1366);

  // .xlsx: the ranking sheet has the page's rows, the details every point.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${TITLE}.xlsx`);
  const saved = path.join(SCREENSHOTS, "assessments.xlsx");
  await file.saveAs(saved);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(saved);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["排名", "扣分加分明细"]);
  const sheet = workbook.getWorksheet("排名")!;
  expect(sheet.getRow(3).values).toEqual([undefined, "名次", "单位", "基础分", "扣分", "加分", "调整", "得分"]);
  expect(sheet.rowCount - 3).toBe(before.length);
  expect([sheet.getRow(4).getCell(2).value, String(sheet.getRow(4).getCell(7).value as number)]).toEqual([before[0]![1], before[0]![6]]);
});

test("xialu.leader reads the published ranking; xialu.liaison its own unit's score only", async ({ page }) => {
  await signIn(page, "xialu.leader");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "考核" }).click();
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(ranking(page)).toBeVisible();
  expect((await rankingRows(page)).length).toBeGreaterThan(1);
  await expect(page.getByRole("button", { name: "发布考核" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "考核规则" })).toHaveCount(0);
  await shot(page, "leader", 1366);

  await switchUser(page, "xialu.liaison");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "考核" }).click();
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 2, name: "本单位得分" })).toBeVisible();
  const rows = await rankingRows(page);
  expect(rows.map((r) => r[1])).toEqual(["区司法局"]);
  await shot(page, "liaison", 1366);
});

test("the admin's menu, with 考核, still fits one line at 1366 px", async ({ page }) => {
  await signIn(page, "admin");
  const items = page.getByRole("navigation", { name: "主导航" }).getByRole("listitem");
  await expect(items.filter({ hasText: "考核" })).toHaveCount(1);
  const tops = await items.evaluateAll((lis) => [...new Set(lis.map((li) => Math.round(li.getBoundingClientRect().top)))]);
  expect(tops).toHaveLength(1);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("xialu.leader reads the ranking and a unit's points", async ({ page }) => {
    await signIn(page, "xialu.leader");
    await page.goto("/assessments");
    await page.getByRole("link", { name: TITLE }).click();
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(ranking(page)).toBeVisible();
    await shot(page, "leader", 390);
    await page.locator("details summary").first().click();
    await expect(page.locator("details[open] li").first()).toBeVisible();
    await shot(page, "leader-details", 390);
    // Nothing wider than the screen but the table's own scroller.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
