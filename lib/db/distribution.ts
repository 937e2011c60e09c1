// Checks the live catalogue against lib/db/table-classes.ts and
// docs/scale-out.md, so the promise "the schema can be distributed by
// districtId" stays true as tables and keys are added. Returns what is wrong,
// one line each; an empty list means ready.
import type { Client, Pool } from "pg";
import {
  CROSS_CLASS_FOREIGN_KEYS,
  DELETE_SET_NULL_EXCEPTIONS,
  DISTRICT_KEY_EXCEPTIONS,
  TABLE_CLASSES,
  type TableClass,
} from "./table-classes.ts";

export type Classification = {
  classes: Record<string, { class: TableClass; why: string }>;
  keyExceptions: Record<string, string>;
  crossClassForeignKeys: Record<string, string>;
  deleteSetNullExceptions: Record<string, string>;
};

const OURS: Classification = {
  classes: TABLE_CLASSES,
  keyExceptions: DISTRICT_KEY_EXCEPTIONS,
  crossClassForeignKeys: CROSS_CLASS_FOREIGN_KEYS,
  deleteSetNullExceptions: DELETE_SET_NULL_EXCEPTIONS,
};

/** The column each distributed class is distributed by. */
const DISTRIBUTION_COLUMN: Partial<Record<TableClass, string>> = { district: "districtId", content: "hash" };

const ACTION: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

export async function findDistributionProblems(
  client: Client | Pool,
  docText: string,
  classification: Classification = OURS,
): Promise<string[]> {
  const { classes, keyExceptions, crossClassForeignKeys, deleteSetNullExceptions } = classification;
  const out: string[] = [];
  const named = (name: string) => docText.includes(`\`${name}\``);
  const classOf = (table: string) => classes[table]?.class;

  const tables = (
    await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    )
  ).rows.map((r) => r.name);
  for (const table of tables) {
    if (!classes[table]) out.push(`table "${table}": not classified in lib/db/table-classes.ts (district, reference, content or local)`);
  }
  for (const table of Object.keys(classes)) {
    if (!named(table)) out.push(`table "${table}": not named in docs/scale-out.md`);
  }

  const districtColumns = new Map(
    (
      await client.query<{ table: string; type: string; nullable: string }>(
        `SELECT table_name AS table, data_type AS type, is_nullable AS nullable FROM information_schema.columns
         WHERE table_schema = 'public' AND column_name = 'districtId'`,
      )
    ).rows.map((r) => [r.table, r]),
  );
  const districtTables = tables.filter((t) => classOf(t) === "district");
  for (const table of districtTables) {
    const column = districtColumns.get(table);
    if (!column) out.push(`district table "${table}": has no "districtId"`);
    else {
      if (column.nullable !== "NO") out.push(`district table "${table}": "districtId" is nullable`);
      if (column.type !== "integer") out.push(`district table "${table}": "districtId" is ${column.type}, not integer like "Region"."id"`);
    }
  }

  // Primary keys, unique constraints and unique indexes alike: Citus needs the
  // distribution column in each.
  const uniques = (
    await client.query<{ table: string; name: string; columns: string[] }>(
      `SELECT t.relname AS table, i.relname AS name,
              array(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND x.indisunique ORDER BY 1, 2`,
    )
  ).rows;
  const lacking = new Set<string>();
  for (const u of uniques) {
    if (classOf(u.table) !== "district" || u.columns.includes("districtId")) continue;
    lacking.add(u.name);
    if (!(u.name in keyExceptions)) {
      out.push(
        `unique index "${u.name}" on "${u.table}" (${u.columns.join(", ")}): lacks "districtId" and is not an exception in lib/db/table-classes.ts`,
      );
    }
  }
  for (const name of Object.keys(keyExceptions)) {
    if (!lacking.has(name))
      out.push(`key exception "${name}": no such primary key or unique index without "districtId" on a district table`);
    if (!named(name)) out.push(`key exception "${name}": not explained in docs/scale-out.md`);
  }

  // Citus: a reference or coordinator table cannot point into a shard, nor a
  // distributed table at a coordinator-only one.
  const foreignKeys = (
    await client.query<{ name: string; from: string; to: string; columns: string[]; onUpdate: string; onDelete: string }>(
      `SELECT c.conname AS name, f.relname AS from, t.relname AS to,
              array(SELECT a.attname::text FROM unnest(c.conkey) k(attnum)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
              c.confupdtype AS "onUpdate", c.confdeltype AS "onDelete"
       FROM pg_constraint c JOIN pg_class f ON f.oid = c.conrelid JOIN pg_class t ON t.oid = c.confrelid
       WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace ORDER BY 1`,
    )
  ).rows;
  const crossing = new Set<string>();
  for (const fk of foreignKeys) {
    const from = classOf(fk.from);
    const to = classOf(fk.to);
    if (!from || !to) continue; // the unclassified table is already reported
    const intoShard = to === "district" && from !== "district";
    const fromShardToCoordinator = from === "district" && to === "local";
    if (!intoShard && !fromShardToCoordinator) continue;
    crossing.add(fk.name);
    if (!(fk.name in crossClassForeignKeys)) {
      out.push(
        `foreign key "${fk.name}" from ${from} table "${fk.from}" to ${to} table "${fk.to}": Citus cannot keep it, and lib/db/table-classes.ts does not list it`,
      );
    }
  }
  for (const name of Object.keys(crossClassForeignKeys)) {
    if (!crossing.has(name)) out.push(`cross-class foreign key "${name}": no such foreign key across classes`);
    if (!named(name)) out.push(`cross-class foreign key "${name}": not explained in docs/scale-out.md`);
  }

  // Citus (commands/foreign_constraint.c, EnsureSupportedFKeyOnDistKey)
  // refuses ON UPDATE CASCADE/SET NULL/SET DEFAULT and ON DELETE SET NULL/SET
  // DEFAULT on a foreign key that includes the referencing table's
  // distribution column. Between two distributed tables every foreign key
  // includes it once the keys migration has made them two-column keys, so
  // those are held to the rule today as well.
  const setNullKeys = new Set<string>();
  for (const fk of foreignKeys) {
    const from = classOf(fk.from);
    const to = classOf(fk.to);
    const distribution = from && DISTRIBUTION_COLUMN[from];
    if (!distribution || !to) continue;
    if (!DISTRIBUTION_COLUMN[to] && !fk.columns.includes(distribution)) continue;
    const what = `foreign key "${fk.name}" from ${from} table "${fk.from}" to ${to} table "${fk.to}"`;
    if (["c", "n", "d"].includes(fk.onUpdate)) {
      out.push(
        `${what}: ON UPDATE ${ACTION[fk.onUpdate]}, which Citus refuses on a key with the distribution column (ids never change: NO ACTION)`,
      );
    }
    if (["n", "d"].includes(fk.onDelete)) {
      setNullKeys.add(fk.name);
      if (!(fk.name in deleteSetNullExceptions)) {
        out.push(
          `${what}: ON DELETE ${ACTION[fk.onDelete]}, which Citus refuses on a key with the distribution column, and lib/db/table-classes.ts does not list it`,
        );
      }
    }
  }
  for (const name of Object.keys(deleteSetNullExceptions)) {
    if (!setNullKeys.has(name)) out.push(`ON DELETE SET NULL exception "${name}": no such foreign key among distributed tables`);
    if (!named(name)) out.push(`ON DELETE SET NULL exception "${name}": not explained in docs/scale-out.md`);
  }
  return out;
}

/**
 * Rows whose "districtId" differs from the row they point at (a report and its
 * assignment, a unit and its region's district), per foreign key: the unique
 * keys that gained "districtId" mean the same only while there are none, and
 * the two-column foreign keys of the move (docs/scale-out.md) refuse them.
 */
export async function findDistrictMismatches(client: Client | Pool): Promise<string[]> {
  const district = Object.keys(TABLE_CLASSES).filter((t) => TABLE_CLASSES[t]!.class === "district");
  const foreignKeys = (
    await client.query<{ name: string; from: string; column: string; to: string; refColumn: string }>(
      `SELECT c.conname AS name, f.relname AS from, a.attname AS column, t.relname AS to, r.attname AS "refColumn"
       FROM pg_constraint c
       JOIN pg_class f ON f.oid = c.conrelid JOIN pg_class t ON t.oid = c.confrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
       WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND cardinality(c.conkey) = 1
         AND f.relname = ANY($1) AND (t.relname = ANY($1) OR t.relname = 'Region')
       ORDER BY 1`,
      [district],
    )
  ).rows;
  const out: string[] = [];
  for (const fk of foreignKeys) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${fk.from}" c JOIN "${fk.to}" p ON p."${fk.refColumn}" = c."${fk.column}"
       WHERE c."districtId" IS DISTINCT FROM p."districtId"`,
    );
    if (rows[0]!.n > 0) out.push(`${fk.name}: ${rows[0]!.n} "${fk.from}" rows in another district than their "${fk.to}"`);
  }
  return out;
}
