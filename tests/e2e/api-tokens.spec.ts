import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn, toasts } from "./helpers.ts";

// 接口令牌: ADMIN creates a token for 下陆区, sees the secret once, a platform
// reads /api/v1 with it, and after the revoke the same token is refused. The
// token's name is this run's own, so no other spec's tokens are counted.

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");
const shot = (step: string) => path.join(SCREENSHOTS, `api-tokens-${step}-1366.png`);

test("ADMIN creates a token, sees it once, the API answers with it, and a revoke refuses it at once", async ({ page }) => {
  const name = `e2e 区平台 ${Date.now()}`;
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "接口令牌" }).click();
  await expect(page.getByRole("heading", { name: "接口令牌", level: 1 })).toBeVisible();

  const form = page.getByRole("form", { name: "创建接口令牌" });
  await form.getByLabel("名称").fill(name);
  await form.getByLabel("区域").selectOption({ label: "下陆区(区县)" });
  await form.getByRole("button", { name: "创建令牌" }).click();

  const secretBox = page.getByRole("region", { name: "新令牌(只显示这一次)" });
  await expect(secretBox).toBeVisible();
  const secret = secretBox.getByLabel("新令牌");
  await expect(secret).toHaveValue(/^fzt_[A-Za-z0-9_-]{43}$/);
  const token = await secret.inputValue();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`${token.slice(0, 12)}…`);
  await expect(row).toContainText("从未使用");
  await expect(row).toContainText("有效");
  await page.screenshot({ path: shot("1-created"), fullPage: false });

  // Hiding the secret takes its button away: the keyboard goes on at the form's first field, not the top of the page.
  await secretBox.getByRole("button", { name: "我已保存,隐藏" }).focus();
  await page.keyboard.press("Enter");
  await expect(secretBox).toHaveCount(0);
  await expect(form.getByLabel("名称")).toBeFocused();

  // A platform reads with it: 下陆区's plans only.
  const plans = await page.request.get("/api/v1/plans?limit=5", { headers: { authorization: `Bearer ${token}` } });
  expect(plans.status()).toBe(200);
  const body = (await plans.json()) as { items: { districtId: number }[] };
  expect(body.items.length).toBeGreaterThan(0);
  expect(new Set(body.items.map((p) => p.districtId)).size).toBe(1);
  expect((await page.request.get("/api/v1/plans")).status()).toBe(401);
  const document = await page.request.get("/api/v1/openapi.json");
  expect(document.status()).toBe(200);
  expect(((await document.json()) as { openapi: string }).openapi).toBe("3.1.0");

  // Shown once: after a reload only the prefix remains, and the use is recorded.
  await page.reload();
  await expect(page.getByRole("heading", { name: "接口令牌", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "新令牌(只显示这一次)" })).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(row).not.toContainText("从未使用");
  await page.screenshot({ path: shot("2-listed"), fullPage: false });

  // By keyboard: each step replaces the focused button, and focus follows it.
  const revoke = row.getByRole("button", { name: `吊销令牌“${name}”` });
  await revoke.focus();
  await page.keyboard.press("Enter");
  await expect(row.getByRole("button", { name: "确定吊销" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(row.getByRole("button", { name: "取消" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(revoke).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(row.getByRole("button", { name: "确定吊销" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(toasts(page).filter({ hasText: `已吊销接口令牌“${name}”` })).toBeVisible();
  await expect(row).toContainText("已吊销");
  await expect(row).toBeFocused();
  await expect(row.getByRole("button", { name: /吊销/ })).toHaveCount(0);
  await page.screenshot({ path: shot("3-revoked"), fullPage: false });

  const refused = await page.request.get("/api/v1/plans", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
});

test("a bureau has no 接口令牌: not in its menu, and the page is 404", async ({ page }) => {
  await signIn(page, "xialu.bureau");
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "用户" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "接口令牌" })).toHaveCount(0);
  const response = await page.goto("/api-tokens");
  expect(response?.status()).toBe(404);
});
