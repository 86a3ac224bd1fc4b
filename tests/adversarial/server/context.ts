import { randomBytes } from "node:crypto";
import { openRecordingKey } from "@/lib/crypto/recording-keys";
import { decodeChunk } from "@/lib/recordings/chunk-codec";
import { Client, consentProof } from "../support/http";
import type { AppServer } from "@/tests/support/app-server";
import { signIn } from "../support/sign-in";
import type { Sql } from "../support/sql";
import { batch, markerEvents, newSessionId } from "../support/events";

// What every server-based phase shares: the running app, raw SQL on its database, the figures of
// the run, and checks that are recorded (and fail the run at the end) rather than thrown, so one
// broken guarantee does not hide the others.

export type Figures = Record<string, Record<string, unknown>>;

export class Context {
  readonly figures: Figures = {};
  readonly failures: string[] = [];
  passed = 0;
  // Secrets that may appear in the mailbox (that is where they are delivered) but nowhere else.
  readonly tokens = new Set<string>();
  private nextAddress = 10;
  private readonly started = Date.now();

  constructor(
    readonly server: AppServer,
    readonly sql: Sql,
    readonly full: boolean,
    readonly masterKey: () => string,
    readonly siteKey: string,
  ) {}

  get url(): string {
    return this.server.url;
  }

  check(name: string, ok: boolean, detail = ""): boolean {
    if (ok) this.passed += 1;
    else this.failures.push(detail ? `${name}: ${detail}` : name);
    this.log(`${ok ? "ok  " : "FAIL"} ${name}${!ok && detail ? ` (${detail})` : ""}`);
    return ok;
  }

  log(line: string): void {
    console.log(`  [${((Date.now() - this.started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  }

  record(phase: string, values: Record<string, unknown>): void {
    this.figures[phase] = { ...(this.figures[phase] ?? {}), ...values };
  }

  // A client leaving from a loopback address of its own: a distinct client to the rate limits.
  newClient(): Client {
    const n = this.nextAddress++;
    return new Client(this.url, `127.0.${Math.floor(n / 250) + 1}.${(n % 250) + 1}`);
  }

  async signedIn(email: string): Promise<Client> {
    const client = this.newClient();
    await signIn(client, this.server.mailbox, email);
    const token = client.cookies.get("next-auth.session-token");
    if (token) this.tokens.add(token);
    return client;
  }

  // A visitor's recording (consent, then seq 0 with a trigger) and the ticket they open from the page.
  async ticketWithRecording(email: string, events: unknown[] = markerEvents(0, 0, 3, Date.now())) {
    const visitor = this.newClient();
    const sessionId = newSessionId();
    const consent = await consentProof(visitor, this.siteKey, sessionId);
    if (!consent) throw new Error("the consent call answered no proof");
    const up = await visitor.post("/api/v1/ingest", { headers: { "content-type": "text/plain" }, body: JSON.stringify(batch(this.siteKey, sessionId, 0, events, { consent })) });
    if (up.status !== 201) throw new Error(`ingest answered ${up.status}: ${up.text.slice(0, 200)}`);
    const ticket = await visitor.post("/api/v1/tickets", { headers: { "content-type": "text/plain" }, body: JSON.stringify({ siteKey: this.siteKey, sessionId, email, subject: "Adversarial help request", message: "Something broke." }) });
    if (ticket.status !== 201) throw new Error(`ticket creation answered ${ticket.status}: ${ticket.text.slice(0, 200)}`);
    visitor.close();
    return { sessionId, ticketId: ticket.json<{ ticketId: string }>().ticketId };
  }

  // The agent asks to view; the approval token comes from the customer's email.
  async askToView(agent: Client, ticketId: string, customerEmail: string) {
    const detail = await agent.get(`/api/v1/desk/tickets/${ticketId}`);
    const recordingId = detail.json<{ recordings: { id: string }[] }>().recordings[0]!.id;
    const before = await this.server.mailbox.files();
    const asked = await agent.post("/api/v1/desk/reveals", { json: { ticketId, recordingId, scope: "masked", justification: "To see where the page breaks" } });
    if (asked.status !== 201) throw new Error(`the reveal request answered ${asked.status}: ${asked.text.slice(0, 200)}`);
    const { token } = await this.server.mailbox.waitForApproval(customerEmail, before, { timeoutMs: 20_000 });
    this.tokens.add(token);
    return { recordingId, revealId: asked.json<{ id: string }>().id, token };
  }

  uniqueEmail(label: string): string {
    return `adv-${label}-${randomBytes(4).toString("hex")}@adv.example`;
  }

  // A recording's masked chunks as stored, decrypted: what a replay of it would be fed.
  async storedChunks(sdkSessionId: string) {
    const [session] = await this.sql.all<{ id: string; wrappedDataKey: string | null; chunkCount: number; storedBytes: number }>(
      'SELECT "id", "wrappedDataKey", "chunkCount", "storedBytes" FROM "RecordedSession" WHERE "sessionKey" = ?',
      sdkSessionId,
    );
    if (!session) return null;
    const rows = await this.sql.all<{ seq: number; stream: string; payload: Buffer }>('SELECT "seq", "stream", "payload" FROM "EventChunk" WHERE "sessionId" = ? ORDER BY "seq" ASC', session.id);
    // The server's key store and MASTER_KEY (run.ts points this process's configuration at them).
    const key = session.wrappedDataKey ? await openRecordingKey(session.wrappedDataKey).catch(() => null) : null;
    const chunks = rows
      .filter((r) => r.stream === "masked")
      .map((r) => {
        let events: unknown[] | null = null;
        try {
          events = key ? (JSON.parse(decodeChunk(key, { recordingId: session.id, stream: "masked", seq: Number(r.seq) }, r.payload).toString("utf8")) as unknown[]) : null;
        } catch {
          // Reported by the caller as a corrupt chunk.
        }
        return { seq: Number(r.seq), bytes: r.payload.length, events };
      });
    return { id: session.id, chunkCount: Number(session.chunkCount), storedBytes: Number(session.storedBytes), rows: rows.length, payloadBytes: rows.reduce((n, r) => n + r.payload.length, 0), chunks };
  }
}

// The markers (mouse moves) of a decrypted chunk, as [client, seq * 1000 + i].
export function markersOf(events: unknown[]): [number, number][] {
  const out: [number, number][] = [];
  for (const e of events) {
    const ev = e as { type?: number; data?: { source?: number; positions?: { x: number; y: number }[] } };
    if (ev.type === 3 && ev.data?.source === 1) for (const p of ev.data.positions ?? []) out.push([p.x, p.y]);
  }
  return out;
}
