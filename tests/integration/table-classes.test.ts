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

  it("an exception the document does not explain is reported", async () => {
    const edited = docText.replaceAll("`AnnualReport_previousVersionId_key`", "the previous version's key");
    expect(await findDistributionProblems(client, edited)).toEqual([
      `key exception "AnnualReport_previousVersionId_key": not explained in docs/scale-out.md`,
    ]);
  });
});
