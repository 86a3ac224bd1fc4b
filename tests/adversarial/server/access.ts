import { randomBytes } from "node:crypto";
import { Client } from "../support/http";
import { confirmMagicLink, magicLinkIn, requestMagicLink, signIn } from "../support/sign-in";
import type { Context } from "./context";

// Issue 8, part 5, over HTTP with real cookies: session fixation, the magic-link and approval rate
// limits (per client, per address, not dodged with a forged X-Forwarded-For), CSRF with a real
// session. The handler-level IDOR, token and CSRF matrix is tests/adversarial/access.test.ts.

const SESSION_COOKIE = "next-auth.session-token";

export async function access(ctx: Context): Promise<void> {
  const mailbox = ctx.server.mailbox;

  // Session fixation 1: a session id chosen before sign-in is never adopted.
  const chosen = `fixated-${randomBytes(16).toString("hex")}`;
  const victim = ctx.newClient();
  victim.cookies.set(SESSION_COOKIE, chosen);
  await signIn(victim, mailbox, "customer@demo.test");
  const issued = victim.cookies.get(SESSION_COOKIE);
  ctx.check("fixation: sign-in issues a new session id, not the one planted before", !!issued && issued !== chosen);
  const planted = new Client(ctx.url, "127.0.0.3");
  planted.cookies.set(SESSION_COOKIE, chosen);
  ctx.check("fixation: the planted id is no session", (await planted.get("/api/v1/me")).status === 401);

  // Session fixation 2: an attacker plants their own valid session in the victim's browser; the
  // victim then signs in. The victim gets a new session; the attacker's never becomes the victim's.
  const attacker = await ctx.signedIn("supervisor@demo.test");
  const attackerToken = attacker.cookies.get(SESSION_COOKIE)!;
  const browser = ctx.newClient();
  browser.cookies.set(SESSION_COOKIE, attackerToken);
  await signIn(browser, mailbox, "agent@demo.test");
  ctx.check("fixation: signing in over a planted session yields a new session", browser.cookies.get(SESSION_COOKIE) !== attackerToken);
  const me = (await browser.get("/api/v1/me")).json<{ email: string }>();
  ctx.check("fixation: and it is the victim's own", me.email === "agent@demo.test", me.email);
  const attackerNow = await attacker.get("/api/v1/me");
  ctx.check("fixation: the planted session was not upgraded to the victim", attackerNow.status === 401 || attackerNow.json<{ email: string }>().email === "supervisor@demo.test", attackerNow.text.slice(0, 100));
  for (const c of [victim, planted, attacker, browser]) if (c.cookies.get(SESSION_COOKIE)) ctx.tokens.add(c.cookies.get(SESSION_COOKIE)!);

  // Sign-out ends the session on the server, not just in the browser.
  const leaving = await ctx.signedIn("customer@demo.test");
  const token = leaving.cookies.get(SESSION_COOKIE)!;
  const { csrfToken } = (await leaving.get("/api/auth/csrf")).json<{ csrfToken: string }>();
  await leaving.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
  const replayed = new Client(ctx.url, "127.0.0.4");
  replayed.cookies.set(SESSION_COOKIE, token);
  ctx.check("session: a signed-out session id no longer works", (await replayed.get("/api/v1/me")).status === 401);

  // Magic links: one client asking for many addresses is stopped; another client is not.
  const flooder = ctx.newClient();
  const floods: number[] = [];
  for (let i = 0; i < 25; i++) floods.push((await requestMagicLink(flooder, ctx.uniqueEmail(`flood${i}`))).status);
  ctx.check("magic link: one client is limited to 20 a minute", floods.slice(0, 20).every((s) => s === 200) && floods.slice(20).every((s) => s === 429), floods.join(","));
  const spoofing = await flooder.post("/api/auth/signin/email", { form: { email: ctx.uniqueEmail("spoof"), csrfToken: "x", json: "true" }, headers: { "x-forwarded-for": "203.0.113.77" } });
  ctx.check("magic link: a forged X-Forwarded-For does not reset the limit", spoofing.status === 429, `got ${spoofing.status}`);
  const bystander = ctx.newClient();
  ctx.check("magic link: another client still gets its link", (await requestMagicLink(bystander, ctx.uniqueEmail("bystander"))).status === 200);
  // One address asked from many clients: limited per address, and only 5 emails reach it.
  const target = ctx.uniqueEmail("mailbomb");
  const before = await mailbox.files();
  const perAddress: number[] = [];
  for (let i = 0; i < 8; i++) perAddress.push((await requestMagicLink(ctx.newClient(), target)).status);
  ctx.check("magic link: one address gets at most 5 links a minute, from any number of clients", perAddress.slice(0, 5).every((s) => s === 200) && perAddress.slice(5).every((s) => s === 429), perAddress.join(","));
  // The sign-in request is answered only once the mail catcher has stored the message (next-auth
  // awaits sendVerificationRequest, which awaits the SMTP delivery), so with every request answered
  // the count is final: nothing more to wait for.
  const delivered = (await mailbox.to(target)).filter((m) => !before.has(m.file)).length;
  ctx.check("magic link: no more than 5 emails were sent to it", delivered <= 5, `${delivered} sent`);

  // The magic link itself: single use.
  const once = ctx.newClient();
  const mailBefore = await mailbox.files();
  await requestMagicLink(once, "customer@demo.test", 200);
  const link = magicLinkIn(await mailbox.waitFor({ to: "customer@demo.test", after: mailBefore, subject: /sign-in link/i }, 20_000));
  ctx.tokens.add(new URLSearchParams(new URL(link).hash.slice(1)).get("token") ?? "");
  await confirmMagicLink(once, link);
  const reuse = ctx.newClient();
  const second = await confirmMagicLink(reuse, link);
  ctx.check("magic link: a used link does not sign in again", !reuse.cookies.get(SESSION_COOKIE) && /error=Verification/.test(String(second.headers.location ?? "")), String(second.headers.location));

  // Approval endpoints: guessing from one client is limited, even with forged X-Forwarded-For.
  const guesser = ctx.newClient();
  const guesses: number[] = [];
  for (let i = 0; i < 24; i++) {
    guesses.push((await guesser.post("/api/v1/approvals/decide", { json: { token: randomBytes(32).toString("base64url"), decision: "approve" }, headers: { "x-forwarded-for": `198.51.100.${i}` } })).status);
  }
  ctx.check("approvals: guessing is limited per client (20 a minute), forged X-Forwarded-For or not", guesses.slice(0, 20).every((s) => s === 410) && guesses.slice(20).every((s) => s === 429), guesses.join(","));
  ctx.check("approvals: another client is unaffected", (await ctx.newClient().post("/api/v1/approvals/decide", { json: { token: randomBytes(32).toString("base64url"), decision: "approve" } })).status === 410);

  // CSRF with a real session cookie: a cross-site write is refused before anything happens.
  const agent = await ctx.signedIn("agent@demo.test");
  const { ticketId } = await ctx.ticketWithRecording(ctx.uniqueEmail("csrf"));
  const crossSite: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: ctx.url, "sec-fetch-site": "cross-site" }];
  for (const headers of crossSite) {
    const res = await agent.request("PATCH", `/api/v1/desk/tickets/${ticketId}`, { json: { status: "closed" }, headers });
    ctx.check(`csrf: cross-site PATCH with ${JSON.stringify(headers)} is refused`, res.status === 403, `got ${res.status}`);
  }
  const still = (await agent.get(`/api/v1/desk/tickets/${ticketId}`)).json<{ status: string }>();
  ctx.check("csrf: and the ticket is unchanged", still.status === "open", still.status);
  const signout = await agent.request("POST", "/api/auth/signout", { form: { csrfToken: "x" }, headers: { origin: "https://evil.example" } });
  ctx.check("csrf: a cross-site sign-out is refused", signout.status === 403, `got ${signout.status}`);

  for (const c of [victim, planted, browser, replayed, flooder, bystander, once, reuse, guesser, agent, leaving]) c.close();
  ctx.record("access", { magicLinkFlood: floods.length, magicLinksLimited: floods.filter((s) => s === 429).length, approvalGuesses: guesses.length, approvalGuessesLimited: guesses.filter((s) => s === 429).length });
}
