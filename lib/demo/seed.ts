import fs from "node:fs";
import path from "node:path";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { RegionLevel, UnitKind } from "@/lib/generated/prisma/enums.ts";
import type { Tx } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/auth/policy.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { createProgressReports, createRegion, createUnit, createUnitGroup, createUser } from "@/lib/demo/factories.ts";
import { chinaDayEnd, chinaTime, dateColumn, isoDate, todayInChina } from "@/lib/dates.ts";
import type { AuditAction } from "@/lib/audit/events.ts";
import { periodLabel, reportReturnedMessage } from "@/lib/notifications/messages.ts";
import { decodeDocument } from "@/lib/import/decode.ts";
import { parseDocumentText } from "@/lib/import/parse-document.ts";
import { reconcileNames, type Catalogue } from "@/lib/import/reconcile.ts";
import { writePlanImport } from "@/lib/plans/import.ts";
import { cliResolutions, unreviewedPlans } from "@/lib/plans/resolutions.ts";
import { commitPlanImportSchema } from "@/lib/plans/schema.ts";
import { importAnnualReportSchema } from "@/lib/annual-reports/schema.ts";
import { writeAnnualReportImport } from "@/lib/annual-reports/import.ts";
import { seedDemoInspections } from "@/lib/demo/inspections.ts";
import { changePlanLife, expirePlan } from "@/lib/plans/life-write.ts";
import { writeFinalEvaluation } from "@/lib/evaluations/write.ts";
import { carryAllUnfinished, createSuccessorPlanIn } from "@/lib/succession/write.ts";
import { approveCircular, createCircularDraft, issueCircular } from "@/lib/circulars/workflow.ts";
import { createAndPublishAssessment } from "@/lib/assessments/lifecycle.ts";
import { completeMilestoneAs, setAnnualTargets } from "@/lib/targets/targets.ts";
import {
  addDays,
  latestDuePeriod,
  nextPeriod,
  periodContaining,
  periodsBetween,
  reportingPeriod,
  toDayNumber,
  type Period,
} from "@/lib/reporting/periods.ts";

type DemoUnits = {
  regions: { code: string; name: string; level: RegionLevel; parent: string | null }[];
  units: { region: string; name: string; shortName?: string | null; kind: UnitKind; aliases: string[] }[];
  groups: { region: string; name: string; members: string[] }[];
};

/** The demo accounts; the README lists them with their password. */
export const DEMO_PASSWORD = "Fazhi@2026";
export const DEMO_ACCOUNTS = [
  { login: "admin", name: "系统管理员", role: "ADMIN", region: null, unit: null },
  { login: "xialu.bureau", name: "王司法", role: "BUREAU", region: "420204", unit: "区司法局" },
  { login: "xialu.liaison", name: "李联络", role: "LIAISON", region: "420204", unit: "区司法局" },
  { login: "xialu.leader", name: "张区长", role: "LEADER", region: "420204", unit: null },
  { login: "shanghai.leader", name: "陈市领导", role: "LEADER", region: "310000", unit: null },
  { login: "huairou.bureau", name: "刘司法", role: "BUREAU", region: "110116", unit: "区司法局" },
] as const;

const ROOT = path.resolve(import.meta.dirname, "../..");
const DEMO_UNITS_FILE = path.join(ROOT, "prisma/demo-units.json");
// Copies of the seed documents the demo plans are imported from; the app never reads tests/.
const DEMO_DOCUMENTS_DIR = path.join(ROOT, "prisma/demo");

/**
 * Annual reports the governments already published, imported as history
 * through the import screen's path (parse, the import's validation, its
 * writer): they are what the public pages (/public) show first. 001 is
 * 松江区's report for 2024, 003 罗店镇's (a town of 宝山区) for 2020.
 */
const DEMO_REPORTS = [
  { region: "310117", file: "001-songjiang-report-2024.txt", importedBy: "admin" },
  { region: "310113101", file: "003-luodian-report-2020.txt", importedBy: "admin" },
] as const;

/**
 * Plans imported through the import screen's path, as the named account. The
 * documents do not say when the plans took effect; the bureau would type it
 * in on the review screen (002 is dated 2021-12-24, the day it was issued).
 * Progress is generated for 下陆区 only: 宝山区's plan names no units, so it
 * waits for its division of labour; 怀柔区's plan (002) is divided among its
 * units but they have no liaison accounts, so its story is the import itself.
 */
const DEMO_PLANS = [
  { region: "420204", file: "004-xialu-division.txt", importedBy: "xialu.bureau", issueDate: "2021-06-30", progress: true },
  { region: "310113", file: "000-baoshan-plan.txt", importedBy: "admin", issueDate: "2021-06-30", progress: false },
  { region: "110116", file: "002-huairou-action-plan.txt", importedBy: "huairou.bureau", issueDate: "2021-12-24", progress: false },
] as const;

export type SeedOptions = {
  /** The day the demo history leads up to, "YYYY-MM-DD", not after today; today in China by default. */
  today?: string;
  /** false: regions, units, groups and accounts only (tests that import plans themselves). */
  plans?: boolean;
};

/**
 * Regions and units named in the five seed documents, one account per role,
 * and (unless plans: false) the demo plans with several years of progress
 * leading up to `today`. One transaction: a failed seed leaves the database
 * empty, so the next start seeds again.
 */
export async function seedDemoData(prisma: PrismaClient, options: SeedOptions = {}): Promise<void> {
  const today = options.today ?? todayInChina();
  const demo = JSON.parse(fs.readFileSync(DEMO_UNITS_FILE, "utf8")) as DemoUnits;
  await prisma.$transaction(
    async (tx) => {
      const regionIds = new Map<string, number>();
      for (const region of demo.regions) {
        const parentId = region.parent ? regionIds.get(region.parent) : null;
        const created = await createRegion(tx, { code: region.code, name: region.name, level: region.level, parentId });
        regionIds.set(region.code, created.id);
      }
      const unitIds = new Map<string, number>();
      for (const [index, unit] of demo.units.entries()) {
        const created = await createUnit(tx, {
          regionId: regionIds.get(unit.region)!,
          name: unit.name,
          shortName: unit.shortName ?? null,
          kind: unit.kind,
          aliases: unit.aliases,
          sortOrder: index,
        });
        unitIds.set(`${unit.region}/${unit.name}`, created.id);
      }
      for (const group of demo.groups) {
        await createUnitGroup(tx, {
          regionId: regionIds.get(group.region)!,
          name: group.name,
          memberIds: group.members.map((name) => unitIds.get(`${group.region}/${name}`)!),
        });
      }
      for (const account of DEMO_ACCOUNTS) {
        await createUser(tx, {
          login: account.login,
          name: account.name,
          role: account.role,
          regionId: account.region ? regionIds.get(account.region) : null,
          unitId: account.unit ? unitIds.get(`${account.region}/${account.unit}`) : null,
          password: DEMO_PASSWORD,
        });
      }
      if (options.plans === false) return;
      for (const plan of DEMO_PLANS) {
        const actor = await actorFor(tx, plan.importedBy);
        const planIds = await importDemoPlans(tx, actor, regionIds.get(plan.region)!, plan.file, plan.issueDate);
        if (plan.progress) {
          await seedDemoStory(tx, { planIds, today, issueDate: plan.issueDate });
          await seedDemoInspections(tx, { districtId: regionIds.get(plan.region)!, today });
        }
      }
      for (const report of DEMO_REPORTS) {
        await importDemoReport(tx, await actorFor(tx, report.importedBy), regionIds.get(report.region)!, report.file);
      }
    },
    { timeout: 120_000 },
  );
}

export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.region.count()) === 0 && (await prisma.user.count()) === 0;
}

// ---------------------------------------------------------------------------
// Plans, through the import path (previewPlanImport's reading, the user
// taking every proposal, commitPlanImport's validation and writer).

/** The importing account as loadActor sees it, read inside the seed's transaction. */
async function actorFor(tx: Tx, login: string): Promise<Actor> {
  const user = await tx.user.findUniqueOrThrow({ where: { login }, select: { id: true } });
  const actor = await loadActor(user.id, tx);
  if (!actor) throw new Error(`demo account ${login} is inactive`);
  return actor;
}

/** lib/plans/queries.ts loadCatalogue, on the transaction. */
async function catalogueOf(tx: Tx, districtId: number): Promise<Catalogue> {
  const units = await tx.unit.findMany({
    where: { districtId, active: true },
    select: { id: true, name: true, aliases: { select: { alias: true } } },
    orderBy: { id: "asc" },
  });
  const groups = await tx.unitGroup.findMany({
    where: { districtId },
    select: { id: true, name: true, aliases: { select: { alias: true } } },
    orderBy: { id: "asc" },
  });
  return {
    units: units.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases.map((a) => a.alias) })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, aliases: g.aliases.map((a) => a.alias) })),
  };
}

async function importDemoPlans(tx: Tx, actor: Actor, regionId: number, fileName: string, issueDate: string): Promise<number[]> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(DEMO_DOCUMENTS_DIR, fileName)));
  const decoded = await decodeDocument({ fileName, bytes });
  const document = parseDocumentText(decoded.text);
  if (document.kind !== "plans" || document.plans.length === 0) throw new Error(`demo document ${fileName} holds no plans`);
  const region = await tx.region.findUniqueOrThrow({ where: { id: regionId } });
  const names = [...new Set(document.plans.flatMap((p) => p.measures.flatMap((m) => [...m.leadUnits, ...m.responsibleUnits])))];
  const reconciliation = reconcileNames(names, await catalogueOf(tx, region.districtId!));
  // Near matches accepted (004 writes 区发改委 for 区发改局: the demo shows the
  // remembered alias), but never a unit or group the seed would invent: every
  // other name must be in prisma/demo-units.json.
  const { resolutions, unresolved } = cliResolutions(reconciliation, { acceptNearMatches: true });
  if (unresolved.length) {
    throw new Error(
      `demo document ${fileName}: add these to prisma/demo-units.json: ${unresolved.map((u) => `${u.name} (${u.found})`).join(", ")}`,
    );
  }
  const input = commitPlanImportSchema.parse({
    regionId: String(regionId),
    fileName,
    sourceText: decoded.text,
    plans: unreviewedPlans(document.plans).map((plan) => ({ ...plan, issueDate })),
    resolutions,
  });
  const summary = await writePlanImport(tx, actor, input);
  const planIds = summary.plans.map((p) => p.id);
  await tx.plan.updateMany({
    where: { id: { in: planIds } },
    data: { status: "IN_FORCE", reportCadence: "QUARTERLY", reportDueDay: 10 },
  });
  return planIds;
}

// ---------------------------------------------------------------------------
// 下陆区's story up to `today` (issue 15): its three 2021–2025 plans collected
// reports to their last quarter, ended with 2025 (期满) and were closed by the
// bureau once the last reports were in, each with its 终期评估; their
// unfinished measures were carried (结转) into the district's 2026 工作要点,
// which collects this year's reports. The bureau issued a 通报 on the last
// quarter due and published the 2025 考核. Each step goes through the domain's
// own writer, audited, as the bureau would have done it.

const PLANS_END = "2025-12-31";
/** After the last quarter's reports were due (10 January), the bureau closed the old plans and issued the new one. */
const CLOSED_ON = "2026-01-20";
const SUCCESSOR_TITLE = "下陆区2026年法治建设工作要点";
/** The dates the 工作要点 gives its carried measures, in turn (a quarter of them 长期坚持). */
const CARRIED_DEADLINES = [
  { deadline: "2026-06-30", deadlineText: "2026年6月底前" },
  { deadline: "2026-09-30", deadlineText: "2026年9月底前" },
  { deadline: "2026-12-31", deadlineText: "2026年底前" },
  null,
] as const;

/**
 * Statistics for the rows this transaction has written (ANALYZE counts a
 * transaction's own inserts as live) before the story's aggregate queries run on
 * them. Without it the planner judged the thousands of fresh reports by whatever
 * statistics the tables last had: after a reseed of the same database, those of an
 * earlier demo, and the 通报's figures once took over 180 s instead of under one.
 */
async function analyzeWrittenRows(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe("ANALYZE");
}

async function seedDemoStory(tx: Tx, input: { planIds: number[]; today: string; issueDate: string }) {
  const { planIds, today, issueDate } = input;
  if (today <= CLOSED_ON) {
    // Before the plans ended and were closed: they are simply in force.
    await seedDemoProgress(tx, { planIds, today, issueDate });
    return;
  }
  await seedDemoProgress(tx, { planIds, today, issueDate, until: PLANS_END });
  await analyzeWrittenRows(tx);
  const bureau = await actorFor(tx, "xialu.bureau");
  for (const planId of planIds) {
    await expirePlan(tx, bureau, planId, CLOSED_ON);
    await writeFinalEvaluation(tx, bureau, planId);
  }

  const successor = await createSuccessorPlanIn(tx, bureau, {
    predecessorId: planIds[0]!,
    title: SUCCESSOR_TITLE,
    periodStart: 2026,
    periodEnd: 2026,
  });
  for (const planId of planIds) await carryAllUnfinished(tx, bureau, planId, successor.id, CLOSED_ON);
  // The 工作要点 numbers its measures afresh (each says where it came from) and dates them within 2026.
  const carried = await tx.measure.findMany({
    where: { planId: successor.id },
    orderBy: { sortOrder: "asc" },
    select: { id: true, ongoing: true },
  });
  for (const [index, measure] of carried.entries()) {
    const due = measure.ongoing ? null : CARRIED_DEADLINES[index % CARRIED_DEADLINES.length]!;
    await tx.measure.update({
      where: { id: measure.id },
      data: {
        code: String(index + 1),
        ...(due
          ? { deadline: dateColumn(due.deadline), deadlineText: due.deadlineText, ongoing: false }
          : { deadline: null, deadlineText: "长期坚持", ongoing: true }),
      },
    });
  }
  await tx.plan.update({
    where: { id: successor.id },
    data: {
      kind: "WORK_POINTS",
      issuer: "中共下陆区委全面依法治区委员会办公室",
      documentNumber: "下法治办〔2026〕1号",
      issueDate: dateColumn(CLOSED_ON),
    },
  });
  await changePlanLife(tx, bureau, successor.id, { to: "IN_FORCE", effectiveFrom: "2026-01-01" }, CLOSED_ON);
  await seedDemoProgress(tx, { planIds: [successor.id], today, issueDate: CLOSED_ON });
  await seedDemoTargets(tx, { planId: successor.id, today });

  await analyzeWrittenRows(tx);
  // The 通报 of the last quarter due, and the 2025 考核, once the bureau had them.
  const quarter = latestDuePeriod(today, "QUARTERLY", 10);
  const region = await tx.plan.findUniqueOrThrow({ where: { id: successor.id }, select: { regionId: true } });
  const draft = await createCircularDraft(tx, bureau, { regionId: region.regionId, kind: "QUARTERLY", periodKey: quarter.key }, today);
  const approved = await approveCircular(tx, bureau, draft.id, undefined, today);
  await issueCircular(tx, bureau, approved.id, undefined, today);
  const assessment = await createAndPublishAssessment(tx, bureau, region.regionId, 2025, today);

  // Each as of the day the bureau did it, not the day the seed ran (the audit log, append-only, keeps the seed's time).
  const closedAt = chinaTime(CLOSED_ON, 10);
  await tx.plan.update({ where: { id: successor.id }, data: { createdAt: closedAt } });
  await tx.evaluation.updateMany({ where: { planId: { in: planIds }, kind: "FINAL" }, data: { createdAt: closedAt } });
  const issuedOn = addDays(quarter.dueDate, 10) < today ? addDays(quarter.dueDate, 10) : today;
  await tx.circular.update({
    where: { id: approved.id },
    data: {
      createdAt: chinaTime(addDays(issuedOn, -3), 9),
      approvedAt: chinaTime(addDays(issuedOn, -1), 16),
      issuedAt: chinaTime(issuedOn, 10),
    },
  });
  await tx.notification.updateMany({
    where: { kind: "CIRCULAR", link: `/circulars/${approved.id}` },
    data: { createdAt: chinaTime(issuedOn, 10) },
  });
  const publishedOn = "2026-02-27" < today ? "2026-02-27" : today;
  await tx.assessment.update({
    where: { id: assessment.assessment.id },
    data: { createdAt: chinaTime("2026-02-20", 9), publishedAt: chinaTime(publishedOn, 15) },
  });
}

/**
 * 区司法局 (the demo liaison's unit) set its year's target, indicators and
 * milestones for the first carried measure it leads: one milestone done, one
 * missed (yellow), so the measure page shows both.
 */
async function seedDemoTargets(tx: Tx, input: { planId: number; today: string }) {
  const liaison = await actorFor(tx, "xialu.liaison");
  const measure = await tx.measure.findFirst({
    where: { planId: input.planId, ongoing: true, assignments: { some: { unitId: liaison.unitId!, role: "LEAD" } } },
    orderBy: { sortOrder: "asc" },
    select: { id: true },
  });
  if (!measure) return;
  const year = Number(input.today.slice(0, 4));
  // Missed five days ago: yellow until the plan's grace has passed.
  const missed = addDays(input.today, -5) >= `${year}-01-01` ? addDays(input.today, -5) : `${year}-01-01`;
  await setAnnualTargets(tx, liaison, measure.id, year, {
    target: "年内完成重点领域执法人员轮训,行政执法案卷评查全覆盖",
    indicators: [
      { name: "执法人员培训", unitOfMeasure: "人次", targetValue: "300" },
      { name: "案卷评查", unitOfMeasure: "件", targetValue: "120" },
    ],
    milestones: [
      { title: "制定年度培训计划", dueDate: `${year}-03-31` },
      { title: "完成案卷评查", dueDate: missed },
      { title: "形成年度评查报告", dueDate: `${year}-12-20` },
    ],
  });
  const first = await tx.milestone.findFirst({ where: { measureId: measure.id, title: "制定年度培训计划" }, select: { id: true } });
  if (first) await completeMilestoneAs(tx, liaison, first.id, chinaTime(`${year}-03-20`, 15));
}

// ---------------------------------------------------------------------------
// Annual reports, as importAnnualReport reads and writes them: the document
// parsed, the action's schema, the import's writer.

async function importDemoReport(tx: Tx, actor: Actor, regionId: number, fileName: string): Promise<void> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(DEMO_DOCUMENTS_DIR, fileName)));
  const decoded = await decodeDocument({ fileName, bytes });
  const document = parseDocumentText(decoded.text);
  if (document.kind !== "annualReport") throw new Error(`demo document ${fileName} is not an annual report`);
  const data = importAnnualReportSchema.parse({
    regionId: String(regionId),
    title: document.report.title,
    year: String(document.report.year),
    sourceText: decoded.text,
    sections: document.report.sections.map(({ heading, body }) => ({ heading, body })),
  });
  const region = await tx.region.findUniqueOrThrow({ where: { id: data.regionId } });
  // The documents carry no date; reports are due to the public by 1 April of the next year.
  await writeAnnualReportImport(tx, actor, { id: region.id, districtId: region.districtId! }, data, {
    publishedAt: chinaTime(`${data.year + 1}-03-31`, 10),
  });
}

// ---------------------------------------------------------------------------
// Progress: several years of quarterly reports leading up to `today`, so the
// dashboards have every traffic light to show. Deterministic given the date:
// each measure's and assignment's choices come from a PRNG keyed by the
// plan, the measure code and the unit, never from ids or the clock.

/** mulberry32 seeded with an FNV-1a hash of the key. */
function random(key: string): () => number {
  let seed = 2166136261;
  for (let i = 0; i < key.length; i++) seed = Math.imul(seed ^ key.charCodeAt(i), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const between = (rng: () => number, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/**
 * What happens to a measure:
 *   recent     its units were assigned this quarter: no report due yet (grey)
 *   completed  its lead units' completion approved at some point in the past
 *   diligent   every unit reported the period the light judges (green)
 *   patchy     some units missing, returned or in draft (yellow)
 * and, for the few measures with a deadline, in turn: completed before the
 * deadline, overdue (red), completed late, extended to a date due soon.
 */
type Profile = "recent" | "completed" | "diligent" | "patchy" | "onTime" | "overdue" | "late" | "extended";
const DEADLINE_PROFILES: readonly Profile[] = ["onTime", "overdue", "late", "extended"];
const SMALL_MEASURE_UNITS = 8;

function undatedProfile(rng: () => number, units: number): Profile {
  const r = rng();
  if (r < 0.04) return "recent";
  if (r < 0.2) return "completed";
  // Every unit of a measure given to a whole group (区直各部门: 23 units) reporting on time is rarer.
  if (r < (units <= SMALL_MEASURE_UNITS ? 0.75 : 0.35)) return "diligent";
  return "patchy";
}

const PROGRESS_LINES = [
  "召开专题推进会{n}次,研究解决推进中的具体问题。",
  "对照任务分工逐项梳理,建立工作台账,按月跟踪落实。",
  "组织业务培训{n}场,参训人员{m}人次。",
  "会同相关单位开展联合检查{n}次,发现的问题已督促整改到位。",
  "修订完善相关制度{n}项,已按程序报区政府审定。",
  "通过政府网站和政务新媒体公开相关信息{m}条。",
  "开展案卷评查{n}次,抽查行政执法案卷{m}件。",
  "征求社会公众意见{n}次,收到意见建议{m}条并逐条研究反馈。",
  "将该项工作纳入年度重点工作,明确分管领导和具体责任人。",
  "对标上级要求查找差距,制定整改措施{n}条。",
];
const RESPONSIBLE_LINES = [
  "按牵头单位要求报送本部门落实情况。",
  "结合本部门职责制定落实措施{n}条,已全部启动。",
  "配合牵头单位完成阶段性工作,提供相关材料{n}份。",
];
const COMPLETED_TEXT = "该项任务已全面完成:相关制度文件已印发实施,工作机制运行良好,佐证材料已报区司法局。";
const NO_CHANGE_TEXT = "本期无新进展,继续按计划推进。";
const RETURN_COMMENTS = [
  "请补充佐证材料(会议纪要、印发文件等)后重新报送。",
  "进展描述过于笼统,请写明本季度完成的具体工作和数据。",
  "完成进度与上季度相同,请说明原因或选择“本期无新进展”。",
  "请汇总各责任单位落实情况后再报送。",
];
const EXTENSION_REASON = "受上级配套政策调整影响,相关制度需待省、市文件出台后修订,申请延期完成。";
const EXTENSION_COMMENT = "同意延期,请按新时限抓紧推进并按季度报送进展。";

function progressText(rng: () => number, role: "LEAD" | "RESPONSIBLE"): string {
  const lines = role === "LEAD" ? PROGRESS_LINES : RESPONSIBLE_LINES;
  const first = pick(rng, lines);
  const second =
    role === "LEAD"
      ? pick(
          rng,
          lines.filter((l) => l !== first),
        )
      : "";
  return (first + second).replace(/\{n\}/g, () => String(between(rng, 2, 9))).replace(/\{m\}/g, () => String(between(rng, 12, 360)));
}

const SURNAMES =
  "赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦许何吕施孔曹严华金魏陶姜谢邹柏窦章苏潘葛范彭鲁马方俞任袁柳鲍史唐费廉岑薛雷贺倪汤殷罗毕郝邬安常乐于傅齐康伍余顾孟黄";
const GIVEN_NAMES = [
  "敏",
  "静",
  "磊",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "霞",
  "平",
  "刚",
  "芳",
  "军",
  "燕",
  "鹏",
  "丽",
  "强",
];

type ReportSpec = {
  assignmentId: number;
  period: Period;
  state: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";
  claimedStatus: "IN_PROGRESS" | "COMPLETED" | "NO_CHANGE";
  percent: number;
  text: string;
  authorId: number;
  submittedAt?: Date;
  reviewedAt?: Date;
  reviewComment?: string;
};

/** An instant on a Beijing calendar day, between 9:00 and 17:59. */
function workTime(rng: () => number, date: string): Date {
  return new Date(chinaTime(date, between(rng, 9, 17)).getTime() + between(rng, 0, 59) * 60_000);
}

type DemoPlan = Prisma.PlanGetPayload<{
  include: { measures: { include: { assignments: { include: { unit: { select: { id: true; name: true } } } } } } };
}>;
type DemoMeasure = DemoPlan["measures"][number];
type DemoAssignment = DemoMeasure["assignments"][number];
type Extension = { measureId: number; unitId: number; oldDeadline: Date; newDeadline: string };
/** An audit action written by raw SQL, checked against the one list. */
const audited = (action: AuditAction) => action;

type AuditRow = { actorId: number; action: AuditAction; entityType: string; entityId: string; at: Date; before?: object; after: object };

/** The periods the demo reports on, and the instant after which nothing has happened yet. */
type DemoCalendar = {
  today: string;
  /** The day the plans ended, if they did. */
  until: string | undefined;
  horizon: number;
  cadence: DemoPlan["reportCadence"];
  dueDay: number;
  /** The periods due so far, from the first after the plans took effect. */
  history: Period[];
  /** The last period due that was reported on. */
  latest: Period;
  /** The period being collected now, and whether it still is (not after the plans ended). */
  collecting: Period;
  collectingNow: boolean;
};

/**
 * Several years of progress on the plans up to `today` (or to `until`, when
 * they ended): reports with their reviews, completions and approved
 * extensions, each report's timeline, and the unread returns. Every random
 * choice comes from a generator keyed by plan, measure and unit, so the same
 * day seeds the same demo.
 */
async function seedDemoProgress(tx: Tx, input: { planIds: number[]; today: string; issueDate: string; until?: string }) {
  const { planIds, today, issueDate, until } = input;
  const now = Date.now();
  const plans = await loadDemoPlans(tx, planIds);
  const districtId = plans[0]!.districtId;
  const bureau = await tx.user.findFirstOrThrow({ where: { districtId, role: "BUREAU", active: true }, orderBy: { id: "asc" } });
  await backdateImport(tx, planIds, issueDate);
  const liaisonOf = await liaisonsForUnitsWithWork(tx, plans, districtId);
  const calendar = demoCalendar(plans[0]!, { now, today, issueDate, until });

  const { specs, recentMeasureIds, completedMeasureIds, extensions } = reportsForPlans(plans, calendar, liaisonOf);
  await leaveWorkForDemoLiaison(tx, plans, completedMeasureIds, specs, calendar);
  await dateRecentDivisions(tx, recentMeasureIds, calendar.collecting);
  await writeReports(tx, specs, calendar.horizon, bureau.id);
  const events = await approveExtensions(tx, extensions, { districtId, today, bureauId: bureau.id, liaisonOf });
  await writeReportTimelines(tx, { planIds, districtId, events });
  // An ended plan's returns are long settled.
  if (!until) await notifyOpenReturns(tx, planIds, calendar.latest);
}

async function loadDemoPlans(tx: Tx, planIds: number[]): Promise<DemoPlan[]> {
  return tx.plan.findMany({
    where: { id: { in: planIds } },
    orderBy: { id: "asc" },
    include: {
      measures: {
        orderBy: { sortOrder: "asc" },
        include: { assignments: { orderBy: { id: "asc" }, include: { unit: { select: { id: true, name: true } } } } },
      },
    },
  });
}

/** The plans (and their measures and assignments) as if imported when they took effect. */
async function backdateImport(tx: Tx, planIds: number[], issueDate: string): Promise<void> {
  const importedAt = chinaTime(issueDate, 10);
  await tx.plan.updateMany({ where: { id: { in: planIds } }, data: { createdAt: importedAt } });
  await tx.measure.updateMany({ where: { planId: { in: planIds } }, data: { createdAt: importedAt } });
  await tx.assignment.updateMany({ where: { measure: { planId: { in: planIds } } }, data: { createdAt: importedAt } });
}

/** A liaison for every unit with work, so each report has its unit's author: unit id → user id. */
async function liaisonsForUnitsWithWork(tx: Tx, plans: DemoPlan[], districtId: number): Promise<Map<number, number>> {
  const liaisonOf = new Map<number, number>();
  for (const user of await tx.user.findMany({ where: { districtId, role: "LIAISON", active: true }, orderBy: { id: "asc" } })) {
    if (user.unitId && !liaisonOf.has(user.unitId)) liaisonOf.set(user.unitId, user.id);
  }
  const unitsWithWork = new Set(plans.flatMap((p) => p.measures.flatMap((m) => m.assignments.map((a) => a.unit.id))));
  let accountNo = 0;
  for (const unitId of [...unitsWithWork].sort((a, b) => a - b)) {
    if (liaisonOf.has(unitId)) continue;
    accountNo++;
    const user = await createUser(tx, {
      login: `xialu.unit${String(accountNo).padStart(2, "0")}`,
      name: SURNAMES[accountNo % SURNAMES.length]! + GIVEN_NAMES[accountNo % GIVEN_NAMES.length]!,
      role: "LIAISON",
      regionId: districtId,
      unitId,
      password: DEMO_PASSWORD,
    });
    liaisonOf.set(unitId, user.id);
  }
  return liaisonOf;
}

function demoCalendar(plan: DemoPlan, input: { now: number; today: string; issueDate: string; until: string | undefined }): DemoCalendar {
  const { now, today, issueDate, until } = input;
  // The seed may run for a date other than the real one (tests); nothing is ever later than that day's end.
  const horizon = Math.min(now, chinaDayEnd(today).getTime() - 1);
  const cadence = plan.reportCadence;
  const dueDay = plan.reportDueDay;
  const first = periodContaining(addDays(issueDate, 1), cadence, dueDay);
  // A plan that ended (until) was reported on up to its last period, and is collecting nothing now.
  const latestDue = latestDuePeriod(today, cadence, dueDay);
  const latest = until && latestDue.end > until ? periodContaining(until, cadence, dueDay) : latestDue;
  const collecting = reportingPeriod(today, cadence, dueDay);
  const history = latest.start >= first.start ? periodsBetween(first.start, latest.start, cadence, dueDay) : [];
  return { today, until, horizon, cadence, dueDay, history, latest, collecting, collectingNow: !until || collecting.start <= until };
}

/** A time on `date` or later (up to `latestDate`), never after the horizon; null if none is left. */
function timeOn(calendar: DemoCalendar, rng: () => number, date: string, latestDate: string): Date | null {
  const lastDay = Math.min(toDayNumber(latestDate), toDayNumber(calendar.today));
  const firstDay = toDayNumber(date);
  if (firstDay > lastDay) return null;
  const day = addDays(date, between(rng, 0, lastDay - firstDay));
  const at = workTime(rng, day);
  return at.getTime() < calendar.horizon ? at : null;
}

/** A review within three days of submission, if that has happened by now. */
function reviewAfter(calendar: DemoCalendar, rng: () => number, submittedAt: Date): Date | null {
  const at = new Date(submittedAt.getTime() + between(rng, 0, 3) * 86_400_000 + between(rng, 60, 300) * 60_000);
  return at.getTime() < calendar.horizon ? at : null;
}

/** What happens to one measure, and, if its lead units complete it, when (an index into the history). */
type MeasureFate = {
  profile: Profile;
  completeAt: number | null;
  completeWindow: { from: string; to: string } | null;
  extension: Extension | null;
};

/** The reports of every plan's measures, which measures were divided only lately or completed, the extensions. */
function reportsForPlans(plans: DemoPlan[], calendar: DemoCalendar, liaisonOf: Map<number, number>) {
  const specs: ReportSpec[] = [];
  const recentMeasureIds: number[] = [];
  const completedMeasureIds = new Set<number>();
  const extensions: Extension[] = [];
  let datedIndex = 0;
  for (const [planIndex, plan] of plans.entries()) {
    for (const measure of plan.measures) {
      const key = `${planIndex + 1}/${measure.code}/${measure.sortOrder}`;
      const deadline = measure.deadline && !measure.ongoing ? isoDate(measure.deadline) : null;
      const fate = fateOfMeasure(measure, { key, deadline, dated: deadline ? datedIndex++ : null }, calendar);
      if (fate.extension) extensions.push(fate.extension);
      if (fate.profile === "recent") {
        recentMeasureIds.push(measure.id);
        continue;
      }
      if (fate.completeAt !== null) completedMeasureIds.add(measure.id);
      for (const assignment of measure.assignments) {
        specs.push(...reportsOfAssignment(assignment, { key, fate, authorId: liaisonOf.get(assignment.unit.id)! }, calendar));
      }
    }
  }
  return { specs, recentMeasureIds, completedMeasureIds, extensions };
}

/** The measure's profile (a deadline's in turn, else at random) and when it was completed or extended. */
function fateOfMeasure(
  measure: DemoMeasure,
  input: { key: string; deadline: string | null; dated: number | null },
  calendar: DemoCalendar,
): MeasureFate {
  const { key, deadline, dated } = input;
  const { history, cadence, dueDay, today, until } = calendar;
  const mrng = random(key);
  let profile = dated !== null ? DEADLINE_PROFILES[dated % DEADLINE_PROFILES.length]! : undatedProfile(mrng, measure.assignments.length);
  // Nothing is extended or newly divided in a plan that has ended.
  if (until && (profile === "extended" || profile === "recent")) profile = "diligent";

  let completeAt: number | null = null;
  let completeWindow: { from: string; to: string } | null = null;
  let extension: Extension | null = null;
  if (profile === "completed" && history.length >= 3) {
    // Spread over the plan's life, more of them lately as it nears its end.
    completeAt = history.length - 1 - Math.floor(mrng() ** 1.5 * (history.length - 2));
  } else if (profile === "onTime" && deadline) {
    const period = periodContaining(addDays(deadline, -45), cadence, dueDay);
    const index = history.findIndex((p) => p.key === period.key);
    if (index > 0) {
      completeAt = index;
      completeWindow = { from: addDays(period.start, 20), to: addDays(deadline, -5) };
    }
  } else if (profile === "late" && deadline) {
    const period = nextPeriod(periodContaining(deadline, cadence, dueDay), cadence, dueDay);
    const index = history.findIndex((p) => p.key === period.key);
    if (index > 0) completeAt = index;
  } else if (profile === "extended" && deadline) {
    const newDeadline = addDays(today, 20);
    if (newDeadline > deadline) {
      const lead = measure.assignments.find((a) => a.role === "LEAD");
      if (lead) extension = { measureId: measure.id, unitId: lead.unit.id, oldDeadline: measure.deadline!, newDeadline };
    }
  }
  if ((profile === "completed" || profile === "onTime" || profile === "late") && completeAt === null) profile = "diligent";
  return { profile, completeAt, completeWindow, extension };
}

/** One unit's reports on one measure: the periods due so far, then perhaps the one being collected. */
function reportsOfAssignment(
  assignment: DemoAssignment,
  input: { key: string; fate: MeasureFate; authorId: number },
  calendar: DemoCalendar,
): ReportSpec[] {
  const { key, fate, authorId } = input;
  const { profile, completeAt, completeWindow } = fate;
  const { history, collecting, collectingNow, today } = calendar;
  const green = profile === "diligent" || profile === "onTime" || profile === "late" || profile === "extended";
  const rng = random(`${key}/${assignment.unit.name}/${assignment.role}`);
  const lead = assignment.role === "LEAD";
  const specs: ReportSpec[] = [];
  // Lead units report every quarter of the last two or three years; responsible
  // units the last few quarters, and outside green measures only some of them.
  if (!lead && !green && rng() >= 0.2) return specs;
  const lastIndex = completeAt ?? history.length - 1;
  const startIndex = Math.max(0, lastIndex - (lead ? between(rng, 5, 11) : between(rng, 0, 3)));
  // Where the unit stood when its first report here was written: later starts, further along.
  let percent = between(rng, 5, 15) + Math.round((50 * startIndex) / history.length);
  for (let i = startIndex; i <= lastIndex; i++) {
    const period = history[i]!;
    const isLatest = i === history.length - 1;
    const completing = lead && completeAt !== null && (i === completeAt || (i === completeAt - 1 && rng() < 0.2));
    if (!completing && !isLatest && rng() < (green ? 0.08 : 0.2)) continue; // a quarter the unit let pass
    let state: ReportSpec["state"] = "APPROVED";
    if (isLatest && !completing) {
      const r = rng();
      if (green) state = r < 0.985 ? "APPROVED" : "SUBMITTED";
      else if (r < 0.45) state = "APPROVED";
      else if (r < 0.55) state = "RETURNED";
      else if (r < 0.6) state = "DRAFT";
      else if (r < 0.62) state = "SUBMITTED";
      else continue; // not reported: the yellow 未报送
    }
    const claimedStatus = completing ? "COMPLETED" : rng() < 0.1 && i > startIndex ? "NO_CHANGE" : "IN_PROGRESS";
    if (claimedStatus === "IN_PROGRESS") percent = Math.min(95, percent + between(rng, 2, 7));
    // Most reports come in the days after the quarter ends; a completion is reported when it happens.
    const window = completing
      ? (completeWindow ?? { from: addDays(period.start, 20), to: period.dueDate })
      : rng() < 0.9
        ? { from: addDays(period.end, 1), to: period.dueDate }
        : { from: addDays(period.dueDate, 1), to: addDays(period.dueDate, 40) };
    const submittedAt = timeOn(calendar, rng, window.from, window.to);
    if (!submittedAt) continue;
    const reviewedAt = state === "APPROVED" || state === "RETURNED" ? reviewAfter(calendar, rng, submittedAt) : null;
    if ((state === "APPROVED" || state === "RETURNED") && !reviewedAt) state = "SUBMITTED";
    specs.push({
      assignmentId: assignment.id,
      period,
      state,
      claimedStatus,
      percent: claimedStatus === "COMPLETED" ? 100 : percent,
      text:
        claimedStatus === "COMPLETED"
          ? COMPLETED_TEXT
          : claimedStatus === "NO_CHANGE"
            ? NO_CHANGE_TEXT
            : progressText(rng, assignment.role),
      authorId,
      ...(state === "DRAFT" ? {} : { submittedAt }),
      ...(reviewedAt ? { reviewedAt } : {}),
      ...(state === "RETURNED" ? { reviewComment: pick(rng, RETURN_COMMENTS) } : {}),
    });
    if (completing) break;
  }
  // The period being collected now: a few units report early, most once it has ended.
  if (completeAt !== null || !collectingNow) return specs;
  const running = today <= collecting.end;
  const elapsed = (toDayNumber(today) - toDayNumber(collecting.end)) / (toDayNumber(collecting.dueDate) - toDayNumber(collecting.end));
  if (rng() >= (running ? 0.12 : 0.2 + 0.6 * elapsed)) return specs;
  const monthAgo = addDays(today, -30);
  const from = !running ? addDays(collecting.end, 1) : monthAgo > collecting.start ? monthAgo : collecting.start;
  const submittedAt = timeOn(calendar, rng, from, today);
  if (!submittedAt) return specs;
  // The bureau reviews within days; what came in this week may still be waiting.
  const reviewedAt = rng() < 0.9 ? reviewAfter(calendar, rng, submittedAt) : null;
  percent = Math.min(95, percent + between(rng, 3, 10));
  specs.push({
    assignmentId: assignment.id,
    period: collecting,
    state: reviewedAt ? "APPROVED" : "SUBMITTED",
    claimedStatus: "IN_PROGRESS",
    percent,
    text: progressText(rng, assignment.role),
    authorId,
    submittedAt,
    ...(reviewedAt ? { reviewedAt } : {}),
  });
  return specs;
}

/** Whoever signs in as xialu.liaison (区司法局) must find something to report this period: drops one report if needed. */
async function leaveWorkForDemoLiaison(
  tx: Tx,
  plans: DemoPlan[],
  completedMeasureIds: Set<number>,
  specs: ReportSpec[],
  calendar: DemoCalendar,
) {
  const { collecting, collectingNow } = calendar;
  const justiceUnitId = (await tx.user.findUniqueOrThrow({ where: { login: "xialu.liaison" } })).unitId;
  const reportable = plans
    .flatMap((p) => p.measures.filter((m) => !completedMeasureIds.has(m.id)).flatMap((m) => m.assignments))
    .filter((a) => a.unit.id === justiceUnitId);
  const collected = (assignmentId: number) => specs.findIndex((s) => s.assignmentId === assignmentId && s.period.key === collecting.key);
  if (collectingNow && reportable.length > 0 && reportable.every((a) => collected(a.id) >= 0))
    specs.splice(collected(reportable[0]!.id), 1);
}

/** Measures divided among units only this quarter owe their first report from this period on. */
async function dateRecentDivisions(tx: Tx, recentMeasureIds: number[], collecting: Period): Promise<void> {
  const assignedLately = chinaTime(collecting.start, 9);
  await tx.measure.updateMany({ where: { id: { in: recentMeasureIds } }, data: { createdAt: assignedLately } });
  await tx.assignment.updateMany({ where: { measureId: { in: recentMeasureIds } }, data: { createdAt: assignedLately } });
}

/** In the order they were submitted, as the app would have received them. */
async function writeReports(tx: Tx, specs: ReportSpec[], horizon: number, bureauId: number): Promise<void> {
  specs.sort((a, b) => (a.submittedAt?.getTime() ?? horizon) - (b.submittedAt?.getTime() ?? horizon) || a.assignmentId - b.assignmentId);
  await createProgressReports(
    tx,
    specs.map((spec) => ({
      ...spec,
      period: { start: spec.period.start, end: spec.period.end },
      reviewerId: spec.state === "APPROVED" || spec.state === "RETURNED" ? bureauId : null,
    })),
  );
}

/** Approved extensions: the lead unit asked three weeks ago, the bureau agreed. Returns the audit rows they would have written. */
async function approveExtensions(
  tx: Tx,
  extensions: Extension[],
  input: { districtId: number; today: string; bureauId: number; liaisonOf: Map<number, number> },
): Promise<AuditRow[]> {
  const { districtId, today, bureauId, liaisonOf } = input;
  const events: AuditRow[] = [];
  for (const extension of extensions) {
    const requestedAt = workTime(random(`extension/${extension.measureId}`), addDays(today, -25));
    const decidedAt = new Date(requestedAt.getTime() + 3 * 86_400_000);
    const requestedById = liaisonOf.get(extension.unitId)!;
    const saved = await tx.deadlineExtension.create({
      data: {
        districtId,
        measureId: extension.measureId,
        unitId: extension.unitId,
        requestedById,
        reason: EXTENSION_REASON,
        oldDeadline: extension.oldDeadline,
        newDeadline: dateColumn(extension.newDeadline),
        state: "APPROVED",
        decidedById: bureauId,
        decidedAt,
        comment: EXTENSION_COMMENT,
        createdAt: requestedAt,
      },
    });
    const before = await tx.measure.findUniqueOrThrow({ where: { id: extension.measureId } });
    const after = await tx.measure.update({
      where: { id: extension.measureId },
      data: { deadline: saved.newDeadline, originalDeadline: before.originalDeadline ?? before.deadline },
    });
    const pending = { ...saved, state: "PENDING", decidedById: null, decidedAt: null, comment: null };
    events.push(
      {
        actorId: requestedById,
        action: "extension.request",
        entityType: "DeadlineExtension",
        entityId: String(saved.id),
        at: requestedAt,
        after: pending,
      },
      {
        actorId: bureauId,
        action: "extension.approve",
        entityType: "DeadlineExtension",
        entityId: String(saved.id),
        at: decidedAt,
        before: pending,
        after: saved,
      },
      { actorId: bureauId, action: "measure.extend", entityType: "Measure", entityId: String(before.id), at: decidedAt, before, after },
    );
  }
  return events;
}

/**
 * The timeline (办理记录) of every report, in the order things happened:
 * what recordAudit would have written at each step, snapshots included, with
 * the extensions' rows among them.
 */
async function writeReportTimelines(tx: Tx, input: { planIds: number[]; districtId: number; events: AuditRow[] }): Promise<void> {
  const { planIds, districtId, events } = input;
  const seeded = Prisma.sql`SELECT r.*, to_jsonb(r) AS row,
      to_jsonb(r) || jsonb_build_object('state', 'SUBMITTED', 'reviewerId', NULL, 'reviewedAt', NULL, 'reviewComment', NULL,
        'version', 1, 'updatedAt', r."submittedAt") AS submitted
    FROM "ProgressReport" r JOIN "Assignment" a ON a."id" = r."assignmentId" JOIN "Measure" m ON m."id" = a."measureId"
    WHERE m."planId" = ANY(${planIds}::int[])`;
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("districtId", "actorId", "action", "entityType", "entityId", "before", "after", "createdAt")
    SELECT ${districtId}::int, e."actorId", e."action", e."entityType", e."entityId", e."before", e."after", e."at"
    FROM (
      SELECT r."authorId" AS "actorId", ${audited("report.saveDraft")}::text AS "action", 'ProgressReport' AS "entityType", r."id"::text AS "entityId",
             NULL::jsonb AS "before", r.row AS "after", r."createdAt" AS "at", 0 AS "step"
        FROM (${seeded}) r WHERE r."state" = 'DRAFT'
      UNION ALL
      SELECT r."authorId", ${audited("report.submit")}, 'ProgressReport', r."id"::text, NULL, r.submitted, r."submittedAt", 1
        FROM (${seeded}) r WHERE r."state" <> 'DRAFT'
      UNION ALL
      SELECT r."reviewerId", CASE r."state" WHEN 'APPROVED' THEN ${audited("report.approve")} ELSE ${audited("report.return")} END, 'ProgressReport',
             r."id"::text, r.submitted, r.row, r."reviewedAt", 2
        FROM (${seeded}) r WHERE r."state" IN ('APPROVED', 'RETURNED')
      UNION ALL
      SELECT x."actorId", x."action", x."entityType", x."entityId", x."before", x."after", x."at", 3
        FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
          AS x("actorId" int, "action" text, "entityType" text, "entityId" text, "before" jsonb, "after" jsonb, "at" timestamp(3))
    ) e
    ORDER BY e."at", e."step", e."entityId"`;
  // The returns' rows and the first submissions came with the reports (createProgressReports).
}

/**
 * A return reaches the unit's liaison at once (returnProgressReport), in the
 * same words; the ones of the last period due are still open, so unread.
 */
async function notifyOpenReturns(tx: Tx, planIds: number[], latest: Period): Promise<void> {
  const returned = await tx.progressReport.findMany({
    where: { assignment: { measure: { planId: { in: planIds } } }, state: "RETURNED", periodStart: { gte: dateColumn(latest.start) } },
    orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
    select: {
      districtId: true,
      authorId: true,
      reviewComment: true,
      reviewedAt: true,
      periodStart: true,
      assignment: {
        select: {
          measure: { select: { id: true, code: true, text: true, plan: { select: { reportCadence: true, reportDueDay: true } } } },
        },
      },
    },
  });
  await tx.notification.createMany({
    data: returned.map((r) => {
      const measure = r.assignment!.measure;
      const period = periodLabel(r.periodStart, measure.plan.reportCadence, measure.plan.reportDueDay);
      return {
        districtId: r.districtId,
        userId: r.authorId,
        createdAt: r.reviewedAt ?? undefined,
        ...reportReturnedMessage({ measure, period, comment: r.reviewComment ?? "" }),
      };
    }),
  });
}
