import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { db } from "@/lib/db/client";
import { SupportView } from "./support-view";

export const metadata: Metadata = { title: "My support requests" };

export default async function SupportPage() {
  await requirePagePermission("ticket:read-own", "/support");
  const sites = await db().site.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return <SupportView sites={sites} />;
}
