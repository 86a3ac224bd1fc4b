import { describe, expect, it, vi } from "vitest";
import { BEACON_MAX_BYTES } from "@/lib/replay/protocol";
import { createTransport, MAX_ATTEMPTS, MAX_QUEUED_BATCHES, postInit } from "@/lib/recorder/transport";
import type { EncodedBatch } from "@/lib/recorder/batch";
import { fakeFetch, fakeTimers, settle } from "./fakes";

const URL_INGEST = "https://desk.test/api/v1/ingest";
const batch = (seq: number, bytes = 100): EncodedBatch => ({ seq, body: JSON.stringify({ seq }), bytes, events: 1 });

function setup(route: Parameters<typeof fakeFetch>[0]) {
  const net = fakeFetch(route);
  const timers = fakeTimers();
  const onFatal = vi.fn();
  const transport = createTransport(URL_INGEST, {
    fetch: net.fetch,
    sendBeacon: null,
    keepaliveSupported: true,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    onFatal,
  });
  return { net, timers, onFatal, transport };
}

describe("postInit", () => {
  it("sends no cookies, no page URL as referrer, and a preflight-free content type", () => {
    const init = postInit("{}", true);
    expect(init).toMatchObject({ method: "POST", credentials: "omit", referrerPolicy: "strict-origin", keepalive: true, mode: "cors" });
    expect(init.headers).toEqual({ "Content-Type": "text/plain" });
  });
});

describe("transport", () => {
  it("retries a failed upload with backoff and the same body (same seq)", async () => {
    let n = 0;
    const { net, timers, transport } = setup(() => (n++ < 2 ? { status: 503 } : { status: 201 }));
    transport.enqueue(batch(4));
    await settle();
    expect(timers.pending()).toEqual([1000]);
    timers.run();
    await settle();
    expect(timers.pending()).toEqual([2000]);
    timers.run();
    await settle();
    expect(net.calls.map((c) => c.body)).toEqual(['{"seq":4}', '{"seq":4}', '{"seq":4}']);
    expect(transport.pending()).toBe(0);
  });

  it("retries network errors and honours Retry-After", async () => {
    let n = 0;
    const { timers, transport } = setup(() => (n++ === 0 ? { status: 429, headers: { "Retry-After": "7" } } : { status: 201 }));
    transport.enqueue(batch(0));
    await settle();
    expect(timers.pending()).toEqual([7000]);
  });

  it("sends in order, one at a time", async () => {
    const { net, transport } = setup(() => ({ status: 201 }));
    transport.enqueue(batch(0));
    transport.enqueue(batch(1));
    transport.enqueue(batch(2));
    await settle();
    expect(net.calls.map((c) => c.body)).toEqual(['{"seq":0}', '{"seq":1}', '{"seq":2}']);
  });

  it("gives up after MAX_ATTEMPTS", async () => {
    const { net, timers, transport } = setup(() => "network-error");
    transport.enqueue(batch(0));
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await settle();
      timers.run();
    }
    expect(net.calls).toHaveLength(MAX_ATTEMPTS);
    expect(transport.pending()).toBe(0);
  });

  it("drops a batch the server refuses (400) and goes on", async () => {
    const { net, transport, onFatal } = setup((_, init) => (init.body === '{"seq":0}' ? { status: 400 } : { status: 201 }));
    transport.enqueue(batch(0));
    transport.enqueue(batch(1));
    await settle();
    expect(net.calls).toHaveLength(2);
    expect(onFatal).not.toHaveBeenCalled();
  });

  it("stops for good when the site is refused (403)", async () => {
    const { net, transport, onFatal } = setup(() => ({ status: 403 }));
    transport.enqueue(batch(0));
    transport.enqueue(batch(1));
    await settle();
    expect(onFatal).toHaveBeenCalledWith(403);
    expect(net.calls).toHaveLength(1);
    expect(transport.canAccept()).toBe(false);
  });

  it("is bounded", async () => {
    const { transport } = setup(() => "network-error");
    for (let i = 0; i < MAX_QUEUED_BATCHES; i++) transport.enqueue(batch(i));
    expect(transport.canAccept()).toBe(false);
  });

  it("uses keepalive for small bodies so they survive navigation", async () => {
    const { net, transport } = setup(() => ({ status: 201 }));
    transport.enqueue(batch(0, 100));
    transport.enqueue(batch(1, BEACON_MAX_BYTES + 1));
    await settle();
    expect(net.calls.map((c) => c.init.keepalive)).toEqual([true, false]);
  });

  it("hands queued batches to the browser on page hide within the keepalive budget", async () => {
    const { net, transport } = setup(() => "network-error");
    transport.enqueue(batch(0, 10)); // in flight (fails later)
    transport.enqueue(batch(1, 30_000));
    transport.enqueue(batch(2, 40_000));
    transport.enqueue(batch(3, 20_000));
    const left = transport.flushOnHide();
    const sent = net.calls.slice(1).map((c) => c.body);
    expect(sent).toEqual(['{"seq":1}', '{"seq":3}']);
    expect(left).toBe(BEACON_MAX_BYTES - 10 - 50_000);
    expect(net.calls.slice(1).every((c) => c.init.keepalive)).toBe(true);
  });

  it("stop() aborts and forgets everything", async () => {
    const { net, transport, timers } = setup(() => "network-error");
    transport.enqueue(batch(0));
    transport.enqueue(batch(1));
    transport.stop();
    await settle();
    timers.run();
    await settle();
    expect(net.calls).toHaveLength(1);
    expect(transport.pending()).toBe(0);
  });
});
