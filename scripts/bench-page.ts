// Timing a page the way its reader waits for it: the production build
// (`next build`, once, or again when the sources are newer) served by
// `next start` over a given database, a sign-in through next-auth's
// credentials endpoint, then GET the page N times with the session cookie and
// time each response to its last byte. Only 127.0.0.1 is ever contacted.
// Used by bench-dashboards (province_p95_ms); the lead may fold it into
// scripts/bench-http.ts.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "@/lib/db/embedded.ts";
import { ROOT } from "@/scripts/bench-support.ts";

const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "components", "lib", "public", "types", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json", "prisma/schema.prisma"];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(target)
    .filter((name) => name !== "generated")
    .reduce((max, name) => Math.max(max, newestMtime(path.join(target, name))), stat.mtimeMs);
}

/** Runs `next build` unless .next holds a build newer than every source (as scripts/start.ts decides). */
export function buildIfStale(log: (line: string) => void = console.log): void {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const fresh = fs.existsSync(buildId) && SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= fs.statSync(buildId).mtimeMs);
  if (fresh && process.env.BENCH_PAGE_BUILD !== "1") return;
  log("[bench] next build (production bundle) …");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
}

export type PageServer = { url: string; stop: () => Promise<void> };

/** `next start` on a free port over `databaseUrl`, with the preloads scripts/start.ts uses; resolves once /api/health answers. */
export async function startPageServer(databaseUrl: string): Promise<PageServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--require",
      path.join(ROOT, "scripts", "client-address-preload.cjs"),
      "--require",
      path.join(ROOT, "scripts", "request-id-preload.cjs"),
      nextBin,
      "start",
      "--port",
      String(port),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: crypto.randomBytes(32).toString("base64"),
        AUTH_URL: url,
        NEXTAUTH_URL: url,
        PORT: String(port),
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`next start did not answer within 60 s:\n${stderr}`);
}

/** Cookies from a response's Set-Cookie headers, merged into `jar`. */
function keepCookies(jar: Map<string, string>, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in through next-auth's credentials provider, as the login form does; returns the Cookie header of the session. */
export async function signIn(url: string, login: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${url}/api/auth/csrf`);
  keepCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, login, password, callbackUrl: `${url}/`, json: "true" }),
  });
  keepCookies(jar, response);
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) {
    throw new Error(`sign-in as ${login} failed (${response.status}): ${(await response.text()).slice(0, 300)}`);
  }
  return cookieHeader(jar);
}

export type PageTiming = { times: number[]; bytes: number; status: number };

/** GETs `pagePath` `runs` times, one after another; each time is to the last byte of the HTML. */
export async function timePage(url: string, pagePath: string, cookie: string, runs: number): Promise<PageTiming> {
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(`${url}${pagePath}`, { headers: { Cookie: cookie }, redirect: "manual" });
    const body = new Uint8Array(await response.arrayBuffer());
    times.push(performance.now() - started);
    bytes = body.byteLength;
    status = response.status;
    if (status !== 200) throw new Error(`GET ${pagePath} answered ${status}`);
  }
  return { times, bytes, status };
}
