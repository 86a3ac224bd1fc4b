import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { OwnTicketView } from "./own-ticket-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ownTicket"))("title") };
}

export default async function OwnTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission("ticket:read-own", `/support/tickets/${id}`);
  return <OwnTicketView id={id} />;
}
