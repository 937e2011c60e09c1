import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDistributionProblems } from "@/lib/db/distribution.ts";

const docPath = path.resolve(import.meta.dirname, "../../docs/scale-out.md");
const docText = fs.existsSync(docPath) ? fs.readFileSync(docPath, "utf8") : "";

describe("the catalogue, lib/db/table-classes.ts and docs/scale-out.md", () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  // Every table classified and named in the document; every district table
  // with "districtId" NOT NULL, in every primary key and unique index (or an
  // exception the document explains); no foreign key Citus could not keep.
  it("agree: the schema is ready to distribute by districtId", async () => {
    expect(await findDistributionProblems(client, docText)).toEqual([]);
  });

  // 20261206100000 re-adds the foreign keys NOT VALID to keep its locks short;
  // the next migration must have validated every one, or old rows go unchecked.
  it("leaves no foreign key unvalidated after the migrations", async () => {
    const { rows } = await client.query(`SELECT conname FROM pg_constraint WHERE contype = 'f' AND NOT convalidated ORDER BY conname`);
    expect(rows).toEqual([]);
  });

  async function inRolledBackTransaction(sql: string[]): Promise<string[]> {
    await client.query("BEGIN");
    try {
      for (const statement of sql) await client.query(statement);
      return await findDistributionProblems(client, docText);
    } finally {
      await client.query("ROLLBACK");
    }
  }

  it("a new table must be classified", async () => {
    const problems = await inRolledBackTransaction([`CREATE TABLE "Gadget" ("id" SERIAL PRIMARY KEY)`]);
    expect(problems).toEqual([expect.stringMatching(/^table "Gadget": not classified/)]);
  });

  it("a district table's districtId must be NOT NULL, in every key, and no reference table may point into it", async () => {
    const problems = await inRolledBackTransaction([
      `ALTER TABLE "Notification" ALTER COLUMN "districtId" DROP NOT NULL`,
      `CREATE UNIQUE INDEX "Plan_title_key" ON "Plan"("title")`,
      `ALTER TABLE "Region" ADD COLUMN "mainPlanId" INTEGER REFERENCES "Plan"("id")`,
    ]);
    expect(problems).toEqual([
      `district table "Notification": "districtId" is nullable`,
      expect.stringMatching(/^unique index "Plan_title_key" on "Plan" \(title\): lacks "districtId"/),
      expect.stringMatching(/^foreign key "Region_mainPlanId_fkey" from reference table "Region" to district table "Plan"/),
    ]);
  });

  // Citus (commands/foreign_constraint.c) refuses ON UPDATE CASCADE/SET
  // NULL/SET DEFAULT and ON DELETE SET NULL/SET DEFAULT on a foreign key that
  // includes the distribution column: every key among distributed tables once
  // they are two-column keys, and any key from one that names its column.
  it("a foreign key among distributed tables may not cascade updates nor set null or default on delete", async () => {
    const problems = await inRolledBackTransaction([
      // Prisma's default ON UPDATE CASCADE, back on a key between district tables…
      `ALTER TABLE "Measure" DROP CONSTRAINT "Measure_planId_fkey"`,
      `ALTER TABLE "Measure" ADD CONSTRAINT "Measure_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
      // …and on the content tables' key by their distribution column.
      `ALTER TABLE "AttachmentChunk" DROP CONSTRAINT "AttachmentChunk_hash_fkey"`,
      `ALTER TABLE "AttachmentChunk" ADD CONSTRAINT "AttachmentChunk_hash_fkey" FOREIGN KEY ("hash") REFERENCES "AttachmentBlob"("hash") ON DELETE CASCADE ON UPDATE SET NULL`,
      // A new SET NULL and SET DEFAULT key that is no listed exception.
      `ALTER TABLE "Milestone" ADD COLUMN "indicatorId" INTEGER`,
      `ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE SET NULL`,
      `ALTER TABLE "Milestone" ADD COLUMN "evaluationId" INTEGER`,
      `ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE SET DEFAULT`,
      // To a reference table: refused only when the key names "districtId".
      `ALTER TABLE "Plan" ADD CONSTRAINT "Plan_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Region"("id") ON UPDATE CASCADE`,
      `ALTER TABLE "Plan" DROP CONSTRAINT "Plan_regionId_fkey"`,
      `ALTER TABLE "Plan" ADD CONSTRAINT "Plan_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE`,
    ]);
    expect(problems).toEqual([
      expect.stringMatching(
        /^foreign key "AttachmentChunk_hash_fkey" from content table "AttachmentChunk" to content table "AttachmentBlob": ON UPDATE SET NULL, which Citus refuses/,
      ),
      expect.stringMatching(
        /^foreign key "Measure_planId_fkey" from district table "Measure" to district table "Plan": ON UPDATE CASCADE, which Citus refuses/,
      ),
      expect.stringMatching(
        /^foreign key "Milestone_evaluationId_fkey" from district table "Milestone" to district table "Evaluation": ON DELETE SET DEFAULT, which Citus refuses .* does not list it$/,
      ),
      expect.stringMatching(
        /^foreign key "Milestone_indicatorId_fkey" from district table "Milestone" to district table "Indicator": ON DELETE SET NULL, which Citus refuses .* does not list it$/,
      ),
      expect.stringMatching(
        /^foreign key "Plan_districtId_fkey" from district table "Plan" to reference table "Region": ON UPDATE CASCADE, which Citus refuses/,
      ),
    ]);
  });

  it("an ON DELETE SET NULL exception must still say SET NULL, and the document must explain it", async () => {
    const problems = await inRolledBackTransaction([
      `ALTER TABLE "Finding" DROP CONSTRAINT "Finding_measureId_fkey"`,
      `ALTER TABLE "Finding" ADD CONSTRAINT "Finding_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    ]);
    expect(problems).toEqual([`ON DELETE SET NULL exception "Finding_measureId_fkey": no such foreign key among distributed tables`]);
    const edited = docText.replaceAll("`Notification_reminderId_fkey`", "the notification's reminder");
    expect(await findDistributionProblems(client, edited)).toEqual([
      `ON DELETE SET NULL exception "Notification_reminderId_fkey": not explained in docs/scale-out.md`,
    ]);
  });

  it("an exception the document does not explain is reported", async () => {
    const edited = docText.replaceAll("`AnnualReport_previousVersionId_key`", "the previous version's key");
    expect(await findDistributionProblems(client, edited)).toEqual([
      `key exception "AnnualReport_previousVersionId_key": not explained in docs/scale-out.md`,
    ]);
  });
});
