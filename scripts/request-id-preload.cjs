// Loaded by scripts/start.ts into the Next server process (node --require).
// Every HTTP request runs inside an AsyncLocalStorage holding its request id,
// so each log line written while answering it carries the id (lib/log.ts,
// lib/request-context.ts: the same storage, found under the same global key).
// An id sent by a reverse proxy in X-Request-Id is kept when it looks like one
// (letters, digits, - _ . :, at most 100), so its log and ours can be joined;
// otherwise a new one. The answer carries it back in X-Request-Id.
const http = require("node:http");
const { AsyncLocalStorage } = require("node:async_hooks");
const { randomUUID } = require("node:crypto");

const KEY = Symbol.for("fazhi.requestContext");
const storage = (globalThis[KEY] ??= new AsyncLocalStorage());
const VALID = /^[\w.:-]{1,100}$/;

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
    return storage.run({ requestId }, () => emit.call(this, event, request, response, ...rest));
  };
  return server;
};
