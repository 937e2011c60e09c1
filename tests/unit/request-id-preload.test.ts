import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The preload in a real Node process with a real HTTP server, as start.ts
// loads it into Next's: the handler reads the id after an await.
const preload = path.resolve("scripts/request-id-preload.cjs");
const server = `
const http = require("node:http");
const storage = globalThis[Symbol.for("fazhi.requestContext")];
const s = http.createServer(async (req, res) => {
  await new Promise((r) => setTimeout(r, 5));
  res.end(JSON.stringify({ inStore: storage.getStore()?.requestId ?? null, inHeader: req.headers["x-request-id"] }));
});
s.listen(0, "127.0.0.1", () => console.log(s.address().port));
`;

let child: ChildProcess;
let base: string;

beforeAll(async () => {
  child = spawn(process.execPath, ["--require", preload, "-e", server], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) => child.stdout!.once("data", (data) => resolve(String(data).trim())));
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  child.kill();
});

describe("request-id preload", () => {
  it("gives each request a new id, in the async context, the request header and the answer", async () => {
    const [a, b] = await Promise.all([fetch(base), fetch(base)]);
    const bodyA = await a.json();
    const bodyB = await b.json();
    expect(bodyA.inStore).toMatch(/^[0-9a-f-]{36}$/);
    expect(bodyA).toEqual({ inStore: a.headers.get("x-request-id"), inHeader: a.headers.get("x-request-id") });
    expect(bodyB.inStore).not.toBe(bodyA.inStore);
  });

  it.each([
    ["proxy-id.123:abc", true],
    ["bad id with spaces", false],
    ["x".repeat(101), false],
  ])("keeps a reverse proxy's id %s when it looks like one: %s", async (given, kept) => {
    const response = await fetch(base, { headers: { "X-Request-Id": given } });
    const body = await response.json();
    expect(body.inStore === given).toBe(kept);
    expect(response.headers.get("x-request-id")).toBe(body.inStore);
  });
});
