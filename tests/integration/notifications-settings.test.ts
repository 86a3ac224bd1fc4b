import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

// Who is signed in for the route handlers called below is what currentActor returns.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth/actor")>()), currentActor: async () => session.actor }));

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const route = await import("@/app/api/v1/me/notifications/route");
const { account, staff, testEmail } = await import("@/tests/support/factories");

async function call(handler: (req: Request, ctx: { params: Promise<never> }) => Promise<Response>, as: Actor, json?: unknown) {
  session.actor = as;
  const origin = new URL(env().APP_URL).origin;
  const req = new Request(`${origin}/api/v1/me/notifications`, {
    method: json === undefined ? "GET" : "PUT",
    headers: { origin, ...(json === undefined ? {} : { "content-type": "application/json" }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const res = await handler(req, { params: Promise.resolve({}) as Promise<never> });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { message: string; issues?: { path: string }[] } } };
}

describe("staff notification settings", () => {
  it("start from the default, save the whole choice, and read it back", async () => {
    const agent = await staff("settings-agent", "agent");
    expect((await call(route.GET, agent)).body).toEqual({ notifyOn: ["assigned-customer-message", "reveal-decided"] });
    const saved = await call(route.PUT, agent, { notifyOn: ["unassigned-customer-message", "unassigned-customer-message"] });
    expect(saved).toEqual({ status: 200, body: { notifyOn: ["unassigned-customer-message"] } });
    expect((await db().user.findUniqueOrThrow({ where: { id: agent.userId } })).notifyOn).toEqual(["unassigned-customer-message"]);
    expect((await call(route.PUT, agent, { notifyOn: [] })).body).toEqual({ notifyOn: [] });
    expect((await call(route.GET, agent)).body).toEqual({ notifyOn: [] });
  });

  it("refuse an unknown event by naming the field, and change nothing", async () => {
    const agent = await staff("settings-bad", "agent");
    const refused = await call(route.PUT, agent, { notifyOn: ["every-click"] });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.issues?.[0]?.path).toMatch(/^notifyOn/);
    expect((await call(route.GET, agent)).body).toEqual({ notifyOn: ["assigned-customer-message", "reveal-decided"] });
  });

  it("are staff's only: a customer is refused", async () => {
    const customer = await account(testEmail("settings-customer"));
    expect((await call(route.GET, customer)).status).toBe(403);
    expect((await call(route.PUT, customer, { notifyOn: [] })).status).toBe(403);
  });
});
