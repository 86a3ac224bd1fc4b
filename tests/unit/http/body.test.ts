import { describe, expect, it } from "vitest";
import { readJsonBody } from "@/lib/http/body";

const CHUNK_BYTES = 64 * 1024;

// A chunked upload with no Content-Length: `total` bytes in 64 KB chunks, counting what the
// reader actually pulled from it.
function streamingRequest(total: number, contentType = "application/json") {
  const pulled = { bytes: 0 };
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk = new Uint8Array(Math.min(CHUNK_BYTES, total - sent)).fill(0x20);
      sent += chunk.byteLength;
      pulled.bytes = sent;
      controller.enqueue(chunk);
    },
  });
  const req = new Request("http://localhost/api/test", { method: "POST", headers: { "content-type": contentType }, body, duplex: "half" } as RequestInit);
  return { req, pulled };
}

describe("readJsonBody (finding H3)", () => {
  it("cuts a chunked body off at its limit: 413, and no more than the limit (plus one chunk) is read", async () => {
    const { req, pulled } = streamingRequest(8 * 1024 * 1024);
    await expect(readJsonBody(req, 64 * 1024)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024 + CHUNK_BYTES);
  });

  it("reads a body within the limit, multi-byte characters split across chunks included", async () => {
    const text = JSON.stringify({ note: "é".repeat(40_000) });
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 999) controller.enqueue(bytes.slice(i, i + 999));
        controller.close();
      },
    });
    const req = new Request("http://localhost/api/test", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(await readJsonBody(req, 128 * 1024)).toEqual({ note: "é".repeat(40_000) });
  });
});
