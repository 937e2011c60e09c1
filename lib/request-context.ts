import { AsyncLocalStorage } from "node:async_hooks";

// The request a log line belongs to. scripts/request-id-preload.cjs runs each
// HTTP request of the Next server inside this storage (under the same global
// key, as the preload is plain CommonJS loaded before Next's bundles), so
// everything the request does — page, action, route handler — logs its id.

export type RequestContext = { requestId: string };

const KEY = Symbol.for("fazhi.requestContext");
const holder = globalThis as unknown as { [KEY]?: AsyncLocalStorage<RequestContext> };

function storage(): AsyncLocalStorage<RequestContext> {
  return (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());
}

/** The current request's id, or undefined outside a request (jobs, the CLI, tests). */
export function currentRequestId(): string | undefined {
  return storage().getStore()?.requestId;
}

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage().run({ requestId }, fn);
}
