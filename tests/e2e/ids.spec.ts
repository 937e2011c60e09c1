import { createHash, randomBytes } from "node:crypto";
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
/** A dynamic segment that holds an id: "[id]", or a named one such as the read API's "[planId]". */
const ID_SEGMENT = /\[(?:id|[a-z]+Id)\]/g;
const BAD_IDS = ["2147483648", "3000000000", "99999999999999999999", "abc", "0", "-1", "1.5", "1e3", "12abc", "0x10", "%20"];

test("the route list found every known [id] route", () => {
  // A guard against the scan silently finding nothing.
  expect(routes).toEqual(expect.arrayContaining(["/measures/[id]", "/attachments/[id]", "/plans/[id]/ledger", "/public/regions/[id]"]));
  expect(routes.length).toBeGreaterThanOrEqual(20);
  for (const route of routes) expect(route.replaceAll(ID_SEGMENT, ""), `${route} has a dynamic segment that is no id`).not.toMatch(/\[/);
});

test("every dynamic route answers 404 for ids out of range or not ids at all (signed in as ADMIN)", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "admin");
  // The read API answers to a token, not to the session: one for the whole demo's top region.
  const token = `fzt_${randomBytes(32).toString("base64url")}`;
  await query(
    `INSERT INTO "ApiToken" ("name", "regionId", "secretHash", "prefix", "createdById")
     SELECT 'ids.spec', (SELECT id FROM "Region" WHERE "parentId" IS NULL ORDER BY id LIMIT 1), $1, $2, (SELECT id FROM "User" WHERE login = 'admin')`,
    [createHash("sha256").update(token).digest("hex"), token.slice(0, 12)],
  );
  const failures: string[] = [];
  for (const route of routes) {
    const headers = route.startsWith("/api/v1/") ? { Authorization: `Bearer ${token}` } : undefined;
    for (const bad of BAD_IDS) {
      const url = route.replaceAll(ID_SEGMENT, bad);
      const response = await page.request.get(url, { maxRedirects: 0, headers });
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
