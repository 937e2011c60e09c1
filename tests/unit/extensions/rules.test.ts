import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy.ts";
import { extensionRefusal, extensionRefusalError, type ExtensionRefusal, type ExtensionRequestFacts } from "@/lib/extensions/rules.ts";

// Who may ask to extend a measure's deadline: the page's form and the action's refusals (lib/extensions/rules.ts).

const DISTRICT = 10;
const TOWN = 11;
const OTHER = 20;
const actor = (role: Actor["role"], unitId: number | null = null, regionId: number | null = DISTRICT): Actor => ({
  id: 1,
  role,
  name: "某人",
  regionId,
  scopeRegionIds: regionId === null ? [] : regionId === DISTRICT ? [DISTRICT, TOWN] : [regionId],
  unitId,
});
const facts = (extra: Partial<ExtensionRequestFacts> = {}): ExtensionRequestFacts => ({
  ongoing: false,
  deadline: "2024-12-31",
  leads: [{ unitId: 1, regionId: DISTRICT }],
  pending: false,
  ...extra,
});

describe("extensionRefusal", () => {
  it.each<[string, Actor, Partial<ExtensionRequestFacts>, ExtensionRefusal | null]>([
    ["the lead unit's liaison", actor("LIAISON", 1), {}, null],
    [
      "a lead unit's liaison among several",
      actor("LIAISON", 2),
      {
        leads: [
          { unitId: 1, regionId: DISTRICT },
          { unitId: 2, regionId: TOWN },
        ],
      },
      null,
    ],
    ["another unit's liaison", actor("LIAISON", 2), {}, "NOT_LEAD"],
    ["a measure with no lead unit", actor("BUREAU"), { leads: [] }, "NOT_LEAD"],
    ["bureau staff of the district", actor("BUREAU"), {}, null],
    ["bureau staff, lead unit in a town of the district", actor("BUREAU"), { leads: [{ unitId: 1, regionId: TOWN }] }, null],
    ["bureau staff of another district", actor("BUREAU", null, OTHER), {}, "NOT_LEAD"],
    ["an admin", actor("ADMIN", null, null), {}, null],
    ["a leader", actor("LEADER"), {}, "NOT_LEAD"],
    ["ongoing", actor("LIAISON", 1), { ongoing: true, deadline: null }, "ONGOING"],
    ["ongoing with a stale deadline", actor("LIAISON", 1), { ongoing: true }, "ONGOING"],
    ["no deadline", actor("LIAISON", 1), { deadline: null }, "NO_DEADLINE"],
    ["a request pending", actor("LIAISON", 1), { pending: true }, "PENDING"],
    ["not a lead comes before pending", actor("LIAISON", 2), { pending: true }, "NOT_LEAD"],
    ["a Date deadline", actor("LIAISON", 1), { deadline: new Date("2024-12-31T00:00:00Z") }, null],
  ])("%s → %s", (_case, who, extra, refusal) => {
    expect(extensionRefusal(who, facts(extra))).toBe(refusal);
  });

  it.each<[ExtensionRefusal, string, string]>([
    ["NOT_LEAD", "FORBIDDEN", "只有该举措的牵头单位可以申请延期"],
    ["PENDING", "CONFLICT", "该举措已有待审批的延期申请"],
  ])("%s is answered %s in Chinese", (refusal, code, message) => {
    expect(extensionRefusalError(refusal)).toMatchObject({ code, message });
  });

  it.each<[ExtensionRefusal, string]>([
    ["ONGOING", "长期坚持的举措没有完成时限,无需延期"],
    ["NO_DEADLINE", "该举措未规定完成时限,无需延期"],
  ])("%s is a field error on the new deadline", (refusal, message) => {
    expect(extensionRefusalError(refusal)).toMatchObject({ code: "VALIDATION", fieldErrors: { newDeadline: [message] } });
  });
});
