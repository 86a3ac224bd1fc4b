import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { coversAllSites } from "@/lib/auth/scope";
import { rightsSites } from "@/lib/rights/subject";
import { RightsRequestForm } from "./rights-request";

export const metadata: Metadata = { title: "Rights requests" };

export default async function RightsPage() {
  const actor = await requirePagePermission("privacy:rights", "/admin/rights");
  const sites = await rightsSites(actor);
  return (
    <>
      <section className="panel">
        <h1>Rights requests</h1>
        <p className="muted">
          For requests a person sends by another channel than their account page (an email, a letter, a form of the publisher): find what is held about
          them, send them a copy, or erase it. Customers with an account can do both themselves from <code>/account</code>.
        </p>
        <p className="muted">
          Every search, export and erasure is written to the audit log with your name and the reason you give.{" "}
          {coversAllSites(actor, "privacy:rights") ? "Your role covers every site." : `Your role covers ${sites.map((s) => s.name).join(", ")}: people with data only on other sites are not found.`}
        </p>
      </section>
      <RightsRequestForm sites={sites} />
    </>
  );
}
