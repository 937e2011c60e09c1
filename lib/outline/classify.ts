import type { OutlineAreaCode } from "@/lib/outline/areas.ts";

// Maps a plan chapter's title to an area of the national outline by keywords.
// First match wins, so the order below carries meaning: a title often names
// two things and the more specific one decides. For example
//   加强行政规范性文件制定监督管理   → RULES, not OVERSIGHT (the outline files it under 依法行政制度)
//   强化行政执法监督                 → OVERSIGHT, not ENFORCEMENT (outline: 加强对行政执法制约和监督)
//   深入推进“互联网+”监管执法        → TECHNOLOGY, not ENFORCEMENT or FUNCTIONS
//   提升应急法治服务保障能力         → EMERGENCIES, before anything about 保障
//   健全社会协同、多元化解的社会治理体系 → DISPUTES, before SOCIETY's 社会治理
// Generic chapters ("主要任务和具体措施", "坚持依法行政，全面建设法治政府")
// match nothing: their children carry their own areas (resolveSectionAreas).
//
// The migration 20261123180000_outline_areas backfilled the sections that
// existed then with a SQL copy of these rules as they stood; the migration is
// frozen, so improving a rule here changes future imports only.

type Rule = { area: OutlineAreaCode; pattern: RegExp };

export const OUTLINE_AREA_RULES: readonly Rule[] = [
  { area: "GUIDING", pattern: /习近平法治思想|指导思想|总体要求|主要原则|基本原则|总体目标|主要目标|工作目标/ },
  { area: "EMERGENCIES", pattern: /突发事件|应急/ },
  { area: "DISPUTES", pattern: /矛盾|纠纷|化解|调解|复议|应诉|信访|裁决|行政争议/ },
  { area: "RULES", pattern: /依法行政制度|立法|规范性文件|规章/ },
  { area: "DECISIONS", pattern: /决策/ },
  { area: "OVERSIGHT", pattern: /监督|制约|政务公开|政务诚信|督查|问责/ },
  { area: "TECHNOLOGY", pattern: /科技|数字|信息化|互联网|大数据|数据共享/ },
  { area: "ENFORCEMENT", pattern: /执法/ },
  { area: "FUNCTIONS", pattern: /政府机构职能|政府职能|机构职责|职能体系|放管服|营商环境|优化环境|审批|政务服务|监管/ },
  {
    area: "LEADERSHIP",
    pattern: /党的领导|党对|组织保障|组织实施|组织领导|推进机制|法治思维|依法行政能力|队伍建设|督察|考核|述法/,
  },
  {
    area: "SOCIETY",
    pattern:
      /法治社会|全民守法|法治观念|普法|法治宣传|法治文化|法律服务|法律援助|权利保护|权益保护|宪法|社会治理|社会领域|网络空间|法治乡村|依法治理/,
  },
  { area: "JUSTICE", pattern: /司法|审判|检察/ },
];

/**
 * The heading a rule looks at: some documents run a chapter's heading straight
 * into its paragraph ("(三)总体目标。到2025年……突发事件应对能力显著增强……"),
 * and only the words before the first full stop name the chapter.
 */
export function sectionHeading(title: string): string {
  return title.split("。")[0]!.trim();
}

/** The outline area a chapter title names, or null when it names none. */
export function classifySectionTitle(title: string): OutlineAreaCode | null {
  const heading = sectionHeading(title);
  if (!heading) return null;
  return OUTLINE_AREA_RULES.find((rule) => rule.pattern.test(heading))?.area ?? null;
}

type SectionLike = { key: string; parentKey: string | null; title: string };

/**
 * Every section's area: its own title's, or else the nearest ancestor's. A
 * parent key that names no section (or a loop) ends the walk with null.
 */
export function resolveSectionAreas(sections: readonly SectionLike[]): Map<string, OutlineAreaCode | null> {
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const resolved = new Map<string, OutlineAreaCode | null>();
  const resolve = (key: string, depth: number): OutlineAreaCode | null => {
    const known = resolved.get(key);
    if (known !== undefined) return known;
    const section = byKey.get(key);
    if (!section) return null;
    const area =
      classifySectionTitle(section.title) ?? (section.parentKey !== null && depth < 20 ? resolve(section.parentKey, depth + 1) : null);
    resolved.set(key, area);
    return area;
  };
  for (const section of sections) resolve(section.key, 0);
  return resolved;
}
