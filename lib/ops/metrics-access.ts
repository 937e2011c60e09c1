import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess =
  { access: "allowed"; status: 200 } | { access: "not-configured"; status: 404 } | { access: "missing" | "wrong"; status: 401 };

/**
 * Compared as sha256 digests: timingSafeEqual needs equal lengths, and
 * comparing digests keeps the time independent of where, and whether in
 * length, the given token differs from the configured one.
 */
export function tokensEqual(given: string, configured: string): boolean {
  if (!configured) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(configured).digest();
  return timingSafeEqual(a, b);
}

/**
 * Who may read /api/metrics. Without METRICS_TOKEN the endpoint answers 404,
 * as if it did not exist: an installation that has not set up monitoring
 * should not advertise its figures' address.
 */
export function metricsAccess(authorization: string | null, configured: string | undefined): MetricsAccess {
  if (!configured) return { access: "not-configured", status: 404 };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization?.trim() ?? "");
  if (!match) return { access: "missing", status: 401 };
  return tokensEqual(match[1]!, configured) ? { access: "allowed", status: 200 } : { access: "wrong", status: 401 };
}
