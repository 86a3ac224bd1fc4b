// The HTTP server `npm start` runs in production: Next.js's request handler behind Node's own
// server, so that X-Forwarded-For always ends with the address the request came from. `next start`
// fills that header only when the client sent none, which let any client choose its own rate-limit
// key (lib/http/rate-limit.ts keys on the last entry: the one the nearest proxy, here this
// server, appended).
import { createServer } from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
// scripts/start.ts sets HOST: loopback for the local demo unless configured otherwise.
const host = process.env.HOST || undefined;

// Every body the app reads goes through a bounded reader (lib/http/body.ts), but Next.js reads
// some before the app does (the proxy keeps a copy of a page request's body), and a route added
// tomorrow might forget. So a cap for every path here too, above every route's own limit; the
// SDK's ingest endpoint takes larger batches and is bounded by its handler (1 MiB).
const MAX_BODY_BYTES = 256 * 1024;
// So is Mailgun's post of a reply by email (the raw message, up to 10 MB: lib/inbound).
const OWN_LIMIT_PATHS = new Set(["/api/v1/ingest", "/api/v1/inbound/mailgun/mime"]);
// Time to receive a whole request (headers and body), ingest included: a slow client cannot hold
// a connection and its buffers open for long (Node answers 408).
const REQUEST_TIMEOUT_MS = 60_000;
const HEADERS_TIMEOUT_MS = 20_000;
// After a 413, the connection stays open this long so the client can read the answer before the
// rest of its body is refused at the socket.
const LINGER_MS = 1_000;

const tooLargeBody = JSON.stringify({ error: { code: "payload_too_large", message: `The body is larger than ${MAX_BODY_BYTES} bytes.` } });

function refuseBody(req, res) {
  // Whatever Next.js still does with this request must not write into the answer already sent.
  res.on("error", () => {});
  if (res.headersSent) return void req.socket.destroy();
  res.writeHead(413, { "content-type": "application/json", connection: "close" });
  res.end(tooLargeBody, () => setTimeout(() => req.socket.destroy(), LINGER_MS).unref());
}

// Counts the body as Node's parser hands it to the request stream, and stops taking it past the
// cap: a body without a declared length (chunked) is cut off as it arrives, never buffered.
function capBody(req, res) {
  if (OWN_LIMIT_PATHS.has((req.url ?? "").split("?")[0])) return true;
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
    refuseBody(req, res);
    return false;
  }
  let received = 0;
  let refused = false;
  const push = req.push;
  req.push = function (chunk, encoding) {
    if (chunk !== null) received += chunk.length;
    if (received > MAX_BODY_BYTES || refused) {
      if (!refused) refuseBody(req, res);
      refused = true;
      // Not taken, and "full": the parser stops reading the socket.
      return false;
    }
    return push.call(this, chunk, encoding);
  };
  return true;
}

const app = next({ dev: false, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const peer = req.socket.remoteAddress ?? "unknown";
  const forwarded = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
  if (!capBody(req, res)) return;
  handle(req, res).catch((err) => {
    // Next.js answers its own errors; this is the last resort. The name only: messages may quote data.
    console.error("[replaydesk] request failed:", err instanceof Error ? err.name : "unknown");
    if (!res.headersSent) res.writeHead(500);
    if (!res.writableEnded) res.end();
  });
});
server.requestTimeout = REQUEST_TIMEOUT_MS;
server.headersTimeout = HEADERS_TIMEOUT_MS;
server.listen(port, host, () => console.log(`Replaydesk is listening on http://${host?.includes(":") ? `[${host}]` : (host ?? "localhost")}:${port}${host ? "" : " (every interface)"}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Requests still running after this get cut: a stop must not hang on a slow client.
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
