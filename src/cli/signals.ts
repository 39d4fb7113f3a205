// Waiting for SIGINT/SIGTERM (or a fatal error) in long-running commands.

export type Outcome = { kind: "signal"; signal: NodeJS.Signals } | { kind: "fatal"; error: Error };

/** Resolves on the first SIGINT/SIGTERM or when `fatal` resolves. `onSecond` runs on a second signal. */
export function untilSignal(fatal?: Promise<Error>, onSecond?: () => void): Promise<Outcome> {
  return new Promise((resolve) => {
    let seen = 0;
    const on = (signal: NodeJS.Signals) => {
      seen++;
      if (seen === 1) resolve({ kind: "signal", signal });
      else onSecond?.();
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
    fatal?.then((error) => resolve({ kind: "fatal", error }));
  });
}

/**
 * A bug that escapes every handler (an exception in a callback, a rejected
 * promise nobody awaited) is logged with its stack instead of ending the
 * process: state changes are synchronous and checked before they apply, and
 * storage failures take their own fail-stop path.
 */
export function logEscapedErrors(log: { error(msg: string): void }): void {
  const report = (kind: string) => (e: unknown) =>
    log.error(`internal error (${kind}), still serving: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.on("uncaughtException", report("uncaught exception"));
  process.on("unhandledRejection", report("unhandled rejection"));
}
