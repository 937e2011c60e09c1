import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "@/lib/import/limits.ts";
import { MAX_ATTACHMENT_BYTES, MAX_EVIDENCE_TOTAL_BYTES, UPLOAD_MESSAGES, evidenceSizeProblems } from "@/lib/storage/validate-upload.ts";

// The form's promise (20 MB per file), the action's checks and the limits Next
// applies before any of our code runs must agree; otherwise a file the form
// accepts fails with a 500.

const MB = 1024 * 1024;

// next.config.js is plain JavaScript without types: loaded by URL, as Next loads it.
const configUrl = pathToFileURL(path.resolve(import.meta.dirname, "../../../next.config.js")).href;
const { default: nextConfig, REQUEST_BODY_LIMIT } = (await import(configUrl)) as { default: NextConfig; REQUEST_BODY_LIMIT: string };

function bytesOf(limit: string | number): number {
  if (typeof limit === "number") return limit;
  const match = /^(\d+)mb$/.exec(limit);
  if (!match) throw new Error(`unexpected limit ${limit}`);
  return Number(match[1]) * MB;
}

describe("request body limits", () => {
  const experimental = nextConfig.experimental as { serverActions: { bodySizeLimit: string }; proxyClientMaxBodySize: string };

  it("the proxy buffers as much as the server action accepts", () => {
    expect(experimental.serverActions.bodySizeLimit).toBe(REQUEST_BODY_LIMIT);
    expect(experimental.proxyClientMaxBodySize).toBe(REQUEST_BODY_LIMIT);
  });

  it("holds a save with the most evidence allowed plus its text, and a full-size import", () => {
    // 5000 characters of report text are at most 15 KB of UTF-8; 1 MB covers it and the multipart framing.
    expect(bytesOf(REQUEST_BODY_LIMIT)).toBeGreaterThanOrEqual(MAX_EVIDENCE_TOTAL_BYTES + MB);
    expect(bytesOf(REQUEST_BODY_LIMIT)).toBeGreaterThanOrEqual(2 * MAX_UPLOAD_BYTES + MB);
    expect(MAX_EVIDENCE_TOTAL_BYTES).toBeGreaterThanOrEqual(MAX_ATTACHMENT_BYTES);
  });
});

describe("evidenceSizeProblems", () => {
  it.each([
    ["nothing", [], []],
    ["one file of exactly 20 MB", [{ name: "a.pdf", size: 20 * MB }], []],
    [
      "two files of 20 MB",
      [
        { name: "a.pdf", size: 20 * MB },
        { name: "b.pdf", size: 20 * MB },
      ],
      [],
    ],
    ["one byte over 20 MB", [{ name: "大.pdf", size: 20 * MB + 1 }], ["“大.pdf”:文件不能超过 20 MB"]],
    ["25 MB", [{ name: "签到表.pdf", size: 25 * MB }], ["“签到表.pdf”:文件不能超过 20 MB"]],
    [
      "three files of 15 MB (45 MB together)",
      [
        { name: "a.pdf", size: 15 * MB },
        { name: "b.pdf", size: 15 * MB },
        { name: "c.pdf", size: 15 * MB },
      ],
      [UPLOAD_MESSAGES.totalTooLarge],
    ],
    [
      "a 30 MB file and a 15 MB one",
      [
        { name: "a.pdf", size: 30 * MB },
        { name: "b.pdf", size: 15 * MB },
      ],
      ["“a.pdf”:文件不能超过 20 MB", UPLOAD_MESSAGES.totalTooLarge],
    ],
  ])("%s", (_label, files, expected) => {
    expect(evidenceSizeProblems(files)).toEqual(expected);
  });
});
