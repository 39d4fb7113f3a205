// The crash tests' side of test/fixtures/storage/submitter.ts: the job each
// (run, seq) submits, a runner that reads its acks, and the check that every
// acknowledged job survived with its options.

import { expect } from "bun:test";
import path from "node:path";
import type { JobTable } from "../../src/core/state.ts";
import { JobStatus } from "../../src/core/types.ts";
import type { JobSpec } from "../../src/core/validate.ts";
import { waitFor } from "./wait.ts";

const fixture = path.join(import.meta.dir, "../fixtures/storage/submitter.ts");

export function specFor(run: number, seq: number): JobSpec {
  return {
    type: "crash.test",
    payload: new TextEncoder().encode(JSON.stringify({ run, seq })),
    queue: `q${seq % 3}`,
    priority: (seq % 5) - 2,
    maxAttempts: 1 + (seq % 4),
    delayMs: seq % 7 === 0 ? 3_600_000 : 0,
    metadata: { run: String(run), seq: String(seq) },
  };
}

export interface Ack {
  run: number;
  seq: number;
}

export class Child {
  readonly proc: ReturnType<typeof Bun.spawn>;
  readonly acks = new Map<string, Ack>();
  ready = false;
  private text = "";
  private stderr = "";

  constructor(env: Record<string, string>, into: Map<string, Ack>) {
    this.proc = Bun.spawn([process.execPath, fixture], {
      env: { ...process.env, ...env },
      stdout: "pipe",
      stderr: "pipe",
    });
    void this.pump(into);
    void new Response(this.proc.stderr as ReadableStream).text().then((t) => {
      this.stderr = t;
    });
  }

  /** Only complete lines count: a line cut by the kill was never seen by a client either. */
  private async pump(into: Map<string, Ack>): Promise<void> {
    const dec = new TextDecoder();
    for await (const chunk of this.proc.stdout as ReadableStream<Uint8Array>) {
      this.text += dec.decode(chunk, { stream: true });
      let nl = this.text.indexOf("\n");
      while (nl >= 0) {
        const [word, id, run, seq] = this.text.slice(0, nl).split(" ");
        if (word === "ready") this.ready = true;
        if (word === "ack" && id) {
          const a = { run: Number(run), seq: Number(seq) };
          this.acks.set(id, a);
          into.set(id, a);
        }
        this.text = this.text.slice(nl + 1);
        nl = this.text.indexOf("\n");
      }
    }
  }

  async waitAcks(n: number, timeoutMs = 20_000): Promise<void> {
    await waitFor(() => this.acks.size >= n || this.proc.exitCode !== null, timeoutMs, `${n} acks`);
    if (this.acks.size < n) throw new Error(`child exited (${this.proc.exitCode}) after ${this.acks.size} acks: ${this.stderr}`);
  }

  async kill(): Promise<void> {
    this.proc.kill("SIGKILL");
    await this.proc.exited;
  }

  get errorText(): string {
    return this.stderr;
  }
}

/** Every acknowledged job is in the state with the options it was submitted with. */
export function expectAcked(state: JobTable, acks: Map<string, Ack>): void {
  const missing = [...acks.keys()].filter((id) => !state.jobs.has(id));
  expect(missing).toEqual([]);
  for (const [id, a] of acks) {
    const job = state.jobs.get(id);
    const spec = specFor(a.run, a.seq);
    expect({
      id,
      queue: job?.queue,
      priority: job?.priority,
      maxAttempts: job?.settings.maxAttempts,
      metadata: job?.settings.metadata,
      payload: new TextDecoder().decode(job?.payload),
      delayed: job !== undefined && job.runAt > job.createdAt,
    }).toEqual({
      id,
      queue: spec.queue,
      priority: spec.priority,
      maxAttempts: spec.maxAttempts,
      metadata: spec.metadata,
      payload: new TextDecoder().decode(spec.payload),
      delayed: (spec.delayMs ?? 0) > 0,
    });
    expect(job?.status).toBeGreaterThanOrEqual(JobStatus.Scheduled);
  }
}
