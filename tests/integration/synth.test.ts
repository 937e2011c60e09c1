import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password.ts";
import type { ReportCadence } from "@/lib/generated/prisma/enums.ts";
import { addDays, periodContaining } from "@/lib/reporting/periods.ts";
import { PROVINCE_CODE, PROVINCE_LEADER_LOGIN, SYNTH_PASSWORD, generateProvince } from "@/lib/demo/synth/province.ts";
import { loadSeedPool } from "@/lib/demo/synth/seed-pool.ts";

// The synthetic province (npm run cli -- synth) in this file's own database:
// two districts, then the invariants the dashboards rely on, checked in SQL.

const TODAY = "2026-11-23";
const SLOW = 240_000;

let client: pg.Client;

beforeEach(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});

afterEach(async () => {
  await client.end();
});

async function rows<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query<T>(sql, params)).rows;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await rows<{ n: string }>(sql, params);
  return Number(row!.n);
}

/** Everything about a district that must not depend on ids or on how the run was split. */
async function fingerprints(): Promise<Record<string, { measures: string; reports: string; assignments: number }>> {
  const result = await rows<{ code: string; measures: string; reports: string; assignments: string }>(`
    SELECT r."code",
      (SELECT md5(string_agg(concat_ws('|', p."title", m."code", m."text", m."deadline", m."originalDeadline", m."ongoing"), E'\\n'
                             ORDER BY p."title", m."sortOrder"))
         FROM "Measure" m JOIN "Plan" p ON p."id" = m."planId" WHERE m."districtId" = r."id") AS measures,
      (SELECT md5(string_agg(concat_ws('|', p."title", m."sortOrder", u."name", a."role", a."status", a."percent", a."completedAt",
                                       pr."periodStart", pr."state", pr."claimedStatus", pr."percent", pr."submittedAt", pr."reviewedAt"), ','
                             ORDER BY p."title", m."sortOrder", u."name", a."role", pr."periodStart"))
         FROM "ProgressReport" pr JOIN "Assignment" a ON a."id" = pr."assignmentId" JOIN "Measure" m ON m."id" = a."measureId"
         JOIN "Plan" p ON p."id" = m."planId" JOIN "Unit" u ON u."id" = a."unitId"
        WHERE pr."districtId" = r."id") AS reports,
      (SELECT count(*) FROM "Assignment" a WHERE a."districtId" = r."id") AS assignments
    FROM "Region" r WHERE r."level" = 'DISTRICT' AND r."code" LIKE 'S%'
    ORDER BY r."code"`);
  return Object.fromEntries(result.map((r) => [r.code, { measures: r.measures, reports: r.reports, assignments: Number(r.assignments) }]));
}

async function wipe() {
  // Cascades to every table that hangs off regions and users; reference data (OutlineArea) stays.
  await client.query(`TRUNCATE "Region", "User" RESTART IDENTITY CASCADE`);
}

describe("synthetic province", () => {
  it(
    "writes two districts whose rows agree with each other",
    async () => {
      const counts = await generateProvince(process.env.DATABASE_URL!, { districts: 2, seed: 1, today: TODAY });
      expect(counts).toMatchObject({ firstDistrict: 1, lastDistrict: 2, districts: 2, cities: 1 });

      // --- The returned counts are the rows in the database.
      const tables: [keyof typeof counts, string][] = [
        ["units", "Unit"],
        ["unitAliases", "UnitAlias"],
        ["unitGroups", "UnitGroup"],
        ["groupMembers", "UnitGroupMember"],
        ["users", "User"],
        ["plans", "Plan"],
        ["sections", "Section"],
        ["measures", "Measure"],
        ["deadlineExtensions", "DeadlineExtension"],
        ["assignments", "Assignment"],
        ["progressReports", "ProgressReport"],
      ];
      for (const [key, table] of tables) expect(await count(`SELECT count(*) AS n FROM "${table}"`), table).toBe(counts[key]);

      // --- Sizes per district, as DESIGN.md's scale asks.
      const perDistrict = await rows<{
        units: string;
        groups: string;
        plans: string;
        measures: string;
        assignments: string;
        reports: string;
      }>(`
        SELECT (SELECT count(*) FROM "Unit" x WHERE x."districtId" = r."id") AS units,
               (SELECT count(*) FROM "UnitGroup" x WHERE x."districtId" = r."id") AS groups,
               (SELECT count(*) FROM "Plan" x WHERE x."districtId" = r."id") AS plans,
               (SELECT count(*) FROM "Measure" x WHERE x."districtId" = r."id") AS measures,
               (SELECT count(*) FROM "Assignment" x WHERE x."districtId" = r."id") AS assignments,
               (SELECT count(*) FROM "ProgressReport" x WHERE x."districtId" = r."id") AS reports
        FROM "Region" r WHERE r."level" = 'DISTRICT'`);
      expect(perDistrict).toHaveLength(2);
      for (const d of perDistrict) {
        expect(Number(d.units)).toBeGreaterThanOrEqual(65);
        expect(Number(d.units)).toBeLessThanOrEqual(100);
        expect(Number(d.groups)).toBeGreaterThanOrEqual(2);
        expect(Number(d.groups)).toBeLessThanOrEqual(3);
        expect(Number(d.plans)).toBeGreaterThanOrEqual(3);
        expect(Number(d.plans)).toBeLessThanOrEqual(6);
        expect(Number(d.measures)).toBeGreaterThanOrEqual(250);
        expect(Number(d.measures)).toBeLessThanOrEqual(360);
        const perMeasure = Number(d.assignments) / Number(d.measures);
        expect(perMeasure).toBeGreaterThan(25);
        expect(perMeasure).toBeLessThan(42);
        expect(Number(d.reports)).toBeGreaterThan(20_000);
      }

      // --- Region tree: province → city → districts → towns, paths materialised like createRegion.
      const regions = await rows<{
        id: number;
        code: string;
        level: string;
        parentId: number | null;
        path: string;
        districtId: number | null;
        parentPath: string | null;
        parentLevel: string | null;
        parentDistrict: number | null;
      }>(`
        SELECT r."id", r."code", r."level", r."parentId", r."path", r."districtId",
               p."path" AS "parentPath", p."level" AS "parentLevel", p."districtId" AS "parentDistrict"
        FROM "Region" r LEFT JOIN "Region" p ON p."id" = r."parentId" WHERE r."code" LIKE 'S%'`);
      const byLevel = (level: string) => regions.filter((r) => r.level === level);
      expect(byLevel("PROVINCE").map((r) => r.code)).toEqual([PROVINCE_CODE]);
      expect(byLevel("CITY")).toHaveLength(1);
      expect(
        byLevel("DISTRICT")
          .map((r) => r.code)
          .sort(),
      ).toEqual(["S01D001", "S01D002"]);
      expect(byLevel("TOWN").length).toBeGreaterThanOrEqual(4);
      const parentLevel = { PROVINCE: null, CITY: "PROVINCE", DISTRICT: "CITY", TOWN: "DISTRICT" } as Record<string, string | null>;
      for (const r of regions) {
        expect(r.code.length).toBeLessThanOrEqual(12);
        expect(r.parentLevel).toBe(parentLevel[r.level]);
        expect(r.path).toBe(`${r.parentPath ?? "/"}${r.id}/`);
        const district = r.level === "DISTRICT" ? r.id : r.level === "TOWN" ? r.parentDistrict : null;
        expect(r.districtId, r.code).toBe(district);
      }

      // --- Every district-owned row carries its parent's districtId (0 rows break the rule).
      const tenantChecks: Record<string, string> = {
        Unit: `SELECT count(*) AS n FROM "Unit" x JOIN "Region" r ON r."id" = x."regionId" WHERE x."districtId" IS DISTINCT FROM r."districtId"`,
        UnitAlias: `SELECT count(*) AS n FROM "UnitAlias" x JOIN "Unit" u ON u."id" = x."unitId" WHERE x."districtId" <> u."districtId" OR x."regionId" <> u."regionId"`,
        UnitGroup: `SELECT count(*) AS n FROM "UnitGroup" x JOIN "Region" r ON r."id" = x."regionId" WHERE x."districtId" IS DISTINCT FROM r."districtId"`,
        UnitGroupMember: `SELECT count(*) AS n FROM "UnitGroupMember" x JOIN "UnitGroup" g ON g."id" = x."groupId" JOIN "Unit" u ON u."id" = x."unitId" WHERE x."districtId" <> g."districtId" OR x."districtId" <> u."districtId"`,
        User: `SELECT count(*) AS n FROM "User" x JOIN "Region" r ON r."id" = x."regionId" LEFT JOIN "Unit" u ON u."id" = x."unitId" WHERE x."districtId" IS DISTINCT FROM r."districtId" OR (u."id" IS NOT NULL AND (u."districtId" <> x."districtId" OR u."regionId" <> x."regionId"))`,
        Plan: `SELECT count(*) AS n FROM "Plan" x JOIN "Region" r ON r."id" = x."regionId" LEFT JOIN "Plan" p ON p."id" = x."parentId" WHERE x."districtId" IS DISTINCT FROM r."districtId" OR p."districtId" <> x."districtId"`,
        Section: `SELECT count(*) AS n FROM "Section" x JOIN "Plan" p ON p."id" = x."planId" WHERE x."districtId" <> p."districtId"`,
        Measure: `SELECT count(*) AS n FROM "Measure" x JOIN "Plan" p ON p."id" = x."planId" JOIN "Section" s ON s."id" = x."sectionId" WHERE x."districtId" <> p."districtId" OR s."planId" <> x."planId"`,
        DeadlineExtension: `SELECT count(*) AS n FROM "DeadlineExtension" x JOIN "Measure" m ON m."id" = x."measureId" JOIN "Unit" u ON u."id" = x."unitId" WHERE x."districtId" <> m."districtId" OR u."districtId" <> x."districtId"`,
        Assignment: `SELECT count(*) AS n FROM "Assignment" x JOIN "Measure" m ON m."id" = x."measureId" JOIN "Unit" u ON u."id" = x."unitId" WHERE x."districtId" <> m."districtId" OR x."districtId" <> u."districtId"`,
        ProgressReport: `SELECT count(*) AS n FROM "ProgressReport" x JOIN "Assignment" a ON a."id" = x."assignmentId" WHERE x."districtId" <> a."districtId"`,
      };
      for (const [table, sql] of Object.entries(tenantChecks)) expect(await count(sql), table).toBe(0);

      // --- Assignments and reports are bulk-loaded: no key may dangle.
      const danglingChecks = [
        `SELECT count(*) AS n FROM "Assignment" x LEFT JOIN "Measure" m ON m."id" = x."measureId" LEFT JOIN "Unit" u ON u."id" = x."unitId" WHERE m."id" IS NULL OR u."id" IS NULL`,
        `SELECT count(*) AS n FROM "Assignment" x LEFT JOIN "UnitGroup" g ON g."id" = x."viaGroupId" WHERE x."viaGroupId" IS NOT NULL AND g."id" IS NULL`,
        `SELECT count(*) AS n FROM "ProgressReport" x LEFT JOIN "Assignment" a ON a."id" = x."assignmentId" WHERE a."id" IS NULL`,
        `SELECT count(*) AS n FROM "ProgressReport" x LEFT JOIN "User" u ON u."id" = x."authorId" LEFT JOIN "User" v ON v."id" = x."reviewerId" WHERE u."id" IS NULL OR (x."reviewerId" IS NOT NULL AND v."id" IS NULL)`,
      ];
      for (const sql of danglingChecks) expect(await count(sql), sql).toBe(0);

      // --- What the actions write beside a report: its first submission, and each return's row.
      expect(await count(`SELECT count(*) AS n FROM "ProgressReport" WHERE "firstSubmittedAt" IS DISTINCT FROM "submittedAt"`)).toBe(0);
      const returned = await count(`SELECT count(*) AS n FROM "ProgressReport" WHERE "state" = 'RETURNED'`);
      expect(returned).toBeGreaterThan(0);
      expect(await count(`SELECT count(*) AS n FROM "ReportReturn"`)).toBe(returned);
      expect(
        await count(`SELECT count(DISTINCT x."reportId") AS n FROM "ReportReturn" x JOIN "ProgressReport" r ON r."id" = x."reportId"
                     WHERE r."state" = 'RETURNED' AND x."districtId" = r."districtId" AND x."reviewerId" = r."reviewerId"
                       AND x."comment" = r."reviewComment" AND x."returnedAt" = r."reviewedAt"`),
      ).toBe(returned);

      // --- Leads are named directly (1–3 per measure); group assignments go to members of their group.
      expect(
        await count(`SELECT count(*) AS n FROM (SELECT m."id", count(a."id") FILTER (WHERE a."role" = 'LEAD') AS leads
                     FROM "Measure" m LEFT JOIN "Assignment" a ON a."measureId" = m."id" GROUP BY m."id") x WHERE leads NOT BETWEEN 1 AND 3`),
      ).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM "Assignment" WHERE "role" = 'LEAD' AND "source" <> 'DIRECT'`)).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM "Assignment" WHERE ("source" = 'GROUP') <> ("viaGroupId" IS NOT NULL)`)).toBe(0);
      expect(
        await count(`SELECT count(*) AS n FROM "Assignment" a LEFT JOIN "UnitGroupMember" gm ON gm."groupId" = a."viaGroupId" AND gm."unitId" = a."unitId"
                     WHERE a."source" = 'GROUP' AND gm."unitId" IS NULL`),
      ).toBe(0);
      const viaGroup = await count(`SELECT count(*) AS n FROM "Assignment" WHERE "source" = 'GROUP'`);
      expect(viaGroup / counts.assignments).toBeGreaterThan(0.5);

      // --- Report periods are real periods of the plan's cadence, starting no earlier than the assignment's period.
      const periods = await rows<{ cadence: ReportCadence; start: string; end: string }>(`
        SELECT DISTINCT p."reportCadence" AS cadence, to_char(r."periodStart", 'YYYY-MM-DD') AS start, to_char(r."periodEnd", 'YYYY-MM-DD') AS end
        FROM "ProgressReport" r JOIN "Assignment" a ON a."id" = r."assignmentId" JOIN "Measure" m ON m."id" = a."measureId"
        JOIN "Plan" p ON p."id" = m."planId"`);
      expect(periods.length).toBeGreaterThan(15);
      for (const period of periods) {
        const real = periodContaining(period.start, period.cadence);
        expect({ start: real.start, end: real.end }, `${period.cadence} ${period.start}`).toEqual({ start: period.start, end: period.end });
      }
      expect(new Set(periods.map((p) => p.cadence)).has("QUARTERLY")).toBe(true);
      expect(
        await count(
          `SELECT count(*) AS n FROM "ProgressReport" r JOIN "Assignment" a ON a."id" = r."assignmentId"
                     WHERE r."periodEnd" < (a."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date
                        OR r."periodStart" > $1::date`,
          [TODAY],
        ),
      ).toBe(0);

      // --- Review states and times tell one story.
      const badStates = await count(`
        SELECT count(*) AS n FROM "ProgressReport" WHERE
             ("state" = 'DRAFT') <> ("submittedAt" IS NULL)
          OR ("state" IN ('APPROVED', 'RETURNED')) <> ("reviewedAt" IS NOT NULL)
          OR ("reviewerId" IS NULL) <> ("reviewedAt" IS NULL)
          OR ("reviewComment" IS NOT NULL) <> ("state" = 'RETURNED')
          OR "reviewedAt" <= "submittedAt"
          OR "submittedAt"::date <= "periodEnd"
          OR "createdAt" > coalesce("submittedAt", "createdAt")
          OR ("claimedStatus" = 'COMPLETED') <> ("percent" = 100)`);
      expect(badStates).toBe(0);
      // Written by the unit's own liaison, reviewed by the district's bureau.
      expect(
        await count(`SELECT count(*) AS n FROM "ProgressReport" r JOIN "Assignment" a ON a."id" = r."assignmentId"
                     JOIN "User" au ON au."id" = r."authorId" LEFT JOIN "User" rv ON rv."id" = r."reviewerId"
                     WHERE au."role" <> 'LIAISON' OR au."unitId" <> a."unitId" OR (rv."id" IS NOT NULL AND (rv."role" <> 'BUREAU' OR rv."districtId" <> r."districtId"))`),
      ).toBe(0);

      // --- Derived Assignment columns agree with the reports (as lib/progress/actions.ts leaves them).
      const derivedMismatches = await count(`
        WITH agg AS (
          SELECT a."id", a."status", a."percent", a."completedAt", a."lastReportAt",
                 max(r."submittedAt") FILTER (WHERE r."state" <> 'DRAFT') AS last_report,
                 max(r."reviewedAt") FILTER (WHERE r."state" = 'APPROVED' AND r."claimedStatus" = 'COMPLETED') AS completed,
                 (array_agg(r."percent" ORDER BY r."periodStart" DESC) FILTER (WHERE r."state" = 'APPROVED' AND r."claimedStatus" = 'IN_PROGRESS'))[1] AS pct
          FROM "Assignment" a LEFT JOIN "ProgressReport" r ON r."assignmentId" = a."id"
          GROUP BY a."id")
        SELECT count(*) AS n FROM agg WHERE
             "lastReportAt" IS DISTINCT FROM last_report
          OR "completedAt" IS DISTINCT FROM completed
          OR "status"::text <> CASE WHEN completed IS NOT NULL THEN 'COMPLETED' WHEN last_report IS NOT NULL THEN 'IN_PROGRESS' ELSE 'NOT_STARTED' END
          OR "percent" <> CASE WHEN completed IS NOT NULL THEN 100 ELSE coalesce(pct, 0) END`);
      expect(derivedMismatches).toBe(0);
      // Each assignment reports at most once per period.
      expect(
        await count(
          `SELECT count(*) AS n FROM (SELECT 1 FROM "ProgressReport" GROUP BY "assignmentId", "periodStart", "periodEnd" HAVING count(*) > 1) x`,
        ),
      ).toBe(0);

      // --- The facts the traffic lights and dashboards need are all there.
      const facts = await rows<Record<string, string>>(
        `
        WITH ms AS (
          SELECT m."id", m."deadline", m."ongoing", m."originalDeadline",
                 bool_and(a."status" = 'COMPLETED') FILTER (WHERE a."role" = 'LEAD') AS done,
                 max(a."completedAt") FILTER (WHERE a."role" = 'LEAD') AS done_at
          FROM "Measure" m JOIN "Plan" p ON p."id" = m."planId" JOIN "Assignment" a ON a."measureId" = m."id"
          WHERE p."status" = 'IN_FORCE' GROUP BY m."id")
        SELECT count(*) FILTER (WHERE NOT done AND NOT ongoing AND deadline < $1::date) AS overdue,
               count(*) FILTER (WHERE NOT done AND NOT ongoing AND deadline BETWEEN $1::date AND $2::date) AS due_soon,
               count(*) FILTER (WHERE ongoing AND deadline IS NULL) AS ongoing,
               count(*) FILTER (WHERE done AND done_at::date <= deadline) AS on_time,
               count(*) FILTER (WHERE done AND done_at::date > deadline) AS late,
               count(*) FILTER (WHERE "originalDeadline" IS NOT NULL) AS extended,
               count(*) AS total
        FROM ms`,
        [TODAY, addDays(TODAY, 30)],
      );
      const f = Object.fromEntries(Object.entries(facts[0]!).map(([k, v]) => [k, Number(v)]));
      expect(f.overdue).toBeGreaterThan(0);
      expect(f.due_soon).toBeGreaterThan(0);
      expect(f.on_time).toBeGreaterThan(0);
      expect(f.late).toBeGreaterThan(0);
      expect(f.ongoing! / f.total!).toBeGreaterThan(0.08);
      expect(f.ongoing! / f.total!).toBeLessThan(0.25);
      expect(f.extended! / f.total!).toBeGreaterThan(0.04);
      // An extension moved the deadline: the approved request says from where to where.
      expect(
        await count(`SELECT count(*) AS n FROM "Measure" m LEFT JOIN "DeadlineExtension" e ON e."measureId" = m."id" AND e."state" = 'APPROVED'
                     WHERE (m."originalDeadline" IS NOT NULL) <> (e."id" IS NOT NULL)
                        OR (e."id" IS NOT NULL AND (e."oldDeadline" <> m."originalDeadline" OR e."newDeadline" <> m."deadline"))`),
      ).toBe(0);
      const states = Object.fromEntries(
        (await rows<{ state: string; n: string }>(`SELECT "state", count(*) AS n FROM "ProgressReport" GROUP BY 1`)).map((r) => [
          r.state,
          Number(r.n),
        ]),
      );
      expect(states.APPROVED! / counts.progressReports).toBeGreaterThan(0.8);
      for (const state of ["SUBMITTED", "RETURNED", "DRAFT"]) expect(states[state], state).toBeGreaterThan(0);
      // Returned and pending reports belong to the latest periods, not to history.
      expect(
        await count(`SELECT count(*) AS n FROM "ProgressReport" WHERE "state" <> 'APPROVED' AND "periodEnd" < $1::date - 400`, [TODAY]),
      ).toBe(0);

      // --- Wording comes from the seed documents.
      const pool = loadSeedPool();
      const texts = await rows<{ text: string }>(`SELECT DISTINCT "text" FROM "Measure"`);
      for (const { text } of texts) expect(pool.measureTexts).toContain(text);
      const titles = await rows<{ title: string }>(`SELECT DISTINCT "title" FROM "Section"`);
      for (const { title } of titles) expect(pool.chapterTitles).toContain(title);

      // --- Accounts: one bureau, one leader, one liaison per unit per district; a leader per city and for the province.
      const accounts = await rows<{ login: string; role: string; unitId: number | null; regionLevel: string; passwordHash: string }>(`
        SELECT u."login", u."role", u."unitId", r."level" AS "regionLevel", u."passwordHash"
        FROM "User" u JOIN "Region" r ON r."id" = u."regionId" WHERE u."login" LIKE 'syn-%'`);
      const roleOf = (login: string) => accounts.find((a) => a.login === login);
      expect(roleOf("syn-d001.bureau")).toMatchObject({ role: "BUREAU", regionLevel: "DISTRICT" });
      expect(roleOf("syn-d002.leader")).toMatchObject({ role: "LEADER", regionLevel: "DISTRICT", unitId: null });
      expect(roleOf("syn-d001.u001")).toMatchObject({ role: "LIAISON" });
      expect(roleOf("syn-c01.leader")).toMatchObject({ role: "LEADER", regionLevel: "CITY" });
      expect(roleOf(PROVINCE_LEADER_LOGIN)).toMatchObject({ role: "LEADER", regionLevel: "PROVINCE" });
      expect(accounts.filter((a) => a.role === "LIAISON")).toHaveLength(counts.units);
      expect(new Set(accounts.map((a) => a.passwordHash)).size).toBe(1);
      expect(await verifyPassword(SYNTH_PASSWORD, accounts[0]!.passwordHash)).toBe(true);
    },
    SLOW,
  );

  it(
    "continues the numbering on a second run and writes the same districts for the same seed",
    async () => {
      await generateProvince(process.env.DATABASE_URL!, { districts: 2, seed: 1, today: TODAY });
      const together = await fingerprints();
      expect(Object.keys(together)).toEqual(["S01D001", "S01D002"]);
      // Districts differ from each other.
      expect(together.S01D001!.measures).not.toBe(together.S01D002!.measures);

      // One at a time, through a caller's own connection: numbering continues, the city is reused.
      await wipe();
      const first = await generateProvince(client, { districts: 1, seed: 1, today: TODAY });
      const second = await generateProvince(client, { districts: 1, seed: 1, today: TODAY });
      expect([first.firstDistrict, first.lastDistrict, first.cities]).toEqual([1, 1, 1]);
      expect([second.firstDistrict, second.lastDistrict, second.cities]).toEqual([2, 2, 0]);
      expect(await count(`SELECT count(*) AS n FROM "Region" WHERE "level" IN ('PROVINCE', 'CITY')`)).toBe(2);
      expect(await fingerprints()).toEqual(together);

      // Another seed, another province.
      await wipe();
      await generateProvince(client, { districts: 1, seed: 2, today: TODAY });
      const other = await fingerprints();
      expect(other.S01D001!.measures).not.toBe(together.S01D001!.measures);
      expect(other.S01D001!.reports).not.toBe(together.S01D001!.reports);
    },
    SLOW,
  );
});
