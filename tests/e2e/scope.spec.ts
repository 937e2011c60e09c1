import { expect, test } from "@playwright/test";
import { signIn, e2eQuery as query } from "./helpers.ts";

for (const login of ["xialu.bureau", "xialu.liaison"]) {
  test(`${login} gets 404 for another district's unit page, and the row is unchanged`, async ({ page }) => {
    const [baoshan] = await query<{ id: number }>(
      `SELECT u.id FROM "Unit" u JOIN "Region" r ON r.id = u."regionId" WHERE r.name = '宝山区' AND u.name = '区司法局'`,
    );
    const before = await query(`SELECT * FROM "Unit" WHERE id = $1`, [baoshan!.id]);
    await signIn(page, login);
    const response = await page.goto(`/units/${baoshan!.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("宝山区")).toHaveCount(0);
    expect(await query(`SELECT * FROM "Unit" WHERE id = $1`, [baoshan!.id])).toEqual(before);
  });
}
