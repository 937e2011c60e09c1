import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client.ts";
import { findDistrictMismatches } from "@/lib/db/distribution.ts";
import { seedDemoData } from "@/lib/demo/seed.ts";
import type { Mailer } from "@/lib/notifications/mailer.ts";
import { runReminderJob } from "@/lib/notifications/reminder-job.ts";
import { generateProvince } from "@/lib/demo/synth/province.ts";

// Every writer gives a row the district of the row it hangs off: the unique
// keys that gained "districtId" (20261206093200_district_ids) mean what they
// meant only then, and the two-column foreign keys of the move to Citus
// (docs/scale-out.md) would refuse any other row.

const TODAY = "2026-12-06";
const silentMailer: Mailer = { configured: false, send: async () => {} };

describe("districtId agrees with the row it points at", () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("in the demo (imported plans and annual reports, reports and reviews, extensions, inspections) and after the reminder job", async () => {
    await seedDemoData(db(), { today: TODAY });
    await runReminderJob(TODAY, { mailer: silentMailer });
    expect(await client.query(`SELECT count(*)::int AS n FROM "Assignment"`).then((r) => r.rows[0].n)).toBeGreaterThan(100);
    expect(await findDistrictMismatches(client)).toEqual([]);

    // The check itself: one report moved to another district is found.
    await client.query(
      `UPDATE "ProgressReport" SET "districtId" = "districtId" + 1000 WHERE "id" = (SELECT min("id") FROM "ProgressReport" WHERE "assignmentId" IS NOT NULL)`,
    );
    expect(await findDistrictMismatches(client)).toEqual(
      expect.arrayContaining([`ProgressReport_assignmentId_fkey: 1 "ProgressReport" rows in another district than their "Assignment"`]),
    );
  }, 120_000);

  it("in the synthetic province", async () => {
    await generateProvince(process.env.DATABASE_URL!, { districts: 2, seed: 1, today: TODAY });
    expect(await findDistrictMismatches(client)).toEqual([]);
  }, 120_000);
});
