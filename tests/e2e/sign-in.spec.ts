import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, e2eQuery, signIn } from "./helpers.ts";

// Each demo account signs in and sees the navigation of its role (README lists them).
const ACCOUNTS = [
  {
    login: "admin",
    nav: [
      "首页",
      "统计看板",
      "审核",
      "规划",
      "年度报告",
      "中期评估",
      "督察整改",
      "通报",
      "考核",
      "单位",
      "单位分组",
      "用户",
      "登录日志",
      "区域",
      "后台任务",
      "接口令牌",
    ],
    scope: "全部区域",
  },
  {
    login: "xialu.bureau",
    nav: ["首页", "统计看板", "审核", "规划", "年度报告", "中期评估", "督察整改", "通报", "考核", "单位", "单位分组", "用户", "登录日志"],
    scope: "下陆区",
  },
  {
    login: "xialu.liaison",
    nav: ["首页", "统计看板", "我的任务", "规划", "年度报告", "督察整改", "通报", "考核", "单位", "单位分组"],
    scope: "下陆区 · 区司法局",
  },
  {
    login: "xialu.leader",
    nav: ["首页", "统计看板", "规划", "年度报告", "中期评估", "督察整改", "通报", "考核", "单位", "单位分组"],
    scope: "下陆区",
  },
  {
    login: "shanghai.leader",
    nav: ["首页", "统计看板", "规划", "年度报告", "中期评估", "督察整改", "通报", "考核", "单位", "单位分组"],
    scope: "上海市",
  },
];

for (const account of ACCOUNTS) {
  test(`${account.login} signs in and sees the navigation of its role`, async ({ page }) => {
    await signIn(page, account.login);
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link")).toHaveText(account.nav);
    await expect(page.getByText(account.scope, { exact: false }).first()).toBeVisible();
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/units");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Funits/);
  });
}

test("a wrong password gets the same Chinese message as an unknown account", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "法治任务通" })).toBeVisible();
  for (const login of ["xialu.bureau", "no.such.user"]) {
    await page.getByLabel("账号").fill(login);
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("form", { name: "登录" }).getByRole("alert")).toHaveText("账号或密码错误。");
    await expect(page.getByLabel("账号")).toHaveValue(login);
  }
});

test("a city leader's scope holds 宝山区, 罗店镇 and 松江区 but not other cities", async ({ page }) => {
  await signIn(page, "shanghai.leader", DEMO_PASSWORD);
  await page.goto("/units");
  const regions = page.getByRole("combobox", { name: "区域" });
  await expect(regions.getByRole("option")).toHaveText(["全部", "宝山区", "罗店镇", "松江区"]);
});

// Each of these went to another host before: the login page checked only for a leading "/" and no "//".
const FOREIGN_TARGETS = [
  "/%5Cevil.example/phish",
  "/%5C%5Cevil.example",
  "/%09/evil.example",
  "//evil.example",
  "https://evil.example/phish",
  "javascript:alert(document.domain)",
];

test("after sign-in the browser stays on the app whatever callbackUrl says", async ({ page, baseURL }) => {
  const appOrigin = new URL(baseURL!).origin;
  // Were the browser sent there, it would land on this page instead of a DNS error.
  await page.route(
    (url) => url.hostname === "evil.example",
    (route) => route.fulfill({ contentType: "text/html", body: "<h1>evil</h1>" }),
  );
  for (const target of FOREIGN_TARGETS) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${target}`);
    await page.getByLabel("账号").fill("xialu.leader");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("navigation", { name: "主导航" }), target).toBeVisible();
    expect(new URL(page.url()).origin, target).toBe(appOrigin);
    expect(new URL(page.url()).pathname, target).toBe("/");
  }
  // An internal target with its query string is kept.
  await page.context().clearCookies();
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/units?region=1")}`);
  await page.getByLabel("账号").fill("xialu.leader");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(`${appOrigin}/units?region=1`);
});

test("the home page shows the previous sign-in and the failed attempts since; 登录日志 lists the failure with the real address", async ({
  page,
}) => {
  // A unit account no other spec has signed in with yet, so its first sign-in is this test's.
  const [fresh] = await e2eQuery<{ login: string }>(
    `SELECT login FROM "User" u WHERE login LIKE 'xialu.unit%' AND NOT EXISTS (SELECT 1 FROM "SignInEvent" e WHERE e.login = u.login)
     ORDER BY login DESC LIMIT 1`,
  );
  const login = fresh!.login;
  await signIn(page, login);
  await expect(page.getByTestId("previous-sign-in")).toHaveText("这是您的首次登录");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);

  // A forged X-Forwarded-For must not be what the log records: without TRUST_PROXY the app reads the socket's address.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "6.6.6.6" });
  await page.getByLabel("账号").fill(login);
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("form", { name: "登录" }).getByRole("alert")).toHaveText("账号或密码错误。");
  await page.setExtraHTTPHeaders({});

  await signIn(page, login);
  const line = page.getByTestId("previous-sign-in");
  await expect(line).toContainText(/^上次登录:\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}\(来自 (127\.0\.0\.1|::1)\)/);
  await expect(line).toContainText("此后有 1 次失败的登录尝试");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, "xialu.bureau");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "登录日志" }).click();
  await expect(page.getByRole("heading", { name: "登录日志" })).toBeVisible();
  await page.getByLabel("账号或姓名").fill(login);
  await page.getByLabel("类型").selectOption({ label: "登录失败" });
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/kind=FAILURE/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("登录失败");
  await expect(rows.nth(1)).toContainText(login);
  await expect(rows.nth(1).getByRole("cell").nth(4)).toHaveText(/^(127\.0\.0\.1|::1)$/);
  // The sign-outs are in the log too.
  await page.getByLabel("类型").selectOption({ label: "退出登录" });
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(3);
});

test("liaisons and leaders have no 登录日志", async ({ page }) => {
  await signIn(page, "xialu.leader");
  const response = await page.goto("/audit/sign-ins");
  expect(response?.status()).toBe(404);
});
