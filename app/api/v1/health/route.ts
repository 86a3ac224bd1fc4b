// GET /api/v1/health – liveness and database reachability, for load balancers and start-up checks.
import { db } from "@/lib/db/client";
import { errorJson, json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await db().site.count();
    return json({ ok: true });
  } catch {
    return errorJson("unavailable", "The database is not reachable.");
  }
}
