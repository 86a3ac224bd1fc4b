import net from "node:net";
import { gzipSync } from "node:zlib";
import { batch, markerEvents, newSessionId } from "../support/events";
import { consentProof } from "../support/http";
import type { Context } from "./context";

// Issue 8, part 1, over a real socket: what only a server sees (oversize headers, garbage request
// lines, chunked bodies with no declared length), and the server staying up and serving honest
// visitors while a burst of hostile uploads is being refused. The handler-level fuzzing (fast-check
// and hand-written bodies) is tests/adversarial/ingest-fuzz.test.ts.

function rawExchange(port: number, payload: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const parts: Buffer[] = [];
    socket.on("data", (c) => parts.push(c));
    socket.on("close", () => resolve(Buffer.concat(parts).toString("latin1")));
    socket.on("error", () => resolve(Buffer.concat(parts).toString("latin1")));
    socket.setTimeout(10_000, () => socket.destroy());
    socket.end(payload);
  });
}

const statusOf = (raw: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0);

const MB = 1024 * 1024;
const SAMPLE_AFTER_ANSWER_MS = 500;

// A chunked upload with no declared length, written as fast as the server takes it, until the
// server answers (or closes, or the deadline passes) or `totalBytes` are sent.
function floodChunked(opts: { port: number; localAddress: string; path: string; headers: Record<string, string>; totalBytes: number; deadlineMs: number }): Promise<{ status: number; sentBytes: number; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
    const socket = net.connect({ port: opts.port, host: "127.0.0.1", localAddress: opts.localAddress });
    let sentBytes = 0;
    let answer = "";
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: statusOf(answer), sentBytes, ms: Date.now() - started });
    };
    const timer = setTimeout(finish, opts.deadlineMs);
    socket.on("data", (c: Buffer) => {
      answer += c.toString("latin1");
      if (answer.includes("\r\n")) finish();
    });
    socket.on("error", finish);
    socket.on("close", finish);
    socket.on("connect", () => {
      const head = Object.entries(opts.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
      socket.write(`POST ${opts.path} HTTP/1.1\r\nHost: localhost\r\n${head}Transfer-Encoding: chunked\r\n\r\n`);
      const pump = () => {
        while (!done && sentBytes < opts.totalBytes) {
          sentBytes += chunk.length;
          if (!socket.write(frame)) return void socket.once("drain", pump);
        }
        if (!done) socket.write("0\r\n\r\n");
      };
      pump();
    });
  });
}

// Finding H3: a 300 MB chunked body sent to any route, one route at a time, while the server's
// resident memory (its whole process tree) is sampled. Every route must answer with a 4xx and
// the server must not grow by 50 MB: bodies are cut off at their limit, never buffered whole.
async function unboundedBodies(ctx: Context): Promise<void> {
  const origin = { Origin: ctx.url };
  const targets: { path: string; headers: Record<string, string>; reads: boolean }[] = [
    { path: "/api/v1/approvals/lookup", headers: { ...origin, "Content-Type": "application/json" }, reads: true },
    { path: "/api/v1/approvals/decide", headers: { ...origin, "Content-Type": "application/json" }, reads: true },
    { path: "/api/auth/signin/email", headers: { ...origin, "Content-Type": "application/x-www-form-urlencoded" }, reads: true },
    { path: "/api/auth/callback/email", headers: { ...origin, "Content-Type": "application/x-www-form-urlencoded" }, reads: true },
    { path: "/api/v1/tickets", headers: { ...origin, "Content-Type": "application/json", Authorization: "Bearer rdt_not-a-token" }, reads: false },
    { path: "/api/v1/tickets", headers: { ...origin, "Content-Type": "text/plain" }, reads: true },
    { path: "/api/v1/ingest", headers: { ...origin, "Content-Type": "text/plain" }, reads: true },
    { path: "/api/v1/me/tickets", headers: { ...origin, "Content-Type": "application/json" }, reads: false },
    { path: "/signin", headers: { ...origin, "Content-Type": "application/x-www-form-urlencoded" }, reads: true },
  ];
  const results: Record<string, unknown>[] = [];
  for (const target of targets) {
    const label = `${target.path}${target.headers.Authorization ? " (API token)" : ""}`;
    // Warm the route first (its code is loaded on first use), so only the body is measured.
    await rawExchange(ctx.server.config.port, `POST ${target.path} HTTP/1.1\r\nHost: localhost\r\n${Object.entries(target.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}Content-Length: 2\r\nConnection: close\r\n\r\n{}`);
    const baseline = ctx.server.rssBytes();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, ctx.server.rssBytes())), 50);
    const flood = await floodChunked({ port: ctx.server.config.port, localAddress: ctx.newClient().localAddress, path: target.path, headers: target.headers, totalBytes: 300 * MB, deadlineMs: 60_000 });
    // Memory a buffered body takes shows while it is parsed, just after the answer, too: the
    // sampler keeps measuring for this window. A measurement period, not a wait for something.
    await new Promise((r) => setTimeout(r, SAMPLE_AFTER_ANSWER_MS));
    clearInterval(sampler);
    peak = Math.max(peak, ctx.server.rssBytes());
    const grewMb = Math.round((peak - baseline) / MB);
    results.push({ route: label, status: flood.status, sentMb: Math.round(flood.sentBytes / MB), ms: flood.ms, rssGrowthMb: grewMb });
    const statusOk = target.reads ? flood.status === 413 : flood.status >= 400 && flood.status < 500;
    ctx.check(`http: a 300 MB chunked POST to ${label} is refused (${target.reads ? "413" : "4xx"}) and moves RSS by < 50 MB`, statusOk && grewMb < 50, `status ${flood.status}, ${Math.round(flood.sentBytes / MB)} MB sent, RSS +${grewMb} MB`);
  }
  ctx.check("http: the server is up and healthy after the floods", (await ctx.newClient().get("/api/v1/health")).status === 200);
  ctx.record("httpFuzz", { chunkedFloods: results });
}

export async function httpFuzz(ctx: Context): Promise<void> {
  await unboundedBodies(ctx);
  const port = ctx.server.config.port;
  const attacker = ctx.newClient();
  const honest = ctx.newClient();
  const honestUpload = async (seq = 0) => {
    const sessionId = newSessionId();
    const consent = await consentProof(honest, ctx.siteKey, sessionId);
    const res = await honest.post("/api/v1/ingest", { headers: { "content-type": "text/plain" }, body: JSON.stringify(batch(ctx.siteKey, sessionId, seq, markerEvents(1, seq, 2, Date.now()), { consent })) });
    return res.status;
  };

  // Past Node's 16 KB limit, yet small enough to be written whole before the server answers.
  const huge = await attacker.get("/api/v1/health", { headers: { "x-padding": "a".repeat(24 * 1024) } }).catch(() => null);
  ctx.check("http: a 24 KB header is refused with 431", huge?.status === 431, `got ${huge?.status}`);
  const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-h${i}`, "b".repeat(100)]));
  const manyRes = await attacker.get("/api/v1/health", { headers: many }).catch(() => null);
  ctx.check("http: 200 headers of 100 bytes are refused with 431", manyRes?.status === 431, `got ${manyRes?.status}`);
  const garbage = statusOf(await rawExchange(port, "GARBAGE / HTTP/9.9\r\n\r\n"));
  ctx.check("http: a garbage request line gets a 4xx", garbage >= 400 && garbage < 500, `got ${garbage}`);
  const smuggle = statusOf(await rawExchange(port, "POST /api/v1/ingest HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
  ctx.check("http: Content-Length together with Transfer-Encoding is refused", smuggle === 400, `got ${smuggle}`);
  // A chunked body with no declared length, far over the limit: cut off at the limit.
  const chunks = Array.from({ length: 40 }, () => `${(64 * 1024).toString(16)}\r\n${"x".repeat(64 * 1024)}\r\n`).join("");
  const streamed = statusOf(await rawExchange(port, `POST /api/v1/ingest HTTP/1.1\r\nHost: localhost\r\nOrigin: ${ctx.url}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunks}0\r\n\r\n`));
  ctx.check("http: a 2.5 MB chunked body with no length is refused with 413", streamed === 413, `got ${streamed}`);

  // A burst of hostile uploads at once, with honest visitors in the middle of it.
  const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024, 0x20));
  const deep = gzipSync(JSON.stringify(batch(ctx.siteKey, newSessionId(), 0, [])).replace('"events":[]', `"events":[{"type":5,"timestamp":1,"data":{"x":${"[".repeat(500_000)}${"]".repeat(500_000)}}}]`));
  const upload = (body: string | Buffer) => attacker.post("/api/v1/ingest", { headers: { "content-type": "text/plain" }, body }).then((r) => r.status).catch(() => 0);
  const refused = [
    ...Array.from({ length: 8 }, () => upload(bomb)),
    ...Array.from({ length: 8 }, () => upload("y".repeat(2 * 1024 * 1024))),
    ...Array.from({ length: 8 }, () => upload("{".repeat(900_000))),
  ];
  // Nesting half a million deep inside an event's data: the masker drops what it does not know,
  // so this one may be stored (harmlessly); it must just not take the server down.
  const deepOnes = Array.from({ length: 4 }, () => upload(deep));
  const started = Date.now();
  const honestStatuses = await Promise.all(Array.from({ length: 10 }, () => honestUpload()));
  const honestSeconds = (Date.now() - started) / 1000;
  const refusedStatuses = await Promise.all(refused);
  const deepStatuses = await Promise.all(deepOnes);
  const hostileStatuses = [...refusedStatuses, ...deepStatuses];
  ctx.check("http: every bomb, oversize or broken upload of the burst got a 4xx", refusedStatuses.every((s) => s >= 400 && s < 500), refusedStatuses.join(","));
  ctx.check("http: deeply nested uploads were answered without a 5xx", deepStatuses.every((s) => s > 0 && s < 500), deepStatuses.join(","));
  ctx.check(`http: honest visitors were served during the burst (${honestSeconds.toFixed(1)} s)`, honestStatuses.every((s) => s === 201), honestStatuses.join(","));
  const health = await honest.get("/api/v1/health");
  ctx.check("http: the server is up and healthy afterwards", health.status === 200);
  attacker.close();
  honest.close();
  ctx.record("httpFuzz", { hostileBurst: hostileStatuses.length, honestDuringBurst: honestStatuses.length, honestBurstSeconds: Number(honestSeconds.toFixed(1)) });
}
