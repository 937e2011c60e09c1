import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { folderCycles, folderGraph, folderOf } from "@/scripts/folder-cycles.mjs";

const moduleOf = (source: string, ...imports: string[]) => ({ source, dependencies: imports.map((resolved) => ({ resolved })) });

describe("folderOf", () => {
  it.each([
    ["lib/plans/life.ts", "lib/plans"],
    ["lib/demo/synth/province.ts", "lib/demo"],
    ["lib/env.ts", "lib/env.ts"],
    ["app/(app)/page.tsx", null],
    ["node_modules/zod/index.cjs", null],
  ])("%s belongs to %s", (source, folder) => {
    expect(folderOf(source)).toBe(folder);
  });
});

describe("folderCycles", () => {
  it.each([
    { name: "a one-way chain", modules: [moduleOf("lib/a/x.ts", "lib/b/y.ts"), moduleOf("lib/b/y.ts", "lib/c.ts")], cycles: [] },
    {
      name: "imports inside one folder",
      modules: [moduleOf("lib/a/x.ts", "lib/a/y.ts"), moduleOf("lib/a/y.ts", "lib/a/x.ts")],
      cycles: [],
    },
    {
      name: "two folders importing each other",
      modules: [moduleOf("lib/a/x.ts", "lib/b/y.ts"), moduleOf("lib/b/z.ts", "lib/a/w.ts")],
      cycles: [["lib/a", "lib/b"]],
    },
    {
      name: "a loop through a top-level file",
      modules: [moduleOf("lib/env.ts", "lib/storage/env.ts"), moduleOf("lib/storage/store.ts", "lib/env.ts")],
      cycles: [["lib/env.ts", "lib/storage"]],
    },
    {
      name: "a three-folder loop and a separate pair",
      modules: [
        moduleOf("lib/a/x.ts", "lib/b/x.ts"),
        moduleOf("lib/b/x.ts", "lib/c/x.ts"),
        moduleOf("lib/c/x.ts", "lib/a/x.ts"),
        moduleOf("lib/d/x.ts", "lib/e/x.ts"),
        moduleOf("lib/e/x.ts", "lib/d/x.ts"),
      ],
      cycles: [
        ["lib/a", "lib/b", "lib/c"],
        ["lib/d", "lib/e"],
      ],
    },
    {
      name: "imports of app and packages are not lib's",
      modules: [moduleOf("lib/a/x.ts", "app/page.tsx", "zod"), moduleOf("app/page.tsx", "lib/a/x.ts")],
      cycles: [],
    },
  ])("$name", ({ modules, cycles }) => {
    expect(folderCycles(folderGraph(modules))).toEqual(cycles);
  });
});
