"use client";

import { useEffect, useState, type RefObject } from "react";
import type { Reconciliation } from "@/lib/import/reconcile.ts";
import { choiceOutcome, emptyGroupWarnings, memberCandidates, unassignedMessage } from "@/lib/plans/empty-groups.ts";

type Plan = { title: string; measures: { code: string; leadUnits: string[]; responsibleUnits: string[] }[] };
type Group = { id: number; name: string; memberCount?: number; regionPath?: string };
type Unit = { id: number; name: string; regionPath?: string };

/** The checkboxes' field name; the wizard's collect() reads it into the group resolution's memberIds. */
export const memberField = (name: string) => `members:${name}`;

/**
 * Below the name table: every name whose current choice is a group with no
 * members, with the measures it would leave without anyone (该举措将无人承担),
 * and a picker for the units the commit accepts into that group (those of its
 * region or below: a town's group offers the town's units). Follows the choices in
 * the table through the form's change events, so it needs no state of the
 * wizard's.
 */
export function EmptyGroupReview({
  form,
  reconciliation,
  plans,
  groups,
  units,
  regionPath,
}: {
  form: RefObject<HTMLFormElement | null>;
  reconciliation: Reconciliation[];
  plans: Plan[];
  groups: Group[];
  units: Unit[];
  /** The import region's path: where a new group is created. */
  regionPath: string;
}) {
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [picked, setPicked] = useState<Record<string, number[]>>({});

  useEffect(() => {
    const element = form.current;
    if (!element) return;
    const read = () => {
      const next: Record<string, string> = {};
      for (const item of reconciliation) {
        const select = element.elements.namedItem(`r:${item.name}`);
        if (select instanceof HTMLSelectElement) next[item.name] = select.value;
      }
      setChoices(next);
    };
    read();
    element.addEventListener("change", read);
    return () => element.removeEventListener("change", read);
  }, [form, reconciliation]);

  // What createGroup calls the group: the simplified form of a name printed in traditional characters, as the commit does.
  const newNames = new Map(reconciliation.map((item) => [item.name, ("simplified" in item && item.simplified) || item.name]));
  const newName = (name: string) => newNames.get(name) ?? name;
  // Warned as the group stands today: the picked members are what fixes it.
  const outcome = (name: string) =>
    name in choices ? choiceOutcome(choices[name]!, name, groups, 0, { newName: newName(name), regionPath }) : "units";
  const warnings = emptyGroupWarnings(plans, outcome);
  if (!warnings.length) return null;

  function toggle(name: string, unitId: number, on: boolean) {
    setPicked((current) => {
      const list = current[name] ?? [];
      return { ...current, [name]: on ? [...list, unitId] : list.filter((id) => id !== unitId) };
    });
  }

  return (
    <div className="mt-4 space-y-4">
      {warnings.map(({ name, measures }, index) => {
        const offered = memberCandidates(choices[name] ?? "", newName(name), groups, units, regionPath);
        // Only what is offered is sent: a pick made for another choice of group no longer counts.
        const chosen = (picked[name] ?? []).filter((id) => offered.some((unit) => unit.id === id));
        const headingId = `empty-group-${index}`;
        return (
          <section
            key={name}
            aria-labelledby={headingId}
            data-empty-group={name}
            className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          >
            <h3 id={headingId} className="font-medium">
              分组“{name}”没有成员单位
            </h3>
            {chosen.length > 0 ? (
              <p role="status">
                已选 {chosen.length} 个成员单位,导入时加入分组“{name}”。
              </p>
            ) : measures.length > 0 ? (
              <p role="alert">
                {unassignedMessage(measures)}请为分组“{name}”选择成员单位,或在上表中改为已有单位或分组。
              </p>
            ) : (
              <p>该分组暂无成员,请选择成员单位。</p>
            )}
            <fieldset className="mt-2">
              <legend className="mb-1">“{name}”的成员单位</legend>
              <div className="grid max-h-60 grid-cols-2 gap-x-4 gap-y-1 overflow-y-auto rounded border border-amber-200 bg-white p-2 text-slate-800 md:grid-cols-4">
                {offered.map((unit) => (
                  <label key={unit.id} className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      name={memberField(name)}
                      value={unit.id}
                      checked={chosen.includes(unit.id)}
                      onChange={(event) => toggle(name, unit.id, event.currentTarget.checked)}
                    />
                    {unit.name}
                  </label>
                ))}
              </div>
            </fieldset>
          </section>
        );
      })}
    </div>
  );
}
