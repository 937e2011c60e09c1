import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy.ts";
import { mayReadMeasureProgress } from "@/lib/auth/scope.ts";

const actor = (role: Actor["role"], unitId: number | null = null): Actor => ({
  id: 1,
  role,
  name: "某人",
  regionId: 2,
  scopeRegionIds: [2],
  unitId,
});
const measure = { assignments: [{ unitId: 10 }, { unitId: 11 }] };

describe("mayReadMeasureProgress", () => {
  it.each<[string, Actor, boolean]>([
    ["ADMIN", actor("ADMIN"), true],
    ["bureau staff", actor("BUREAU"), true],
    ["a leader", actor("LEADER"), true],
    ["a liaison of a unit on the measure", actor("LIAISON", 11), true],
    ["a liaison of a unit not on the measure", actor("LIAISON", 12), false],
    ["a liaison without a unit", actor("LIAISON", null), false],
  ])("%s → %s", (_who, who, expected) => {
    expect(mayReadMeasureProgress(who, measure)).toBe(expected);
  });

  it("a measure nobody is assigned to is no liaison's", () => {
    expect(mayReadMeasureProgress(actor("LIAISON", 10), { assignments: [] })).toBe(false);
  });
});
