import Link from "next/link";

export default function Forbidden() {
  return (
    <section className="panel">
      <h1>Not allowed</h1>
      <p>Your account does not have access to this page. If you need it, ask an administrator for the right role.</p>
      <p><Link href="/">Back to the start page</Link></p>
    </section>
  );
}
