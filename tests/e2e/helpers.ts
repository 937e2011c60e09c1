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
