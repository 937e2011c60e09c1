import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn, e2eQuery as query } from "./helpers.ts";

// Ids beyond PostgreSQL's int (2^31 − 1), and strings that are no id at all,
// must answer 404 on every dynamic route, never a 500 from the database.
// The route list is read from the app folder, so a new [id] route is covered
// without touching this file.

const APP = path.resolve(import.meta.dirname, "../../app");

/** URL patterns ("/measures/[id]") of every page and route handler with a dynamic segment. */
function dynamicRoutes(dir = APP, segments: string[] = []): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      // Route groups "(app)" add nothing to the URL.
      const segment = /^\(.*\)$/.test(entry.name) ? [] : [entry.name];
      out.push(...dynamicRoutes(path.join(dir, entry.name), [...segments, ...segment]));
    } else if (/^(page|route)\.tsx?$/.test(entry.name) && segments.some((s) => s.startsWith("["))) {
      out.push(`/${segments.join("/")}`);
    }
  }
  return out;
}

const routes = dynamicRoutes().filter((route) => !route.startsWith("/api/auth/"));
const BAD_IDS = ["2147483648", "3000000000", "99999999999999999999", "abc", "0", "-1", "1.5", "1e3", "12abc", "0x10", "%20"];

test("the route list found every known [id] route", () => {
  // A guard against the scan silently finding nothing.
  expect(routes).toEqual(expect.arrayContaining(["/measures/[id]", "/attachments/[id]", "/plans/[id]/ledger", "/public/regions/[id]"]));
  expect(routes.length).toBeGreaterThanOrEqual(20);
  for (const route of routes) expect(route.replaceAll("[id]", ""), `${route} has a dynamic segment other than [id]`).not.toMatch(/\[/);
});

test("every dynamic route answers 404 for ids out of range or not ids at all (signed in as ADMIN)", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "admin");
  const failures: string[] = [];
  for (const route of routes) {
    for (const bad of BAD_IDS) {
      const url = route.replaceAll("[id]", bad);
      const response = await page.request.get(url, { maxRedirects: 0 });
      if (response.status() !== 404) failures.push(`${url} → ${response.status()}`);
    }
  }
  expect(failures).toEqual([]);
});

test("ids in the query string out of range are ignored, not a 500", async ({ page }) => {
  const [measure] = await query<{ id: number }>(`SELECT id FROM "Measure" ORDER BY id LIMIT 1`);
  const [district] = await query<{ id: number }>(`SELECT id FROM "Region" WHERE name = '下陆区'`);
  await signIn(page, "admin");
  for (const url of [
    `/measures/${measure!.id}?for=3000000000`,
    "/units?regionId=3000000000",
    "/units?regionId=2147483648",
    "/reports/new?regionId=3000000000",
    "/evaluations/new?plan=3000000000",
    `/dashboard/district/${district!.id}?plan=3000000000&unit=2147483648`,
  ]) {
    const response = await page.request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(200);
  }
});
