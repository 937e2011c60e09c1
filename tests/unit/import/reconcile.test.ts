import { describe, expect, it } from "vitest";
import { nameSimilarity, reconcileNames, type Catalogue } from "@/lib/import/reconcile.ts";

const catalogue: Catalogue = {
  units: [
    { id: 1, name: "区发改局", aliases: [] },
    { id: 2, name: "区应急管理局", aliases: [] },
    { id: 3, name: "区卫健局", aliases: ["区卫生健康局"] },
    { id: 4, name: "区委网信办", aliases: [] },
    { id: 5, name: "区司法局", aliases: [] },
    { id: 6, name: "区市场监督管理局", aliases: ["区市场监管局"] },
    { id: 7, name: "区财政局", aliases: [] },
  ],
  groups: [{ id: 10, name: "区直各部门" }],
};

describe("reconcileNames", () => {
  it.each([
    ["区司法局", { status: "unit", unitId: 5, via: "name" }],
    ["区市场监管局", { status: "unit", unitId: 6, via: "alias" }],
    ["区直各部门", { status: "group", groupId: 10 }],
    ["各街办", { status: "newGroup" }],
    ["区直有关部门", { status: "newGroup" }],
    ["区发改委", { status: "near", candidates: [{ unitId: 1, name: "区发改局" }] }],
    ["区应急局", { status: "near", candidates: [{ unitId: 2, name: "区应急管理局" }] }],
    ["区卫健委", { status: "near", candidates: [{ unitId: 3, name: "区卫健局" }] }],
    ["区网信办", { status: "near", candidates: [{ unitId: 4, name: "区委网信办" }] }],
    ["区文旅局", { status: "unknown" }],
    ["下陆公安分局", { status: "unknown" }],
  ])("%s", (name, expected) => {
    expect(reconcileNames([name], catalogue)[0]).toMatchObject({ name, ...expected });
  });

  it("never proposes a plainly different unit", () => {
    for (const [a, b] of [
      ["区司法局", "区财政局"],
      ["区发改局", "区财政局"],
      ["区教育局", "区应急管理局"],
    ] as const) {
      expect(nameSimilarity(a, b)).toBe(0);
    }
  });

  it("answers each distinct name once, in order of first appearance", () => {
    expect(reconcileNames(["区司法局", "区发改委", "区司法局"], catalogue).map((r) => r.name)).toEqual(["区司法局", "区发改委"]);
  });
});
