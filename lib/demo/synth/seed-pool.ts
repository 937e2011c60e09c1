import fs from "node:fs";
import path from "node:path";
import { parseDocumentText } from "@/lib/import/parse-document.ts";

// The wording of synthetic plans comes from the real seed documents: their
// top-level chapter titles and their measure texts, as the importer reads them.

export const SEEDS_DIR = path.resolve(import.meta.dirname, "../../../tests/fixtures/seeds");

export type SeedPool = {
  /** Top-level chapter titles ("深入学习贯彻习近平法治思想,…"), without their labels. */
  chapterTitles: string[];
  /** Measure texts of every plan in the seeds, in document order. */
  measureTexts: string[];
};

const cache = new Map<string, SeedPool>();

export function loadSeedPool(dir = SEEDS_DIR): SeedPool {
  const cached = cache.get(dir);
  if (cached) return cached;
  const chapterTitles: string[] = [];
  const measureTexts: string[] = [];
  // Sorted, so the pool (and everything drawn from it) is the same on every machine.
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".txt"))
    .sort();
  for (const file of files) {
    const doc = parseDocumentText(fs.readFileSync(path.join(dir, file), "utf8"));
    if (doc.kind !== "plans") continue;
    for (const plan of doc.plans) {
      for (const section of plan.sections) {
        const title = section.title.trim();
        if (section.parentKey === null && title && !chapterTitles.includes(title)) chapterTitles.push(title);
      }
      for (const measure of plan.measures) {
        const text = measure.text.trim();
        if (text.length >= 8) measureTexts.push(text);
      }
    }
  }
  if (chapterTitles.length < 10 || measureTexts.length < 100) {
    throw new Error(`种子文件不足以生成模拟数据(${dir}:${chapterTitles.length} 个章节标题,${measureTexts.length} 条举措)`);
  }
  const pool = { chapterTitles, measureTexts };
  cache.set(dir, pool);
  return pool;
}
