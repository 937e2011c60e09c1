import { describe, expect, it } from "vitest";
import type { Reconciliation } from "@/lib/import/reconcile.ts";
import { acceptAllProposals, cliResolutions } from "@/lib/plans/resolutions.ts";

// `npm run cli -- import` without --dry-run: exact names and aliases resolve,
// everything else stops the import unless the operator said what to do with it.
const exact: Reconciliation = { name: "区司法局", status: "unit", unitId: 5, via: "name" };
const alias: Reconciliation = { name: "区市场监管局", status: "unit", unitId: 6, via: "alias" };
const group: Reconciliation = { name: "区直各部门", status: "group", groupId: 10 };
const newGroup: Reconciliation = { name: "各街办", status: "newGroup" };
const near: Reconciliation = {
  name: "区发改委",
  status: "near",
  candidates: [
    { unitId: 1, name: "区发改局", score: 0.9 },
    { unitId: 8, name: "区发展改革局", score: 0.7 },
  ],
};
const unknown: Reconciliation = { name: "区文旅局", status: "unknown" };
const all = [exact, alias, group, newGroup, near, unknown];

describe("cliResolutions", () => {
  it.each([
    [
      "no options",
      {},
      {
        区司法局: { action: "unit", unitId: 5, remember: false },
        区市场监管局: { action: "unit", unitId: 6, remember: false },
        区直各部门: { action: "group", groupId: 10, remember: false },
      },
      [
        { name: "各街办", found: "集体名称,没有同名分组" },
        { name: "区发改委", found: "相近:区发改局、区发展改革局" },
        { name: "区文旅局", found: "未找到" },
      ],
    ],
    [
      "--create-units",
      { createUnits: true },
      {
        区司法局: { action: "unit", unitId: 5, remember: false },
        区市场监管局: { action: "unit", unitId: 6, remember: false },
        区直各部门: { action: "group", groupId: 10, remember: false },
        各街办: { action: "createGroup" },
        区文旅局: { action: "createUnit" },
      },
      [{ name: "区发改委", found: "相近:区发改局、区发展改革局" }],
    ],
    [
      "--accept-near-matches",
      { acceptNearMatches: true },
      {
        区司法局: { action: "unit", unitId: 5, remember: false },
        区市场监管局: { action: "unit", unitId: 6, remember: false },
        区直各部门: { action: "group", groupId: 10, remember: false },
        区发改委: { action: "unit", unitId: 1, remember: true },
      },
      [
        { name: "各街办", found: "集体名称,没有同名分组" },
        { name: "区文旅局", found: "未找到" },
      ],
    ],
    [
      "both",
      { createUnits: true, acceptNearMatches: true },
      {
        区司法局: { action: "unit", unitId: 5, remember: false },
        区市场监管局: { action: "unit", unitId: 6, remember: false },
        区直各部门: { action: "group", groupId: 10, remember: false },
        各街办: { action: "createGroup" },
        区发改委: { action: "unit", unitId: 1, remember: true },
        区文旅局: { action: "createUnit" },
      },
      [],
    ],
  ] as const)("%s", (_label, options, resolutions, unresolved) => {
    const result = cliResolutions(all, options);
    expect(result.resolutions).toEqual(resolutions);
    expect(result.unresolved).toEqual(unresolved);
  });

  it("resolves a document whose names are all known without any option", () => {
    expect(cliResolutions([exact, alias, group], {}).unresolved).toEqual([]);
  });

  it("answers an unresolved name in one line, as stderr prints it", () => {
    const { unresolved } = cliResolutions(
      [{ name: "区发改委", status: "near", candidates: [{ unitId: 13, name: "区发展改革委", score: 0.8 }] }],
      {},
    );
    expect(unresolved.map((u) => `${u.name} — ${u.found}`)).toEqual(["区发改委 — 相近:区发展改革委"]);
  });
});

describe("cliResolutions, a collective name near an existing group", () => {
  const nearGroup: Reconciliation = {
    name: "区直各执法部门",
    status: "nearGroup",
    candidates: [
      { groupId: 21, name: "区直相关行政执法部门", score: 0.85 },
      { groupId: 22, name: "区直其他行政执法部门", score: 0.7 },
    ],
  };

  it.each([
    [{}, {}, [{ name: "区直各执法部门", found: "相近分组:区直相关行政执法部门、区直其他行政执法部门" }]],
    // --create-units makes new units and groups, never picks an existing group for a name.
    [{ createUnits: true }, {}, [{ name: "区直各执法部门", found: "相近分组:区直相关行政执法部门、区直其他行政执法部门" }]],
    // accepted, the printed wording is remembered as the group's alias
    [{ acceptNearMatches: true }, { 区直各执法部门: { action: "group", groupId: 21, remember: true } }, []],
  ] as const)("with %o", (options, resolutions, unresolved) => {
    const result = cliResolutions([nearGroup], options);
    expect(result.resolutions).toEqual(resolutions);
    expect(result.unresolved).toEqual(unresolved);
  });
});

describe("a collective name equally near two groups", () => {
  const tie: Reconciliation = {
    name: "区直各单位",
    status: "nearGroup",
    candidates: [
      { groupId: 20, name: "区直各部门", score: 0.8 },
      { groupId: 24, name: "区政府各部门", score: 0.8 },
    ],
  };
  const clear: Reconciliation = {
    name: "区直各执法部门",
    status: "nearGroup",
    candidates: [
      { groupId: 21, name: "区直相关行政执法部门", score: 0.85 },
      { groupId: 20, name: "区直各部门", score: 0.8 },
    ],
  };

  it.each([
    [{}, [{ name: "区直各单位", found: "相近分组:区直各部门、区政府各部门" }]],
    [{ acceptNearMatches: true }, [{ name: "区直各单位", found: "有并列的相近分组:区直各部门、区政府各部门" }]],
    [{ acceptNearMatches: true, createUnits: true }, [{ name: "区直各单位", found: "有并列的相近分组:区直各部门、区政府各部门" }]],
  ] as const)("the CLI with %o picks neither", (options, unresolved) => {
    const result = cliResolutions([tie], options);
    expect(result.resolutions).toEqual({});
    expect(result.unresolved).toEqual(unresolved);
  });

  it("a clear best candidate is still taken", () => {
    expect(cliResolutions([clear], { acceptNearMatches: true }).resolutions).toEqual({
      区直各执法部门: { action: "group", groupId: 21, remember: true },
    });
  });

  it("acceptAllProposals leaves a tie undecided, takes and remembers a clear best", () => {
    const resolutions = acceptAllProposals([tie, clear]);
    expect(resolutions).toEqual({ 区直各执法部门: { action: "group", groupId: 21, remember: true } });
  });
});
