// Output that survives the exit: process.exit drops whatever a pipe has not
// taken yet, so main.ts waits for this before it exits.

/** Resolves once everything written to `s` was handed to the OS (or the reader went away). */
function drained(s: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (s.destroyed || !s.writable) return resolve();
    // A closed pipe (`| head`) reports EPIPE here; nothing more can be delivered, so stop waiting.
    s.once("error", () => resolve());
    // Bun buffers pipe writes outside the stream's own accounting (writableLength stays 0),
    // so only end() is known to wait for them. Nothing may be written after this.
    s.end(() => resolve());
  });
}

/** Waits until stdout and stderr drained; call once, right before process.exit. */
export function outputFlushed(): Promise<void> {
  return Promise.all([drained(process.stdout), drained(process.stderr)]).then(() => undefined);
}

/**
 * Runs `stop` once when the reader of stdout goes away (`| head`): Bun reports
 * that as an error event, which would otherwise end the process with a stack trace.
 */
export function onStdoutClosed(stop: (line: string) => void): void {
  process.stdout.once("error", (e: NodeJS.ErrnoException) => stop(`stdout closed by its reader (${e.code ?? e.message}); stopped`));
}
