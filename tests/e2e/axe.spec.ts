import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { e2eQuery, signIn } from "./helpers.ts";

// An automated accessibility check (axe-core) of the pages of the weekly loop,
// on the demo data, at a desk and on a phone: the liaison's workbench, a measure
// page (liaison and bureau), the review desk and the leader's home. Any
// violation of impact serious or critical fails, listed with its rule and nodes.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;

async function measureOfJustice(): Promise<number> {
  const [measure] = await e2eQuery<{ id: number }>(
    `SELECT m."id" FROM "Measure" m JOIN "Assignment" a ON a."measureId" = m."id"
     JOIN "Unit" u ON u."id" = a."unitId" JOIN "Region" r ON r."id" = u."regionId"
     WHERE r."code" = '420204' AND u."name" = '区司法局' AND a."role" = 'LEAD' AND a."status" <> 'COMPLETED'
     ORDER BY m."id" LIMIT 1`,
  );
  expect(measure).toBeDefined();
  return measure!.id;
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

for (const viewport of VIEWPORTS) {
  test.describe(`axe ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    const pages: { name: string; login: string; url: () => Promise<string> }[] = [
      { name: "workbench", login: "xialu.liaison", url: async () => "/" },
      { name: "tasks", login: "xialu.liaison", url: async () => "/tasks" },
      { name: "measure-liaison", login: "xialu.liaison", url: async () => `/measures/${await measureOfJustice()}` },
      { name: "measure-bureau", login: "xialu.bureau", url: async () => `/measures/${await measureOfJustice()}` },
      { name: "reviews", login: "xialu.bureau", url: async () => "/reviews" },
      { name: "leader-home", login: "xialu.leader", url: async () => "/" },
    ];

    for (const target of pages) {
      test(`${target.name} has no serious or critical violation`, async ({ page }) => {
        await signIn(page, target.login);
        const url = await target.url();
        const response = await page.goto(url);
        expect(response?.status(), url).toBeLessThan(400);
        await expect(page.locator("main h1")).toBeVisible();
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, `axe-${target.name}-${viewport.width}.png`), fullPage: false });
        expect(await seriousViolations(page), `${target.login} ${url}`).toEqual([]);
      });
    }
  });
}

test("the check itself fails on a page with serious violations", async ({ page }) => {
  // Without this, an empty result could as well mean axe never ran.
  await page.setContent(
    `<html lang="zh-CN"><head><title>检查</title></head><body><main><h1>检查</h1>
     <p style="color:#bbb;background:#fff">对比度不足的文字</p><input type="text"><img src="data:image/png;base64,iVBORw0KGgo="></main></body></html>`,
  );
  const rules = (await seriousViolations(page)).map((v) => v.rule).sort();
  expect(rules).toEqual(expect.arrayContaining(["color-contrast", "image-alt", "label"]));
});
