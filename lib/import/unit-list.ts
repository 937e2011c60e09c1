import { toSimplified } from "@/lib/import/chinese.ts";

// Lists of units as printed in 牵头单位/责任单位 fields and division-of-labour
// tables: "区委编办、区政务服务局、区司法局", "区司法局、各单位党委(党组)".
// Input is normalised text (half-width , ; ( )), but the full-width forms are
// accepted too so callers need not care.

const SEPARATORS = new Set(["、", ",", ";", ",", ";"]);
const OPEN = new Set(["(", "("]);
const CLOSE = new Set([")", ")"]);

/** "…等", "…等部门", "…等相关部门": the list names examples, not every unit. */
const ETC_SUFFIX = /等(?:相关|有关|其他|其它)?(?:成员单位|部门|单位|机构)?$/u;

// Hard-wrapped lines leave spaces inside names ("区 司法局"); Chinese names
// never contain spaces next to a Han character or a bracket.
const SPACE_NEAR_HAN = /(?<=[\p{Script=Han}()()])\s+|\s+(?=[\p{Script=Han}()()])/gu;

/** Splits on separators outside brackets; `protect` false ignores brackets. */
function splitOutsideBrackets(text: string, protect: boolean): { pieces: string[]; balanced: boolean } {
  const pieces: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (protect && OPEN.has(ch)) depth++;
    else if (protect && CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (SEPARATORS.has(ch) && depth === 0) {
      pieces.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  return { pieces, balanced: depth === 0 };
}

type Item = { name: string; etc: boolean };

function splitItems(text: string): Item[] {
  // "由区司法局、区财政局负责…" style fields start with 由.
  const source = text.trim().replace(/^由\s*/u, "");
  const first = splitOutsideBrackets(source, true);
  let pieces = first.pieces;
  // An unclosed "(" would swallow the rest of the list into one name; a
  // typo is likelier than a bracketed list, so split as if there were none.
  if (!first.balanced) pieces = splitOutsideBrackets(source, false).pieces;

  return pieces.map((piece) => {
    const name = piece
      .replace(SPACE_NEAR_HAN, "")
      .trim()
      .replace(/[。.]+$/u, "")
      .trim();
    // 等 is the same in both scripts; "等部門" is read in the simplified
    // shadow, which keeps each character in its place, and cut as printed.
    const etc = name.includes("等") ? ETC_SUFFIX.exec(toSimplified(name)) : null;
    return { name: etc ? name.slice(0, etc.index).trim() : name, etc: etc !== null };
  });
}

/**
 * Unit names in a printed list, in order, without duplicates or empties.
 * Splits on 、 , ; but never inside brackets ("各县(市、区)人民政府" is one
 * name). Does not split on 和/及: they occur inside real names such as
 * "区人大和监察司法委员会". A trailing 等/等部门 is dropped (see hadEtcSuffix).
 */
export function splitUnitList(text: string): string[] {
  const names: string[] = [];
  for (const { name } of splitItems(text)) {
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** True when an item of the list ended in 等/等部门/等单位: the list may be incomplete. */
export function hadEtcSuffix(text: string): boolean {
  return splitItems(text).some((item) => item.etc);
}

/**
 * True for designations that stand for a group of units rather than one unit:
 * "区直有关部门", "各镇乡街道", "各单位党委(党组)", "区政府有关部门",
 * "联席会各相关单位". Such names cannot be matched to a single unit record.
 */
export function isCollectiveDesignation(name: string): boolean {
  const n = toSimplified(name.replace(/\s+/gu, ""));
  if (!n) return false;
  // "各部门", "全区各单位": the distributive 各 at the front.
  if (/^(?:全[区市县镇])?各/u.test(n)) return true;
  // "区直各部门", "市直有关单位", and the bare "区直部门".
  if (/^[区市县]直(?:各|有关|相关)/u.test(n) || /^[区市县]直(?:部门|单位)$/u.test(n)) return true;
  if (/^(?:有关|相关|其他|其它)(?:部门|单位)$/u.test(n)) return true;
  // "区政府有关部门", "联席会各相关单位", "管委会有关处室", "…各成员单位".
  return /(?:各|有关|相关)(?:成员)?(?:部门|单位|处室|科室|机构)$/u.test(n);
}

// Sentence punctuation, a label's colon and quotation marks never occur in
// a unit's name: an annotation "naming" such a unit has swallowed text.
const NOT_IN_NAMES = /[。;!?:\uFF1B\uFF01\uFF1F\uFF1A“”《》]/u;
const MAX_NAME = 30;

// Modal words of a sentence: "各部门要加强协调", "区司法局应当做好指导".
// Only modal words: action words (推进, 提升, 完善, 落实) name task forces
// and joint meetings (区营商环境提升工作专班, 区推进法治政府建设联席会议).
// No name in the seeds or the demo units holds one except 机要 (区委机要和
// 保密局), and names that do end the way unit names end, so a marker counts
// only in a name that does not.
const SENTENCE_MARKER = /要|应当|应该|必须|须|务必|确保|切实|进一步|认真|积极|及时|着力|全力|大力|努力|不断/u;

/**
 * Whether a name read from an annotation can be a unit's name: no sentence
 * punctuation, at most 30 characters, no modal or action word of a sentence
 * unless it ends like a unit's name. A bracketed alias ("区政府办公室(区政府
 * 外事办公室)") does not count towards the 30, up to 60 characters in all.
 */
export function isPlausibleUnitName(name: string): boolean {
  if (!name || name.length > 2 * MAX_NAME || NOT_IN_NAMES.test(name)) return false;
  if (name.replace(/[(\uFF08][^()\uFF08\uFF09]*[)\uFF09]/gu, "").length > MAX_NAME) return false;
  const simplified = toSimplified(name);
  return !SENTENCE_MARKER.test(simplified) || UNIT_NAME_END.test(simplified);
}

// How names of units end: "区司法局", "团区委", "区政府办", "各镇乡街道",
// "各单位党委(党组)", "区档案馆".
const UNIT_NAME_END =
  /(局|委|办|院|府|部|厅|会|室|组|处|科|站|所|队|中心|单位|部门|机构|街道|镇|乡|村|社区|团|社|联|协|馆|校|公司|银行|集团|人大|政协|专班|联席会议|指挥部|[)\uFF09])$/u;

/** Whether the name ends the way names of units end (read in the simplified shadow). */
export function endsLikeUnitName(name: string): boolean {
  return UNIT_NAME_END.test(toSimplified(name));
}
