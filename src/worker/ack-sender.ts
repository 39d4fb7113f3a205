// Delivers acknowledgements to a remote master. Acks that arrive within
// lingerMs of each other leave in one AcknowledgeJobs call. When the master is
// unreachable, acks stay queued (at most pendingMax; the oldest are dropped
// past that) and are re-sent with backoff until it answers, so a master
// restart does not make finished jobs run again.
// Invariant: every submitted ack's promise settles exactly once: with the
// master's outcome, or with an "undelivered" outcome when dropped or closed.

import { DomainError } from "../core/errors.ts";
import type { AckInput, AckOutcome, ActiveLease } from "../core/contract.ts";
import type { Logger } from "../core/log.ts";
import { type BackoffPolicy, backoffDelayMs, sleep } from "../rpc/retry.ts";

export interface AckSenderOptions {
  /** Sends one batch; resolves with one outcome per ack in order, or rejects for the whole batch. */
  send(acks: AckInput[]): Promise<AckOutcome[]>;
  /** True when a rejected batch may be sent again later (master unreachable). */
  retryable(e: unknown): boolean;
  lingerMs?: number;
  batchMax?: number;
  pendingMax?: number;
  backoff: BackoffPolicy;
  log: Logger;
}

interface Entry {
  ack: AckInput;
  resolve(o: AckOutcome): void;
}

export class AckSender {
  private queue: Entry[] = [];
  /** The batch being sent now (out of the queue while in flight). */
  private sendingBatch: Entry[] = [];
  private sending = false;
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly stopping = new AbortController();
  private idle: (() => void)[] = [];
  private readonly lingerMs: number;
  private readonly batchMax: number;
  private readonly pendingMax: number;

  constructor(private readonly o: AckSenderOptions) {
    this.lingerMs = o.lingerMs ?? 2;
    this.batchMax = o.batchMax ?? 1000;
    this.pendingMax = o.pendingMax ?? 100_000;
  }

  /** Acks not yet answered by the master. */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  submit(acks: AckInput[]): Promise<AckOutcome[]> {
    if (this.stopping.signal.aborted) return Promise.resolve(acks.map((a) => undelivered(a, "worker is closing")));
    const out = acks.map((ack) => new Promise<AckOutcome>((resolve) => this.queue.push({ ack, resolve })));
    this.trim();
    this.schedule();
    return Promise.all(out);
  }

  /** Drops the oldest acks past pendingMax; their jobs will be leased again when their leases lapse. */
  private trim(): void {
    const over = this.queue.length - this.pendingMax;
    if (over <= 0) return;
    this.o.log.warn(`${over} acknowledgement(s) dropped: more than ${this.pendingMax} waiting for the master`);
    for (const e of this.queue.splice(0, over)) e.resolve(undelivered(e.ack, `more than ${this.pendingMax} acks pending`));
  }

  private schedule(): void {
    if (this.sending || this.timer !== undefined) return;
    if (this.queue.length >= this.batchMax) void this.run();
    else this.timer = setTimeout(() => void this.run(), this.lingerMs);
  }

  /** The one send loop; never two at once, so acks keep their order. */
  private async run(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sending) return;
    this.sending = true;
    for (let failures = 0; this.queue.length > 0 && !this.stopping.signal.aborted; ) {
      // Out of the queue while in flight, so trim() never drops what is being sent.
      const batch = this.queue.splice(0, this.batchMax);
      this.inFlight = batch.length;
      this.sendingBatch = batch;
      let outcomes: AckOutcome[] | undefined;
      let err: unknown;
      try {
        outcomes = await this.o.send(batch.map((e) => e.ack));
      } catch (e) {
        err = e;
      }
      this.inFlight = 0;
      this.sendingBatch = [];
      if (outcomes !== undefined) {
        for (const [i, e] of batch.entries()) e.resolve(outcomes[i] ?? undelivered(e.ack, "master sent no outcome"));
        failures = 0;
      } else if (!this.o.retryable(err) || this.stopping.signal.aborted) {
        const msg = err instanceof Error ? err.message : String(err);
        for (const e of batch) e.resolve(undelivered(e.ack, msg));
      } else {
        this.queue.unshift(...batch);
        this.trim();
        const delay = backoffDelayMs(failures++, this.o.backoff);
        this.o.log.debug(`master unreachable; ${this.queue.length} ack(s) kept, retry in ${delay} ms`);
        await sleep(delay, this.stopping.signal);
      }
    }
    this.sending = false;
    if (this.queue.length === 0) for (const f of this.idle.splice(0)) f();
  }

  /** Leases whose outcome is known but not yet accepted by the master: the worker still holds them. */
  heldLeases(): ActiveLease[] {
    const out: ActiveLease[] = [];
    for (const e of this.sendingBatch) out.push({ jobId: e.ack.jobId, token: e.ack.token });
    for (const e of this.queue) out.push({ jobId: e.ack.jobId, token: e.ack.token });
    return out;
  }

  /** Waits until every queued ack is answered or timeoutMs passed; returns how many are left. */
  async flush(timeoutMs: number): Promise<number> {
    if (this.pending === 0) return 0;
    const stop = new AbortController();
    const onStop = () => stop.abort();
    this.stopping.signal.addEventListener("abort", onStop, { once: true });
    this.idle.push(onStop);
    void this.run();
    await sleep(timeoutMs, stop.signal);
    this.stopping.signal.removeEventListener("abort", onStop);
    return this.pending;
  }

  /** Stops sending; what is still queued settles as undelivered. */
  close(): void {
    this.stopping.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const e of this.queue.splice(0)) e.resolve(undelivered(e.ack, "worker closed before the master answered"));
    for (const f of this.idle.splice(0)) f();
  }
}

function undelivered(a: AckInput, why: string): AckOutcome {
  return { jobId: a.jobId, error: new DomainError("unavailable", `acknowledgement not delivered: ${why}`) };
}
