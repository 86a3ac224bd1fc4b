import "server-only";
import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { PrismaClient as DefaultPrismaClient } from "@prisma/client";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { describeForLog } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send";
import { signInEmail } from "@/lib/mail/templates/sign-in";

const MAGIC_LINK_MINUTES = 15;
const SESSION_DAYS = 7;

let cached: NextAuthOptions | undefined;

// Built on first use, not at import: `next build` imports this module without a runtime environment.
export function authOptions(): NextAuthOptions {
  cached ??= {
    // The adapter is typed against the default "@prisma/client" export; our two generated clients
    // (SQLite, PostgreSQL) share that model API.
    adapter: {
      ...PrismaAdapter(db() as unknown as DefaultPrismaClient),
      // Signing in first deletes the session the browser's cookie names. That session may be gone
      // already (expired, its account deactivated, or a cookie planted by someone else): the
      // adapter's delete then threw, and sign-in failed until the cookie was cleared.
      async deleteSession(sessionToken: string) {
        await db().session.deleteMany({ where: { sessionToken } });
      },
    },
    secret: env().AUTH_SECRET,
    session: { strategy: "database", maxAge: SESSION_DAYS * 24 * 3600, updateAge: 3600 },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    providers: [
      EmailProvider({
        maxAge: MAGIC_LINK_MINUTES * 60,
        async sendVerificationRequest({ identifier, url }) {
          const user = await db().user.findUnique({ where: { email: identifier }, select: { locale: true } });
          await sendMail({ to: identifier, ...signInEmail({ url, minutes: MAGIC_LINK_MINUTES, locale: user?.locale }) });
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
      // A deactivated account gets no new magic link and no new session.
      async signIn({ user }) {
        if (!user.email) return false;
        const existing = await db().user.findUnique({ where: { email: user.email.toLowerCase() }, select: { deactivatedAt: true } });
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
