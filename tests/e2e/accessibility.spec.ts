import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn, e2eQuery as query } from "./helpers.ts";

// Keyboard and screen-reader basics on the main pages, on the demo data, and
// 长者模式 (large text) switched on and off by a liaison.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");

/**
 * Form controls a screen reader would announce without a name: no label with
 * text of its own, no aria-label, aria-labelledby or title. Buttons need a
 * name too (text, aria-label or title).
 */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const text = (el: Element | null) => (el?.textContent ?? "").replace(/\s+/g, "");
    const ownLabelText = (label: HTMLLabelElement) => {
      const clone = label.cloneNode(true) as HTMLElement;
      clone.querySelectorAll("input, select, textarea").forEach((c) => c.remove());
      return text(clone);
    };
    const named = (el: HTMLElement) => {
      if (el.getAttribute("aria-label")?.trim()) return true;
      const by = (el.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean);
      if (by.some((id) => text(document.getElementById(id)))) return true;
      if (el.getAttribute("title")?.trim()) return true;
      const labels = (el as HTMLInputElement).labels;
      return !!labels && Array.from(labels).some((l) => ownLabelText(l));
    };
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("input, select, textarea, button"))) {
      const type = (el.getAttribute("type") ?? "").toLowerCase();
      if (el.tagName === "INPUT" && type === "hidden") continue;
      if (el.tagName === "INPUT" && ["submit", "button", "reset"].includes(type) && (el as HTMLInputElement).value.trim()) continue;
      if (el.tagName === "BUTTON" && text(el)) continue;
      if (!named(el)) out.push(el.outerHTML.slice(0, 160));
    }
    return out;
  });
}

/** Where keyboard focus is: a short description, whether it is in the main nav or main, and whether its outline shows. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName,
      text: (el.textContent ?? "").trim().slice(0, 20),
      inNav: !!el.closest('nav[aria-label="主导航"]'),
      inMain: !!el.closest("main"),
      isControl: ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName),
      isFirstControl: el === document.querySelector("main")?.querySelector("input:not([type=hidden]), select, textarea"),
      outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    };
  });
}

test("every form control on the main pages has an accessible name", async ({ page }) => {
  // About twenty pages as four users, one after another: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const [measure] = await query<{ id: number; planId: number }>(
    `SELECT m."id", m."planId" FROM "Measure" m JOIN "Assignment" a ON a."measureId" = m."id"
     JOIN "Unit" u ON u."id" = a."unitId" JOIN "Region" r ON r."id" = u."regionId"
     WHERE r."code" = '420204' AND u."name" = '区司法局' AND a."status" <> 'COMPLETED'
     ORDER BY m."id" LIMIT 1`,
  );
  expect(measure).toBeDefined();
  // The demo's inspection of 下陆区, the item of 区司法局 (xialu.liaison's unit), and an imported report.
  const [item] = await query<{ id: number; inspectionId: number }>(
    `SELECT x."id", f."inspectionId" FROM "Rectification" x JOIN "Finding" f ON f."id" = x."findingId"
     JOIN "Unit" u ON u."id" = x."unitId" WHERE u."name" = '区司法局' AND x."status" <> 'CLOSED' ORDER BY x."id" LIMIT 1`,
  );
  const [report] = await query<{ id: number }>(`SELECT "id" FROM "AnnualReport" ORDER BY "id" LIMIT 1`);
  expect(item).toBeDefined();
  expect(report).toBeDefined();
  const findings: Record<string, string[]> = {};
  const check = async (url: string) => {
    const response = await page.goto(url);
    expect(response?.status(), url).toBeLessThan(400);
    await expect(page.locator("main")).toBeVisible();
    const missing = await unnamedControls(page);
    if (missing.length) findings[url] = missing;
  };

  await check("/public");
  // Each page as a role that may open it.
  const pages: [string, string[]][] = [
    [
      "xialu.bureau",
      [
        "/",
        "/plans",
        `/plans/${measure!.planId}`,
        `/measures/${measure!.id}`,
        "/reviews",
        "/units",
        "/units/new",
        "/groups",
        "/users",
        "/users/new",
        "/plans/import",
        "/dashboard",
        "/inbox",
        "/audit/sign-ins",
      ],
    ],
    [
      "xialu.bureau",
      [
        "/reports",
        "/reports/new",
        "/inspections",
        "/inspections/new",
        `/inspections/${item!.inspectionId}`,
        `/inspections/rectifications/${item!.id}`,
        "/evaluations",
        "/evaluations/new",
      ],
    ],
    [
      "xialu.liaison",
      [
        "/tasks",
        `/measures/${measure!.id}`,
        "/dashboard",
        "/reports",
        "/reports/new",
        `/inspections/rectifications/${item!.id}`,
        "/account/password",
      ],
    ],
    ["admin", ["/regions", `/reports/${report!.id}`]],
  ];
  for (const [login, urls] of pages) {
    await page.context().clearCookies();
    await signIn(page, login);
    for (const url of urls) await check(url);
  }

  expect(findings).toEqual({});
});

test("Tab reaches the skip link, the main navigation and the first form control, with a visible focus", async ({ page }) => {
  await signIn(page, "xialu.liaison");
  await page.goto("/tasks");

  await page.keyboard.press("Tab");
  expect(await focused(page)).toMatchObject({ tag: "A", text: "跳到正文", outline: true });
  await expect(page.getByRole("link", { name: "跳到正文" })).toBeInViewport();

  let reachedNav = false;
  for (let i = 0; i < 10 && !reachedNav; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    reachedNav = !!now?.inNav;
    if (reachedNav) expect(now!.outline).toBe(true);
  }
  expect(reachedNav).toBe(true);

  // The skip link jumps past the header: the next Tab lands in the page's own content.
  await page.goto("/tasks");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  let control = null;
  for (let i = 0; i < 10 && !control?.isControl; i++) {
    await page.keyboard.press("Tab");
    control = await focused(page);
    expect(control?.inMain).toBe(true);
  }
  expect(control).toMatchObject({ isControl: true, isFirstControl: true, outline: true });
});

test("长者模式: a liaison switches it on, it stays on after a reload and enlarges the page, then switches it off", async ({ page }) => {
  await signIn(page, "xialu.liaison");
  const rootFontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const toggle = page.getByRole("banner").getByRole("button", { name: "长者模式" });
  const save = async () => {
    // Right after a load the button is server-rendered but may not be hydrated yet
    // on a busy machine, and a click then does nothing: wait for the scripts.
    await page.waitForLoadState("networkidle");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 200), toggle.click()]);
    await expect(toggle).toBeEnabled();
  };
  try {
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    const normal = await rootFontSize();

    await save();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await page.reload();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator("html")).toHaveClass(/large-text/);
    const large = await rootFontSize();
    expect(large).toBeGreaterThan(normal);
    // Still fits a 1366-wide screen: the header wraps, nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "large-text.png") });

    // It is the user's own setting: another user signing in sees the normal size.
    const others = await query<{ login: string }>(`SELECT "login" FROM "User" WHERE "largeText"`);
    expect(others.map((u) => u.login)).toEqual(["xialu.liaison"]);

    await save();
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await page.reload();
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    expect(await rootFontSize()).toBe(normal);
  } finally {
    // Other specs sign in as the same liaison.
    await query(`UPDATE "User" SET "largeText" = false WHERE "login" = 'xialu.liaison'`);
  }
});
