import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers.ts";

// Each demo account signs in and sees the navigation of its role (README lists them).
const ACCOUNTS = [
  { login: "admin", nav: ["首页", "统计看板", "审核", "规划", "年度报告", "中期评估", "督察整改", "单位", "单位分组", "用户", "区域"], scope: "全部区域" },
  { login: "xialu.bureau", nav: ["首页", "统计看板", "审核", "规划", "年度报告", "中期评估", "督察整改", "单位", "单位分组", "用户"], scope: "下陆区" },
  { login: "xialu.liaison", nav: ["首页", "统计看板", "我的任务", "规划", "年度报告", "督察整改", "单位", "单位分组"], scope: "下陆区 · 区司法局" },
  { login: "xialu.leader", nav: ["首页", "统计看板", "规划", "年度报告", "中期评估", "督察整改", "单位", "单位分组"], scope: "下陆区" },
  { login: "shanghai.leader", nav: ["首页", "统计看板", "规划", "年度报告", "中期评估", "督察整改", "单位", "单位分组"], scope: "上海市" },
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
