// A webhook receiver for the tests: node http on a loopback port, checking each request's Standard
// Webhooks signature and keeping the deliveries by webhook-id (a retry or "send again" of one job
// carries the same id). `hold`: the first request is never answered (a sender killed mid-delivery).
import http from "node:http";
import { verifyWebhook } from "@/lib/webhooks/signature";

export type ReceivedWebhook = { id: string; timestamp: string; body: string; event: { type: string; timestamp: string; data: Record<string, unknown> }; signatureValid: boolean };

export async function startWebhookReceiver(port: number, secrets: () => string[], opts: { hold?: boolean } = {}) {
  const received: ReceivedWebhook[] = [];
  let held = false;
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      if (opts.hold && !held) {
        held = true; // never answered
        return;
      }
      const body = Buffer.concat(parts).toString("utf8");
      const headers = { id: String(req.headers["webhook-id"] ?? ""), timestamp: String(req.headers["webhook-timestamp"] ?? ""), signature: String(req.headers["webhook-signature"] ?? "") };
      const signatureValid = secrets().some((s) => verifyWebhook(s, headers, body));
      received.push({ id: headers.id, timestamp: headers.timestamp, body, event: JSON.parse(body), signatureValid });
      res.writeHead(signatureValid ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    received,
    isHolding: () => held,
    // Deliveries by webhook-id (of these ids, by default all): how many times each job arrived.
    countsById: (ids?: Set<string>) => received.filter((r) => !ids || ids.has(r.id)).reduce((m, r) => m.set(r.id, (m.get(r.id) ?? 0) + 1), new Map<string, number>()),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
