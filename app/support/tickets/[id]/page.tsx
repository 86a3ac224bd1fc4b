import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { OwnTicketView } from "./own-ticket-view";

export const metadata: Metadata = { title: "My request" };

export default async function OwnTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission("ticket:read-own", `/support/tickets/${id}`);
  return <OwnTicketView id={id} />;
}
