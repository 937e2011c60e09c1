import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { importPlanLedger } from "@/lib/plans/actions.ts";
import { buildLedgerWorkbook } from "@/lib/plans/ledger/write.ts";
import { actAs } from "../support/acting.ts";
import { buildTwoDistricts } from "../support/world.ts";
import { countInflatedInput, lyingWorkbook } from "../support/zip-bombs.ts";

// The ledger import (规划 → 导入分工台账) runs every upload through the zip
// guard (lib/import/zip-guard.ts) before exceljs unpacks it.

function ledgerForm(regionId: number, bytes: Uint8Array, name = "分工台账.xlsx") {
  const form = new FormData();
  form.set("regionId", String(regionId));
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name));
  return form;
}

async function counts() {
  const [plans, measures, assignments, audit] = await Promise.all([
    db().plan.count(),
    db().measure.count(),
    db().assignment.count(),
    db().auditEvent.count(),
  ]);
  return { plans, measures, assignments, audit };
}

describe("importPlanLedger and zip bombs", () => {
  it("refuses a workbook whose sheet inflates to 150 MB while its directory says 300 KB, and writes nothing", async () => {
    const world = await buildTwoDistricts();
    await actAs(world.a.users.bureau);
    const before = await counts();
    const bomb = lyingWorkbook(150);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const input = countInflatedInput();
    const result = await importPlanLedger(ledgerForm(world.a.region.id, bomb));
    input.restore();
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!result.ok && result.fieldErrors?.file).toEqual([
      "工作簿的压缩结构异常(记录的大小与实际内容不符),可能是恶意构造的文件,无法读取",
    ]);
    // Refused after reading a sliver of the deflated data (its first 300 KB inflated), not after inflating 150 MB.
    expect(input.bytes()).toBeGreaterThan(0);
    expect(input.bytes()).toBeLessThan(bomb.length / 10);
    expect(await counts()).toEqual(before);
  });

  it("still imports an honest ledger", async () => {
    const world = await buildTwoDistricts();
    await actAs(world.a.users.bureau);
    const workbook = await buildLedgerWorkbook(
      {
        title: "下陆区法治政府建设实施方案分工",
        kind: "DIVISION_OF_LABOUR",
        periodStart: 2021,
        periodEnd: 2025,
        issuer: null,
        documentNumber: null,
        issueDate: null,
        sections: [],
      },
      [
        {
          code: "1",
          chapter: "",
          text: "推进依法行政。",
          leadUnits: [world.a.units.justice.name],
          responsibleUnits: [],
          deadlineText: "2025年底前",
        },
      ],
    );
    const result = await importPlanLedger(ledgerForm(world.a.region.id, new Uint8Array(workbook)));
    expect(result).toMatchObject({ ok: true });
    expect(await db().measure.count()).toBe(1);
  });
});
