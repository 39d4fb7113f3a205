// In-process JobManager benchmark. Prints one JSON object as its last line:
// submitPerSec, cyclePerSec, pollUsAt1k, pollUsAt1M, heapBytesPerJob,
// leaseTokenNs (one lease token, as each poll draws one per job).
// Run: bun bench/core.ts   (FALCONQ_BENCH_QUICK=1 for a smaller run)

import { heapStats } from "bun:jsc";
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

/** Mean µs per single-job poll (+ ack, to keep the queue length steady) with `queued` jobs waiting. */
function pollCost(queued: number): number {
  const m = new JobManager({ limits, retention: { completedCountMax: 1000 } });
  const spec = { type: "noop", payload };
  const batch = Array.from({ length: 1000 }, () => spec);
  for (let i = 0; i < queued; i += 1000) m.submitMany(batch);
  const req = { workerId: "w1", queues: ["default"], count: 1 };
  const rounds = 50_000;
  let spent = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const [l] = m.poll(req);
    spent += performance.now() - t0;
    if (l) m.complete(l.job.id, l.token);
    m.submit(spec);
  }
  return (spent * 1000) / rounds;
}

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
const heapBytesPerJob = Math.round(heapPerJob(big));
tokenCost(100_000);
const leaseTokenNs = Math.round(tokenCost(big));
console.log(JSON.stringify({ bench: "core", jobs: big, submitPerSec, cyclePerSec, pollUsAt1k, pollUsAt1M, heapBytesPerJob, leaseTokenNs }));
