import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers.ts";

// Automatic reminders are digests: on the fresh demo (the reminder job runs
// when the server starts) 区司法局's liaison opens 消息 and finds a handful of
// unread reminders, not one per measure; the report digest names the period
// and lists its measures, each a link to the measure page. On a desk and on a
// phone.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const shot = (page: Page, step: string, width: number) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `reminder-digests-${step}-${width}.png`), fullPage: false });

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test("xialu.liaison sees a few digests naming the period, and follows one to its measure", async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, "xialu.liaison");
      await page.goto("/inbox?filter=reminders");
      await expect(page.getByRole("heading", { name: "消息" })).toBeVisible();
      await shot(page, "1-inbox", viewport.width);

      // Unread automatic reminders: a few digests (each at most one per period and kind), not 59 templates.
      const summary = await page.getByTestId("inbox-summary").innerText();
      const automatic = Number(/自动提醒 (\d+) 条/.exec(summary)?.[1]);
      expect(automatic).toBeGreaterThan(0);
      expect(automatic).toBeLessThanOrEqual(10);

      const digest = page
        .getByTestId("notification")
        .filter({ hasText: /\d{4}年第.季度尚有 \d+ 项进展未报送/ })
        .first();
      await expect(digest).toBeVisible();
      const links = digest.getByTestId("digest").getByRole("link");
      expect(await links.count()).toBeGreaterThan(0);
      const first = links.first();
      await first.scrollIntoViewIfNeeded();
      await shot(page, "2-digest", viewport.width);

      const label = (await first.innerText()).trim();
      const code = label.split(" ")[0]!;
      await first.click();
      await expect(page).toHaveURL(/\/measures\/\d+$/);
      await expect(page.getByText(code, { exact: false }).first()).toBeVisible();
      await shot(page, "3-measure", viewport.width);
    });
  });
}
