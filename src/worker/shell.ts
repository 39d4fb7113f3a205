// The `shell` built-in: runs one command per job with Bun.spawn.
// Payload { cmd, args?, cwd?, env?, timeoutMs? }: with `args` the command is
// executed directly; without, `cmd` is run by /bin/sh -c. The child gets its
// own process group, so aborting kills everything it started: SIGTERM to the
// group, then SIGKILL after killGraceMs. Only the last 4 KiB of stdout and
// stderr are kept, so a chatty command cannot exhaust the worker's memory.

import { type Handler, NonRetryableError } from "./handler.ts";

export const outputTailBytes = 4096;
const killGraceMs = 2000;

export interface ShellSpec {
  cmd: string;
  args?: string[];
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface ShellResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function specOf(data: unknown): ShellSpec {
  const d = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const bad = (why: string) => new NonRetryableError(`shell payload: ${why}`);
  if (typeof d.cmd !== "string" || d.cmd === "") throw bad(`"cmd" must be a non-empty string`);
  if (d.args !== undefined && !(Array.isArray(d.args) && d.args.every((a) => typeof a === "string"))) {
    throw bad(`"args" must be an array of strings`);
  }
  if (d.cwd !== undefined && typeof d.cwd !== "string") throw bad(`"cwd" must be a string`);
  if (d.env !== undefined && (typeof d.env !== "object" || d.env === null)) throw bad(`"env" must be an object`);
  if (d.timeoutMs !== undefined && (typeof d.timeoutMs !== "number" || d.timeoutMs < 0)) {
    throw bad(`"timeoutMs" must be a number >= 0`);
  }
  return d as unknown as ShellSpec;
}

/** Reads a stream to its end, keeping only the last `max` bytes. */
async function tail(stream: ReadableStream<Uint8Array>, max: number): Promise<string> {
  let kept = new Uint8Array(0);
  for await (const chunk of stream) {
    const joined = new Uint8Array(kept.length + chunk.length);
    joined.set(kept);
    joined.set(chunk, kept.length);
    kept = joined.length > max ? joined.slice(joined.length - max) : joined;
  }
  return new TextDecoder().decode(kept);
}

export const shellHandler: Handler = async (job, ctx) => {
  const spec = specOf(job.data);
  const cmd = spec.args !== undefined ? [spec.cmd, ...spec.args] : ["/bin/sh", "-c", spec.cmd];
  const proc = Bun.spawn({
    cmd,
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    detached: true,
  });
  let why = "";
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  const kill = (reason: string) => {
    if (why !== "" || proc.exitCode !== null) return;
    why = reason;
    signalGroup(proc.pid, "SIGTERM");
    killTimer = setTimeout(() => signalGroup(proc.pid, "SIGKILL"), killGraceMs);
  };
  const onAbort = () => kill(`aborted: ${(ctx.signal.reason as Error)?.message ?? "signal"}`);
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  if (ctx.signal.aborted) onAbort();
  const timer = spec.timeoutMs ? setTimeout(() => kill(`timed out after ${spec.timeoutMs} ms`), spec.timeoutMs) : undefined;
  try {
    const [exitCode, stdout, stderr] = await Promise.all([
      proc.exited,
      tail(proc.stdout, outputTailBytes),
      tail(proc.stderr, outputTailBytes),
    ]);
    if (why !== "") throw ctx.signal.aborted ? ctx.signal.reason : new Error(`shell command ${why}\n${stderr}`);
    if (exitCode !== 0) throw new Error(`shell command exited with code ${exitCode}\n${stderr}`);
    return { exitCode, stdout, stderr } satisfies ShellResult;
  } finally {
    clearTimeout(timer);
    clearTimeout(killTimer);
    ctx.signal.removeEventListener("abort", onAbort);
  }
};

/** Signals the child's whole process group; it may have exited already. */
function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}
