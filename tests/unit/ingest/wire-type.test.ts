// The SDK's hand-written wire type (lib/replay/protocol.ts, IngestBatch: the SDK cannot ship zod)
// and the server's schema (lib/ingest/schemas.ts, ZIngestBatch) describe the same body. tsc checks
// these assertions (npm test's first step): a field added to one and not the other fails it.
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { IngestBatch } from "@/lib/replay/protocol";
import type { ZIngestBatch } from "@/lib/ingest/schemas";

type Accepted = z.input<typeof ZIngestBatch>;

describe("the ingest wire type and its schema", () => {
  it("every body the SDK can send has the schema's shape", () => {
    expectTypeOf<IngestBatch>().toExtend<Accepted>();
  });
  it("name the same fields", () => {
    expectTypeOf<keyof IngestBatch>().toEqualTypeOf<keyof Accepted>();
  });
});
