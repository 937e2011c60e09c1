// Loaded by scripts/start.ts into the Next server process (node --require).
// Every HTTP request runs inside an AsyncLocalStorage holding its request id,
// so each log line written while answering it carries the id (lib/log.ts,
// lib/request-context.ts: the same storage, found under the same global key).
// An id sent by a reverse proxy in X-Request-Id is kept when it looks like one
// (letters, digits, - _ . :, at most 100), so its log and ours can be joined;
// otherwise a new one. The answer carries it back in X-Request-Id.
// Each request for a page is also timed to its last byte and handed to
// /api/metrics (lib/ops/metrics.ts registers the receiver under a global key;
// page-routes.cjs names the page): Next has no hook around a page render.
const http = require("node:http");
const { AsyncLocalStorage } = require("node:async_hooks");
const { randomUUID } = require("node:crypto");
const { pageRouteOf } = require("./page-routes.cjs");

const KEY = Symbol.for("fazhi.requestContext");
const storage = (globalThis[KEY] ??= new AsyncLocalStorage());
const VALID = /^[\w.:-]{1,100}$/;
const OBSERVE_PAGE = Symbol.for("fazhi.metrics.observePage");

function timePage(request, response) {
  const started = process.hrtime.bigint();
  response.once("finish", () => {
    const observe = globalThis[OBSERVE_PAGE];
    if (typeof observe !== "function") return;
    const route = pageRouteOf(request.url);
    if (route) observe(request.method, route, response.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
  });
}

const createServer = http.createServer;
http.createServer = function (...args) {
  const server = createServer.apply(this, args);
  const emit = server.emit;
  server.emit = function (event, request, response, ...rest) {
    if (event !== "request") return emit.call(this, event, request, response, ...rest);
    const given = request.headers["x-request-id"];
    const requestId = typeof given === "string" && VALID.test(given) ? given : randomUUID();
    request.headers["x-request-id"] = requestId;
    response.setHeader("X-Request-Id", requestId);
    timePage(request, response);
    return storage.run({ requestId }, () => emit.call(this, event, request, response, ...rest));
  };
  return server;
};
