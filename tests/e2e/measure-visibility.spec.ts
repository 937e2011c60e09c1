import { expect, test } from "@playwright/test";
import { signIn, e2eQuery as query } from "./helpers.ts";

// The division of labour is district-wide; the units' progress on a measure
// (report texts, comments, names) belongs to the units on it, the bureau and leaders.

type Case = { measureId: number; measureText: string; unitName: string; reportText: string; outsider: string; insider: string };

async function seededCase(): Promise<Case> {
  const [row] = await query<Case>(
    `SELECT m.id AS "measureId", m.text AS "measureText", u.name AS "unitName", r.text AS "reportText",
            (SELECT l.login FROM "User" l JOIN "Unit" lu ON lu.id = l."unitId"
              WHERE l.role = 'LIAISON' AND lu."districtId" = m."districtId"
                AND NOT EXISTS (SELECT 1 FROM "Assignment" x WHERE x."measureId" = m.id AND x."unitId" = l."unitId")
              ORDER BY l.login LIMIT 1) AS "outsider",
            (SELECT l.login FROM "User" l WHERE l.role = 'LIAISON' AND l."unitId" = a."unitId" ORDER BY l.login LIMIT 1) AS "insider"
       FROM "ProgressReport" r
       JOIN "Assignment" a ON a.id = r."assignmentId"
       JOIN "Measure" m ON m.id = a."measureId"
       JOIN "Unit" u ON u.id = a."unitId"
      WHERE r.state = 'APPROVED' AND length(r.text) >= 20
        AND EXISTS (SELECT 1 FROM "User" l WHERE l.role = 'LIAISON' AND l."unitId" = a."unitId")
      ORDER BY r."periodStart" DESC, r.id
      LIMIT 1`,
  );
  expect(row?.outsider, "the seed has a liaison outside the measure").toBeTruthy();
  return row!;
}

test("a liaison of a unit not on the measure sees its division of labour but none of the units' progress", async ({ page }) => {
  const c = await seededCase();
  await signIn(page, c.outsider);
  const response = await page.goto(`/measures/${c.measureId}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "举措内容" })).toContainText(c.measureText.slice(0, 20));
  await expect(page.getByRole("table", { name: "承担单位及其进展" })).toContainText(c.unitName);
  // Not on the page, and not in the data sent with it either.
  await expect(page.getByText(c.reportText.slice(0, 20))).toHaveCount(0);
  expect(await page.content()).not.toContain(c.reportText.slice(0, 20));
  await expect(page.getByText("王司法")).toHaveCount(0);
});

test("the liaison of a unit on the measure reads its progress", async ({ page }) => {
  const c = await seededCase();
  await signIn(page, c.insider);
  await page.goto(`/measures/${c.measureId}`);
  await expect(page.getByText(c.reportText.slice(0, 20)).first()).toBeVisible();
});
