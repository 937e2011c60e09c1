import bcrypt from "bcryptjs";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { e2eQuery, signIn } from "./helpers.ts";

// A session cookie copied out of one browser must stop working the moment the
// session is ended on the server: sign-out, a password reset, a role change.
// Each test works on a user of its own, so the demo accounts stay as they are.

const PASSWORD = "Sessions#2026";

async function createLiaison(login: string): Promise<number> {
  const hash = await bcrypt.hash(PASSWORD, 4);
  const [row] = await e2eQuery<{ id: number }>(
    `INSERT INTO "User" (login, name, "passwordHash", role, "regionId", "districtId", "unitId", "updatedAt")
     SELECT $1, '会话测试', $2, role, "regionId", "districtId", "unitId", now() FROM "User" WHERE login = 'xialu.liaison'
     RETURNING id`,
    [login, hash],
  );
  return row!.id;
}

async function planOfXialu(): Promise<number> {
  const [row] = await e2eQuery<{ id: number }>(
    `SELECT p.id FROM "Plan" p JOIN "User" u ON u."districtId" = p."districtId" WHERE u.login = 'xialu.liaison' ORDER BY p.id LIMIT 1`,
  );
  return row!.id;
}

/** Signs in in one context and returns a second context holding a copy of its cookies. */
async function signedInWithCopy(browser: Browser, login: string): Promise<{ original: Page; copy: Page; copyContext: BrowserContext }> {
  const originalContext = await browser.newContext();
  const original = await originalContext.newPage();
  await signIn(original, login, PASSWORD);
  const copyContext = await browser.newContext();
  await copyContext.addCookies(await originalContext.cookies());
  const copy = await copyContext.newPage();
  await copy.goto("/tasks");
  await expect(copy.getByRole("navigation", { name: "主导航" })).toBeVisible();
  return { original, copy, copyContext };
}

async function expectRefused(copy: Page, copyContext: BrowserContext) {
  await copy.goto("/tasks");
  await expect(copy).toHaveURL(/\/login/);
  // Downloads answer 401 instead of serving the file.
  const response = await copyContext.request.get(`/plans/${await planOfXialu()}/ledger`, { maxRedirects: 0 });
  expect(response.status()).toBe(401);
}

async function asBureau(browser: Browser, userId: number): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "xialu.bureau");
  await page.goto(`/users/${userId}`);
  return page;
}

test("a copied session cookie is refused after 退出登录", async ({ browser }) => {
  await createLiaison("session.signout");
  const { original, copy, copyContext } = await signedInWithCopy(browser, "session.signout");
  const before = await copyContext.request.get(`/plans/${await planOfXialu()}/ledger`, { maxRedirects: 0 });
  expect(before.status()).toBe(200);
  await original.getByRole("button", { name: "退出登录" }).click();
  await expect(original).toHaveURL(/\/login/);
  await expectRefused(copy, copyContext);
});

test("a copied session cookie is refused after the bureau resets the password", async ({ browser }) => {
  const id = await createLiaison("session.reset");
  const { copy, copyContext } = await signedInWithCopy(browser, "session.reset");
  const bureau = await asBureau(browser, id);
  const form = bureau.getByRole("form", { name: "重置密码" });
  await form.getByLabel("新密码").fill("Reset#2026x");
  await form.getByRole("button", { name: "重置密码" }).click();
  await expect(form.getByRole("status")).toHaveText("已重置密码");
  await expectRefused(copy, copyContext);
});

test("a copied session cookie is refused after the bureau changes the user's role", async ({ browser }) => {
  const id = await createLiaison("session.role");
  const { copy, copyContext } = await signedInWithCopy(browser, "session.role");
  const bureau = await asBureau(browser, id);
  const form = bureau.getByRole("form", { name: "编辑用户" });
  await form.getByLabel("角色").selectOption({ label: "领导" });
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByRole("status")).toHaveText("已保存");
  await expectRefused(copy, copyContext);
});

test("a password reset by the bureau must be changed at the next sign-in", async ({ browser, page }) => {
  const id = await createLiaison("session.forced");
  const bureau = await asBureau(browser, id);
  const form = bureau.getByRole("form", { name: "重置密码" });
  await form.getByLabel("新密码").fill("Reset#2026y");
  await form.getByRole("button", { name: "重置密码" }).click();
  await expect(form.getByRole("status")).toHaveText("已重置密码");

  await page.goto("/login");
  await page.getByLabel("账号").fill("session.forced");
  await page.getByLabel("密码").fill("Reset#2026y");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/account\/password/);
  await expect(page.getByRole("heading", { name: "修改密码" })).toBeVisible();
  // Other pages and downloads stay closed until the password is changed.
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/account\/password/);
  const download = await page.request.get(`/plans/${await planOfXialu()}/ledger`, { maxRedirects: 0 });
  expect(download.status()).not.toBe(200);

  const change = page.getByRole("form", { name: "修改密码" });
  await change.getByLabel("当前密码").fill("Reset#2026y");
  await change.getByRole("textbox", { name: "新密码", exact: true }).fill("weakpassword");
  await change.getByLabel("确认新密码").fill("weakpassword");
  await change.getByRole("button", { name: "修改密码" }).click();
  await expect(change.getByText("至少包含大写字母、小写字母、数字、符号中的三类")).toBeVisible();
  await expect(change.getByLabel("当前密码")).toHaveValue("Reset#2026y");

  await change.getByRole("textbox", { name: "新密码", exact: true }).fill("Mine#2026z");
  await change.getByLabel("确认新密码").fill("Mine#2026z");
  await change.getByRole("button", { name: "修改密码" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/tasks$/);
});
