// Shown while the server reads the outbox.
export default function OutboxLoading() {
  return (
    <section className="panel" aria-busy="true">
      <h1>Outbox</h1>
      <p role="status">Loading the outbox…</p>
    </section>
  );
}
