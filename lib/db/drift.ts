// Schema drift check: compares prisma/schema.prisma with a live database.
//
// Why this exists: migrations here are hand-written SQL, and the Prisma CLI
// cannot diff on this machine (`prisma migrate diff` needs the native schema
// engine, which cannot be downloaded here). So we read the schema through
// Prisma's own parser (getDMMF, WebAssembly, no engine binary) and compare it
// with the catalog of the database the migrations produced. Extensions,
// functions and triggers are out of scope, as they are for Prisma itself.
import type { Client, Pool } from "pg";
import type * as PrismaInternals from "@prisma/internals";

type Datamodel = Awaited<ReturnType<typeof PrismaInternals.getDMMF>>["datamodel"];
type Model = Datamodel["models"][number];
type Field = Model["fields"][number];

type Column = { type: string; nullable: boolean | null }; // null: not compared (lists)
type ForeignKey = { columns: string[]; refTable: string; refColumns: string[]; actions: string };
type Table = {
  columns: Map<string, Column>;
  primaryKey: string[];
  uniques: string[][];
  indexes: string[][];
  foreignKeys: ForeignKey[];
};
type Shape = { tables: Map<string, Table>; enums: Map<string, string[]>; rawSqlIndexes?: Set<string> };

const IGNORED_TABLES = new Set(["_prisma_migrations"]);

/**
 * Indexes Prisma's schema cannot express (partial ones), made by raw SQL in a
 * migration: not compared with the schema, only required to exist.
 */
export const RAW_SQL_INDEXES = new Set([
  // prisma/migrations/20261206130000_one_final_evaluation: one 终期评估 per plan.
  "Evaluation_planId_final_key",
]);

/** Lists the differences between the schema text and the database's public schema. */
export async function findSchemaDrift(client: Client | Pool, schemaText: string): Promise<string[]> {
  const expected = await shapeFromSchema(schemaText);
  const actual = await shapeFromDatabase(client);
  const out: string[] = [];
  for (const name of RAW_SQL_INDEXES) {
    if (!actual.rawSqlIndexes?.has(name)) out.push(`index "${name}": made by a migration's raw SQL, but not in the database`);
  }

  for (const [name, values] of expected.enums) {
    const dbValues = actual.enums.get(name);
    if (!dbValues) {
      out.push(`enum "${name}": in the schema but not in the database`);
      continue;
    }
    for (const v of values) if (!dbValues.includes(v)) out.push(`enum "${name}": value '${v}' in the schema but not in the database`);
    for (const v of dbValues) if (!values.includes(v)) out.push(`enum "${name}": value '${v}' in the database but not in the schema`);
  }
  for (const name of actual.enums.keys()) {
    if (!expected.enums.has(name)) out.push(`enum "${name}": in the database but not in the schema`);
  }

  for (const [name, table] of expected.tables) {
    const dbTable = actual.tables.get(name);
    if (!dbTable) out.push(`table "${name}": in the schema but not in the database`);
    else compareTables(name, table, dbTable, out);
  }
  for (const name of actual.tables.keys()) {
    if (!expected.tables.has(name)) out.push(`table "${name}": in the database but not in the schema`);
  }
  return out;
}

function compareTables(name: string, want: Table, have: Table, out: string[]): void {
  for (const [col, w] of want.columns) {
    const h = have.columns.get(col);
    if (!h) {
      out.push(`column "${name}"."${col}": in the schema but not in the database`);
      continue;
    }
    if (w.type !== h.type) out.push(`column "${name}"."${col}": schema says ${w.type}, database says ${h.type}`);
    if (w.nullable !== null && w.nullable !== h.nullable) {
      const say = (nullable: boolean | null) => (nullable ? "nullable" : "NOT NULL");
      out.push(`column "${name}"."${col}": schema says ${say(w.nullable)}, database says ${say(h.nullable)}`);
    }
  }
  for (const col of have.columns.keys()) {
    if (!want.columns.has(col)) out.push(`column "${name}"."${col}": in the database but not in the schema`);
  }

  const cols = (c: string[]) => `(${c.map((x) => `"${x}"`).join(", ")})`;
  if (cols(want.primaryKey) !== cols(have.primaryKey)) {
    out.push(`primary key of "${name}": schema says ${cols(want.primaryKey)}, database says ${cols(have.primaryKey)}`);
  }
  for (const [kind, w, h] of [
    ["unique", want.uniques, have.uniques],
    ["index", want.indexes, have.indexes],
  ] as const) {
    const hKeys = new Set(h.map(cols));
    const wKeys = new Set(w.map(cols));
    for (const k of wKeys) if (!hKeys.has(k)) out.push(`${kind} ${k} on "${name}": in the schema but not in the database`);
    for (const k of hKeys) if (!wKeys.has(k)) out.push(`${kind} ${k} on "${name}": in the database but not in the schema`);
  }

  const fkKey = (fk: ForeignKey) => `"${name}"${cols(fk.columns)} -> "${fk.refTable}"${cols(fk.refColumns)}`;
  const haveFks = new Map(have.foreignKeys.map((fk) => [fkKey(fk), fk]));
  const wantFks = new Map(want.foreignKeys.map((fk) => [fkKey(fk), fk]));
  for (const [key, fk] of wantFks) {
    const h = haveFks.get(key);
    if (!h) out.push(`foreign key ${key}: in the schema but not in the database`);
    else if (h.actions !== fk.actions) out.push(`foreign key ${key}: schema says ${fk.actions}, database says ${h.actions}`);
  }
  for (const key of haveFks.keys()) {
    if (!wantFks.has(key)) out.push(`foreign key ${key}: in the database but not in the schema`);
  }
}

// ---- The schema side -------------------------------------------------------

async function shapeFromSchema(schemaText: string): Promise<Shape> {
  // @prisma/internals is CommonJS whose exports Node's ESM loader cannot see by
  // name, so take them from `default` when they are not on the namespace.
  const mod = (await import("@prisma/internals")) as typeof PrismaInternals & { default?: typeof PrismaInternals };
  const getDMMF = mod.getDMMF ?? mod.default!.getDMMF;
  const { datamodel } = await getDMMF({ datamodel: schemaText });

  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const enums = new Map(datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]));
  const enumDbName = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tableOf = (m: Model) => m.dbName ?? m.name;
  const columnOf = (m: Model, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName);
    return f?.dbName ?? fieldName;
  };

  const tables = new Map<string, Table>();
  for (const m of datamodel.models) {
    const table: Table = { columns: new Map(), primaryKey: [], uniques: [], indexes: [], foreignKeys: [] };
    for (const f of m.fields) {
      if (f.kind === "scalar" || f.kind === "enum") {
        const base = f.kind === "enum" ? enumDbName.get(f.type)! : scalarType(f);
        table.columns.set(f.dbName ?? f.name, {
          type: f.isList ? `${base}[]` : base,
          nullable: f.isList ? null : !f.isRequired,
        });
      } else if (f.kind === "object" && f.relationFromFields?.length) {
        const target = models.get(f.type)!;
        const onDelete = f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull");
        table.foreignKeys.push({
          columns: f.relationFromFields.map((n) => columnOf(m, n)),
          refTable: tableOf(target),
          refColumns: (f.relationToFields ?? []).map((n) => columnOf(target, n)),
          actions: actions(onDelete, f.relationOnUpdate ?? "Cascade"),
        });
      }
    }
    tables.set(tableOf(m), table);
  }
  for (const index of datamodel.indexes) {
    const m = models.get(index.model)!;
    const table = tables.get(tableOf(m))!;
    const columns = index.fields.map((f) => columnOf(m, f.name));
    if (index.type === "id") table.primaryKey = columns;
    else if (index.type === "unique") table.uniques.push(columns);
    else table.indexes.push(columns);
  }
  return { tables, enums };
}

/** The type PostgreSQL reports (normalised like `dbType`) for a scalar field. */
function scalarType(f: Field): string {
  if (f.nativeType) {
    const [name, args] = f.nativeType;
    const withArgs = (t: string) => (args.length ? `${t}(${args.join(",")})` : t);
    switch (name) {
      case "VarChar":
        return withArgs("varchar");
      case "Char":
        return `char(${args[0] ?? 1})`;
      case "Decimal":
        return withArgs("numeric");
      case "DoublePrecision":
        return "double precision";
      case "VarBit":
        return withArgs("bit varying");
      default:
        return withArgs(name.toLowerCase()); // Text, Date, Timestamp(3), Uuid, JsonB, Integer...
    }
  }
  const defaults: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Decimal: "numeric(65,30)",
    Boolean: "boolean",
    DateTime: "timestamp(3)",
    Json: "jsonb",
    Bytes: "bytea",
  };
  return defaults[f.type] ?? `unknown type ${f.type}`;
}

const ACTION_SQL: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
  c: "CASCADE",
  r: "RESTRICT",
  a: "NO ACTION",
  n: "SET NULL",
  d: "SET DEFAULT", // pg_constraint codes
};
const actions = (onDelete: string, onUpdate: string) => `ON DELETE ${ACTION_SQL[onDelete]} ON UPDATE ${ACTION_SQL[onUpdate]}`;

// ---- The database side -----------------------------------------------------

/** format_type() spelling, shortened to the names used in the schema mapping. */
function dbType(formatted: string): string {
  return formatted
    .replace(/"/g, "")
    .replace(/^character varying/, "varchar")
    .replace(/^character\b/, "char")
    .replace(/^timestamp(\(\d+\))? with time zone/, "timestamptz$1")
    .replace(/^(timestamp|time)(\(\d+\))? without time zone/, "$1$2")
    .replace(/^time(\(\d+\))? with time zone/, "timetz$1");
}

async function shapeFromDatabase(client: Client | Pool): Promise<Shape> {
  const query = async <T>(sql: string): Promise<T[]> => (await (client as Pool).query(sql)).rows as T[];
  const inPublic = `n.nspname = 'public' AND c.relkind IN ('r', 'p')`;

  const tables = new Map<string, Table>();
  for (const { name } of await query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${inPublic}`,
  )) {
    if (!IGNORED_TABLES.has(name)) tables.set(name, { columns: new Map(), primaryKey: [], uniques: [], indexes: [], foreignKeys: [] });
  }

  for (const col of await query<{ table: string; name: string; type: string; notnull: boolean }>(`
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${inPublic} AND a.attnum > 0 AND NOT a.attisdropped`)) {
    tables.get(col.table)?.columns.set(col.name, { type: dbType(col.type), nullable: !col.notnull });
  }

  // Expression columns of an index have no attribute: shown as "(expression)".
  const rawSqlIndexes = new Set<string>();
  for (const ix of await query<{ table: string; name: string; unique: boolean; primary: boolean; columns: string[] }>(`
    SELECT c.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
      array(SELECT coalesce(a.attname::text, '(expression)')
            FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
            WHERE k.ord <= ix.indnkeyatts ORDER BY k.ord) AS columns
    FROM pg_index ix JOIN pg_class c ON c.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${inPublic}`)) {
    const table = tables.get(ix.table);
    if (!table) continue;
    if (RAW_SQL_INDEXES.has(ix.name)) {
      rawSqlIndexes.add(ix.name);
      continue;
    }
    if (ix.primary) table.primaryKey = ix.columns;
    else (ix.unique ? table.uniques : table.indexes).push(ix.columns);
  }

  for (const fk of await query<{ table: string; refTable: string; columns: string[]; refColumns: string[]; del: string; upd: string }>(`
    SELECT c.relname AS table, r.relname AS "refTable", con.confdeltype AS del, con.confupdtype AS upd,
      array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
      array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "refColumns"
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE con.contype = 'f' AND ${inPublic}`)) {
    tables.get(fk.table)?.foreignKeys.push({
      columns: fk.columns,
      refTable: fk.refTable,
      refColumns: fk.refColumns,
      actions: actions(fk.del, fk.upd),
    });
  }

  const enums = new Map<string, string[]>();
  for (const e of await query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name,
      array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typtype = 'e'`)) {
    enums.set(e.name, e.values);
  }
  return { tables, enums, rawSqlIndexes };
}
