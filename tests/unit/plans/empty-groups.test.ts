import { describe, expect, it } from "vitest";
import { choiceOutcome, emptyGroupWarnings, memberCandidates, unassignedMessage, type NameOutcome } from "@/lib/plans/empty-groups.ts";

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

describe("choiceOutcome, a name printed in traditional characters", () => {
  // The server creates (or reuses) the group under the simplified name the reconciliation carries.
  const withDepartments = [...groups, { id: 3, name: "区直各部门", memberCount: 20 }];
  it.each([
    ["區直各部門", "区直各部门", "units"],
    ["區直各審批部門", "区直各审批部门", "emptyGroup"],
    ["各街辦", "各街办", "emptyGroup"],
  ] as const)("createGroup for %s (new name %s): %s", (name, simplified, expected) => {
    expect(choiceOutcome("createGroup", name, withDepartments, 0, { newName: simplified })).toBe(expected);
  });
});

describe("memberCandidates: the units the server accepts as members", () => {
  // 下陆区 /1/2/, its town 东方山街道 /1/2/7/, another district /1/3/.
  const units = [
    { id: 1, name: "区司法局", regionPath: "/1/2/" },
    { id: 2, name: "东方山街道办事处", regionPath: "/1/2/7/" },
    { id: 3, name: "东方山街道综合执法队", regionPath: "/1/2/7/" },
    { id: 4, name: "团城山街道办事处", regionPath: "/1/2/8/" },
  ];
  const regionGroups = [
    { id: 1, name: "区直各部门", memberCount: 0, regionPath: "/1/2/" },
    { id: 2, name: "东方山街道各站所", memberCount: 0, regionPath: "/1/2/7/" },
  ];
  it.each([
    ["an existing district group", "group:1", "区直各部门", "/1/2/", [1, 2, 3, 4]],
    ["an existing town group", "group:2", "东方山街道各站所", "/1/2/", [2, 3]],
    ["a group created in a town under its group's name", "createGroup", "东方山街道各站所", "/1/2/7/", [2, 3]],
    // the server looks for the name in the import's region only: a new group of the district
    ["a group created in the district under a town group's name", "createGroup", "东方山街道各站所", "/1/2/", [1, 2, 3, 4]],
    ["a new group in the district", "createGroup", "区直各审批部门", "/1/2/", [1, 2, 3, 4]],
    ["a new group in a town", "createGroup", "各站所", "/1/2/7/", [2, 3]],
  ] as const)("%s", (_case, choice, newName, importPath, expected) => {
    expect(memberCandidates(choice, newName, regionGroups, units, importPath).map((u) => u.id)).toEqual(expected);
  });
});

describe("unassignedMessage", () => {
  it.each([
    [["举措 2"], "举措 2:该举措将无人承担。"],
    [["举措 2", "举措 3"], "以下举措将无人承担:举措 2、举措 3。"],
  ])("%o", (measures, message) => {
    expect(unassignedMessage(measures)).toBe(message);
  });
});
