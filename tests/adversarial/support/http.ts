import http from "node:http";

// A small HTTP client on node:http rather than fetch: it can leave from a chosen loopback address
// (127.0.0.0/8 all reaches this host, so each simulated client gets an address of its own, as the
// per-client rate limits see real clients), send headers fetch forbids, keep a cookie jar, and it
// counts every request and answer for the run's figures.

// errorBodies: the bodies of refusals (4xx/5xx), kept for the leak hunt (no echoed secret).
export type Tally = { sent: number; status: Record<string, number>; errors: number; errorBodies: string[] };

export const tally: Tally = { sent: 0, status: {}, errors: 0, errorBodies: [] };
const MAX_KEPT_BODIES = 20_000;

export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; text: string; json<T = unknown>(): T };

export type RequestOptions = {
  headers?: Record<string, string>;
  body?: string | Buffer;
  json?: unknown;
  form?: Record<string, string>;
  timeoutMs?: number;
};

export class Client {
  readonly cookies = new Map<string, string>();
  private readonly agent: http.Agent;
  private readonly target: URL;

  // `base` is the app's URL (its origin goes into Origin headers); connections go to 127.0.0.1.
  constructor(
    readonly base: string,
    readonly localAddress = "127.0.0.1",
  ) {
    this.target = new URL(base);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 8, localAddress });
  }

  get origin(): string {
    return this.target.origin;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  request(method: string, path: string, opts: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    let body: Buffer | undefined;
    if (opts.json !== undefined) {
      body = Buffer.from(JSON.stringify(opts.json));
      headers["content-type"] ??= "application/json";
    } else if (opts.form) {
      body = Buffer.from(new URLSearchParams(opts.form).toString());
      headers["content-type"] ??= "application/x-www-form-urlencoded";
    } else if (opts.body !== undefined) {
      body = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body);
    }
    if (this.cookies.size > 0 && headers.cookie === undefined) headers.cookie = this.cookieHeader();
    if (body) headers["content-length"] ??= String(body.length);
    tally.sent += 1;
    return new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port: Number(this.target.port), method, path, headers: { host: this.target.host, ...headers }, agent: this.agent, timeout: opts.timeoutMs ?? 30_000 },
        (res) => {
          const parts: Buffer[] = [];
          res.on("data", (c: Buffer) => parts.push(c));
          res.on("error", (err) => {
            tally.errors += 1;
            reject(err);
          });
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            tally.status[statusClass(status)] = (tally.status[statusClass(status)] ?? 0) + 1;
            this.keepCookies(res.headers["set-cookie"]);
            const buf = Buffer.concat(parts);
            const text = buf.toString("utf8");
            if (status >= 400 && tally.errorBodies.length < MAX_KEPT_BODIES) tally.errorBodies.push(text.slice(0, 4096));
            resolve({ status, headers: res.headers, body: buf, text, json: <T>() => JSON.parse(text) as T });
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error(`timeout: ${method} ${path}`)));
      req.on("error", (err) => {
        tally.errors += 1;
        reject(err);
      });
      req.end(body);
    });
  }

  get(path: string, opts?: RequestOptions) {
    return this.request("GET", path, opts);
  }

  // Writes from the app's own pages carry its Origin, as a browser's would.
  post(path: string, opts: RequestOptions = {}) {
    return this.request("POST", path, { ...opts, headers: { origin: this.origin, ...(opts.headers ?? {}) } });
  }

  private keepCookies(setCookie: string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}

// The SDK's consent call for a session, as the recorder makes it before any upload: the proof id
// every upload of that session carries (ingest refuses a session without one). Null when the
// server did not answer with one (down, rate-limited).
export async function consentProof(client: Client, siteKey: string, sessionId: string): Promise<string | null> {
  const res = await client.post("/api/v1/consent", { headers: { "content-type": "text/plain" }, body: JSON.stringify({ siteKey, sessionId, granted: true }) }).catch(() => null);
  return res?.status === 201 ? res.json<{ proofId: string }>().proofId : null;
}
