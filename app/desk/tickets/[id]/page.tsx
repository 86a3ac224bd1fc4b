import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/policy";
import { DeskTicketView } from "./desk-ticket-view";

export const metadata: Metadata = { title: "Ticket" };

export default async function DeskTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("ticket:read", `/desk/tickets/${id}`);
  return (
    <DeskTicketView id={id} me={actor.userId} mayReply={can(actor, "ticket:reply")} />
  );
}
