// Which page of the app a request is for, as /api/metrics labels it: the
// page's route pattern ("/measures/[id]"), never the concrete path, so the
// label set stays as small as the app. The patterns come from the production
// build (.next/app-path-routes-manifest.json, its "…/page" entries); route
// handlers are left out (they are timed under their own pattern by
// withRouteMetrics), and so is anything that is no page (static files,
// unknown paths), so a scan of random paths adds no labels.
const fs = require("node:fs");
const path = require("node:path");

/** The page patterns of a manifest ({ "/(app)/measures/[id]/page": "/measures/[id]", … }). */
function pagePatterns(manifest) {
  return Object.entries(manifest)
    .filter(([entry]) => entry.endsWith("/page"))
    .map(([, pattern]) => pattern);
}

/**
 * The pattern a path matches, preferring the one with the most literal
 * segments ("/reports/new" over "/reports/[id]"); null when none does.
 */
function matchPage(pathname, patterns) {
  const parts = pathname.split("/").filter(Boolean);
  let best = null;
  let bestLiterals = -1;
  for (const pattern of patterns) {
    const segments = pattern.split("/").filter(Boolean);
    let literals = 0;
    let matched = true;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (segment.startsWith("[...") || segment.startsWith("[[...")) {
        matched = parts.length >= i + (segment.startsWith("[[") ? 0 : 1);
        break;
      }
      if (i >= parts.length) {
        matched = false;
        break;
      }
      if (segment.startsWith("[")) continue;
      if (segment !== parts[i]) {
        matched = false;
        break;
      }
      literals++;
    }
    const catchAll = segments.some((s) => s.startsWith("[...") || s.startsWith("[[..."));
    if (matched && (catchAll || segments.length === parts.length) && literals > bestLiterals) {
      best = pattern;
      bestLiterals = literals;
    }
  }
  return best;
}

let patterns;

/** The page pattern of a request URL ("/measures/12?_rsc=x" → "/measures/[id]"), or null. */
function pageRouteOf(url) {
  if (patterns === undefined) {
    try {
      const file = path.join(process.cwd(), ".next", "app-path-routes-manifest.json");
      patterns = pagePatterns(JSON.parse(fs.readFileSync(file, "utf8")));
    } catch {
      patterns = [];
    }
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url ?? "/", "http://localhost").pathname);
  } catch {
    return null;
  }
  return matchPage(pathname, patterns);
}

module.exports = { pagePatterns, matchPage, pageRouteOf };
