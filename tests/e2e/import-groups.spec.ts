import { expect, test } from "@playwright/test";
import { e2eQuery, signIn } from "./helpers.ts";

// Acceptance 4 of issue 13: in the import review a collective name resolves
// to the existing group by near match, and a collective that would be an
// empty group is warned (该举措将无人承担) and filled. A plan title and a
// collective name of this spec's own, unique per run (the demo database keeps
// what an earlier run imported), so no other spec's data is touched and a
// second run still meets a new, empty group. Written in Chinese numerals, as
// a document would print a batch number, so it reads as no year or code.
const RUN = [...String(Date.now()).slice(-6)]
  .reverse()
  .map((d) => "〇一二三四五六七八九"[Number(d)])
  .join("");
const TITLE = `下陆区2027年第${RUN}批执法协调监督工作要点`;
const NEW_GROUP = `区直各第${RUN}批审批改革试点部门`;
const NEAR = "区直各执法部门";
const PLAN_TEXT = `${TITLE}

一、规范执法行为
1.全面推行行政执法公示制度,按时公开执法信息。
责任单位:区直各执法部门

2.开展行政许可案卷评查,每季度通报评查结果。
责任单位:${NEW_GROUP}

3.组织执法人员参加法律知识培训。
牵头单位:区司法局
`;
const PICKED = ["区文旅局", "区政务服务和大数据局"];
const shot = (step: string) => `test-results/screenshots/import-groups-${step}-1366.png`;

test("the import review matches a collective name to its group and fills an empty one", async ({ page }) => {
  test.setTimeout(120_000);
  const [enforcement] = await e2eQuery<{ id: number }>(
    `SELECT g.id FROM "UnitGroup" g JOIN "Region" r ON r.id = g."regionId" WHERE r.code = '420204' AND g.name = '区直相关行政执法部门'`,
  );
  // An earlier run accepted the near match and so remembered the wording as
  // the group's alias; forgotten, so this run meets it as a near match again.
  await e2eQuery(`DELETE FROM "UnitGroupAlias" WHERE "groupId" = $1 AND alias = $2`, [enforcement!.id, NEAR]);
  // Read now, not assumed: another spec may have changed the demo group.
  const membersBefore = await e2eQuery<{ unitId: number }>(
    `SELECT gm."unitId" FROM "UnitGroupMember" gm JOIN "Unit" u ON u.id = gm."unitId" WHERE gm."groupId" = $1 AND u.active ORDER BY 1`,
    [enforcement!.id],
  );
  const countOf = async () =>
    (await e2eQuery<{ count: number }>(`SELECT count(*)::int AS count FROM "UnitGroupMember" WHERE "groupId" = $1`, [enforcement!.id]))[0]!
      .count;
  const countBefore = await countOf();

  await signIn(page, "xialu.bureau");
  await page.goto("/plans/import");
  await page.getByLabel("导入到").selectOption({ label: "下陆区" });
  await page.getByLabel("或粘贴文本").fill(PLAN_TEXT);
  await page.getByRole("button", { name: "识别" }).click();
  await expect(page.getByText("识别出 1 个规划")).toBeVisible();

  // The near match is proposed, not taken: the user accepts it.
  const near = page.getByLabel(`“${NEAR}”的处理方式`);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: NEAR, exact: true }) });
  await expect(row).toContainText("相近分组,请确认");
  await expect(near).toHaveValue("");
  await page.screenshot({ path: shot("proposed"), fullPage: false });
  await near.selectOption({ label: "匹配为分组“区直相关行政执法部门”" });
  // The new collective: a new group (chosen explicitly, whatever earlier runs' groups it resembles).
  await page.getByLabel(`“${NEW_GROUP}”的处理方式`).selectOption({ label: `新建分组“${NEW_GROUP}”` });

  // The new collective has no members: warned, with the measure it leaves without anyone.
  const warning = page.getByRole("region", { name: `分组“${NEW_GROUP}”没有成员单位` });
  await expect(warning.getByRole("alert")).toContainText("举措 2:该举措将无人承担");
  await warning.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("empty-warned"), fullPage: false });

  const picker = warning.getByRole("group", { name: `“${NEW_GROUP}”的成员单位` });
  for (const name of PICKED) await picker.getByRole("checkbox", { name, exact: true }).check();
  await expect(warning.getByRole("status")).toHaveText(`已选 2 个成员单位,导入时加入分组“${NEW_GROUP}”。`);
  await expect(warning.getByRole("alert")).toHaveCount(0);
  await page.screenshot({ path: shot("members-picked"), fullPage: false });

  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("heading", { name: "导入完成" })).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: shot("done"), fullPage: false });

  // The first measure is assigned to the existing group's active units, through it; the group itself is unchanged.
  expect(await countOf()).toBe(countBefore);
  // The accepted wording is remembered as the group's alias, for the next import.
  expect(await e2eQuery(`SELECT alias FROM "UnitGroupAlias" WHERE "groupId" = $1 AND alias = $2`, [enforcement!.id, NEAR])).toHaveLength(1);
  const assigned = (code: string) =>
    e2eQuery<{ unitId: number; viaGroupId: number | null; name: string }>(
      `SELECT a."unitId", a."viaGroupId", u.name FROM "Assignment" a
         JOIN "Measure" m ON m.id = a."measureId" JOIN "Plan" p ON p.id = m."planId" JOIN "Unit" u ON u.id = a."unitId"
        WHERE p.title = $1 AND m.code = $2 ORDER BY a."unitId"`,
      [TITLE, code],
    );
  const first = await assigned("1");
  expect(first.map((a) => a.unitId)).toEqual(membersBefore.map((m) => m.unitId));
  expect(new Set(first.map((a) => a.viaGroupId))).toEqual(new Set([enforcement!.id]));

  // The new group holds the two units picked, and the second measure is theirs.
  const created = await e2eQuery<{ name: string }>(
    `SELECT u.name FROM "UnitGroupMember" gm JOIN "UnitGroup" g ON g.id = gm."groupId" JOIN "Unit" u ON u.id = gm."unitId"
      WHERE g.name = $1 ORDER BY u.name`,
    [NEW_GROUP],
  );
  expect(created.map((u) => u.name).sort()).toEqual([...PICKED].sort());
  expect((await assigned("2")).map((a) => a.name).sort()).toEqual([...PICKED].sort());

  // And the plan page shows them.
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();
  await page.screenshot({ path: shot("plan"), fullPage: false });
});
