// In-process JobManager benchmark. Prints one JSON object as its last line:
// submitPerSec, cyclePerSec, pollUsAt1k, pollUsAt1M, heapBytesPerJob,
// leaseTokenNs (one lease token, as each poll draws one per job), and the
// poll cost with flow control (docs/flow-control.md): pollUsGroups10k (the
// 1M jobs in 10,000 groups, round-robin), pollUsLimits (the same with queue
// and group concurrency and rate limits in force), pollUsHeld10k (10,000
// groups all at their concurrency limit: nothing to hand out).
// Run: bun bench/core.ts   (FALCONQ_BENCH_QUICK=1 for a smaller run)

import { heapStats } from "bun:jsc";
import type { QueueLimits } from "../src/core/flow.ts";
import { JobManager, MonotonicIds } from "../src/core/index.ts";

const quick = process.env.FALCONQ_BENCH_QUICK === "1";
const big = quick ? 200_000 : 1_000_000;
const payload = new TextEncoder().encode('{"n":1}');
const limits = { queueJobsMax: 10_000_000 };
const noRetention = { completedCountMax: 1e9, completedAgeMs: 1e12 };

function gc(): void {
  Bun.gc(true);
  Bun.gc(true);
}

function submitRate(n: number): number {
  const m = new JobManager({ limits, retention: noRetention });
  const spec = { type: "noop", payload };
  const batch = Array.from({ length: 1000 }, () => spec);
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1000) m.submitMany(batch);
  return n / ((performance.now() - t0) / 1000);
}

function cycleRate(n: number): number {
  const m = new JobManager({ limits, retention: { completedCountMax: 10_000 } });
  const spec = { type: "noop", payload };
  const batch = Array.from({ length: 100 }, () => spec);
  const req = { workerId: "w1", queues: ["default"], count: 100 };
  const t0 = performance.now();
  for (let i = 0; i < n; i += 100) {
    m.submitMany(batch);
    for (const l of m.poll(req)) m.complete(l.job.id, l.token);
    if ((i & 0xffff) === 0) m.tick();
  }
  return n / ((performance.now() - t0) / 1000);
}

/**
 * Mean µs per single-job poll (+ ack, to keep the queue length steady) with
 * `queued` jobs waiting; with `groups`, the jobs are spread over that many
 * groups (and each new job goes to the next group); `flow` sets queue limits.
 */
function pollCost(queued: number, groups = 0, flow?: Partial<QueueLimits>): number {
  const m = new JobManager({ limits, retention: { completedCountMax: 1000 } });
  if (flow !== undefined) m.setQueueLimits("default", flow);
  const spec = (i: number) => (groups > 0 ? { type: "noop", payload, group: `g${i % groups}` } : { type: "noop", payload });
  let n = 0;
  for (let i = 0; i < queued; i += 1000) m.submitMany(Array.from({ length: 1000 }, () => spec(n++)));
  const req = { workerId: "w1", queues: ["default"], count: 1 };
  const rounds = 50_000;
  let spent = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const [l] = m.poll(req);
    spent += performance.now() - t0;
    if (l) m.complete(l.job.id, l.token);
    m.submit(spec(n++));
  }
  return (spent * 1000) / rounds;
}

/** Mean µs per poll that finds nothing: 10,000 groups, each at its concurrency limit of 1, with jobs waiting in every one. */
function heldPollCost(groups: number): number {
  const m = new JobManager({ limits, retention: { completedCountMax: 1000 } });
  m.setQueueLimits("default", { groupConcurrency: 1 });
  for (let r = 0; r < 3; r++) m.submitMany(Array.from({ length: groups }, (_, g) => ({ type: "noop", payload, group: `g${g}` })));
  for (let i = 0; i < groups; i += 1000) m.poll({ workerId: `w${i}`, queues: ["default"], count: 1000 });
  const req = { workerId: "x", queues: ["default"], count: 1 };
  const rounds = 50_000;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) if (m.poll(req).length > 0) throw new Error("a held group was polled");
  return ((performance.now() - t0) * 1000) / rounds;
}

/** Limits that bind nothing here but are all checked and all spend tokens. */
const someLimits: Partial<QueueLimits> = {
  concurrency: 1000,
  groupConcurrency: 10,
  rateCount: 1_000_000,
  ratePeriodMs: 1000,
  groupRateCount: 1000,
  groupRatePeriodMs: 1000,
};

function heapPerJob(n: number): number {
  const m = new JobManager({ limits });
  const spec = { type: "noop" };
  const batch = Array.from({ length: 1000 }, () => spec);
  m.submitMany(batch); // warm caches and maps before measuring
  gc();
  const before = heapStats().heapSize;
  for (let i = 0; i < n; i += 1000) m.submitMany(batch);
  gc();
  const after = heapStats().heapSize;
  if (m.state.jobs.size < n) throw new Error("jobs vanished");
  return (after - before) / n;
}

/** Mean ns per lease token drawn. */
function tokenCost(n: number): number {
  const ids = new MonotonicIds();
  let chars = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) chars += ids.leaseToken().length;
  if (chars === 0) throw new Error("no tokens");
  return ((performance.now() - t0) * 1e6) / n;
}

submitRate(100_000); // warm-up
cycleRate(100_000);
const submitPerSec = Math.round(submitRate(big));
gc();
const cyclePerSec = Math.round(cycleRate(big / 2));
gc();
const pollUsAt1k = Number(pollCost(1000).toFixed(3));
gc();
const pollUsAt1M = Number(pollCost(big).toFixed(3));
gc();
const pollUsGroups10k = Number(pollCost(big, 10_000).toFixed(3));
gc();
const pollUsLimits = Number(pollCost(big, 10_000, someLimits).toFixed(3));
gc();
const pollUsHeld10k = Number(heldPollCost(10_000).toFixed(3));
gc();
const heapBytesPerJob = Math.round(heapPerJob(big));
tokenCost(100_000);
const leaseTokenNs = Math.round(tokenCost(big));
console.log(JSON.stringify({ bench: "core", jobs: big, submitPerSec, cyclePerSec, pollUsAt1k, pollUsAt1M, pollUsGroups10k, pollUsLimits, pollUsHeld10k, heapBytesPerJob, leaseTokenNs }));
