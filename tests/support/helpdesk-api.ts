// A stand-in for the REST APIs of Zammad and Chatwoot on a loopback port: keeps every request (path,
// headers, parsed JSON body) and answers `status()` (201 unless a test says otherwise).
import http from "node:http";

export type ApiRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };

export async function startHelpdeskApi(port: number) {
  const received: ApiRequest[] = [];
  let status = 201;
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: JSON.parse(Buffer.concat(parts).toString("utf8") || "{}") as Record<string, unknown> });
      res.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    received,
    answer: (s: number) => void (status = s),
    url: (prefix: string) => `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
