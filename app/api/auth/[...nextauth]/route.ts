// GET|POST /api/auth/* – next-auth: email magic links and database sessions.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

function handle(req: Request, ctx: Context) {
  return NextAuth(authOptions())(req, ctx);
}

export { handle as GET, handle as POST };
