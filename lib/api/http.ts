import type { z } from "zod";
import { ERROR_MESSAGES, GENERIC_ERROR } from "@/lib/errors.ts";
import { parseId } from "@/lib/ids.ts";
import { logError } from "@/lib/log.ts";
import { withRouteMetrics } from "@/lib/ops/metrics.ts";
import { authenticate, type ApiCaller } from "@/lib/api/auth.ts";
import type { ApiError } from "@/lib/api/schema.ts";

// The frame of every /api/v1 handler: the token, the query parameters, the
// answer parsed through its zod schema, and errors as JSON in one shape.

export const UNAUTHORIZED_MESSAGE = "缺少接口令牌,或令牌无效、已吊销。请在请求头中提供 Authorization: Bearer <令牌>。";

export class ApiFailure extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: ApiError["code"],
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/** Unknown and out-of-scope answer the same, so a token cannot tell which ids exist elsewhere. */
export const apiNotFound = () => new ApiFailure(404, "NOT_FOUND", ERROR_MESSAGES.NOT_FOUND);

const NO_STORE = { "Cache-Control": "no-store" };

export function errorResponse(status: number, error: ApiError, headers: Record<string, string> = {}): Response {
  return Response.json({ error }, { status, headers: { ...NO_STORE, ...headers } });
}

/** A path segment as an id; anything else is a record that does not exist. */
export function pathId(value: string | undefined): number {
  const id = parseId(value);
  if (id === null) throw apiNotFound();
  return id;
}

/**
 * The query string through a schema. Everything arrives as text: digits
 * become a number where the field wants one (a page size, an id), and stay
 * text where text is valid (the period "2026"); anything else fails the
 * schema with its message.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, url: URL): z.output<S> {
  const raw: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const value = url.searchParams.get(key);
    if (value === null) continue;
    raw[key] = /^-?\d{1,16}$/.test(value) && !field.safeParse(value).success ? Number(value) : value;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fields[String(issue.path[0] ?? "_")] ??= []).push(issue.message);
  throw new ApiFailure(400, "BAD_REQUEST", Object.values(fields).flat().join(";"), fields);
}

type Context<P> = { params: Promise<P> };

/**
 * A GET handler of the read API under its route pattern (for the latency
 * metric): refuses without a valid token, then answers `schema.parse(body)`.
 */
export function apiRoute<P extends Record<string, string>, S extends z.ZodType>(
  route: string,
  schema: S,
  handler: (call: { caller: ApiCaller; url: URL; params: P }) => Promise<z.input<S>>,
) {
  return withRouteMetrics(route, async (request: Request, context?: Context<P>) => {
    try {
      const caller = await authenticate(request.headers.get("authorization"));
      if (!caller) {
        return errorResponse(401, { code: "UNAUTHORIZED", message: UNAUTHORIZED_MESSAGE }, { "WWW-Authenticate": 'Bearer realm="api/v1"' });
      }
      const params = ((await context?.params) ?? {}) as P;
      const body = schema.parse(await handler({ caller, url: new URL(request.url), params }));
      return Response.json(body, { headers: NO_STORE });
    } catch (error) {
      if (error instanceof ApiFailure) {
        return errorResponse(error.status, { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) });
      }
      logError("api request failed", { route }, error);
      return errorResponse(500, { code: "INTERNAL", message: GENERIC_ERROR });
    }
  });
}

/** Rows fetched as limit + 1: the extra one says whether there is a next page; the cursor is the last id shown. */
export function page<T>(rows: T[], limit: number, url: URL, idOf: (row: T) => number = (row) => (row as { id: number }).id) {
  const items = rows.slice(0, limit);
  if (rows.length <= limit) return { items, nextCursor: null, next: null };
  const nextCursor = idOf(items[items.length - 1]!);
  const next = new URL(url);
  next.searchParams.set("cursor", String(nextCursor));
  next.searchParams.set("limit", String(limit));
  return { items, nextCursor, next: `${next.pathname}${next.search}` };
}
