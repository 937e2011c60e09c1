import { afterEach, describe, expect, it } from "vitest";
import { createLogger, logError, logInfo } from "@/lib/log.ts";
import { runWithRequestId } from "@/lib/request-context.ts";

const KEY = Symbol.for("fazhi.logger");
const holder = globalThis as unknown as { [KEY]?: unknown };

function capture(): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  holder[KEY] = createLogger({ write: (line: string) => void lines.push(JSON.parse(line)) });
  return lines;
}

afterEach(() => {
  delete holder[KEY];
});

describe("log lines", () => {
  it("are JSON with level, ISO time, message and context, and the error without losing its stack", () => {
    const lines = capture();
    logInfo("reminder job finished", { created: 3 });
    logError("server action failed", { action: "saveThing" }, new TypeError("boom"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      level: "info",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      message: "reminder job finished",
      created: 3,
    });
    expect(lines[1]).toMatchObject({
      level: "error",
      message: "server action failed",
      action: "saveThing",
      error: { name: "TypeError", message: "boom", stack: expect.stringContaining("TypeError: boom") },
    });
  });

  it("carry the request id on every line written while answering a request, and none outside one", async () => {
    const lines = capture();
    await runWithRequestId("req-1", async () => {
      logInfo("first");
      await new Promise((resolve) => setTimeout(resolve, 1));
      logError("after an await", {}, "a string");
    });
    logInfo("outside");
    expect(lines.map((line) => [line.message, line.requestId])).toEqual([
      ["first", "req-1"],
      ["after an await", "req-1"],
      ["outside", undefined],
    ]);
    expect(lines[1]).toMatchObject({ error: "a string" });
  });
});
