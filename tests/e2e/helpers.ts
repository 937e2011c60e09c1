import pg from "pg";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Fazhi@2026";

export async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("账号").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  // The page frame, not the main navigation: on a phone that is folded behind 菜单.
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole("banner").getByRole("link", { name: /^消息/ })).toBeVisible();
}

/** The e2e server's METRICS_TOKEN (playwright.config.ts), for tests/e2e/ops.spec.ts. */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789abcdef";

/** The e2e server's embedded database, for tests that look behind the UI. */
export const E2E_DATABASE_URL = `postgresql://fazhi:fazhi-local@127.0.0.1:${process.env.E2E_PG_PORT ?? "54339"}/fazhi`;

/** One query against the e2e server's database, on a connection of its own. */
export async function e2eQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Signs out whoever is signed in and signs in as `login`. */
export async function switchUser(page: Page, login: string) {
  await page.context().clearCookies();
  await signIn(page, login);
}

/** The toasts (sonner) on the page. */
export const toasts = (page: Page) => page.locator("[data-sonner-toast]");

/** 下陆区 units (not 区司法局) with a demo liaison account (xialu.unitNN), newest first. */
export function xialuUnitsWithLiaison(limit: number, order: "ASC" | "DESC" = "ASC") {
  return e2eQuery<{ id: number; name: string; login: string }>(
    `SELECT DISTINCT ON (u.id) u.id, u.name, usr.login FROM "Unit" u
     JOIN "Region" g ON g.id = u."regionId" AND g.code = '420204'
     JOIN "User" usr ON usr."unitId" = u.id AND usr.role = 'LIAISON' AND usr.active AND usr.login LIKE 'xialu.unit%'
     WHERE u.active AND u.name <> '区司法局' ORDER BY u.id ${order === "DESC" ? "DESC" : "ASC"}, usr.login LIMIT $1`,
    [limit],
  );
}

/**
 * On 审核: ticks the reports whose checkboxes are named, 批量通过, accepts the
 * confirmation and waits for the toast; returns the confirmation's text.
 */
export async function approveInBatch(page: Page, checkboxNames: string[]): Promise<string> {
  for (const name of checkboxNames) await page.getByRole("checkbox", { name }).check();
  await expect(page.getByText(`已选 ${checkboxNames.length} 份`)).toBeVisible();
  let confirmation = "";
  page.once("dialog", (dialog) => {
    confirmation = dialog.message();
    void dialog.accept();
  });
  await page.getByRole("button", { name: "批量通过" }).click();
  await expect(toasts(page).filter({ hasText: `已通过 ${checkboxNames.length} 份报送` })).toBeVisible();
  return confirmation;
}
