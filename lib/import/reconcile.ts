import { isCollectiveDesignation } from "@/lib/import/unit-list.ts";
import { isTraditionalText, toSimplified } from "@/lib/import/chinese.ts";

export { soleBestCandidate } from "@/lib/import/candidates.ts";

// Which unit or group of the region each name in a document stands for. Exact
// names and aliases resolve on their own; near matches (区发改委 for 区发改局,
// 区应急局 for 区应急管理局) are proposed for the user to accept; collective
// designations (区直各部门) are groups, matched the same way (区直各执法部门
// for 区直相关行政执法部门 is proposed, and once accepted remembered as the
// group's alias) or new; anything else is unknown and
// becomes a unit only when the user confirms. A name printed in traditional
// characters (區司法局) whose simplified form is a known name is proposed at
// the top score, not resolved silently: the user sees the printed name once,
// and accepting a unit remembers it as an alias.

/** regionPath: where the unit sits, so the review offers a group only the units the server accepts as its members. */
export type CatalogueUnit = { id: number; name: string; aliases: string[]; regionPath?: string };
/**
 * memberCount: active members, so the review can warn about a group that names nobody.
 * aliases: other wordings remembered from accepted near matches; they resolve on their own.
 */
export type CatalogueGroup = { id: number; name: string; aliases?: string[]; memberCount?: number; regionPath?: string };
export type Catalogue = { units: CatalogueUnit[]; groups: CatalogueGroup[] };

export type NearMatch = { unitId: number; name: string; score: number };
export type NearGroupMatch = { groupId: number; name: string; score: number };

export type Reconciliation =
  | { name: string; status: "unit"; unitId: number; via: "name" | "alias" }
  | { name: string; status: "group"; groupId: number }
  /** simplified: the name in simplified characters when printed otherwise; what a new unit or group is called. */
  | { name: string; status: "newGroup"; simplified?: string }
  | { name: string; status: "near"; candidates: NearMatch[] }
  | { name: string; status: "nearGroup"; candidates: NearGroupMatch[] }
  | { name: string; status: "unknown"; simplified?: string };

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

/** A printed name that is a known name once simplified: proposed, just below an exact match. */
const SIMPLIFIED_EXACT = 0.99;

type CollectiveParts = {
  scope: string;
  branch: "party" | "government" | "both" | "";
  quantifier: string;
  member: boolean;
  field: string;
  kind: string;
};

function branchOf(wording: string | undefined): CollectiveParts["branch"] {
  if (!wording) return "";
  if (/^委[区市县]政府$/u.test(wording)) return "both";
  return wording === "委" ? "party" : "government";
}

/**
 * A collective name taken apart: 区直 | 相关 | 行政执法 | 部门. The field is what
 * says which departments are meant; the rest is wording that varies freely.
 */
function collectiveParts(name: string): CollectiveParts {
  let rest = name.replace(/\s+/gu, "");
  const scope = /^(?:全)?([区市县])(?:委[区市县]政府|直|级|政府|委)?/u.exec(rest);
  rest = rest.slice(scope?.[0].length ?? 0);
  const quantifiers = rest.match(/各|有关|相关|其他|其它/gu) ?? [];
  const member = rest.includes("成员");
  rest = rest.replace(/各|有关|相关|其他|其它|成员/gu, "");
  const kind = /(?:部门|单位|处室|科室|机构|委办局)$/u.exec(rest);
  rest = rest.slice(0, rest.length - (kind?.[0].length ?? 0));
  return {
    scope: scope?.[1] ?? "",
    branch: branchOf(scope?.[0].replace(/^全?[区市县]/u, "")),
    member,
    quantifier: quantifiers.join("").replace("其它", "其他"),
    field: rest,
    kind: kind?.[0] ?? "",
  };
}

/**
 * How alike two collective names are, 0…1. Different scopes (市直 / 区直) or
 * fields (执法 / 审批) are different groups; a name with no field (区直各部门)
 * is broader than one with a field (区直相关行政执法部门) and never matches it.
 */
export function groupNameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const [x, y] = [collectiveParts(a), collectiveParts(b)];
  if (x.scope && y.scope && x.scope !== y.scope) return 0;
  // 区委各部门 (the party's) are not 区直/区政府各部门 (the government's).
  const branches = new Set([x.branch, y.branch]);
  if (branches.has("party") && branches.has("government")) return 0;
  // 其他 (the others) is the complement of 相关/各/有关 or of a bare name: never the same group.
  if (x.quantifier.includes("其他") !== y.quantifier.includes("其他")) return 0;
  // 各成员单位 are the members of a body named elsewhere in the document, not a standing group.
  if (x.member !== y.member) return 0;
  let score: number;
  if (x.field === y.field) score = x.field ? 0.85 : 0.75;
  else if (!x.field || !y.field) return 0;
  else {
    const [short, long] = x.field.length <= y.field.length ? [x.field, y.field] : [y.field, x.field];
    // 执法 / 行政执法: the short form names the same field.
    if (short.length >= 2 && isSubsequence(short, long)) score = 0.75 + 0.1 * (short.length / long.length);
    else {
      const overlap = dice(x.field, y.field);
      if (overlap < 0.5) return 0;
      score = overlap * 0.8;
    }
  }
  if (x.quantifier === y.quantifier) score += 0.05;
  if (x.kind === y.kind) score += 0.04;
  if (x.scope !== y.scope) score -= 0.05;
  return Math.max(0, Math.min(score, 0.98));
}

/** Collective by its wording: isCollectiveDesignation, plus 区直其他… (the others). */
function isCollective(name: string): boolean {
  return isCollectiveDesignation(name) || /^(?:[区市县]直)?(?:其他|其它)/u.test(name);
}

const MIN_SCORE = 0.6;

/**
 * What a new unit or group from this name is called: the simplified form when
 * the document's names, taken together, are printed in traditional characters
 * (not for 乾县 in a simplified document). The commit names them the same way.
 */
export function nameToCreate(name: string, allNames: string[]): string {
  return isTraditionalText(allNames.join("")) ? toSimplified(name) : name;
}

export function reconcileNames(names: string[], catalogue: Catalogue): Reconciliation[] {
  const traditional = isTraditionalText(names.join(""));
  const created = (name: string) => (traditional ? toSimplified(name) : name);
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
  for (const group of catalogue.groups) {
    for (const alias of group.aliases ?? []) {
      if (!byName.has(alias)) byName.set(alias, { name: alias, status: "group", groupId: group.id });
    }
  }

  return [...new Set(names)].map((name): Reconciliation => {
    const known = byName.get(name);
    if (known) return { ...known, name };
    const simplified = toSimplified(name);
    const asSimplified = simplified !== name ? byName.get(simplified) : undefined;
    if (isCollective(simplified) || asSimplified?.status === "group") {
      const candidates = catalogue.groups
        .map((group) => ({
          groupId: group.id,
          name: group.name,
          score:
            asSimplified?.status === "group" && asSimplified.groupId === group.id
              ? SIMPLIFIED_EXACT
              : Math.min(
                  Math.max(
                    groupNameSimilarity(simplified, group.name),
                    ...(group.aliases ?? []).map((alias) => groupNameSimilarity(simplified, alias)),
                  ),
                  SIMPLIFIED_EXACT,
                ),
        }))
        .filter((candidate) => candidate.score >= MIN_SCORE)
        .sort((a, b) => b.score - a.score)
        .slice(0, 3);
      if (candidates.length) return { name, status: "nearGroup", candidates };
      if (!asSimplified) return { name, status: "newGroup", ...(created(name) !== name && { simplified: created(name) }) };
    }
    const candidates = catalogue.units
      .map((unit) => ({
        unitId: unit.id,
        name: unit.name,
        score:
          asSimplified?.status === "unit" && asSimplified.unitId === unit.id
            ? SIMPLIFIED_EXACT
            : Math.min(
                Math.max(nameSimilarity(simplified, unit.name), ...unit.aliases.map((alias) => nameSimilarity(simplified, alias))),
                SIMPLIFIED_EXACT,
              ),
      }))
      .filter((candidate) => candidate.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3);
    if (candidates.length) return { name, status: "near", candidates };
    return { name, status: "unknown", ...(created(name) !== name && { simplified: created(name) }) };
  });
}
