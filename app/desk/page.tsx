import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { db } from "@/lib/db/client";
import { siteWhere } from "@/lib/auth/scope";
import { QueueView } from "./queue-view";

export const metadata: Metadata = { title: "Support queue" };

export default async function DeskPage() {
  const actor = await requirePagePermission("ticket:read", "/desk");
  const sites = await db().site.findMany({
    where: siteWhere(actor, "ticket:read"),
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return (
    <section className="panel">
      <h1>Support queue</h1>
      <QueueView sites={sites} />
    </section>
  );
}
