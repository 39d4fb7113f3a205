// Runs one leased job: builds the handler's context, arms the per-attempt
// timeout, and turns whatever happens into the acknowledgement to send.
// Invariant: `outcome` settles exactly once, at the first of handler return,
// handler throw or abort; `finished` settles when the slot may be reused.

import { parseJson } from "../core/json.ts";
import { statusNames, type Lease } from "../core/types.ts";
import type { DependencyResult } from "../core/workflows.ts";
import { defaultLimits } from "../core/config.ts";
import type { AckInput } from "../core/contract.ts";
import type { Logger } from "../core/log.ts";
import { type DependencyInfo, type Handler, type HandlerContext, isNonRetryable, jobForHandler, rateLimitOf } from "./handler.ts";
import { AttemptLog, type JobLogLevel } from "./job-log.ts";

/** Results above this are refused by the master; failing here names the limit instead. */
export const resultBytesMax = defaultLimits.resultBytesMax;
const errorBytesMax = defaultLimits.errorBytesMax;

export type AbortKind = "timeout" | "cancelled" | "lost" | "shutdown";

/** The reason a job's signal was aborted; a handler sees it as `signal.reason`. */
export class JobAbortedError extends Error {
  constructor(
    readonly kind: AbortKind,
    message: string,
  ) {
    super(message);
    this.name = "JobAbortedError";
  }
}

export interface ExecuteDeps {
  progress(jobId: string, token: string, progress: string): Promise<void>;
  /** Absent: a source that cannot fetch them (ctx.dependencies() then rejects for a job that has any). */
  dependencies?(jobId: string, token: string): Promise<DependencyResult[]>;
  log: Logger;
  /** After an abort, how long a handler that ignores its signal may keep its slot. */
  abortGraceMs: number;
}

export interface Execution {
  lease: Lease;
  controller: AbortController;
  /** The acknowledgement for this attempt. */
  outcome: Promise<AckInput>;
  /** Resolves when the handler returned, or abortGraceMs after an abort it ignored. */
  finished: Promise<void>;
}

export function execute(lease: Lease, handler: Handler, deps: ExecuteDeps): Execution {
  const { job, token } = lease;
  const controller = new AbortController();
  const signal = controller.signal;
  const timer =
    job.timeoutMs > 0
      ? setTimeout(
          () => controller.abort(new JobAbortedError("timeout", `job timed out after ${job.timeoutMs} ms`)),
          job.timeoutMs,
        )
      : undefined;
  const tag = `job ${job.id} (${job.type}, attempt ${job.attempt})`;
  const lines = new AttemptLog();
  // Each line goes to the worker's log and, bounded, to the job (sent with the ack).
  const logAt = (level: JobLogLevel) => (m: string) => {
    lines.add(level, m, Date.now());
    deps.log[level](`${tag}: ${m}`);
  };
  const ctx: HandlerContext = {
    signal,
    attempt: job.attempt,
    progress: (p) =>
      Promise.resolve()
        .then(() => deps.progress(job.id, token, JSON.stringify(p)))
        .catch((e) => deps.log.debug(`${tag}: progress not stored: ${messageOf(e)}`)),
    log: { info: logAt("info"), warn: logAt("warn"), error: logAt("error"), debug: logAt("debug") },
    dependencies: () => (deps$ ??= fetchDependencies(lease, deps)),
  };
  let deps$: Promise<DependencyInfo[]> | undefined;
  const run = Promise.resolve().then(() => handler(jobForHandler(job), ctx));
  const handlerDone = run.then(
    (v) => ackOfResult(job.id, token, v),
    (e) => ackOfError(job.id, token, e),
  );
  const aborted = new Promise<AckInput>((resolve) => {
    const onAbort = () => resolve(ackOfError(job.id, token, signal.reason));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  // Lines written after the outcome settled (a handler that ignored its abort) are not sent.
  const outcome = Promise.race([handlerDone, aborted])
    .then((ack) => withLogs(ack, lines.lines()))
    .finally(() => clearTimeout(timer));
  const finished = slotRelease(run, aborted, tag, deps);
  return { lease, controller, outcome, finished };
}

/** One request per attempt, on first use; a job without dependencies costs none. */
async function fetchDependencies(lease: Lease, deps: ExecuteDeps): Promise<DependencyInfo[]> {
  if (lease.job.dependsOn.length === 0) return [];
  if (deps.dependencies === undefined) throw new Error("this worker's job source cannot fetch dependency results");
  const list = await deps.dependencies(lease.job.id, lease.token);
  return list.map((d) => {
    let parsed: { v: unknown } | undefined;
    return {
      id: d.id,
      type: d.type,
      state: d.status === 0 ? "unknown" : (statusNames[d.status] ?? "unknown"),
      resultBytes: d.result,
      get result() {
        parsed ??= { v: parseJson(d.result) };
        return parsed.v;
      },
      error: d.error,
      resultOmitted: d.resultOmitted,
    };
  });
}

function withLogs(ack: AckInput, logs: string[]): AckInput {
  return logs.length > 0 ? { ...ack, logs } : ack;
}

/** Resolves when the handler settles, or abortGraceMs after an abort if the handler ignores it. */
function slotRelease(run: Promise<unknown>, aborted: Promise<unknown>, tag: string, deps: ExecuteDeps): Promise<void> {
  return new Promise<void>((resolve) => {
    let grace: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const done = () => {
      settled = true;
      clearTimeout(grace);
      resolve();
    };
    run.then(done, done);
    aborted.then(() => {
      if (settled) return;
      grace = setTimeout(() => {
        deps.log.warn(`${tag}: handler ignored its abort signal for ${deps.abortGraceMs} ms; freeing its slot`);
        resolve();
      }, deps.abortGraceMs);
      grace.unref?.(); // a handler that never returns must not keep the process alive
    });
  });
}

/** The success ack for a handler's return value, or a non-retryable failure naming the limit. */
export function ackOfResult(jobId: string, token: string, value: unknown): AckInput {
  let text: string | undefined;
  try {
    text = value === undefined ? undefined : JSON.stringify(value);
  } catch (e) {
    return fail(jobId, token, `result is not JSON-serialisable: ${messageOf(e)}`, false);
  }
  if (text === undefined) return { jobId, token, success: true };
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > resultBytesMax) {
    // Not retryable: the handler's work is done and would most likely produce the same result again.
    return fail(jobId, token, `result is ${bytes.length} bytes; the limit is ${resultBytesMax} bytes`, false);
  }
  return { jobId, token, success: true, result: bytes };
}

export function ackOfError(jobId: string, token: string, e: unknown): AckInput {
  const rl = rateLimitOf(e);
  if (rl !== undefined) return { ...fail(jobId, token, describeError(e), true), retryAfterMs: rl.retryAfterMs, pauseGroup: rl.pauseGroup };
  return fail(jobId, token, describeError(e), !isNonRetryable(e));
}

function fail(jobId: string, token: string, error: string, retryable: boolean): AckInput {
  return { jobId, token, success: false, error: error.slice(0, errorBytesMax) /* the master cuts to bytes; this only bounds what is sent */, retryable };
}

/** "Name: message" followed by the stack frames, without repeating the header. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `thrown value: ${String(e)}`;
  const head = `${e.name}: ${e.message}`;
  const stack = e.stack ?? "";
  if (e instanceof JobAbortedError || stack === "") return head;
  return stack.startsWith(head) ? stack : `${head}\n${stack}`;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
