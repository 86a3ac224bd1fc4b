import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import EmailProvider from "next-auth/providers/email";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { PrismaClient as DefaultPrismaClient } from "@prisma/client";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { hashToken } from "@/lib/crypto/tokens";
import { describeForLog } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send";
import { signInEmail } from "@/lib/mail/templates/sign-in";
import { signInRefusedEmail } from "@/lib/mail/templates/sign-in-refused";
import { normalizeEmail } from "@/lib/users/grants";

const MAGIC_LINK_MINUTES = 15;
const SESSION_DAYS = 7;
const ADDRESS = /^[^\s@",]+@[^\s@",]+\.[^\s@",]+$/;

// The one spelling of an address (shared with normalizeEmail, so the per-address limits and the
// accounts use the address next-auth mails to); anything but a plain address is refused.
function normalizeIdentifier(identifier: string): string {
  const email = normalizeEmail(identifier);
  if (!ADDRESS.test(email)) throw new Error("Invalid email address format.");
  return email;
}

// The link in the email opens our confirmation page with next-auth's parameters in the fragment:
// browsers never send a fragment to a server (so the token stays out of access logs and Referer
// headers), and only the page's button, a same-origin POST, signs in (app/api/auth/[...nextauth]).
function confirmationUrl(callbackUrl: string): string {
  const page = new URL("/signin/confirm", env().APP_URL);
  page.hash = new URL(callbackUrl).searchParams.toString();
  return page.href;
}

// Session rows hold a SHA-256 of the cookie value, never the value: a copy of the database hands
// out no live session. Every lookup hashes the cookie first; next-auth sees the cookie value.
function hashedSessions(base: Adapter): Adapter {
  return {
    ...base,
    async createSession(session) {
      return { ...(await base.createSession!({ ...session, sessionToken: hashToken(session.sessionToken) })), sessionToken: session.sessionToken };
    },
    async getSessionAndUser(sessionToken) {
      const found = await base.getSessionAndUser!(hashToken(sessionToken));
      return found && { user: found.user, session: { ...found.session, sessionToken } };
    },
    async updateSession(session) {
      const updated = await base.updateSession!({ ...session, sessionToken: hashToken(session.sessionToken) });
      return updated && { ...updated, sessionToken: session.sessionToken };
    },
    // Signing in first deletes the session the browser's cookie names. That session may be gone
    // already (expired, its account deactivated, or a cookie planted by someone else): the
    // adapter's delete then threw, and sign-in failed until the cookie was cleared.
    async deleteSession(sessionToken) {
      await db().session.deleteMany({ where: { sessionToken: hashToken(sessionToken) } });
    },
  };
}

let cached: NextAuthOptions | undefined;

// Built on first use, not at import: `next build` imports this module without a runtime environment.
export function authOptions(): NextAuthOptions {
  cached ??= {
    // The adapter is typed against the default "@prisma/client" export; our two generated clients
    // (SQLite, PostgreSQL) share that model API.
    adapter: hashedSessions(PrismaAdapter(db() as unknown as DefaultPrismaClient)),
    secret: env().AUTH_SECRET,
    session: { strategy: "database", maxAge: SESSION_DAYS * 24 * 3600, updateAge: 3600 },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    providers: [
      EmailProvider({
        maxAge: MAGIC_LINK_MINUTES * 60,
        normalizeIdentifier,
        async sendVerificationRequest({ identifier, url }) {
          const user = await db().user.findUnique({ where: { email: identifier }, select: { locale: true, deactivatedAt: true } });
          const mail = user?.deactivatedAt ? signInRefusedEmail({ locale: user.locale }) : signInEmail({ url: confirmationUrl(url), minutes: MAGIC_LINK_MINUTES, locale: user?.locale });
          await sendMail({ to: identifier, ...mail });
        },
      }),
    ],
    // next-auth's own error lines carry messages and metadata (a mail server's refusal quotes the
    // address); the code and the error's class and place are enough to investigate.
    logger: {
      error(code, metadata) {
        console.error(`[next-auth] ${code}: ${describeForLog(metadata instanceof Error ? metadata : metadata.error)}`);
      },
      warn(code) {
        console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
    callbacks: {
      // A deactivated account gets no new session. Asking for a link gets the same answer as for
      // any other address (no account enumeration); sendVerificationRequest mails it no link.
      async signIn({ user, email }) {
        if (email?.verificationRequest) return true;
        if (!user.email) return false;
        const existing = await db().user.findUnique({ where: { email: normalizeEmail(user.email) }, select: { deactivatedAt: true } });
        return !existing?.deactivatedAt;
      },
      session({ session, user }) {
        if (session.user) session.user.id = user.id;
        return session;
      },
    },
  };
  return cached;
}
