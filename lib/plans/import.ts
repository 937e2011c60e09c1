import type { Tx } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import type { UnitKind } from "@/lib/generated/prisma/enums.ts";
import { recordAudit } from "@/lib/audit/record.ts";
import { AppError, forbidden } from "@/lib/errors.ts";
import { findRegionInScope } from "@/lib/regions/queries.ts";
import { findNameClashes, groupAliasFree } from "@/lib/units/queries.ts";
import { parseDeadline } from "@/lib/import/deadline.ts";
import { nameToCreate } from "@/lib/import/reconcile.ts";
import { resolveSectionAreas } from "@/lib/outline/classify.ts";
import type { CommitPlanImportInput, ImportedPlan } from "@/lib/plans/schema.ts";
import { implementsParentItems } from "@/lib/plans/rollup.ts";
import { dateColumn } from "@/lib/dates.ts";

// Writes an import the user has reviewed. Runs inside one transaction: either
// every plan, unit, group, alias and assignment is written, or nothing is.
// Importing the same document again updates plans by title and measures by
// their place (section labels + code), so nothing is duplicated; assignments
// that already carry progress reports are never dropped.

type Assignee = { unitId: number; viaGroupId: number | null };

export type ImportSummary = {
  /**
   * parentItems: its measures are to be linked to a parent plan's items (rollup.ts implementsParentItems);
   * draft: still 草案 after the import (a new plan is), so it collects no reports until 施行.
   */
  plans: { id: number; title: string; created: boolean; measures: number; parentItems: boolean; draft: boolean }[];
  measuresCreated: number;
  measuresUpdated: number;
  assignmentsCreated: number;
  assignmentsRemoved: number;
  unitsCreated: string[];
  groupsCreated: string[];
  /** Names that resolved to a group still without members: their measures name nobody through them. */
  emptyGroups: string[];
  aliasesAdded: string[];
};

/** Nothing written yet. */
export function emptyImportSummary(): ImportSummary {
  return {
    plans: [],
    measuresCreated: 0,
    measuresUpdated: 0,
    assignmentsCreated: 0,
    assignmentsRemoved: 0,
    unitsCreated: [],
    groupsCreated: [],
    emptyGroups: [],
    aliasesAdded: [],
  };
}

/** A kind for a unit created from a name, so it lands in the right list; the user can change it. */
export function guessUnitKind(name: string): UnitKind {
  if (/法院|检察院/.test(name)) return "JUDICIAL_BODY";
  if (/(镇|乡|街道|街办|办事处)$/.test(name)) return "TOWN_STREET";
  if (/^(区委|县委|市委|中共)|纪委|监委|党委|党组|政法委|编办|网信办|统战部|宣传部|组织部/.test(name)) return "PARTY_BODY";
  if (/人大|政协|团区委|团县委|妇联|工会|工商联|科协|残联|红十字/.test(name)) return "PEOPLES_ORGANISATION";
  if (/公司|集团/.test(name)) return "STATE_ENTERPRISE";
  return "GOVERNMENT_DEPARTMENT";
}

function namesIn(plans: ImportedPlan[]): string[] {
  return [...new Set(plans.flatMap((p) => p.measures.flatMap((m) => [...m.leadUnits, ...m.responsibleUnits])))];
}

/**
 * The members the review picked for a group, checked as the group screen
 * checks them: active units of the group's region or below. Any other id
 * refuses the whole import.
 */
async function checkGroupMembers(tx: Tx, name: string, groupRegionId: number, districtId: number, ids: number[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const groupRegion = await tx.region.findUniqueOrThrow({ where: { id: groupRegionId }, select: { path: true } });
  const found = await tx.unit.count({
    where: { id: { in: unique }, active: true, districtId, region: { path: { startsWith: groupRegion.path } } },
  });
  if (found !== unique.length) {
    throw new AppError("VALIDATION", `“${name}”所选的成员单位不存在或不属于本区县`, { resolutions: [`“${name}”的成员单位有误`] });
  }
  return unique;
}

/** Adds the picked units to an existing group, keeping its members; audited like an edit on the group screen. */
async function addGroupMembers(tx: Tx, actor: Actor, group: { id: number; districtId: number }, memberIds: number[]) {
  const before = await tx.unitGroup.findUniqueOrThrow({
    where: { id: group.id },
    include: { members: { select: { unitId: true } } },
  });
  const have = new Set(before.members.map((m) => m.unitId));
  const added = memberIds.filter((unitId) => !have.has(unitId));
  if (!added.length) return;
  await tx.unitGroupMember.createMany({ data: added.map((unitId) => ({ groupId: group.id, unitId, districtId: group.districtId })) });
  const after = await tx.unitGroup.findUniqueOrThrow({
    where: { id: group.id },
    include: { members: { select: { unitId: true } } },
  });
  await recordAudit(tx, {
    actor,
    action: "group.update",
    entityType: "UnitGroup",
    entityId: group.id,
    districtId: group.districtId,
    before,
    after,
  });
}

/**
 * Keeps a collective name's wording as the group's alias (区直各执法部门 for
 * 区直相关行政执法部门), so the next import resolves it by itself. A wording
 * some unit, alias or group of the region already goes by stays as it is.
 */
async function rememberGroupAlias(
  tx: Tx,
  actor: Actor,
  group: { id: number; name: string; regionId: number; districtId: number },
  alias: string,
  summary: ImportSummary,
) {
  if (!(await groupAliasFree(tx, group.regionId, alias))) return;
  await tx.unitGroupAlias.create({ data: { alias, groupId: group.id, regionId: group.regionId, districtId: group.districtId } });
  await recordAudit(tx, {
    actor,
    action: "group.addAlias",
    entityType: "UnitGroup",
    entityId: group.id,
    districtId: group.districtId,
    after: { alias },
  });
  summary.aliasesAdded.push(`${alias} → ${group.name}`);
}

/** The name as printed becomes the unit's alias, unless another unit, alias or group of the region has it. */
async function rememberUnitAlias(
  tx: Tx,
  actor: Actor,
  unit: { id: number; name: string; regionId: number; districtId: number },
  name: string,
  summary: ImportSummary,
) {
  if ((await findNameClashes(tx, unit.regionId, [name])).length > 0) return;
  await tx.unitAlias.create({ data: { alias: name, unitId: unit.id, regionId: unit.regionId, districtId: unit.districtId } });
  await recordAudit(tx, {
    actor,
    action: "unit.addAlias",
    entityType: "Unit",
    entityId: unit.id,
    districtId: unit.districtId,
    after: { alias: name },
  });
  summary.aliasesAdded.push(`${name} → ${unit.name}`);
}

/** Turns every name into the units it stands for, creating what the user confirmed. */
async function resolveNames(
  tx: Tx,
  actor: Actor,
  region: { id: number; districtId: number; path: string },
  input: CommitPlanImportInput,
  summary: ImportSummary,
): Promise<Map<string, Assignee[]>> {
  const names = namesIn(input.plans);
  const missing = names.filter((name) => !input.resolutions[name]);
  if (missing.length) {
    throw new AppError("VALIDATION", `以下单位尚未确认如何处理:${missing.join("、")}`, {
      resolutions: [`尚未确认:${missing.join("、")}`],
    });
  }
  const inDistrict = { districtId: region.districtId, region: { path: { startsWith: region.path } } };
  const resolved = new Map<string, Assignee[]>();

  for (const name of names) {
    const resolution = input.resolutions[name]!;
    switch (resolution.action) {
      case "ignore":
        resolved.set(name, []);
        break;
      case "unit": {
        const unit = await tx.unit.findFirst({ where: { id: resolution.unitId, ...inDistrict }, include: { aliases: true } });
        if (!unit) throw new AppError("VALIDATION", `“${name}”对应的单位不存在或不属于本区县`, { resolutions: [name] });
        const known = unit.name === name || unit.aliases.some((a) => a.alias === name);
        if (resolution.remember && !known) await rememberUnitAlias(tx, actor, unit, name, summary);
        resolved.set(name, [{ unitId: unit.id, viaGroupId: null }]);
        break;
      }
      case "createUnit": {
        // A name printed in traditional characters is created in simplified
        // ones, the printed form kept as an alias so the next import resolves it.
        const unitName = nameToCreate(name, names);
        const existing = await tx.unit.findFirst({ where: { regionId: region.id, name: unitName } });
        const unit =
          existing ??
          (await tx.unit.create({
            data: { name: unitName, regionId: region.id, districtId: region.districtId, kind: guessUnitKind(unitName) },
          }));
        if (!existing) {
          await recordAudit(tx, {
            actor,
            action: "unit.create",
            entityType: "Unit",
            entityId: unit.id,
            districtId: unit.districtId,
            after: unit,
          });
          summary.unitsCreated.push(unitName);
        }
        if (unitName !== name) await rememberUnitAlias(tx, actor, unit, name, summary);
        resolved.set(name, [{ unitId: unit.id, viaGroupId: null }]);
        break;
      }
      case "group":
      case "createGroup": {
        let group =
          resolution.action === "group"
            ? await tx.unitGroup.findFirst({ where: { id: resolution.groupId, ...inDistrict } })
            : await tx.unitGroup.findFirst({ where: { regionId: region.id, name: nameToCreate(name, names) } });
        if (!group && resolution.action === "group") {
          throw new AppError("VALIDATION", `“${name}”对应的分组不存在或不属于本区县`, { resolutions: [name] });
        }
        // Picking members edits the group, which is the group screen's permission, not the import's.
        if (resolution.memberIds?.length && !can(actor, "group.manage")) throw forbidden();
        const memberIds = await checkGroupMembers(tx, name, group?.regionId ?? region.id, region.districtId, resolution.memberIds ?? []);
        if (group && resolution.action === "group" && resolution.remember && group.name !== name) {
          await rememberGroupAlias(tx, actor, group, name, summary);
        }
        if (!group) {
          group = await tx.unitGroup.create({
            data: {
              name: nameToCreate(name, names),
              regionId: region.id,
              districtId: region.districtId,
              members: { create: memberIds.map((unitId) => ({ unitId, districtId: region.districtId })) },
            },
          });
          await recordAudit(tx, {
            actor,
            action: "group.create",
            entityType: "UnitGroup",
            entityId: group.id,
            districtId: group.districtId,
            after: { ...group, members: memberIds.map((unitId) => ({ unitId })) },
          });
          summary.groupsCreated.push(group.name);
        } else if (memberIds.length) {
          await addGroupMembers(tx, actor, group, memberIds);
        }
        // Created under its simplified name: the name as printed resolves to it next time.
        if (resolution.action === "createGroup" && group.name !== name) await rememberGroupAlias(tx, actor, group, name, summary);
        const members = await tx.unitGroupMember.findMany({
          where: { groupId: group.id, unit: { active: true } },
          select: { unitId: true },
        });
        if (!members.length) summary.emptyGroups.push(name);
        resolved.set(
          name,
          members.map((m) => ({ unitId: m.unitId, viaGroupId: group.id })),
        );
        break;
      }
    }
  }
  return resolved;
}

function sectionPaths(sections: { key: string; parentKey: string | null; label: string }[]): Map<string, string> {
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const paths = new Map<string, string>();
  const pathOf = (key: string | null, depth = 0): string => {
    const section = key ? byKey.get(key) : undefined;
    if (!section || depth > 20) return "";
    return `${pathOf(section.parentKey, depth + 1)}/${section.label}`;
  };
  for (const section of sections) paths.set(section.key, pathOf(section.key));
  return paths;
}

async function writePlan(
  tx: Tx,
  actor: Actor,
  region: { id: number; districtId: number },
  plan: ImportedPlan,
  input: CommitPlanImportInput,
  assignees: Map<string, Assignee[]>,
  summary: ImportSummary,
) {
  const districtId = region.districtId;
  const before = await tx.plan.findFirst({ where: { regionId: region.id, title: plan.title } });
  const data = {
    kind: plan.kind,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    issuer: plan.issuer ?? null,
    documentNumber: plan.documentNumber ?? null,
    issueDate: plan.issueDate ? dateColumn(plan.issueDate) : null,
    sourceText: input.sourceText ?? before?.sourceText ?? null,
    sourceFileName: input.fileName ?? before?.sourceFileName ?? null,
  };
  const saved = before
    ? await tx.plan.update({ where: { id: before.id }, data })
    : await tx.plan.create({ data: { ...data, title: plan.title, regionId: region.id, districtId } });

  // Sections: matched by their label path, so a corrected title updates in place.
  const existingSections = await tx.section.findMany({ where: { planId: saved.id } });
  const existingPaths = sectionPaths(
    existingSections.map((s) => ({ key: String(s.id), parentKey: s.parentId ? String(s.parentId) : null, label: s.label })),
  );
  const sectionByPath = new Map(existingSections.map((s) => [existingPaths.get(String(s.id))!, s]));
  const parsedPaths = sectionPaths(plan.sections);
  // Outline areas from the chapter titles. A re-import only fills an area that
  // is empty and that nobody emptied by hand: a manual correction, "none"
  // included, survives it.
  const areas = resolveSectionAreas(plan.sections);
  const sectionIds = new Map<string, number>();
  for (const [index, section] of plan.sections.entries()) {
    const path = parsedPaths.get(section.key)!;
    const parentId = section.parentKey ? (sectionIds.get(section.parentKey) ?? null) : null;
    const existing = sectionByPath.get(path);
    const outlineArea = areas.get(section.key) ?? null;
    const fillArea = existing && existing.outlineArea === null && !existing.outlineAreaSetByHand ? { outlineArea } : {};
    const row = existing
      ? await tx.section.update({
          where: { id: existing.id },
          data: { title: section.title, sortOrder: index, parentId, ...fillArea },
        })
      : await tx.section.create({
          data: { planId: saved.id, districtId, label: section.label, title: section.title, sortOrder: index, parentId, outlineArea },
        });
    sectionIds.set(section.key, row.id);
  }

  // Measures: matched by section path + code.
  const existingMeasures = await tx.measure.findMany({ where: { planId: saved.id } });
  const existingSectionPath = new Map(existingSections.map((s) => [s.id, existingPaths.get(String(s.id))!]));
  const measureByKey = new Map(existingMeasures.map((m) => [`${m.sectionId ? existingSectionPath.get(m.sectionId) : ""}#${m.code}`, m]));
  const seen = new Set<string>();
  const measureIds: { id: number; lead: Assignee[]; responsible: Assignee[] }[] = [];
  for (const [index, measure] of plan.measures.entries()) {
    let key = `${measure.sectionKey ? parsedPaths.get(measure.sectionKey) : ""}#${measure.code}`;
    // A code printed twice in one section (a typo in the document) still gets its own measure.
    for (let n = 2; seen.has(key); n++) key = `${key}~${n}`;
    seen.add(key);
    const deadline = measure.deadlineText ? parseDeadline(measure.deadlineText) : null;
    const fields = {
      text: measure.text,
      sectionId: measure.sectionKey ? (sectionIds.get(measure.sectionKey) ?? null) : null,
      deadlineText: measure.deadlineText ?? null,
      deadline: deadline?.date ? dateColumn(deadline.date) : null,
      ongoing: deadline?.ongoing ?? false,
      sortOrder: index,
    };
    const existing = measureByKey.get(key);
    // An approved extension moved the deadline; a re-import must not undo it.
    const keepExtended = existing?.originalDeadline ? { deadline: existing.deadline } : {};
    const row = existing
      ? await tx.measure.update({ where: { id: existing.id }, data: { ...fields, ...keepExtended } })
      : await tx.measure.create({ data: { ...fields, planId: saved.id, districtId, code: measure.code } });
    if (existing) summary.measuresUpdated++;
    else summary.measuresCreated++;
    measureIds.push({
      id: row.id,
      lead: measure.leadUnits.flatMap((name) => assignees.get(name) ?? []),
      responsible: measure.responsibleUnits.flatMap((name) => assignees.get(name) ?? []),
    });
  }

  // Assignments: add what is new, drop what the document no longer says
  // unless a unit has already reported on it.
  const existingAssignments = await tx.assignment.findMany({
    where: { measureId: { in: measureIds.map((m) => m.id) } },
    select: { id: true, measureId: true, unitId: true, role: true, _count: { select: { reports: true } } },
  });
  const have = new Set(existingAssignments.map((a) => `${a.measureId}:${a.unitId}:${a.role}`));
  const wanted = new Map<string, { measureId: number; unitId: number; role: "LEAD" | "RESPONSIBLE"; viaGroupId: number | null }>();
  for (const { id, lead, responsible } of measureIds) {
    for (const [role, list] of [
      ["LEAD", lead],
      ["RESPONSIBLE", responsible],
    ] as const) {
      for (const assignee of list) {
        const key = `${id}:${assignee.unitId}:${role}`;
        // Named directly beats named through a group.
        if (!wanted.has(key) || assignee.viaGroupId === null) wanted.set(key, { measureId: id, role, ...assignee });
      }
    }
  }
  // A lead unit that a group also names as responsible only leads.
  for (const [key, value] of wanted) {
    if (value.role === "RESPONSIBLE" && wanted.has(`${value.measureId}:${value.unitId}:LEAD`)) wanted.delete(key);
  }
  const toCreate = [...wanted.entries()].filter(([key]) => !have.has(key)).map(([, v]) => v);
  await tx.assignment.createMany({
    data: toCreate.map((a) => ({ ...a, districtId, source: a.viaGroupId ? ("GROUP" as const) : ("DIRECT" as const) })),
  });
  const removable = existingAssignments.filter((a) => !wanted.has(`${a.measureId}:${a.unitId}:${a.role}`) && a._count.reports === 0);
  await tx.assignment.deleteMany({ where: { id: { in: removable.map((a) => a.id) } } });
  summary.assignmentsCreated += toCreate.length;
  summary.assignmentsRemoved += removable.length;

  await recordAudit(tx, {
    actor,
    action: before ? "plan.reimport" : "plan.import",
    entityType: "Plan",
    entityId: saved.id,
    districtId,
    before: before ? { ...before, sourceText: undefined } : null,
    after: { ...saved, sourceText: undefined, measures: plan.measures.length, assignmentsCreated: toCreate.length },
  });
  summary.plans.push({
    id: saved.id,
    title: saved.title,
    created: !before,
    measures: plan.measures.length,
    parentItems: implementsParentItems(saved),
    draft: saved.status === "DRAFT",
  });
}

export async function writePlanImport(tx: Tx, actor: Actor, input: CommitPlanImportInput): Promise<ImportSummary> {
  const region = await findRegionInScope(tx, actor, input.regionId);
  if (!region?.districtId) {
    throw new AppError("VALIDATION", undefined, { regionId: ["所选区域不存在、不在您的管理范围内或不是区县/乡镇"] });
  }
  const titles = input.plans.map((p) => p.title);
  if (new Set(titles).size !== titles.length) {
    throw new AppError("VALIDATION", "同一次导入中有标题相同的规划,请修改标题", { plans: ["规划标题重复"] });
  }
  const scoped = { id: region.id, districtId: region.districtId, path: region.path };
  const summary = emptyImportSummary();
  const assignees = await resolveNames(tx, actor, scoped, input, summary);
  for (const plan of input.plans) await writePlan(tx, actor, scoped, plan, input, assignees, summary);
  return summary;
}
