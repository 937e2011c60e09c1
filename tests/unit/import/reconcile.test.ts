import { describe, expect, it } from "vitest";
import { groupNameSimilarity, nameSimilarity, reconcileNames, soleBestCandidate, type Catalogue } from "@/lib/import/reconcile.ts";

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
    // Worded like 区直各部门 and as broad: proposed, for the user to confirm.
    ["区直有关部门", { status: "nearGroup", candidates: [{ groupId: 10, name: "区直各部门" }] }],
    ["区直各执法部门", { status: "newGroup" }],
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

// 下陆区's groups as prisma/demo-units.json has them.
const xialu: Catalogue = {
  units: catalogue.units,
  groups: [
    { id: 20, name: "区直各部门" },
    { id: 21, name: "区直有关部门" },
    { id: 22, name: "区直相关部门" },
    { id: 23, name: "区政府有关部门" },
    { id: 24, name: "区政府相关部门" },
    { id: 25, name: "区直相关行政执法部门" },
    { id: 26, name: "区直其他行政执法部门" },
    { id: 27, name: "各街办" },
    { id: 28, name: "街办" },
    { id: 29, name: "各单位党委(党组)" },
  ],
};

/** The status, and the first candidates in order (more may follow). */
function expectReconciled(name: string, cat: Catalogue, expected: { status: string; candidates?: readonly object[] }) {
  const { candidates, ...rest } = expected;
  const [result] = reconcileNames([name], cat);
  expect(result).toMatchObject({ name, ...rest });
  if (candidates) expect((result as { candidates: object[] }).candidates.slice(0, candidates.length)).toMatchObject(candidates);
}

describe("reconcileNames, collective names", () => {
  it.each([
    // exact names resolve on their own
    ["区直各部门", xialu, { status: "group", groupId: 20 }],
    ["区直其他行政执法部门", xialu, { status: "group", groupId: 26 }],
    // near: the same field of departments, worded differently
    ["区直各执法部门", xialu, { status: "nearGroup", candidates: [{ groupId: 25, name: "区直相关行政执法部门" }] }],
    ["区直各行政执法单位", xialu, { status: "nearGroup", candidates: [{ groupId: 25 }] }],
    ["区直各单位", xialu, { status: "nearGroup", candidates: [{ groupId: 20, name: "区直各部门" }] }],
    ["区政府各部门", xialu, { status: "nearGroup" }],
    // a broad name is never proposed as a narrower group, nor the other way round
    ["区直各部门", { units: [], groups: [{ id: 25, name: "区直相关行政执法部门" }] }, { status: "newGroup" }],
    ["区直各执法部门", { units: [], groups: [{ id: 20, name: "区直各部门" }] }, { status: "newGroup" }],
    // another field, another scope: a new group
    ["区直各审批部门", xialu, { status: "newGroup" }],
    ["市直各执法部门", xialu, { status: "newGroup" }],
    ["各乡镇", xialu, { status: "newGroup" }],
    ["各社区居委会", xialu, { status: "newGroup" }],
  ] as const)("%s", (name, cat, expected) => {
    expectReconciled(name, cat as Catalogue, expected);
  });

  it("proposes 区直各执法部门 only as the 执法 group it means, never as 其他 (its complement)", () => {
    const [result] = reconcileNames(["区直各执法部门"], xialu);
    expect(result?.status).toBe("nearGroup");
    if (result?.status !== "nearGroup") return;
    expect(result.candidates.map((c) => c.name)).toEqual(["区直相关行政执法部门"]);
  });

  it("区直各单位 is as near to 区直各部门 as to 区政府各部门: a tie, no sole best candidate", () => {
    const [result] = reconcileNames(["区直各单位"], {
      units: [],
      groups: [
        { id: 20, name: "区直各部门" },
        { id: 30, name: "区政府各部门" },
      ],
    });
    expect(result?.status).toBe("nearGroup");
    if (result?.status !== "nearGroup") return;
    expect(result.candidates.map((c) => c.groupId).sort()).toEqual([20, 30]);
    expect(result.candidates[0]!.score).toBe(result.candidates[1]!.score);
    expect(soleBestCandidate(result.candidates)).toBeNull();
    expect(
      soleBestCandidate([
        { groupId: 25, name: "区直相关行政执法部门", score: 0.9 },
        { groupId: 20, name: "区直各部门", score: 0.8 },
      ]),
    ).toMatchObject({ groupId: 25 });
  });

  it.each([
    // a remembered alias resolves on its own, as the group
    ["区直各执法部门", { status: "group", groupId: 25 }],
    ["区直相关行政执法部门", { status: "group", groupId: 25 }],
  ] as const)("with 区直各执法部门 remembered as an alias: %s", (name, expected) => {
    const withAlias: Catalogue = {
      units: catalogue.units,
      groups: xialu.groups.map((g) => (g.id === 25 ? { ...g, aliases: ["区直各执法部门"] } : g)),
    };
    expect(reconcileNames([name], withAlias)).toEqual([{ name, ...expected }]);
  });

  it.each([
    ["区直各执法部门", "区直相关行政执法部门", true],
    ["区直执法单位", "区直相关行政执法部门", true],
    ["区直各部门", "区直有关部门", true],
    ["区直各部门", "区直相关行政执法部门", false],
    ["区直各执法部门", "区直各部门", false],
    ["区直各执法部门", "市直相关行政执法部门", false],
    ["区直各审批部门", "区直相关行政执法部门", false],
    ["各街办", "各单位党委(党组)", false],
    // 其他 (the others) is the complement of 相关/各/有关, never the same group
    ["区直其他行政执法部门", "区直相关行政执法部门", false],
    ["区直其它行政执法部门", "区直各执法部门", false],
    ["区直行政执法部门", "区直其他行政执法部门", false],
    ["区直其它执法部门", "区直其他行政执法部门", true],
    // 区委 (party) and 区直/区政府 (government) are different scopes
    ["区委各部门", "区直各部门", false],
    ["区委各部门", "区政府各部门", false],
    ["区委有关部门", "区委各部门", true],
    ["区直各部门", "区政府各部门", true],
    // 成员单位 are the members of some body the document names elsewhere
    ["各成员单位", "区直各部门", false],
    ["各成员单位", "区直各单位", false],
  ])("groupNameSimilarity(%s, %s) proposes: %s", (a, b, proposed) => {
    expect(groupNameSimilarity(a, b) >= 0.6).toBe(proposed);
  });
});

describe("reconcileNames, names printed in traditional characters", () => {
  it.each([
    // an exact match once simplified is a proposal at the top score, not a silent resolution
    ["區司法局", { status: "near", candidates: [{ unitId: 5, name: "区司法局", score: 0.99 }] }],
    ["區市場監管局", { status: "near", candidates: [{ unitId: 6, name: "区市场监督管理局", score: 0.99 }] }],
    ["區發改委", { status: "near", candidates: [{ unitId: 1, name: "区发改局" }] }],
    ["區衛健委", { status: "near", candidates: [{ unitId: 3, name: "区卫健局" }] }],
    ["區直各部門", { status: "nearGroup", candidates: [{ groupId: 20, name: "区直各部门", score: 0.99 }] }],
    ["區直各執法部門", { status: "nearGroup", candidates: [{ groupId: 25, name: "区直相关行政执法部门" }] }],
    ["區文旅局", { status: "unknown" }],
  ])("%s", (name, expected) => {
    expectReconciled(name, xialu, expected);
  });

  it("keeps the printed name as the name to resolve", () => {
    expect(reconcileNames(["區發展改革委"], { units: [{ id: 1, name: "区发展改革委", aliases: [] }], groups: [] })).toEqual([
      { name: "區發展改革委", status: "near", candidates: [{ unitId: 1, name: "区发展改革委", score: 0.99 }] },
    ]);
  });
});
