import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createPrisma } from "@/lib/db/client.ts";
import { createMeasure, createPlan, createProgressReport } from "@/lib/demo/factories.ts";
import { todayInChina } from "@/lib/dates.ts";
import { reportingPeriod } from "@/lib/reporting/periods.ts";
import { E2E_DATABASE_URL, signIn } from "./helpers.ts";

// The liaison's workbench (the home page) and 我的任务 at a desk and on a phone:
// this period's counts and deadline first, returned work at the top, every
// count a filter; on a phone cards instead of tables, the header menu behind
// 菜单, and a web app manifest with icons a signed-out phone can fetch.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;

const measureTexts = new Map<number, string>();

test.beforeAll(async () => {
  // One returned report per viewport, on a plan of its own that no other spec touches.
  const prisma = createPrisma(E2E_DATABASE_URL);
  try {
    const xialu = await prisma.region.findUniqueOrThrow({ where: { code: "420204" } });
    const justice = await prisma.unit.findFirstOrThrow({ where: { regionId: xialu.id, name: "区司法局" } });
    const liaison = await prisma.user.findUniqueOrThrow({ where: { login: "xialu.liaison" } });
    const bureau = await prisma.user.findUniqueOrThrow({ where: { login: "xialu.bureau" } });
    const plan = await createPlan(prisma, {
      regionId: xialu.id,
      title: "工作台端到端测试方案",
      reportCadence: "QUARTERLY",
      periodEnd: 2030,
    });
    const period = reportingPeriod(todayInChina(), "QUARTERLY", 10);
    for (const [i, viewport] of VIEWPORTS.entries()) {
      const text = `规范行政执法案卷评查(工作台${viewport.width}核对)`;
      const measure = await createMeasure(prisma, {
        planId: plan.id,
        code: `W${i + 1}`,
        text,
        deadline: "2030-12-31",
        leadUnitIds: [justice.id],
      });
      const assignment = await prisma.assignment.findFirstOrThrow({ where: { measureId: measure.id } });
      await createProgressReport(prisma, {
        assignmentId: assignment.id,
        period: { start: period.start, end: period.end },
        state: "RETURNED",
        text: "已开展案卷评查。",
        reviewComment: "请补充评查结果。",
        authorId: liaison.id,
        reviewerId: bureau.id,
      });
      measureTexts.set(viewport.width, text);
    }
  } finally {
    await prisma.$disconnect();
  }
});

async function shot(page: Page, step: string, width: number) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `workbench-${step}-${width}.png`), fullPage: false });
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);

for (const viewport of VIEWPORTS) {
  test.describe(`workbench ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test("a liaison sees this period's counts and deadline first, returned work at the top, and 被退回 filters the list", async ({
      page,
    }) => {
      const text = measureTexts.get(viewport.width)!;
      await signIn(page, "xialu.liaison");
      await expect(page).toHaveURL(/\/$/);

      const countdown = page.getByTestId("period-countdown");
      await expect(countdown).toHaveText(/^\d{4}年(第[一二三四]季度|\S+)进展 \d{1,2}月\d{1,2}日截止,(还有 \d+ 天|今天截止)$/);
      await expect(countdown).toBeInViewport();
      const counts = page.getByRole("list", { name: "本期任务统计" });
      await expect(counts.getByRole("link")).toHaveCount(5);
      for (const label of ["待报送", "被退回", "已逾期", "临期", "整改"]) {
        await expect(counts.getByRole("link", { name: new RegExp(`^${label}\\s*\\d+$`) })).toBeVisible();
      }
      const returned = Number((await page.getByTestId("count-returned").innerText()).replace(/\D/g, ""));
      expect(returned).toBeGreaterThanOrEqual(1);

      // Returned work first, under its heading; the list is capped, no 128-row wall.
      await expect(page.getByTestId("work-group").first()).toHaveAttribute("data-group", "RETURNED");
      await expect(page.getByTestId("work-item").first()).toHaveAttribute("data-group", "RETURNED");
      await expect(page.getByRole("heading", { level: 2, name: /^被退回/ })).toBeVisible();
      expect(await page.getByTestId("work-item").count()).toBeLessThanOrEqual(25);
      await shot(page, "home", viewport.width);

      await page.getByTestId("count-returned").click();
      await expect(page).toHaveURL(/\/\?view=returned$/);
      await expect(page.getByTestId("count-returned")).toHaveAttribute("aria-current", "true");
      await expect(page.getByTestId("workbench-filter")).toContainText("只看:被退回");
      const items = page.getByTestId("work-item");
      await expect(items.first()).toBeVisible();
      const shown = await items.count();
      expect(shown).toBe(Math.min(returned, 5));
      for (let i = 0; i < shown; i++) await expect(items.nth(i)).toHaveAttribute("data-group", "RETURNED");
      await shot(page, "returned", viewport.width);

      // 我的任务 with the same view holds every returned item, ours among them.
      await page.goto("/tasks?view=returned");
      await expect(page.getByRole("heading", { level: 1, name: "我的任务" })).toBeVisible();
      await expect(page.getByTestId("work-group").first()).toHaveAttribute("data-group", "RETURNED");
      const ours = page.getByTestId("work-item").filter({ hasText: text });
      await expect(ours).toHaveCount(1);
      await expect(ours).toContainText("报送被退回,请修改后重新报送");
      await shot(page, "tasks-returned", viewport.width);

      // The whole list keeps the order: returned, overdue, due this period, the rest.
      await page.goto("/tasks");
      const groups = await page.getByTestId("work-group").evaluateAll((els) => els.map((el) => el.getAttribute("data-group")));
      const order = ["RETURNED", "OVERDUE", "DUE", "UPCOMING", "DONE"];
      expect(groups).toEqual([...groups].sort((a, b) => order.indexOf(a!) - order.indexOf(b!)));
      expect(groups[0]).toBe("RETURNED");
    });

    if (viewport.width === 390) {
      test("on a phone: no sideways scrolling on home, 我的任务 and 消息; the 菜单 button opens the menu", async ({ page }) => {
        await signIn(page, "xialu.liaison");
        for (const [url, step] of [
          ["/", "phone-home"],
          ["/tasks", "phone-tasks"],
          ["/inbox", "phone-inbox"],
        ] as const) {
          await page.goto(url);
          await expect(page.locator("main h1")).toBeVisible();
          expect(await noSidewaysScroll(page), url).toBe(true);
          await shot(page, step, viewport.width);
        }

        const nav = page.getByRole("navigation", { name: "主导航" });
        const menu = page.getByRole("button", { name: "菜单" });
        await expect(nav).toBeHidden();
        await expect(menu).toHaveAttribute("aria-expanded", "false");
        await menu.click();
        const close = page.getByRole("button", { name: "关闭菜单" });
        await expect(close).toHaveAttribute("aria-expanded", "true");
        await expect(nav).toBeVisible();
        await expect(nav.getByRole("link", { name: "我的任务" })).toBeVisible();
        await shot(page, "menu-open", viewport.width);

        // Keyboard: Escape closes it and focus returns to the button; Enter opens it again.
        await nav.getByRole("link", { name: "我的任务" }).focus();
        await page.keyboard.press("Escape");
        await expect(nav).toBeHidden();
        await expect(menu).toBeFocused();
        await page.keyboard.press("Enter");
        await expect(nav).toBeVisible();
        await nav.getByRole("link", { name: "我的任务" }).click();
        await expect(page).toHaveURL(/\/tasks$/);
        // Opening a page folds the menu again.
        await expect(nav).toBeHidden();
        await expect(page.getByRole("button", { name: "菜单" })).toHaveAttribute("aria-expanded", "false");
      });
    } else {
      test("at a desk the main navigation shows without a 菜单 button", async ({ page }) => {
        await signIn(page, "xialu.liaison");
        await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
        await expect(page.getByRole("button", { name: "菜单" })).toBeHidden();
        expect(await noSidewaysScroll(page)).toBe(true);
      });
    }
  });
}

test("the web app manifest and its icons load for a signed-out browser", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBe("/manifest.webmanifest");

    const response = await context.request.get("/manifest.webmanifest", { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    const manifest = await response.json();
    expect(manifest).toMatchObject({ name: "法治任务通", start_url: "/", display: "standalone" });
    const sizes = new Set<string>();
    for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
      const file = await context.request.get(icon.src, { maxRedirects: 0 });
      expect(file.status(), icon.src).toBe(200);
      expect(file.headers()["content-type"], icon.src).toContain(icon.type);
      if (icon.type === "image/png") {
        // Width and height from the PNG header match what the manifest says.
        const body = await file.body();
        const [w, h] = [body.readUInt32BE(16), body.readUInt32BE(20)];
        expect(`${w}x${h}`, icon.src).toBe(icon.sizes);
        sizes.add(icon.sizes);
      }
    }
    expect([...sizes].sort()).toEqual(["192x192", "512x512"]);
    await page.goto("/icons/icon-512.png");
    await page.screenshot({ path: path.join(SCREENSHOTS, "workbench-icon-512.png") });
  } finally {
    await context.close();
  }
});
