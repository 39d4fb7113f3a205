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
