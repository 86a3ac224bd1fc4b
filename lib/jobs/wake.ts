// Enqueueing wakes the delivery loops of this process at once instead of at their next poll.
// Kept apart from the loop so that enqueueing code does not load the delivery code.
type Waker = () => void;

const holder = globalThis as unknown as { replaydeskJobWakers?: Set<Waker> };
const wakers = () => (holder.replaydeskJobWakers ??= new Set());

export function onJobEnqueued(wake: Waker): () => void {
  wakers().add(wake);
  return () => wakers().delete(wake);
}

export function wakeJobLoops(): void {
  for (const wake of wakers()) wake();
}
