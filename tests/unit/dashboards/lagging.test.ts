import { describe, expect, it } from "vitest";
import { rankLagging, type LaggingUnit } from "@/lib/dashboards/figures.ts";

const unit = (name: string, notReported: number, overdue: number, returned: number): LaggingUnit => ({
  unitId: name.charCodeAt(0),
  name,
  districtId: 1,
  districtName: "下陆区",
  notReported,
  overdue,
  returned,
});

describe("rankLagging: not reported first, then overdue, then returned", () => {
  it.each<[string, LaggingUnit[], string[]]>([
    ["one owed report outranks many overdue", [unit("乙", 0, 5, 0), unit("甲", 1, 0, 0)], ["甲", "乙"]],
    ["overdue outranks returned", [unit("乙", 0, 0, 4), unit("甲", 0, 1, 0)], ["甲", "乙"]],
    ["more owed first", [unit("乙", 2, 0, 0), unit("甲", 7, 0, 0)], ["甲", "乙"]],
    ["equal owed: more overdue first", [unit("乙", 2, 0, 3), unit("甲", 2, 1, 0)], ["甲", "乙"]],
    ["all equal: by name (pinyin)", [unit("区司法局", 1, 1, 1), unit("区财政局", 1, 1, 1)], ["区财政局", "区司法局"]],
    ["a mixed list", [unit("丙", 0, 0, 1), unit("丁", 0, 2, 0), unit("甲", 3, 0, 0), unit("乙", 1, 9, 9)], ["甲", "乙", "丁", "丙"]],
  ])("%s", (_name, units, expected) => {
    expect([...units].sort(rankLagging).map((u) => u.name)).toEqual(expected);
  });
});
