// Loaded by scripts/start.ts into the Next server process (node --require).
// Next sets X-Forwarded-For to the socket's remote address only when a request
// carries none, so a client could name any address it likes and dodge the
// per-address sign-in limit. Unless TRUST_PROXY says a reverse proxy in front
// writes that header, drop the client's, and Next fills in the real one.
// See lib/auth/client-address.ts.
const http = require("node:http");

if (!(Number(process.env.TRUST_PROXY || 0) > 0)) {
  const createServer = http.createServer;
  http.createServer = function (...args) {
    const server = createServer.apply(this, args);
    server.prependListener("request", (request) => {
      delete request.headers["x-forwarded-for"];
    });
    return server;
  };
}
