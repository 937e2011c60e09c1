import { isCollectiveDesignation } from "@/lib/import/unit-list.ts";

// Which unit or group of the region each name in a document stands for. Exact
// names and aliases resolve on their own; near matches (区发改委 for 区发改局,
// 区应急局 for 区应急管理局) are proposed for the user to accept; collective
// designations (区直各部门) are groups; anything else is unknown and becomes a
// unit only when the user confirms.

export type CatalogueUnit = { id: number; name: string; aliases: string[] };
export type CatalogueGroup = { id: number; name: string };
export type Catalogue = { units: CatalogueUnit[]; groups: CatalogueGroup[] };

export type NearMatch = { unitId: number; name: string; score: number };

export type Reconciliation =
  | { name: string; status: "unit"; unitId: number; via: "name" | "alias" }
  | { name: string; status: "group"; groupId: number }
  | { name: string; status: "newGroup" }
  | { name: string; status: "near"; candidates: NearMatch[] }
  | { name: string; status: "unknown" };

const SAME_KIND_ENDINGS = /[局委办厅]$/;

/** Without the region prefix and the 委 of party offices, which documents drop freely. */
function core(name: string): string {
  return name.replace(/^(区委|区)/, "").replace(/^委/, "");
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < text.length - 1; i++) out.add(text.slice(i, i + 2));
  return out;
}

function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** How alike two unit names are, 0…1; 0 when they are plainly different units. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const [x, y] = [core(a), core(b)];
  if (x === y) return 0.95;
  // 区发改局 / 区发改委: same stem, interchangeable ending.
  if (x.length >= 3 && y.length >= 3 && x.slice(0, -1) === y.slice(0, -1) && SAME_KIND_ENDINGS.test(x) && SAME_KIND_ENDINGS.test(y)) {
    return 0.9;
  }
  // 区应急局 / 区应急管理局: the short form keeps the long form's characters in order.
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length >= 3 && short.at(-1) === long.at(-1) && short[0] === long[0] && isSubsequence(short, long)) {
    return 0.8 + 0.1 * (short.length / long.length);
  }
  const score = dice(x, y);
  return score >= 0.6 ? score * 0.8 : 0;
}

export function reconcileNames(names: string[], catalogue: Catalogue): Reconciliation[] {
  const byName = new Map<string, Reconciliation>();
  for (const unit of catalogue.units) {
    byName.set(unit.name, { name: unit.name, status: "unit", unitId: unit.id, via: "name" });
  }
  for (const unit of catalogue.units) {
    for (const alias of unit.aliases) {
      if (!byName.has(alias)) byName.set(alias, { name: alias, status: "unit", unitId: unit.id, via: "alias" });
    }
  }
  for (const group of catalogue.groups) {
    if (!byName.has(group.name)) byName.set(group.name, { name: group.name, status: "group", groupId: group.id });
  }

  return [...new Set(names)].map((name): Reconciliation => {
    const known = byName.get(name);
    if (known) return { ...known, name };
    if (isCollectiveDesignation(name)) return { name, status: "newGroup" };
    const candidates = catalogue.units
      .map((unit) => ({
        unitId: unit.id,
        name: unit.name,
        score: Math.max(nameSimilarity(name, unit.name), ...unit.aliases.map((alias) => nameSimilarity(name, alias))),
      }))
      .filter((candidate) => candidate.score >= 0.6)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3);
    return candidates.length ? { name, status: "near", candidates } : { name, status: "unknown" };
  });
}
