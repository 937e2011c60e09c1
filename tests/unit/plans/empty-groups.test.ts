import { describe, expect, it } from "vitest";
import { choiceOutcome, emptyGroupWarnings, type NameOutcome } from "@/lib/plans/empty-groups.ts";

const groups = [
  { id: 1, name: "区直相关行政执法部门", memberCount: 14 },
  { id: 2, name: "各街办", memberCount: 0 },
];

describe("choiceOutcome", () => {
  it.each([
    ["unit:5", "区司法局", 0, "units"],
    ["createUnit", "区文旅局", 0, "units"],
    ["", "区文旅局", 0, "units"],
    ["ignore", "区文旅局", 0, "nobody"],
    ["group:1", "区直各执法部门", 0, "units"],
    ["group:2", "各街办", 0, "emptyGroup"],
    ["group:2", "各街办", 2, "units"],
    ["createGroup", "区直各审批部门", 0, "emptyGroup"],
    ["createGroup", "区直各审批部门", 2, "units"],
    ["createGroup", "各街办", 0, "emptyGroup"],
    ["createGroup", "区直相关行政执法部门", 0, "units"],
  ] as const)("%s for %s with %i picked: %s", (choice, name, picked, expected) => {
    expect(choiceOutcome(choice, name, groups, picked)).toBe(expected);
  });
});

describe("emptyGroupWarnings", () => {
  const plan = {
    title: "下陆区法治政府建设实施方案",
    measures: [
      { code: "1", leadUnits: ["区司法局"], responsibleUnits: ["区直各审批部门"] },
      { code: "2", leadUnits: [], responsibleUnits: ["区直各审批部门"] },
      { code: "3", leadUnits: ["区直各审批部门"], responsibleUnits: ["各街办", "区委办"] },
      { code: "4", leadUnits: ["区直各执法部门"], responsibleUnits: [] },
    ],
  };
  const outcomes: Record<string, NameOutcome> = {
    区司法局: "units",
    区直各审批部门: "emptyGroup",
    各街办: "emptyGroup",
    区委办: "nobody",
    区直各执法部门: "units",
  };

  it("names each empty group and the measures it would leave without anyone", () => {
    expect(emptyGroupWarnings([plan], (name) => outcomes[name]!)).toEqual([
      { name: "区直各审批部门", measures: ["举措 2", "举措 3"] },
      { name: "各街办", measures: ["举措 3"] },
    ]);
  });

  it("an empty group beside a unit leaves no measure without anyone, but is still listed", () => {
    expect(emptyGroupWarnings([{ ...plan, measures: [plan.measures[0]!] }], (name) => outcomes[name]!)).toEqual([
      { name: "区直各审批部门", measures: [] },
    ]);
  });

  it("names the plan when there are several", () => {
    const other = { title: "另一方案", measures: [plan.measures[1]!] };
    expect(emptyGroupWarnings([plan, other], (name) => outcomes[name]!)[0]!.measures).toEqual([
      "《下陆区法治政府建设实施方案》举措 2",
      "《下陆区法治政府建设实施方案》举措 3",
      "《另一方案》举措 2",
    ]);
  });

  it("nothing when no name resolves to an empty group", () => {
    expect(emptyGroupWarnings([plan], () => "units")).toEqual([]);
  });
});
