import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { db } from "@/lib/db/client";
import { SupportView } from "./support-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support"))("title") };
}

export default async function SupportPage() {
  await requirePagePermission("ticket:read-own", "/support");
  const sites = await db().site.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return <SupportView sites={sites} />;
}
