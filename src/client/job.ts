// The SDK's view of a job: the core's JobView (raw `payload` and `result`
// bytes, numeric `status`) plus the decoded forms most callers want. The
// decoded fields are parsed on first read, so a list of jobs costs no parsing.

import { parseJson } from "../core/json.ts";
import { firstLine } from "../core/text.ts";
import { type JobView, statusNames } from "../core/types.ts";

export type JobState = "scheduled" | "pending" | "running" | "completed" | "failed" | "cancelled" | "waiting";

/**
 * A job as the client returns it. `T` and `R` are what the caller says the
 * payload and result are; nothing checks them at run time.
 */
export interface Job<T = unknown, R = unknown> extends JobView {
  /** `payload` parsed as JSON; undefined when it is empty or not JSON. */
  readonly data: T | undefined;
  /** `result` (the handler's return value, JSON) parsed; undefined until COMPLETED, or when not JSON. */
  readonly returnValue: R | undefined;
  /** `status` as a name. */
  readonly state: JobState;
}

/** Adds the decoded fields to a JobView in place; `data` and `returnValue` parse on first read. */
export function decorate<T = unknown, R = unknown>(v: JobView): Job<T, R> {
  let data: { v: unknown } | undefined;
  let ret: { v: unknown } | undefined;
  return Object.defineProperties(v, {
    state: { value: statusNames[v.status] as JobState, enumerable: true },
    data: { get: () => (data ??= { v: parseJson(v.payload) }).v, enumerable: true },
    returnValue: { get: () => (ret ??= { v: parseJson(v.result) }).v, enumerable: true },
  }) as Job<T, R>;
}

/** wait({ rejectOnFailure: true }) rejects with this when the job ends FAILED or CANCELLED. */
export class JobFailedError<T = unknown, R = unknown> extends Error {
  constructor(readonly job: Job<T, R>) {
    super(`job ${job.id} (${job.type}) ${job.state}${job.error ? `: ${firstLine(job.error)}` : ""}`);
    this.name = "JobFailedError";
  }

  /** The job's error text (message and stack of the last failed attempt); "" for a cancelled job. */
  get error(): string {
    return this.job.error;
  }
}

/** wait({ timeoutMs }) rejects with this when the job has not finished in time. */
export class WaitTimeoutError extends Error {
  constructor(
    readonly jobId: string,
    readonly timeoutMs: number,
  ) {
    super(`job ${jobId} not finished after ${timeoutMs} ms`);
    this.name = "WaitTimeoutError";
  }
}
