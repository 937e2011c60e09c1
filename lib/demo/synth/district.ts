import type { AssignmentRole, PlanKind, PlanStatus, ReportCadence, UnitKind } from "@/lib/generated/prisma/enums.ts";
import { parseDeadline } from "@/lib/import/deadline.ts";
import { addDays, periodsBetween, toDayNumber, type Period } from "@/lib/reporting/periods.ts";
import { chinaTime, daysInMonth, utcTimestampText, ymd } from "@/lib/dates.ts";
import { DEPARTMENTS, EXTENSION_REASONS, PLACE_STEMS, TOWN_UNIT_SUFFIXES, districtName, personName } from "@/lib/demo/synth/catalog.ts";
import { createRng, type Rng } from "@/lib/demo/synth/random.ts";
import type { SeedPool } from "@/lib/demo/synth/seed-pool.ts";

// One synthetic district as plain data: the units, groups, users, plans,
// sections, measures and assignments, and for every assignment what its
// reporting history looks like (which periods, when it completes). Pure and
// deterministic: (seed, district number, today, seed pool) → the same model.
// province.ts gives the rows their ids and writes them; the reports themselves
// are expanded in SQL from the per-assignment parameters below.

export type UnitModel = {
  name: string;
  shortName: string | null;
  kind: UnitKind;
  /** Index into DistrictModel.towns, or null for a unit of the district itself. */
  town: number | null;
  aliases: string[];
  /** 0–1: how reliably the unit reports. */
  diligence: number;
  liaisonName: string;
};

export type GroupModel = { name: string; members: number[] };

export type AssignmentModel = {
  unit: number;
  role: AssignmentRole;
  /** Index into DistrictModel.groups when assigned through a group. */
  group: number | null;
  /** Periods (indexes into the plan's periods) the unit reports on: firstIdx … lastIdx. */
  firstIdx: number;
  lastIdx: number;
  /** The period whose report claims completion, or -1. */
  doneIdx: number;
  /** The period by which progress reaches 100% (may lie beyond the periods so far). */
  horizonIdx: number;
  /** Chance (0–1) of a report in a period other than doneIdx. */
  prob: number;
};

export type ExtensionModel = {
  /** Index of the requesting (lead) unit. */
  unit: number;
  reason: string;
  oldDeadline: string;
  newDeadline: string;
  requestedAt: string;
  decidedAt: string;
};

export type MeasureModel = {
  /** 1-based number within the district; part of every random key drawn in SQL. */
  ordinal: number;
  code: string;
  text: string;
  section: number;
  deadline: string | null;
  deadlineText: string;
  originalDeadline: string | null;
  ongoing: boolean;
  sortOrder: number;
  extension: ExtensionModel | null;
  assignments: AssignmentModel[];
};

export type PlanModel = {
  kind: PlanKind;
  title: string;
  periodStart: number;
  periodEnd: number;
  issuer: string;
  documentNumber: string;
  issueDate: string;
  /** When the plan was imported (its sections, measures and assignments were created), UTC "YYYY-MM-DD HH:MM:SS". */
  importedAt: string;
  status: PlanStatus;
  closedAt: string | null;
  cadence: ReportCadence;
  dueDay: number;
  /** Index of the plan this one decomposes. */
  parent: number | null;
  /** Reporting periods from the import up to today (or the plan's end), from periods.ts. */
  periods: Period[];
  sections: { label: string; title: string }[];
  measures: MeasureModel[];
};

export type DistrictModel = {
  districtNo: number;
  cityNo: number;
  code: string;
  name: string;
  /** When the district's regions, units and accounts were set up, UTC. */
  setupAt: string;
  towns: { code: string; name: string }[];
  units: UnitModel[];
  /** Index of 区司法局 (the bureau account's unit). */
  bureauUnit: number;
  groups: GroupModel[];
  bureauName: string;
  leaderName: string;
  plans: PlanModel[];
};

export const DISTRICTS_PER_CITY = 10;

export function cityOf(districtNo: number): number {
  return Math.floor((districtNo - 1) / DISTRICTS_PER_CITY) + 1;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function cityCode(cityNo: number): string {
  return `S${pad(cityNo, 2)}`;
}

export function districtCode(districtNo: number): string {
  return `${cityCode(cityOf(districtNo))}D${pad(districtNo, 3)}`;
}

export function districtLogin(districtNo: number): string {
  return `syn-d${pad(districtNo, 3)}`;
}

/** UTC timestamp text for a Beijing date and time. */
export function beijing(date: string, hour: number, minute = 0): string {
  return utcTimestampText(chinaTime(date, hour, minute));
}

function monthEnd(year: number, month: number): string {
  return ymd(year, month, daysInMonth(year, month));
}

/** The month-end `months` months after the month of `date`. */
function monthEndAfter(date: string, months: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  return monthEnd(Math.floor(total / 12), (total % 12) + 1);
}

function dayBetween(rng: Rng, from: string, to: string): string {
  return addDays(from, rng.int(0, toDayNumber(to) - toDayNumber(from)));
}

const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 12 → 十二, 58 → 五十八, 105 → 一百零五 (as plans number their items). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
  const rest = n % 100;
  const tail = rest === 0 ? "" : rest < 10 ? `零${CN_DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest);
  return `${CN_DIGITS[Math.floor(n / 100)]}百${tail}`;
}

type PlanSpec = {
  kind: PlanKind;
  title: string;
  periodStart: number;
  periodEnd: number;
  issuer: string;
  docPrefix: string;
  issueFrom: string;
  issueTo: string;
  cadence: ReportCadence;
  status: PlanStatus;
  weight: number;
  codeStyle: "PAREN_CN" | "NUM" | "NUM_NUM";
  parent: number | null;
};

/** Which groups a measure's responsible units come through, and how many units are named directly. */
function responsibleUnits(
  rng: Rng,
  groups: { departments: number; streets: number; enforcement: number | null },
  groupMembers: number[][],
  directPool: number[],
  townUnits: number[],
): { viaGroups: number[]; direct: number[] } {
  const pattern = rng.weighted([50, 25, 15, 10]);
  const direct = (min: number, max: number) => rng.sample(directPool, rng.int(min, max));
  switch (pattern) {
    case 0:
      return { viaGroups: rng.chance(0.5) ? [groups.departments, groups.streets] : [groups.departments], direct: direct(0, 2) };
    case 1:
      return { viaGroups: [groups.streets], direct: direct(2, 6) };
    case 2:
      return groups.enforcement !== null && (groupMembers[groups.enforcement]?.length ?? 0) > 0
        ? { viaGroups: [groups.enforcement], direct: direct(1, 4) }
        : { viaGroups: [], direct: direct(5, 12) };
    default:
      return { viaGroups: [], direct: [...direct(2, 8), ...(rng.chance(0.2) ? rng.sample(townUnits, rng.int(1, 2)) : [])] };
  }
}

export function buildDistrict(input: { districtNo: number; seed: number; today: string; pool: SeedPool }): DistrictModel {
  const { districtNo, seed, today, pool } = input;
  const rng = createRng("fazhi-synth", seed, districtNo);
  const year = Number(today.slice(0, 4));
  const name = districtName(districtNo);
  const code = districtCode(districtNo);

  // --- Units -------------------------------------------------------------
  const units: UnitModel[] = [];
  const person = () => personName((n) => rng.int(0, n - 1));
  const addUnit = (u: Omit<UnitModel, "diligence" | "liaisonName">) =>
    units.push({ ...u, diligence: rng.next(), liaisonName: person() }) - 1;

  const enforcementUnits: number[] = [];
  for (const template of DEPARTMENTS) {
    if (!template.core && !rng.chance(0.88)) continue;
    const index = addUnit({
      name: template.name,
      shortName: template.shortName ?? null,
      kind: template.kind,
      town: null,
      aliases: template.aliases ?? [],
    });
    if (template.enforcement) enforcementUnits.push(index);
  }
  const stems = rng.sample(PLACE_STEMS, rng.int(8, 14));
  const streetUnits: number[] = [];
  const townNames: string[] = [];
  for (const [i, stem] of stems.entries()) {
    // At least two towns (镇), which also become regions of level TOWN.
    const isTown = i < 2 || rng.chance(0.35);
    const unitName = `${stem}${isTown ? "镇" : "街道"}`;
    if (isTown) townNames.push(unitName);
    streetUnits.push(addUnit({ name: unitName, shortName: null, kind: "TOWN_STREET", town: null, aliases: [] }));
  }
  const towns = townNames.slice(0, rng.int(2, 3)).map((townName, i) => ({ code: `${code}T${i + 1}`, name: townName }));
  const townUnits: number[] = [];
  for (const [t, town] of towns.entries()) {
    for (const { suffix, kind } of rng.sample(TOWN_UNIT_SUFFIXES, rng.int(2, 3))) {
      townUnits.push(addUnit({ name: `${town.name}${suffix}`, shortName: suffix, kind, town: t, aliases: [] }));
    }
  }
  const bureauUnit = units.findIndex((u) => u.name === "区司法局");

  // --- Groups --------------------------------------------------------------
  const departmentMembers = units
    .map((u, i) => ({ u, i }))
    .filter(({ u }) => u.town === null && (u.kind === "PARTY_BODY" || u.kind === "GOVERNMENT_DEPARTMENT"))
    .map(({ i }) => i);
  const groups: GroupModel[] = [
    { name: "区直各部门", members: departmentMembers },
    { name: rng.pick(["各街道", "各镇街", "各街镇"]), members: streetUnits },
  ];
  let enforcementGroup: number | null = null;
  if (rng.chance(0.6)) enforcementGroup = groups.push({ name: "各行政执法部门", members: enforcementUnits }) - 1;
  const groupIds = { departments: 0, streets: 1, enforcement: enforcementGroup };
  const groupMembers = groups.map((g) => g.members);

  const leadPool = units
    .map((u, i) => ({ u, i }))
    .filter(({ u }) => u.town === null && u.kind !== "TOWN_STREET" && u.kind !== "STATE_ENTERPRISE" && u.kind !== "OTHER")
    .map(({ i }) => i);
  const directPool = units
    .map((u, i) => ({ u, i }))
    .filter(({ u }) => u.town === null)
    .map(({ i }) => i);

  // --- Plans ---------------------------------------------------------------
  const abbr = name.slice(0, 1);
  const specs: PlanSpec[] = [
    {
      kind: "PLAN",
      title: `${name}法治政府建设规划(${year - 4}—${year}年)`,
      periodStart: year - 4,
      periodEnd: year,
      issuer: `${name}人民政府`,
      docPrefix: `${abbr}政发`,
      issueFrom: `${year - 4}-02-15`,
      issueTo: `${year - 4}-05-31`,
      cadence: "QUARTERLY",
      status: "IN_FORCE",
      weight: 30,
      codeStyle: "PAREN_CN",
      parent: null,
    },
    {
      kind: "IMPLEMENTATION_PLAN",
      title: `${name}法治社会建设实施方案(${year - 4}—${year}年)`,
      periodStart: year - 4,
      periodEnd: year,
      issuer: `中共${name}委全面依法治区委员会`,
      docPrefix: `${abbr}法委发`,
      issueFrom: `${year - 4}-03-01`,
      issueTo: `${year - 4}-08-31`,
      cadence: rng.chance(0.15) ? "MONTHLY" : "QUARTERLY",
      status: "IN_FORCE",
      weight: 20,
      codeStyle: "NUM",
      parent: null,
    },
  ];
  const optional: PlanSpec[] = [];
  const wantDivision = rng.chance(0.7);
  const wantAction = rng.chance(0.5);
  const wantPoints = rng.chance(0.5);
  // A closed plan from last year, once its last reports are in (from March on).
  const wantClosed = rng.chance(0.4) && today >= `${year}-03-01`;
  if (wantDivision || !(wantAction || wantPoints || wantClosed)) {
    optional.push({
      kind: "DIVISION_OF_LABOUR",
      title: `${name}法治政府建设规划重要举措分工方案`,
      periodStart: year - 4,
      periodEnd: year,
      issuer: `中共${name}委全面依法治区委员会办公室`,
      docPrefix: `${abbr}法办发`,
      issueFrom: `${year - 3}-01-10`,
      issueTo: `${year - 3}-06-30`,
      cadence: rng.chance(0.4) ? "MONTHLY" : "QUARTERLY",
      status: "IN_FORCE",
      weight: 25,
      codeStyle: "NUM",
      parent: 0,
    });
  }
  if (wantAction) {
    optional.push({
      kind: "ACTION_PLAN",
      title: `${name}法治政府建设行动计划(${year - 3}—${year}年)`,
      periodStart: year - 3,
      periodEnd: year,
      issuer: `${name}人民政府办公室`,
      docPrefix: `${abbr}政办发`,
      issueFrom: `${year - 3}-02-01`,
      issueTo: `${year - 3}-06-30`,
      cadence: "QUARTERLY",
      status: "IN_FORCE",
      weight: 15,
      codeStyle: "NUM_NUM",
      parent: null,
    });
  }
  if (wantPoints) {
    // Issued early in the year, but never after today (a run in early January).
    const to = `${year}-03-20` < addDays(today, -8) ? `${year}-03-20` : addDays(today, -8);
    const from = `${year}-02-10` < to ? `${year}-02-10` : addDays(to, -10);
    optional.push({
      kind: "WORK_POINTS",
      title: `${name}${year}年法治政府建设工作要点`,
      periodStart: year,
      periodEnd: year,
      issuer: `中共${name}委全面依法治区委员会办公室`,
      docPrefix: `${abbr}法办发`,
      issueFrom: from,
      issueTo: to,
      cadence: rng.chance(0.7) ? "MONTHLY" : "QUARTERLY",
      status: "IN_FORCE",
      weight: 8,
      codeStyle: "NUM",
      parent: null,
    });
  }
  if (wantClosed) {
    optional.push({
      kind: "WORK_POINTS",
      title: `${name}${year - 1}年法治政府建设工作要点`,
      periodStart: year - 1,
      periodEnd: year - 1,
      issuer: `中共${name}委全面依法治区委员会办公室`,
      docPrefix: `${abbr}法办发`,
      issueFrom: `${year - 1}-02-10`,
      issueTo: `${year - 1}-03-20`,
      cadence: "QUARTERLY",
      status: "CLOSED",
      weight: 6,
      codeStyle: "NUM",
      parent: null,
    });
  }
  const allSpecs = [...specs, ...optional];
  const totalMeasures = rng.int(260, 340);
  const totalWeight = allSpecs.reduce((sum, s) => sum + s.weight, 0);

  let measureOrdinal = 0;
  const plans: PlanModel[] = [];
  for (const spec of allSpecs) {
    const issueDate = dayBetween(rng, spec.issueFrom, spec.issueTo);
    const importCandidate = addDays(issueDate, rng.int(1, 6));
    const importDay = importCandidate < today ? importCandidate : issueDate;
    const importedAt = beijing(importDay, rng.int(9, 17), rng.int(0, 59));
    const planEnd = `${spec.periodEnd}-12-31`;
    const dueDay = rng.pick([10, 10, 10, 10, 5, 15, 20]);
    const periods = periodsBetween(importDay, planEnd < today ? planEnd : today, spec.cadence, dueDay);
    const lastIdx = periods.length - 1;
    const idxOf = (date: string) => {
      for (let i = lastIdx; i >= 0; i--) if (periods[i]!.start <= date) return i;
      return 0;
    };
    /** Periods from the first reporting period to the one holding `date` (beyond today too). */
    const periodsUntil = (date: string) =>
      !periods[0] || date < periods[0].start ? 0 : periodsBetween(periods[0].start, date, spec.cadence, dueDay).length - 1;

    const count = Math.max(10, Math.round((totalMeasures * spec.weight) / totalWeight));
    const chapterCount = Math.min(pool.chapterTitles.length, count <= 30 ? rng.int(3, 5) : rng.int(5, 9));
    const sections = rng.sample(pool.chapterTitles, chapterCount).map((title, i) => ({ label: `${chineseNumber(i + 1)}、`, title }));
    // Each chapter gets at least one measure, the rest spread by random weights.
    const chapterWeights = sections.map(() => 0.3 + rng.next());
    const weightSum = chapterWeights.reduce((a, b) => a + b, 0);
    const perChapter = chapterWeights.map((w) => Math.max(1, Math.floor(((count - chapterCount) * w) / weightSum) + 1));
    let assigned = perChapter.reduce((a, b) => a + b, 0);
    for (let i = 0; assigned < count; i = (i + 1) % chapterCount, assigned++) perChapter[i]!++;
    const texts = rng.shuffle(pool.measureTexts);

    const inForceNow = spec.status === "IN_FORCE" && spec.periodEnd >= year;
    const measures: MeasureModel[] = [];
    let sortOrder = 0;
    for (const [chapter, n] of perChapter.entries()) {
      for (let j = 1; j <= n; j++) {
        sortOrder++;
        measureOrdinal++;
        const code =
          spec.codeStyle === "PAREN_CN"
            ? `(${chineseNumber(sortOrder)})`
            : spec.codeStyle === "NUM_NUM"
              ? `${chapter + 1}.${j}`
              : String(sortOrder);
        const text = texts[(sortOrder - 1) % texts.length]!;

        // Deadline as printed, turned into a date the way the importer does.
        let deadlineText: string;
        if (rng.chance(0.15)) {
          deadlineText = rng.pick(["长期坚持", "长期坚持", "持续推进", "每年开展"]);
        } else if (inForceNow && rng.chance(0.04)) {
          // Due within 30 days of today: this month's end, or next month's if close enough.
          const thisEnd = monthEnd(year, Number(today.slice(5, 7)));
          const nextEnd = monthEndAfter(today, 1);
          const due = toDayNumber(nextEnd) - toDayNumber(today) <= 30 && rng.chance(0.5) ? nextEnd : thisEnd;
          deadlineText = `${Number(due.slice(0, 4))}年${Number(due.slice(5, 7))}月底前`;
        } else {
          const y = rng.int(spec.periodStart, spec.periodEnd);
          deadlineText = [`${y}年底前`, `${y}年`, `${y}年${rng.pick([3, 6, 9])}月底前`, `${y}年上半年`, `${y}年前`][
            rng.weighted([45, 20, 20, 5, 10])
          ]!;
        }
        const parsed = parseDeadline(deadlineText);
        const ongoing = parsed?.ongoing ?? false;
        let deadline = parsed?.date ?? null;

        const leads = rng.chance(0.3) && bureauUnit >= 0 ? [bureauUnit] : [];
        const leadCount = [1, 2, 3][rng.weighted([45, 35, 20])]!;
        for (const unit of rng.shuffle(leadPool)) {
          if (leads.length >= leadCount) break;
          if (!leads.includes(unit)) leads.push(unit);
        }

        let originalDeadline: string | null = null;
        let extension: ExtensionModel | null = null;
        const importDayNo = toDayNumber(importDay);
        if (deadline && rng.chance(0.12) && toDayNumber(today) - importDayNo > 10) {
          const newDeadline = monthEndAfter(deadline, rng.int(3, 12));
          let requested = addDays(deadline, -rng.int(15, 60));
          const latest = addDays(today, -rng.int(3, 8));
          if (requested > latest) requested = latest;
          if (toDayNumber(requested) <= importDayNo) requested = addDays(importDay, 1);
          let decided = addDays(requested, rng.int(1, 7));
          if (decided >= today) decided = addDays(today, -1);
          if (decided > requested) {
            extension = {
              unit: leads[0]!,
              reason: rng.pick(EXTENSION_REASONS),
              oldDeadline: deadline,
              newDeadline,
              requestedAt: beijing(requested, rng.int(9, 12), rng.int(0, 59)),
              decidedAt: beijing(decided, rng.int(13, 17), rng.int(0, 59)),
            };
            originalDeadline = deadline;
            deadline = newDeadline;
          }
        }

        // The measure's fate: completed (on time or late) or not, decided by its deadline.
        let measureDone = -1;
        const dormant = (ongoing || (deadline !== null && deadline >= today)) && rng.chance(0.02);
        if (!dormant && deadline && lastIdx >= 0) {
          const onTimeRange: [string, string] = [
            addDays(deadline, -400) > importDay ? addDays(deadline, -400) : importDay,
            addDays(deadline, -45),
          ];
          const lateEnd = addDays(deadline, 400) < addDays(today, -45) ? addDays(deadline, 400) : addDays(today, -45);
          const lateRange: [string, string] = [addDays(deadline, 1), lateEnd];
          const valid = ([from, to]: [string, string]) => from <= to;
          if (deadline < today) {
            if (rng.chance(0.78)) {
              const range = rng.chance(0.6) ? onTimeRange : lateRange;
              const chosen = valid(range) ? range : valid(onTimeRange) ? onTimeRange : valid(lateRange) ? lateRange : null;
              if (chosen) measureDone = idxOf(dayBetween(rng, ...chosen));
            }
          } else if (rng.chance(0.12)) {
            const early: [string, string] = [
              importDay,
              addDays(deadline, -45) < addDays(today, -60) ? addDays(deadline, -45) : addDays(today, -60),
            ];
            if (valid(early)) measureDone = idxOf(dayBetween(rng, ...early));
          }
        }
        const horizon = Math.max(1, periodsUntil(deadline ?? planEnd));

        const assignments: AssignmentModel[] = [];
        const seen = new Set<number>();
        const stopIdx = measureDone >= 0 ? measureDone : lastIdx;
        const add = (unit: number, role: AssignmentRole, group: number | null) => {
          if (seen.has(unit)) return;
          seen.add(unit);
          const diligence = units[unit]!.diligence;
          let doneIdx = -1;
          if (role === "LEAD") doneIdx = measureDone;
          else if (measureDone >= 0 && rng.chance(0.65)) doneIdx = Math.max(0, measureDone - rng.int(0, 2));
          else if (measureDone < 0 && !dormant && lastIdx >= 2 && rng.chance(0.04)) doneIdx = rng.int(1, lastIdx - 1);
          assignments.push({
            unit,
            role,
            group,
            firstIdx: 0,
            lastIdx: doneIdx >= 0 ? Math.min(doneIdx, lastIdx) : stopIdx,
            doneIdx,
            horizonIdx: doneIdx >= 0 ? doneIdx : horizon,
            prob: dormant ? 0 : role === "LEAD" ? 0.8 + 0.15 * diligence : 0.08 + 0.28 * diligence,
          });
        };
        for (const unit of leads) add(unit, "LEAD", null);
        const { viaGroups, direct } = responsibleUnits(rng, groupIds, groupMembers, directPool, townUnits);
        for (const group of viaGroups) for (const unit of groupMembers[group]!) add(unit, "RESPONSIBLE", group);
        for (const unit of direct) add(unit, "RESPONSIBLE", null);

        measures.push({
          ordinal: measureOrdinal,
          code,
          text,
          section: chapter,
          deadline,
          deadlineText,
          originalDeadline,
          ongoing,
          sortOrder,
          extension,
          assignments,
        });
      }
    }

    plans.push({
      kind: spec.kind,
      title: spec.title,
      periodStart: spec.periodStart,
      periodEnd: spec.periodEnd,
      issuer: spec.issuer,
      documentNumber: `${spec.docPrefix}〔${issueDate.slice(0, 4)}〕${rng.int(1, 60)}号`,
      issueDate,
      importedAt,
      status: spec.status,
      closedAt: spec.status === "CLOSED" ? beijing(`${spec.periodEnd + 1}-03-01`, 10) : null,
      cadence: spec.cadence,
      dueDay,
      parent: spec.parent,
      periods,
      sections,
      measures,
    });
  }

  const earliestIssue = plans.map((p) => p.issueDate).sort()[0]!;
  return {
    districtNo,
    cityNo: cityOf(districtNo),
    code,
    name,
    setupAt: beijing(addDays(earliestIssue, -30), 9),
    towns,
    units,
    bureauUnit,
    groups,
    bureauName: person(),
    leaderName: person(),
    plans,
  };
}
