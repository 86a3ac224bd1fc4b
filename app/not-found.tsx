import Link from "next/link";

export default function NotFound() {
  return (
    <section className="panel">
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have been deleted, or the link is mistyped.</p>
      <p><Link href="/">Back to the start page</Link></p>
    </section>
  );
}
