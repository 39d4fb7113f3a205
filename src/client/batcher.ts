// The SDK's submit coalescing (a producer linger, as Kafka producers have):
// submit() calls of one client that arrive while a SubmitJobs call is in
// flight, or within `lingerMs` of the first waiting one, go out together as
// one SubmitJobs call. Each caller gets its own job or its own error.
// Invariants:
// - At most one batch is in flight per client, and batches leave in call
//   order, so submit() calls of one client get job ids in call order (also
//   when a refused batch is split, and while the channel retries).
// - The master refuses a whole batch for one bad spec (all or nothing). A
//   refusal that may concern one job (invalid argument, a held unique key, a
//   full queue, a queue the token may not use) splits the batch in halves,
//   sent one after the other, down to the job that is refused, which alone
//   gets the error: the same error, word for word, as a submit of that job on
//   its own. Nothing of a refused batch was stored, and every job carries its
//   idempotency key, so sending its jobs again cannot create one twice.
// - A refusal that concerns the call (the master unreachable until the retry
//   deadline, the client closed, authentication) fails every caller of the batch.
// - A submit is answered only with the master's answer, which comes after
//   its record is durable: the batcher adds no acknowledgement of its own.

import { RpcError, status } from "../rpc/errors.ts";
import type { JobSpec as WireSpec } from "../rpc/gen/falconqueue/v1/JobSpec";
import type { ResponseOf } from "../rpc/wire.ts";
type WireJob = ResponseOf<"SubmitJobs">["jobs"][number];

/** One job's part of a SubmitJobs answer. */
export interface BatchResult {
  job: WireJob;
  duplicate: boolean;
  reason: string;
}

export interface BatcherOptions {
  /** How long the first waiting submit waits for others (ms, > 0). */
  lingerMs: number;
  /** Jobs per SubmitJobs call at most. */
  batchMax: number;
  /** Estimated request bytes per call at most (a bigger job goes alone). */
  batchBytesMax: number;
}

interface Entry {
  spec: WireSpec;
  bytes: number;
  resolve(r: BatchResult): void;
  reject(e: unknown): void;
}

/** Codes of a refusal that may be about one job of the batch, not the call. */
const perJob = new Set<number>([status.INVALID_ARGUMENT, status.ALREADY_EXISTS, status.FAILED_PRECONDITION, status.RESOURCE_EXHAUSTED, status.PERMISSION_DENIED, status.OUT_OF_RANGE]);

/** Request bytes of a spec, roughly: its payload and strings plus the framing around them. */
function specBytes(s: WireSpec): number {
  let n = 64 + (s.type?.length ?? 0) + (s.payload?.length ?? 0);
  const o = s.options;
  if (o) {
    n += (o.queue?.length ?? 0) + (o.idempotency_key?.length ?? 0) + (o.unique_key?.length ?? 0) + (o.debounce_key?.length ?? 0) + (o.group?.length ?? 0);
    if (o.metadata) for (const [k, v] of Object.entries(o.metadata)) n += k.length + String(v).length + 8;
  }
  return n;
}

export class SubmitBatcher {
  private waiting: Entry[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  /** The first waiting entry has lingered long enough (or a full batch waits). */
  private due = false;
  private sending = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly send: (specs: WireSpec[]) => Promise<ResponseOf<"SubmitJobs">>,
    private readonly o: BatcherOptions,
  ) {}

  /** Queues one spec; resolves with its part of the answer of the call that carries it. */
  add(spec: WireSpec): Promise<BatchResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ spec, bytes: specBytes(spec), resolve, reject });
      if (this.waiting.length >= this.o.batchMax) this.due = true;
      else if (this.waiting.length === 1 && !this.sending) {
        // Timers have a 1 ms grain: a shorter linger waits for the calls of this event-loop turn only.
        if (this.o.lingerMs < 1) this.immediate = setImmediate(() => this.expire());
        else this.timer = setTimeout(() => this.expire(), this.o.lingerMs);
      }
      this.pump();
    });
  }

  /** Something waits or is in flight. */
  get busy(): boolean {
    return this.sending || this.waiting.length > 0;
  }

  /** Sends what waits now, without lingering; resolves once nothing waits and nothing is in flight. */
  flush(): Promise<void> {
    this.due = true;
    this.pump();
    if (!this.sending && this.waiting.length === 0) {
      this.due = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private expire(): void {
    this.timer = undefined;
    this.immediate = undefined;
    this.due = true;
    this.pump();
  }

  private pump(): void {
    if (this.sending || !this.due || this.waiting.length === 0) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    this.due = false;
    let bytes = 0;
    let n = 0;
    while (n < this.waiting.length && n < this.o.batchMax) {
      const b = (this.waiting[n] as Entry).bytes;
      if (n > 0 && bytes + b > this.o.batchBytesMax) break;
      bytes += b;
      n++;
    }
    const batch = this.waiting.splice(0, n);
    this.sending = true;
    void this.deliver(batch).finally(() => {
      this.sending = false;
      // What arrived meanwhile has waited at least as long as that call: it goes now.
      if (this.waiting.length > 0) {
        this.due = true;
        this.pump();
      } else {
        this.due = false;
        for (const f of this.idle.splice(0)) f();
      }
    });
  }

  /** Sends one batch; on a refusal that may concern one job, the halves in order. Never rejects. */
  private async deliver(batch: Entry[]): Promise<void> {
    let res: ResponseOf<"SubmitJobs">;
    try {
      res = await this.send(batch.map((e) => e.spec));
    } catch (e) {
      if (batch.length > 1 && e instanceof RpcError && perJob.has(e.code)) {
        const half = Math.ceil(batch.length / 2);
        await this.deliver(batch.slice(0, half));
        await this.deliver(batch.slice(half));
      } else {
        for (const x of batch) x.reject(e);
      }
      return;
    }
    if (res.jobs.length !== batch.length) {
      const e = new RpcError(status.INTERNAL, `the master answered ${res.jobs.length} jobs for a batch of ${batch.length}`);
      for (const x of batch) x.reject(e);
      return;
    }
    for (let i = 0; i < batch.length; i++) {
      (batch[i] as Entry).resolve({ job: res.jobs[i] as WireJob, duplicate: res.duplicate[i] ?? false, reason: res.duplicate_reason?.[i] ?? "" });
    }
  }
}
