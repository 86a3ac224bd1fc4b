// SIGKILL during a webhook delivery: a worker process is killed while the receiver holds its
// request open; after the lease has passed, the next pass delivers every webhook of the batch, and
// the receiver (deduplicating by webhook-id, the job's id) sees each exactly once among the answered.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";

process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
const RECEIVER_PORT = 4802;

const { db } = await import("@/lib/db/client");
const { deliverDueJobs } = await import("@/lib/jobs/deliver");
const { deleteRecording } = await import("@/lib/recordings/delete-recording");
const { createWebhookEndpoint } = await import("@/lib/webhooks/endpoints");
const { recordSession, revealWorld } = await import("./reveal-helpers");
const { account } = await import("@/tests/support/factories");
const { startWebhookReceiver } = await import("@/tests/support/webhook-receiver");
const { waitUntil } = await import("@/tests/support/poll");

const LEASE_MS = 2000;

let child: ChildProcess | null = null;
afterAll(() => {
  child?.kill("SIGKILL");
});

describe("outbound webhooks after a crash", () => {
  it("a worker killed mid-delivery loses nothing: after its lease, each webhook arrives once", async () => {
    const w = await revealWorld("webhooks-crash");
    const admin = await account(`wh-crash-${Date.now()}@t.example`, [{ role: "admin" }]);
    const endpoint = await createWebhookEndpoint(admin, w.site.id, { url: `http://127.0.0.1:${RECEIVER_PORT}/hook`, events: ["recording.deleted"] });
    const receiver = await startWebhookReceiver(RECEIVER_PORT, () => [endpoint.secret], { hold: true });
    try {
      for (let i = 0; i < 2; i++) {
        const rec = await recordSession(w.site, w.customer);
        await deleteRecording({ recordingId: rec.recordingId, reason: "customer", dueAt: new Date() });
      }
      const mine = (await db().job.findMany({ where: { kind: "webhook" } })).filter((j) => (j.payload as { endpointId?: string }).endpointId === endpoint.id);
      expect(mine).toHaveLength(2);

      child = spawn("npx", ["tsx", "--conditions=react-server", "tests/support/outbox-worker.ts", "webhook-crash-worker", String(LEASE_MS)], { env: process.env, stdio: "ignore", detached: true });
      await waitUntil(() => receiver.isHolding(), { what: "the worker in the middle of a delivery", timeoutMs: 30_000 });
      const leased = await db().job.findMany({ where: { leasedBy: "webhook-crash-worker", status: "queued" } });
      expect(leased.length).toBeGreaterThan(0);
      process.kill(-child.pid!, "SIGKILL");
      await new Promise((resolve) => child!.once("exit", resolve));
      child = null;

      await waitUntil(async () => Date.now() > Math.max(...leased.map((j) => j.leaseUntil!.getTime())), { what: "the lease to pass", timeoutMs: LEASE_MS + 5000 });
      await deliverDueJobs({ worker: "webhook-restarted" });
      const after = await db().job.findMany({ where: { id: { in: mine.map((j) => j.id) } } });
      expect(after.map((j) => j.status)).toEqual(["done", "done"]);
      // Answered deliveries: each of this endpoint's jobs once, signed (the held one was never answered).
      const answered = receiver.countsById(new Set(mine.map((j) => j.id)));
      expect([...answered.values()]).toEqual([1, 1]);
      expect(receiver.received.filter((r) => answered.has(r.id)).every((r) => r.signatureValid)).toBe(true);
    } finally {
      await receiver.close();
    }
  });
});
