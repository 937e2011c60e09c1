// Shared by the benches that talk to the app over HTTP (bench-load, and the
// province page's timing in bench-dashboards): the production build, a `next start` server started the
// way `npm start` starts it, signing in over next-auth's own endpoints, and a
// server action posted the way the browser posts it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ROOT } from "@/scripts/bench-support.ts";
import { buildIsStale } from "@/scripts/build-freshness.ts";

const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/**
 * Runs `next build` when the bundle is missing or older than the sources, as
 * `npm start` does (a bench of yesterday's bundle would measure yesterday's
 * code); BENCH_SKIP_BUILD=1 uses whatever bundle is there.
 */
export function ensureProductionBuild(log: (line: string) => void): void {
  if (process.env.BENCH_SKIP_BUILD === "1") {
    if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("BENCH_SKIP_BUILD=1 but there is no .next build");
    return;
  }
  if (!buildIsStale(ROOT)) return;
  log("building the production bundle (next build) …");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
}

export type NextServer = { name: string; url: string; port: number; logFile: string; stop: () => Promise<void> };

/**
 * `next start` with the preloads scripts/start.ts gives it (client address,
 * request id) and the environment it sets (database, auth secret and URL).
 * Output goes to `logFile`; resolves once /api/health answers.
 */
export async function startNextServer(options: {
  name: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  timeoutMs?: number;
}): Promise<NextServer> {
  const url = `http://127.0.0.1:${options.port}`;
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const out = fs.openSync(options.logFile, "w");
  const preload = path.join(ROOT, "scripts", "client-address-preload.cjs");
  const requestIdPreload = path.join(ROOT, "scripts", "request-id-preload.cjs");
  const child: ChildProcess = spawn(
    process.execPath,
    ["--require", preload, "--require", requestIdPreload, nextBin, "start", "--port", String(options.port), "--hostname", "127.0.0.1"],
    {
      cwd: ROOT,
      stdio: ["ignore", out, out],
      env: {
        ...options.env,
        AUTH_URL: url,
        NEXTAUTH_URL: url,
        PORT: String(options.port),
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server ${options.name} exited with ${child.exitCode}; see ${options.logFile}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server ${options.name} did not answer /api/health in time; see ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { name: options.name, url, port: options.port, logFile: options.logFile, stop };
}

/** Cookies by name, as a browser keeps them for one site (paths and expiry ignored). */
export class CookieJar {
  private cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";", 1)[0]!;
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/**
 * Signs in through next-auth's credentials endpoints, as the login page's
 * signIn("credentials", { redirect: false }) does: the CSRF token, then the
 * callback. `headers` go on both requests (e.g. the X-Forwarded-For a reverse
 * proxy would add). Throws with next-auth's error code on a refusal.
 */
export async function signIn(baseUrl: string, login: string, password: string, headers: Record<string, string> = {}): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  jar.store(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...headers,
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: jar.header(),
    },
    body: new URLSearchParams({ login, password, csrfToken, callbackUrl: `${baseUrl}/`, json: "true" }),
  });
  jar.store(response);
  const answer = response.headers.get("content-type")?.includes("json") ? ((await response.json()) as { url?: string }) : {};
  const error = answer.url ? new URL(answer.url).searchParams.get("error") : null;
  if (error || !jar.has("next-auth.session-token")) throw new Error(`sign-in of ${login} refused: ${error ?? `HTTP ${response.status}`}`);
  return jar;
}

/**
 * The id the production build gave a server action, from
 * .next/server/server-reference-manifest.json, by the file that exports it
 * and its exported name.
 */
export function serverActionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).filter(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (found.length !== 1) throw new Error(`server action ${filename}#${exportedName}: ${found.length} entries in the manifest`);
  return found[0]![0];
}

// React's Flight client, the copy Next bundles for the browser's router: its
// encodeReply builds the very body the browser posts for an action's arguments
// (a FormData argument travels as `_1_<field>` parts and `0` = ["$K1"]), and
// createFromFetch reads the answer, so nothing of the protocol is rewritten here.
type FlightClient = {
  encodeReply(args: unknown[]): Promise<FormData | string>;
  createFromFetch<T>(response: Promise<Response>, options: object): Promise<T>;
};
const flight = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.edge") as FlightClient;

/** The Next-Router-State-Tree header of a page at `pathname`, as the router sends it (segments of `tree`). */
export function routerStateTree(segments: (string | [string, string, string])[]): string {
  let node: unknown[] = ["__PAGE__", {}];
  for (const segment of [...segments].reverse()) node = [segment, { children: node }];
  return encodeURIComponent(JSON.stringify(["", { children: node }, null, null, true]));
}

export type ActionCall = { status: number; result: unknown; ms: number };

/**
 * Posts a server action as the browser's router does (fetchServerAction in
 * next/dist/client): to the page's URL, with Next-Action, the router state
 * tree and the Flight-encoded arguments. Answers the action's return value.
 */
export async function callServerAction(options: {
  pageUrl: string;
  actionId: string;
  args: unknown[];
  routerState: string;
  headers?: Record<string, string>;
}): Promise<ActionCall> {
  const body = await flight.encodeReply(options.args);
  const started = performance.now();
  const response = await fetch(options.pageUrl, {
    method: "POST",
    headers: {
      ...options.headers,
      Accept: "text/x-component",
      "Next-Action": options.actionId,
      "Next-Router-State-Tree": options.routerState,
      Origin: new URL(options.pageUrl).origin,
    },
    body,
  });
  if (!response.headers.get("content-type")?.startsWith("text/x-component")) {
    const text = await response.text();
    return { status: response.status, result: { unreadable: text.slice(0, 200) }, ms: performance.now() - started };
  }
  const root = await flight.createFromFetch<{ a: unknown }>(Promise.resolve(response), {
    serverConsumerManifest: { moduleMap: {}, serverModuleMap: null, moduleLoading: null },
  });
  const result = await root.a;
  return { status: response.status, result, ms: performance.now() - started };
}

export type PageTiming = { times: number[]; bytes: number };

/** GETs `pagePath` `runs` times, one after another; each time is to the last byte of the HTML. */
export async function timePage(url: string, pagePath: string, cookie: string, runs: number): Promise<PageTiming> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(`${url}${pagePath}`, { headers: { Cookie: cookie }, redirect: "manual" });
    const body = new Uint8Array(await response.arrayBuffer());
    times.push(performance.now() - started);
    bytes = body.byteLength;
    if (response.status !== 200) throw new Error(`GET ${pagePath} answered ${response.status}`);
  }
  return { times, bytes };
}
