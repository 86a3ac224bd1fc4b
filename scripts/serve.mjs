// The HTTP server `npm start` runs in production: Next.js's request handler behind Node's own
// server, so that X-Forwarded-For always ends with the address the request came from. `next start`
// fills that header only when the client sent none, which let any client choose its own rate-limit
// key (lib/http/rate-limit.ts keys on the last entry: the one the nearest proxy, here this
// server, appended).
import { createServer } from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const peer = req.socket.remoteAddress ?? "unknown";
  const forwarded = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
  handle(req, res).catch((err) => {
    // Next.js answers its own errors; this is the last resort. The name only: messages may quote data.
    console.error("[replaydesk] request failed:", err instanceof Error ? err.name : "unknown");
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.listen(port, () => console.log(`Replaydesk is listening on http://localhost:${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Requests still running after this get cut: a stop must not hang on a slow client.
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
