// Polls a condition instead of sleeping a guessed amount: returns as soon as
// the condition holds, and fails naming `what` once timeoutMs has passed.
// The only sleep is the backoff between checks (1 ms doubling to 25 ms).

export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = "condition",
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (let delay = 1; ; delay = Math.min(delay * 2, 25)) {
    if (await cond()) return;
    if (Date.now() >= until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await Bun.sleep(delay);
  }
}

/** Like waitFor, but resolves with the first non-undefined value `probe` returns. */
export async function waitForValue<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let value: T | undefined;
  await waitFor(
    async () => {
      value = await probe();
      return value !== undefined;
    },
    timeoutMs,
    what,
  );
  return value as T;
}

/** A promise with its resolve function exposed, for handlers that wait on the test. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open = () => {};
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}
