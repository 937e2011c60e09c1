import pg from "pg";
import { hashPassword } from "@/lib/auth/password.ts";
import { todayInChina } from "@/lib/dates.ts";
import { isIsoDate, toDayNumber } from "@/lib/reporting/periods.ts";
import { COMPLETED_TEXTS, NO_CHANGE_TEXT, PROGRESS_TEXTS, PROVINCE_NAME, RETURN_COMMENTS, cityName } from "@/lib/demo/synth/catalog.ts";
import {
  beijing,
  buildDistrict,
  cityCode,
  cityOf,
  districtLogin,
  type AssignmentModel,
  type DistrictModel,
} from "@/lib/demo/synth/district.ts";
import { createRng } from "@/lib/demo/synth/random.ts";
import { CLAIMS, STATES, epochSeconds, planDays, simulateAssignment } from "@/lib/demo/synth/reports.ts";
import { loadSeedPool } from "@/lib/demo/synth/seed-pool.ts";
import { classifySectionTitle } from "@/lib/outline/classify.ts";

// `npm run cli -- synth --districts N`: a synthetic province for measuring the
// dashboards at scale (DESIGN.md, "Scale to design for"). Each district is
// built as plain data (district.ts), its reports simulated per assignment
// (reports.ts), and written in one transaction with one INSERT … SELECT FROM
// unnest(…) per table: about 15 statements for ~10,000 assignments and
// ~35,000 reports. The derived Assignment columns come from the simulated
// reports, so every row is written once and never updated.
//
// All randomness comes from streams seeded by (seed, district number), never
// from generated ids, so the data depends only on seed, today and district
// number: a second run continues the numbering and writes the districts a
// single larger run would have written.

export const SYNTH_PASSWORD = "Fazhi@2026";
export const PROVINCE_CODE = "S00";
export const PROVINCE_LEADER_LOGIN = "syn-province.leader";

export type SynthProgress = { districtNo: number; done: number; total: number; elapsedMs: number };

export type SynthOptions = {
  districts: number;
  seed?: number;
  /** "YYYY-MM-DD"; default today in China. */
  today?: string;
  /** Parallel connections (only with a connection string); default 2. */
  concurrency?: number;
  onProgress?: (progress: SynthProgress) => void;
};

export type SynthCounts = {
  firstDistrict: number;
  lastDistrict: number;
  districts: number;
  cities: number;
  towns: number;
  units: number;
  unitAliases: number;
  unitGroups: number;
  groupMembers: number;
  users: number;
  plans: number;
  sections: number;
  measures: number;
  deadlineExtensions: number;
  assignments: number;
  progressReports: number;
  elapsedMs: number;
};

type DistrictCounts = Omit<SynthCounts, "firstDistrict" | "lastDistrict" | "cities" | "elapsedMs">;

const LOCK_KEY = 724_313;

// ---------------------------------------------------------------------------
// SQL helpers

type Column = { name: string; type: "int" | "bigint" | "text" | "float8" | "bool"; cast?: string };

/** Escapes a value for a PostgreSQL array literal. */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- rows hold strings, numbers, booleans and bigints, never objects
  return `"${String(value).replace(/["\\]/g, "\\$&")}"`;
}

/**
 * INSERT … SELECT FROM unnest($1::int[], $2::text[], …): one statement and one
 * round trip for any number of rows.
 */
async function insertRows(client: pg.ClientBase, table: string, columns: Column[], rows: unknown[][]): Promise<number> {
  if (rows.length === 0) return 0;
  // Each column as one array literal, built here: several times cheaper than
  // letting pg convert tens of thousands of elements one by one.
  const arrays = columns.map((_, c) => `{${rows.map((row) => arrayElement(row[c])).join(",")}}`);
  const aliases = columns.map((_, c) => `c${c}`);
  const sql =
    `INSERT INTO ${table} (${columns.map((c) => (c.name.startsWith('"') ? c.name : `"${c.name}"`)).join(", ")}) ` +
    `SELECT ${columns.map((c, i) => selectExpression(c, aliases[i]!)).join(", ")} ` +
    `FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ")}) AS t(${aliases.join(", ")})`;
  const result = await client.query(sql, arrays);
  return result.rowCount ?? 0;
}

const col = (name: string, type: Column["type"], cast?: string): Column => ({ name, type, cast });
const TS = "timestamp(3)";
/** Seconds since the epoch (UTC) → timestamp; cheaper to send and convert than text. */
const epochCol = (name: string): Column => ({ name, type: "bigint", cast: "EPOCH" });

function selectExpression(column: Column, alias: string): string {
  if (column.cast === "EPOCH") return `(timestamp '1970-01-01' + ${alias} * interval '1 second')`;
  if (column.cast === "DAY") return `(date '1970-01-01' + ${alias})`;
  return column.cast ? `${alias}::${column.cast}` : alias;
}

async function allocateIds(client: pg.ClientBase, sequence: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await client.query<{ id: string }>("SELECT nextval($1::regclass) AS id FROM generate_series(1, $2)", [sequence, count]);
  return rows.map((r) => Number(r.id));
}

const TABLES_WITH_IDS = ["Region", "Unit", "UnitGroup", "User", "Plan", "Section", "Measure", "Assignment"] as const;
type Sequences = Record<(typeof TABLES_WITH_IDS)[number], string>;

async function sequences(client: pg.ClientBase): Promise<Sequences> {
  const out = {} as Sequences;
  for (const table of TABLES_WITH_IDS) {
    const { rows } = await client.query<{ seq: string | null }>("SELECT pg_get_serial_sequence($1, 'id') AS seq", [`"${table}"`]);
    if (!rows[0]?.seq) throw new Error(`表 ${table} 没有自增序列`);
    out[table] = rows[0].seq;
  }
  return out;
}

/**
 * The reports of a district: 11 numeric columns per row; the wording, enums,
 * reviewer, version and updatedAt follow from them in SQL. The bulk of the
 * data, so it is sent as compactly as it can be. In the same statement, what
 * the actions write beside a report: its first submission (writeReport; the
 * simulation never resubmits, so it is submittedAt) and each return's
 * ReportReturn row (returnProgressReport).
 */
async function insertReports(client: pg.ClientBase, districtId: number, bureauId: number, rows: unknown[][]): Promise<number> {
  if (rows.length === 0) return 0;
  const arrays = Array.from({ length: 11 }, (_, c) => `{${rows.map((row) => arrayElement(row[c])).join(",")}}`);
  const epoch = (column: string) => `(timestamp '1970-01-01' + ${column} * interval '1 second')`;
  const result = await client.query<{ n: number }>(
    `WITH saved AS (
       INSERT INTO "ProgressReport" ("districtId", "assignmentId", "periodStart", "periodEnd", "text", "percent", "claimedStatus", "state",
                                     "authorId", "submittedAt", "firstSubmittedAt", "reviewerId", "reviewedAt", "reviewComment", "version",
                                     "createdAt", "updatedAt")
       SELECT $12::int, t.a, date '1970-01-01' + t.ps, date '1970-01-01' + t.pe,
              CASE t.claimed WHEN 2 THEN ($15::text[])[t.pick] WHEN 3 THEN $16 ELSE ($14::text[])[t.pick] END,
              t.pct, ($17::text[])[t.claimed]::"ClaimedStatus", ($18::text[])[t.state]::"ReviewState", t.author,
              ${epoch("t.sub")}, ${epoch("t.sub")}, CASE WHEN t.rev IS NOT NULL THEN $13::int END, ${epoch("t.rev")},
              CASE WHEN t.state = 4 THEN ($19::text[])[1 + t.pick % cardinality($19::text[])] END,
              CASE WHEN t.rev IS NULL THEN 1 ELSE 2 END,
              ${epoch("t.cre")}, ${epoch("coalesce(t.rev, t.sub, t.cre)")}
       FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::bigint[], $10::bigint[], $11::bigint[])
            AS t(a, ps, pe, pick, pct, claimed, state, author, sub, rev, cre)
       RETURNING "id", "state", "reviewerId", "reviewedAt", "reviewComment"
     ), returns AS (
       INSERT INTO "ReportReturn" ("districtId", "reportId", "reviewerId", "comment", "returnedAt")
       SELECT $12::int, s."id", s."reviewerId", s."reviewComment", s."reviewedAt" FROM saved s WHERE s."state" = 'RETURNED'
     )
     SELECT count(*)::int AS n FROM saved`,
    [...arrays, districtId, bureauId, PROGRESS_TEXTS, COMPLETED_TEXTS, NO_CHANGE_TEXT, CLAIMS, STATES, RETURN_COMMENTS],
  );
  return result.rows[0]!.n;
}

// ---------------------------------------------------------------------------
// Writing one district

type Context = {
  /** Skip the per-row foreign-key triggers for assignments and reports (needs a superuser). */
  bulkLoad: boolean;
  seed: number;
  today: string;
  passwordHash: string;
  seq: Sequences;
  cities: Map<number, { id: number; path: string }>;
};

async function writeDistrict(client: pg.ClientBase, ctx: Context, d: DistrictModel): Promise<DistrictCounts> {
  const city = ctx.cities.get(d.cityNo)!;
  const { seq, passwordHash } = ctx;
  const counts: DistrictCounts = {
    districts: 1,
    towns: 0,
    units: 0,
    unitAliases: 0,
    unitGroups: 0,
    groupMembers: 0,
    users: 0,
    plans: 0,
    sections: 0,
    measures: 0,
    deadlineExtensions: 0,
    assignments: 0,
    progressReports: 0,
  };
  await client.query("BEGIN");
  try {
    // A crash loses at most the districts not yet committed; nothing else depends on them.
    await client.query("SET LOCAL synchronous_commit = off");

    // Regions: the district, then its towns, with paths like createRegion's.
    const [regionId, ...townIds] = await allocateIds(client, seq.Region, 1 + d.towns.length);
    const districtId = regionId!;
    const districtPath = `${city.path}${districtId}/`;
    counts.towns = d.towns.length;
    await insertRows(
      client,
      `"Region"`,
      [
        col("id", "int"),
        col("code", "text"),
        col("name", "text"),
        col("level", "text", `"RegionLevel"`),
        col("parentId", "int"),
        col("path", "text"),
        col("districtId", "int"),
        col("createdAt", "text", TS),
        col("updatedAt", "text", TS),
      ],
      [
        [districtId, d.code, d.name, "DISTRICT", city.id, districtPath, districtId, d.setupAt, d.setupAt],
        ...d.towns.map((t, i) => [
          townIds[i],
          t.code,
          t.name,
          "TOWN",
          districtId,
          `${districtPath}${townIds[i]}/`,
          districtId,
          d.setupAt,
          d.setupAt,
        ]),
      ],
    );
    const regionOf = (town: number | null) => (town === null ? districtId : townIds[town]!);

    const unitIds = await allocateIds(client, seq.Unit, d.units.length);
    counts.units = await insertRows(
      client,
      `"Unit"`,
      [
        col("id", "int"),
        col("districtId", "int"),
        col("regionId", "int"),
        col("name", "text"),
        col("shortName", "text"),
        col("kind", "text", `"UnitKind"`),
        col("sortOrder", "int"),
        col("createdAt", "text", TS),
        col("updatedAt", "text", TS),
      ],
      d.units.map((u, i) => [unitIds[i], districtId, regionOf(u.town), u.name, u.shortName, u.kind, i, d.setupAt, d.setupAt]),
    );
    counts.unitAliases = await insertRows(
      client,
      `"UnitAlias"`,
      [col("districtId", "int"), col("regionId", "int"), col("unitId", "int"), col("alias", "text"), col("createdAt", "text", TS)],
      d.units.flatMap((u, i) => u.aliases.map((alias) => [districtId, regionOf(u.town), unitIds[i], alias, d.setupAt])),
    );

    const groupIds = await allocateIds(client, seq.UnitGroup, d.groups.length);
    counts.unitGroups = await insertRows(
      client,
      `"UnitGroup"`,
      [
        col("id", "int"),
        col("districtId", "int"),
        col("regionId", "int"),
        col("name", "text"),
        col("createdAt", "text", TS),
        col("updatedAt", "text", TS),
      ],
      d.groups.map((g, i) => [groupIds[i], districtId, districtId, g.name, d.setupAt, d.setupAt]),
    );
    counts.groupMembers = await insertRows(
      client,
      `"UnitGroupMember"`,
      [col("groupId", "int"), col("unitId", "int"), col("districtId", "int")],
      d.groups.flatMap((g, i) => g.members.map((m) => [groupIds[i], unitIds[m], districtId])),
    );

    // Users: the bureau (区司法局), a leader, one liaison per unit.
    const login = districtLogin(d.districtNo);
    const userIds = await allocateIds(client, seq.User, 2 + d.units.length);
    const [bureauId, leaderId] = userIds as [number, number];
    const liaisonIds = userIds.slice(2);
    counts.users = await insertRows(
      client,
      `"User"`,
      [
        col("id", "int"),
        col("login", "text"),
        col("name", "text"),
        col("passwordHash", "text"),
        col("role", "text", `"Role"`),
        col("regionId", "int"),
        col("districtId", "int"),
        col("unitId", "int"),
        col("createdAt", "text", TS),
        col("updatedAt", "text", TS),
      ],
      [
        [
          bureauId,
          `${login}.bureau`,
          d.bureauName,
          passwordHash,
          "BUREAU",
          districtId,
          districtId,
          d.bureauUnit >= 0 ? unitIds[d.bureauUnit] : null,
          d.setupAt,
          d.setupAt,
        ],
        [leaderId, `${login}.leader`, d.leaderName, passwordHash, "LEADER", districtId, districtId, null, d.setupAt, d.setupAt],
        ...d.units.map((u, i) => [
          liaisonIds[i],
          `${login}.u${String(i + 1).padStart(3, "0")}`,
          u.liaisonName,
          passwordHash,
          "LIAISON",
          regionOf(u.town),
          districtId,
          unitIds[i],
          d.setupAt,
          d.setupAt,
        ]),
      ],
    );

    // Plans, chapters, measures.
    const planIds = await allocateIds(client, seq.Plan, d.plans.length);
    counts.plans = await insertRows(
      client,
      `"Plan"`,
      [
        col("id", "int"),
        col("districtId", "int"),
        col("regionId", "int"),
        col("kind", "text", `"PlanKind"`),
        col("title", "text"),
        col("periodStart", "int"),
        col("periodEnd", "int"),
        col("issuer", "text"),
        col("documentNumber", "text"),
        col("issueDate", "text", "date"),
        col("status", "text", `"PlanStatus"`),
        col("reportCadence", "text", `"ReportCadence"`),
        col("reportDueDay", "int"),
        col("parentId", "int"),
        col("createdAt", "text", TS),
        col("updatedAt", "text", TS),
      ],
      d.plans.map((p, i) => [
        planIds[i],
        districtId,
        districtId,
        p.kind,
        p.title,
        p.periodStart,
        p.periodEnd,
        p.issuer,
        p.documentNumber,
        p.issueDate,
        p.status,
        p.cadence,
        p.dueDay,
        p.parent === null ? null : planIds[p.parent],
        p.importedAt,
        p.closedAt ?? p.importedAt,
      ]),
    );
    const sectionIds = await allocateIds(
      client,
      seq.Section,
      d.plans.reduce((n, p) => n + p.sections.length, 0),
    );
    const measureIds = await allocateIds(
      client,
      seq.Measure,
      d.plans.reduce((n, p) => n + p.measures.length, 0),
    );
    const sectionRows: unknown[][] = [];
    const measureRows: unknown[][] = [];
    const extensionRows: unknown[][] = [];
    const pending: { measureId: number; plan: number; a: AssignmentModel }[] = [];
    let s = 0;
    let m = 0;
    for (const [pi, plan] of d.plans.entries()) {
      const planId = planIds[pi]!;
      const firstSection = s;
      for (const [order, section] of plan.sections.entries()) {
        sectionRows.push([
          sectionIds[s++],
          districtId,
          planId,
          section.label,
          section.title,
          classifySectionTitle(section.title),
          order + 1,
        ]);
      }
      for (const measure of plan.measures) {
        const measureId = measureIds[m++]!;
        const updatedAt = measure.extension ? measure.extension.decidedAt : plan.importedAt;
        measureRows.push([
          measureId,
          districtId,
          planId,
          sectionIds[firstSection + measure.section],
          measure.code,
          measure.text,
          measure.deadline,
          measure.deadlineText,
          measure.originalDeadline,
          measure.ongoing,
          measure.sortOrder,
          plan.importedAt,
          updatedAt,
        ]);
        if (measure.extension) {
          const e = measure.extension;
          extensionRows.push([
            districtId,
            measureId,
            unitIds[e.unit],
            liaisonIds[e.unit],
            e.reason,
            e.oldDeadline,
            e.newDeadline,
            "APPROVED",
            bureauId,
            e.decidedAt,
            e.requestedAt,
          ]);
        }
        for (const a of measure.assignments) pending.push({ measureId, plan: pi, a });
      }
    }
    counts.sections = await insertRows(
      client,
      `"Section"`,
      [
        col("id", "int"),
        col("districtId", "int"),
        col("planId", "int"),
        col("label", "text"),
        col("title", "text"),
        col("outlineArea", "text"),
        col("sortOrder", "int"),
      ],
      sectionRows,
    );
    counts.measures = await insertRows(
      client,
      `"Measure"`,
      [
        col("id", "int"),
        col("districtId", "int"),
        col("planId", "int"),
        col("sectionId", "int"),
        col("code", "text"),
        col("text", "text"),
        col("deadline", "text", "date"),
        col("deadlineText", "text"),
        col("originalDeadline", "text", "date"),
        col("ongoing", "bool"),
        col("sortOrder", "int"),
        col("createdAt", "text", TS),
        col("updatedAt", "text", TS),
      ],
      measureRows,
    );
    counts.deadlineExtensions = await insertRows(
      client,
      `"DeadlineExtension"`,
      [
        col("districtId", "int"),
        col("measureId", "int"),
        col("unitId", "int"),
        col("requestedById", "int"),
        col("reason", "text"),
        col("oldDeadline", "text", "date"),
        col("newDeadline", "text", "date"),
        col("state", "text", `"ExtensionState"`),
        col("decidedById", "int"),
        col("decidedAt", "text", TS),
        col("createdAt", "text", TS),
      ],
      extensionRows,
    );

    // Assignments and their reports: simulated here, derived columns included.
    const assignmentIds = await allocateIds(client, seq.Assignment, pending.length);
    const days = d.plans.map(planDays);
    const importedAt = d.plans.map((p) => epochSeconds(p.importedAt));
    const todayNo = toDayNumber(ctx.today);
    const rng = createRng("fazhi-synth-reports", ctx.seed, d.districtNo);
    const assignmentRows: unknown[][] = [];
    const reportRows: unknown[][] = [];
    for (const [i, { measureId, plan, a }] of pending.entries()) {
      const assignmentId = assignmentIds[i]!;
      const sim = simulateAssignment(rng, a, days[plan]!, importedAt[plan]!, todayNo);
      assignmentRows.push([
        assignmentId,
        districtId,
        measureId,
        unitIds[a.unit],
        a.role,
        a.group === null ? "DIRECT" : "GROUP",
        a.group === null ? null : groupIds[a.group],
        sim.status,
        sim.percent,
        sim.completedAt,
        sim.lastReportAt,
        importedAt[plan],
        sim.updatedAt,
      ]);
      for (const r of sim.reports) {
        const wording = r.claimed === 1 ? COMPLETED_TEXTS.length : r.claimed === 2 ? 1 : PROGRESS_TEXTS.length;
        reportRows.push([
          assignmentId,
          days[plan]!.startNo[r.idx],
          days[plan]!.endNo[r.idx],
          Math.floor(r.pick * wording) + 1,
          r.percent,
          r.claimed + 1,
          r.state + 1,
          liaisonIds[a.unit],
          r.submittedAt,
          r.reviewedAt,
          r.createdAt,
        ]);
      }
    }
    // The foreign-key checks, one lookup per row and key, cost more than the
    // inserts themselves. Every key below comes from rows written above in
    // this transaction (as pg_restore --disable-triggers trusts its dump), and
    // the synth integration test checks that none dangles.
    if (ctx.bulkLoad) await client.query("SET LOCAL session_replication_role = replica");
    counts.assignments = await insertRows(
      client,
      `"Assignment"`,
      [
        col("id", "int"),
        col("districtId", "int"),
        col("measureId", "int"),
        col("unitId", "int"),
        col("role", "text", `"AssignmentRole"`),
        col("source", "text", `"AssignmentSource"`),
        col("viaGroupId", "int"),
        col("status", "text", `"AssignmentStatus"`),
        col("percent", "int"),
        epochCol("completedAt"),
        epochCol("lastReportAt"),
        epochCol("createdAt"),
        epochCol("updatedAt"),
      ],
      assignmentRows,
    );
    counts.progressReports = await insertReports(client, districtId, bureauId, reportRows);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
  return counts;
}

// ---------------------------------------------------------------------------
// The province and its cities

async function ensureProvinceAndCities(
  client: pg.ClientBase,
  seq: Sequences,
  passwordHash: string,
  cityNos: number[],
  createdAt: string,
): Promise<{ cities: Map<number, { id: number; path: string }>; created: number; users: number }> {
  await client.query("BEGIN");
  try {
    let users = 0;
    let province = (
      await client.query<{ id: number; path: string }>(`SELECT "id", "path" FROM "Region" WHERE "code" = $1`, [PROVINCE_CODE])
    ).rows[0];
    if (!province) {
      const [id] = await allocateIds(client, seq.Region, 1);
      province = { id: id!, path: `/${id}/` };
      await client.query(
        `INSERT INTO "Region" ("id", "code", "name", "level", "path", "createdAt", "updatedAt") VALUES ($1, $2, $3, 'PROVINCE', $4, $5, $5)`,
        [id, PROVINCE_CODE, PROVINCE_NAME, province.path, createdAt],
      );
      const leader = await client.query(
        `INSERT INTO "User" ("login", "name", "passwordHash", "role", "regionId", "createdAt", "updatedAt")
         VALUES ($1, '省级领导', $2, 'LEADER', $3, $4, $4) ON CONFLICT ("login") DO NOTHING`,
        [PROVINCE_LEADER_LOGIN, passwordHash, id, createdAt],
      );
      users += leader.rowCount ?? 0;
    }
    const cities = new Map<number, { id: number; path: string }>();
    const { rows } = await client.query<{ id: number; path: string; code: string }>(
      `SELECT "id", "path", "code" FROM "Region" WHERE "code" = ANY($1::text[])`,
      [cityNos.map(cityCode)],
    );
    for (const row of rows)
      cities.set(
        cityNos.find((n) => cityCode(n) === row.code)!,
        { id: row.id, path: row.path },
      );
    let created = 0;
    for (const cityNo of cityNos) {
      if (cities.has(cityNo)) continue;
      const [id] = await allocateIds(client, seq.Region, 1);
      const path = `${province.path}${id}/`;
      await client.query(
        `INSERT INTO "Region" ("id", "code", "name", "level", "parentId", "path", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, 'CITY', $4, $5, $6, $6)`,
        [id, cityCode(cityNo), cityName(cityNo), province.id, path, createdAt],
      );
      await client.query(
        `INSERT INTO "User" ("login", "name", "passwordHash", "role", "regionId", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, 'LEADER', $4, $5, $5)`,
        [`syn-c${String(cityNo).padStart(2, "0")}.leader`, `${cityName(cityNo)}领导`, passwordHash, id, createdAt],
      );
      cities.set(cityNo, { id: id!, path });
      created++;
      users++;
    }
    await client.query("COMMIT");
    return { cities, created, users };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** The highest synthetic district number already in the database (0 if none). */
async function lastDistrictNo(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number | null }>(
    `SELECT max(substring("code" FROM 'D([0-9]+)$')::int) AS n FROM "Region" WHERE "level" = 'DISTRICT' AND "code" ~ '^S[0-9]+D[0-9]+$'`,
  );
  return rows[0]?.n ?? 0;
}

// ---------------------------------------------------------------------------

/**
 * Adds `districts` synthetic districts after the ones already there, each
 * with units, groups, accounts, plans, measures, assignments and five years
 * of progress reports, then ANALYZEs. Returns the rows written.
 */
export async function generateProvince(target: pg.Client | string, options: SynthOptions): Promise<SynthCounts> {
  const started = Date.now();
  const seed = options.seed ?? 1;
  const today = options.today ?? todayInChina();
  if (!Number.isInteger(options.districts) || options.districts < 1)
    throw new RangeError(`districts must be a positive integer: ${options.districts}`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 1_000_000_000)
    throw new RangeError(`seed must be an integer 0–1000000000: ${seed}`);
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD: ${today}`);

  const ownClient = typeof target === "string";
  const main = ownClient ? new pg.Client({ connectionString: target }) : target;
  if (ownClient) await main.connect();
  const workers: pg.Client[] = [];
  try {
    // Two runs at once would number their districts alike.
    await main.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    const pool = loadSeedPool();
    const passwordHash = await hashPassword(SYNTH_PASSWORD);
    const seq = await sequences(main);
    const first = (await lastDistrictNo(main)) + 1;
    const last = first + options.districts - 1;
    const numbers = Array.from({ length: options.districts }, (_, i) => first + i);
    const cityNos = [...new Set(numbers.map(cityOf))];
    const {
      cities,
      created: citiesCreated,
      users: leadersCreated,
    } = await ensureProvinceAndCities(main, seq, passwordHash, cityNos, beijing(`${Number(today.slice(0, 4)) - 5}-12-01`, 9));
    const { rows: su } = await main.query<{ on: boolean }>("SELECT current_setting('is_superuser') = 'on' AS on");
    const ctx: Context = { bulkLoad: su[0]?.on === true, seed, today, passwordHash, seq, cities };

    const concurrency = ownClient ? Math.max(1, Math.min(options.concurrency ?? 2, options.districts)) : 1;
    const clients: pg.ClientBase[] = [main];
    for (let i = 1; i < concurrency; i++) {
      const extra = new pg.Client({ connectionString: target as string });
      await extra.connect();
      workers.push(extra);
      clients.push(extra);
    }

    const totals: DistrictCounts = {
      districts: 0,
      towns: 0,
      units: 0,
      unitAliases: 0,
      unitGroups: 0,
      groupMembers: 0,
      users: leadersCreated,
      plans: 0,
      sections: 0,
      measures: 0,
      deadlineExtensions: 0,
      assignments: 0,
      progressReports: 0,
    };
    let next = 0;
    let done = 0;
    let failed = false;
    await Promise.all(
      clients.map(async (client) => {
        while (next < numbers.length && !failed) {
          const districtNo = numbers[next++]!;
          const model = buildDistrict({ districtNo, seed, today, pool });
          const counts = await writeDistrict(client, ctx, model).catch((error: unknown) => {
            failed = true;
            throw error;
          });
          for (const key of Object.keys(totals) as (keyof DistrictCounts)[]) totals[key] += counts[key];
          done++;
          options.onProgress?.({ districtNo, done, total: numbers.length, elapsedMs: Date.now() - started });
        }
      }),
    );
    // Fresh statistics, so the dashboards' plans fit the new row counts at once.
    await main.query("ANALYZE");
    return { ...totals, firstDistrict: first, lastDistrict: last, cities: citiesCreated, elapsedMs: Date.now() - started };
  } finally {
    await main.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    for (const worker of workers) await worker.end().catch(() => {});
    if (ownClient) await main.end().catch(() => {});
  }
}
