import { todayInChina } from "@/lib/dates.ts";
import { getPublicRegion, listPublicRegions } from "@/lib/public/queries.ts";

// The public pages are open to anyone, so every anonymous hit would otherwise
// recount the region tree and a district's plans with the dashboards' facts
// query. They show published data only (published reports, counts of plans in
// force), which changes a few times a year, so the figures may be up to
// PUBLIC_TTL_MS stale: a report published now appears within five minutes.
//
// An in-process map rather than next/cache: unstable_cache is superseded by
// "use cache" in Next.js 16 (which needs Cache Components switched on for the
// whole app), throws outside a Next.js request, and would keep entries on disk
// across deployments. Each server process keeps its own copy; that is fine for
// figures this coarse. A miss is shared by the requests that arrive while it
// loads, and a failed load is not kept.

export const PUBLIC_TTL_MS = 5 * 60 * 1000;
/** Far above the number of regions with a page; past it, expired entries are dropped. */
const SWEEP_ABOVE = 2_000;

type Entry = { expires: number; value: Promise<unknown> };
const entries = new Map<string, Entry>();

function cached<T>(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  if (entries.size > SWEEP_ABOVE) {
    for (const [k, e] of entries) if (e.expires <= now) entries.delete(k);
  }
  const value = load();
  entries.set(key, { expires: now + PUBLIC_TTL_MS, value });
  const forget = () => {
    if (entries.get(key)?.value === value) entries.delete(key);
  };
  value.then((v) => (keep(v) ? undefined : forget()), forget);
  return value;
}

/** listPublicRegions for the /public index, cached for PUBLIC_TTL_MS. */
export function cachedPublicRegions() {
  return cached("index", () => listPublicRegions());
}

/**
 * getPublicRegion for /public/regions/[id], cached for PUBLIC_TTL_MS per region and day. A
 * region that does not exist is not kept, so made-up ids cannot fill the map.
 */
export function cachedPublicRegion(regionId: number) {
  const today = todayInChina();
  return cached(`region:${regionId}:${today}`, () => getPublicRegion(regionId, today), (data) => data !== null);
}

/** Empties the cache (tests: each starts on a fresh database whose ids begin again at 1). */
export function clearPublicCache() {
  entries.clear();
}
