// Waiting for a condition instead of sleeping for a guessed time: `probe` runs until it returns a
// value (anything but undefined, null or false), which is returned, or until the bound is reached,
// which throws naming what was awaited. Framework-free, so Vitest, Playwright fixtures, the
// adversarial runner and the bench share it.
export async function waitUntil<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, opts: { what: string; timeoutMs: number; intervalMs?: number }): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() >= deadline) throw new Error(`${opts.what}: not within ${opts.timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 50));
  }
}
