import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { Tx } from "@/lib/db/client.ts";
import { can, type Actor } from "@/lib/auth/policy.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { AppError } from "@/lib/errors.ts";
import type { ParsedDocument } from "@/lib/import/types.ts";
import { reconcileNames } from "@/lib/import/reconcile.ts";
import { loadCatalogue } from "@/lib/plans/queries.ts";
import { findRegionInScope } from "@/lib/regions/queries.ts";
import { emptyImportSummary, writePlanImport, type ImportSummary } from "@/lib/plans/import.ts";
import { cliResolutions, unreviewedPlans, type CliResolutionOptions } from "@/lib/plans/resolutions.ts";
import { commitPlanImportSchema } from "@/lib/plans/schema.ts";
import { importAnnualReportSchema } from "@/lib/annual-reports/schema.ts";
import { writeAnnualReportImport } from "@/lib/annual-reports/import.ts";

// `npm run cli -- import <file> --region <区县>` (without --dry-run): the
// import screen's path with the command line's rules instead of a reviewer.
// The document is parsed by the caller (decodeDocument → parseDocumentText);
// here the region and the acting account are found, every name is resolved
// by cliResolutions, and the plans go through commitPlanImportSchema and
// writePlanImport (a report through importAnnualReportSchema and
// writeAnnualReportImport), all in one transaction: a stop writes nothing.

export type CliImportRequest = {
  document: ParsedDocument;
  fileName: string;
  sourceText: string;
  /** A region's name or code, as typed after --region. */
  region: string;
  /** The login after --as; the first active ADMIN by default. */
  as: string | null;
} & CliResolutionOptions;

export type CliImportSummary = {
  region: { code: string; name: string };
  actor: string;
} & ImportSummary & {
    annualReports: { id: number; title: string; year: number }[];
  };

/** Why the command stopped, and the lines (one name or candidate each) that explain it; nothing was written. */
export class CliImportStop extends Error {
  constructor(
    message: string,
    readonly lines: string[] = [],
  ) {
    super(message);
    this.name = "CliImportStop";
  }
}

async function findRegion(tx: Tx, wanted: string) {
  const matches = await tx.region.findMany({
    where: { OR: [{ code: wanted }, { name: wanted }] },
    include: { parent: { select: { name: true } } },
    orderBy: { code: "asc" },
  });
  const byCode = matches.find((r) => r.code === wanted);
  const region = byCode ?? (matches.length === 1 ? matches[0] : undefined);
  if (!region && matches.length > 1) {
    throw new CliImportStop(
      `有 ${matches.length} 个区域名为“${wanted}”,请用 --region <区域代码> 指定其中一个:`,
      matches.map((r) => `${r.code} ${r.name}(${r.parent?.name ?? "无上级"})`),
    );
  }
  if (!region) throw new CliImportStop(`没有名称或代码为“${wanted}”的区域。`);
  if (!region.districtId) throw new CliImportStop(`“${region.name}”不是区县或乡镇,规划和年度报告只能导入到区县或乡镇。`);
  return region;
}

async function findActor(tx: Tx, login: string | null): Promise<{ login: string; actor: Actor }> {
  const user = login
    ? await tx.user.findFirst({ where: { login, active: true }, select: { id: true, login: true } })
    : await tx.user.findFirst({ where: { role: "ADMIN", active: true }, select: { id: true, login: true }, orderBy: { id: "asc" } });
  if (!user) {
    throw new CliImportStop(login ? `没有启用的账号“${login}”。` : "没有启用的系统管理员账号,请用 --as <账号> 指定导入人。");
  }
  const actor = await loadActor(user.id, tx);
  if (!actor || !can(actor, "plan.manage")) {
    throw new CliImportStop(`账号“${user.login}”无权导入规划和年度报告(需系统管理员或司法局账号)。`);
  }
  return { login: user.login, actor };
}

/** An expected refusal of the writers, in the words the import screen would show. */
function stopFor(error: AppError): CliImportStop {
  const fields = Object.values(error.fieldErrors ?? {}).flat();
  return new CliImportStop(error.code === "VALIDATION" && error.generic && fields.length ? fields.join(";") : error.message, fields);
}

/** Groups the document names that have no active member: whatever they were given, nobody carries. */
async function emptyGroupNotes(tx: Tx, districtId: number, names: string[]): Promise<string[]> {
  const groups = await tx.unitGroup.findMany({
    where: { districtId, name: { in: names }, members: { none: { unit: { active: true } } } },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return groups.map((g) => `分组“${g.name}”没有成员,文件中交给它的任务将无人承担;请在“单位分组”中为它添加成员后重新导入。`);
}

/** The import written, with what the operator should still see to (on stderr). */
export async function commitCliImport(
  prisma: PrismaClient,
  request: CliImportRequest,
): Promise<{ summary: CliImportSummary; notes: string[] }> {
  const { document } = request;
  try {
    return await prisma.$transaction(
      async (tx) => {
        const region = await findRegion(tx, request.region);
        const { login, actor } = await findActor(tx, request.as);
        // The same words as the import screen for a region out of the account's scope, for plans and reports alike.
        if (!(await findRegionInScope(tx, actor, region.id))) {
          throw new CliImportStop(
            `所选区域不存在、不在您的管理范围内或不是区县/乡镇:账号“${login}”不能导入到${region.name}(${region.code})。`,
          );
        }
        const base: CliImportSummary = {
          region: { code: region.code, name: region.name },
          actor: login,
          ...emptyImportSummary(),
          annualReports: [],
        };
        if (document.kind === "annualReport") {
          const { report } = document;
          const parsed = importAnnualReportSchema.safeParse({
            regionId: String(region.id),
            title: report.title,
            year: report.year === null ? "" : String(report.year),
            sourceText: request.sourceText,
            sections: report.sections.map(({ heading, body }) => ({ heading, body })),
          });
          if (!parsed.success)
            throw new CliImportStop(
              "年度报告无法导入:",
              parsed.error.issues.map((i) => i.message),
            );
          const saved = await writeAnnualReportImport(tx, actor, { id: region.id, districtId: region.districtId! }, parsed.data);
          return { summary: { ...base, annualReports: [{ id: saved.id, title: saved.title, year: saved.year }] }, notes: [] };
        }
        const plans = document.kind === "plans" ? document.plans.filter((p) => p.measures.length > 0) : [];
        if (plans.length === 0) throw new CliImportStop("文件中没有找到任何举措,未识别为规划或年度报告。");
        const names = [...new Set(plans.flatMap((p) => p.measures.flatMap((m) => [...m.leadUnits, ...m.responsibleUnits])))];
        const { resolutions, unresolved } = cliResolutions(reconcileNames(names, await loadCatalogue(region.districtId!, tx)), request);
        if (unresolved.length) {
          throw new CliImportStop(
            `有 ${unresolved.length} 个单位名称无法按全称或别名对应到${region.name}的单位或分组,未导入任何内容。` +
              "请先在系统中补充单位或别名,或加 --accept-near-matches(采用最相近的单位并记为别名)、--create-units(新建单位和分组)后重试:",
            unresolved.map((u) => `${u.name} — ${u.found}`),
          );
        }
        const input = commitPlanImportSchema.safeParse({
          regionId: String(region.id),
          fileName: request.fileName,
          sourceText: request.sourceText,
          plans: unreviewedPlans(plans),
          resolutions,
        });
        if (!input.success) {
          throw new CliImportStop(
            "规划无法导入:",
            input.error.issues.map((i) => `${i.path.join(".")}:${i.message}`),
          );
        }
        const summary = await writePlanImport(tx, actor, input.data);
        const groupNames = Object.entries(resolutions)
          .filter(([, r]) => r.action === "group" || r.action === "createGroup")
          .map(([name]) => name);
        return { summary: { ...base, ...summary, annualReports: [] }, notes: await emptyGroupNotes(tx, region.districtId!, groupNames) };
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    if (error instanceof AppError) throw stopFor(error);
    throw error;
  }
}

/** The summary in Chinese, for an operator reading the terminal. */
export function describeCliImport(summary: CliImportSummary): string[] {
  const lines = [`已导入到 ${summary.region.name}(${summary.region.code}),导入人 ${summary.actor}:`];
  for (const plan of summary.plans) lines.push(`  ${plan.created ? "新增" : "更新"}规划“${plan.title}”,${plan.measures} 项举措`);
  for (const report of summary.annualReports) lines.push(`  年度报告“${report.title}”(${report.year} 年)`);
  if (summary.plans.length) {
    lines.push(`  举措:新增 ${summary.measuresCreated},更新 ${summary.measuresUpdated}`);
    lines.push(`  任务分工:新增 ${summary.assignmentsCreated},移除 ${summary.assignmentsRemoved}`);
    lines.push(`  新建单位:${summary.unitsCreated.length ? summary.unitsCreated.join("、") : "无"}`);
    lines.push(`  新建分组:${summary.groupsCreated.length ? summary.groupsCreated.join("、") : "无"}`);
    if (summary.aliasesAdded.length) lines.push(`  新增别名:${summary.aliasesAdded.join("、")}`);
  }
  return lines;
}
