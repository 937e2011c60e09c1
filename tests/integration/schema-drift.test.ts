import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSchemaDrift } from "@/lib/db/drift.ts";

const schemaText = fs.readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");

describe("prisma/schema.prisma and the migrated database", () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  // The guard itself: add a model, column, unique or relation to the schema
  // without a migration and this fails, listing what is missing.
  it("agree", async () => {
    expect(await findSchemaDrift(client, schemaText)).toEqual([]);
  });

  it("a column added to the schema without a migration is reported", async () => {
    const edited = schemaText.replace(/model Unit \{\n/, "model Unit {\n  phone String?\n");
    expect(await findSchemaDrift(client, edited)).toEqual([`column "Unit"."phone": in the schema but not in the database`]);
  });

  it("a unique, a foreign key and nullability changed in the database are reported", async () => {
    await client.query("BEGIN");
    try {
      await client.query(`DROP INDEX "Unit_regionId_name_districtId_key"`);
      await client.query(`ALTER TABLE "Unit" DROP CONSTRAINT "Unit_regionId_fkey"`);
      await client.query(`ALTER TABLE "Unit" ALTER COLUMN "shortName" SET NOT NULL`);
      await client.query(`ALTER TABLE "Unit" ALTER COLUMN "sortOrder" TYPE bigint`);
      const drift = await findSchemaDrift(client, schemaText);
      expect(drift).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/unique \("regionId", "name", "districtId"\) on "Unit": in the schema but not in the database/),
          expect.stringMatching(/foreign key "Unit"\("regionId"\) -> "Region"\("id"\): in the schema but not in the database/),
          expect.stringMatching(/"Unit"."shortName": schema says nullable, database says NOT NULL/),
          expect.stringMatching(/"Unit"."sortOrder": schema says integer, database says bigint/),
        ]),
      );
    } finally {
      await client.query("ROLLBACK");
    }
  });

  it("a raw-SQL partial index (one 终期评估 per plan) is not schema drift, but dropping it is reported", async () => {
    await client.query("BEGIN");
    try {
      await client.query(`DROP INDEX "Evaluation_planId_final_key"`);
      expect(await findSchemaDrift(client, schemaText)).toEqual([
        `index "Evaluation_planId_final_key": made by a migration's raw SQL, but not in the database`,
      ]);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
