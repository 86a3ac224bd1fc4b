import { describe, expect, it } from "vitest";
import { entryHash, findChainBreak, GENESIS_HASH, type ChainedFields } from "@/lib/audit/chain";

function chain(n: number) {
  const entries: (ChainedFields & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      seq, at: new Date(Date.UTC(2026, 0, 1, 0, seq)), actorId: "u1", actorLabel: "agent@x", action: "reveal.request",
      targetType: "ticket", targetId: `t${seq}`, siteId: "s1", justification: null, details: "{}", prevHash: prev,
    };
    const hash = entryHash(fields);
    entries.push({ ...fields, hash });
    prev = hash;
  }
  return entries;
}

describe("audit integrity chain", () => {
  it("accepts an intact chain", () => {
    expect(findChainBreak(chain(5))).toBeNull();
  });

  it("names an edited entry", () => {
    const c = chain(5);
    c[2] = { ...c[2]!, justification: "changed afterwards" };
    expect(findChainBreak(c)).toEqual({ seq: 3, reason: expect.stringContaining("edited") });
  });

  it("names the entry after a removed one", () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(findChainBreak(c)?.seq).toBe(3);
  });

  it("detects reordering", () => {
    const c = chain(5);
    [c[1], c[2]] = [c[2]!, c[1]!];
    expect(findChainBreak(c)?.seq).toBe(3);
  });

  it("detects a removed first entry", () => {
    expect(findChainBreak(chain(3).slice(1))?.seq).toBe(2);
  });
});
