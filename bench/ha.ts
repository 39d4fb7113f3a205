// High-availability benchmark over the compiled binary and a real etcd on
// loopback: the same load against a single master and against a cluster of
// three `falconq master --cluster` members (--min-insync 1: a write is
// answered after the leader's fdatasync and the in-sync standbys'), then the
// failover time over N SIGKILLs of the leader. Prints progress, then one JSON
// object as its last line:
//   single / cluster:
//     endToEndJobsPerSec   `jobs` noop jobs in batches of 500 (4 in flight), first submit → all COMPLETED (2 workers × 50)
//     submitP50Ms/P99Ms    one client.submit() per job, 500/s for 4 s (coalescing off): the call's own latency
//   failover: kills, medianMs, maxMs   leader SIGKILLed → another member serves (GetClusterStatus answers)
// Run: bun bench/ha.ts   (FALCONQ_BENCH_QUICK=1: 5,000 jobs and 3 kills; FALCONQ_BENCH_KILLS=20)
// Needs `etcd` on PATH (Debian: etcd-server). Every process is killed at the end.

import { Client } from "../src/client/client.ts";
import { type Cluster, ensureBinary, Proc, startCluster } from "../test/helpers/cluster.ts";
import { etcdBinary } from "../test/helpers/etcd.ts";
import { clusterStatus, type Ha, settled, startHa } from "../test/helpers/ha.ts";
import { waitFor, waitForValue } from "../test/helpers/wait.ts";

const quick = process.env.FALCONQ_BENCH_QUICK === "1";
const jobs = quick ? 5000 : 20_000;
const kills = Number(process.env.FALCONQ_BENCH_KILLS ?? (quick ? 3 : 5));
const batchSize = 500;
const inFlight = 4;
const steadyPerSec = 500;
const steadyMs = 4000;
const log = (m: string) => console.log(`[bench] ${m}`);
const round2 = (x: number) => Math.round(x * 100) / 100;

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);
}

async function completed(c: Client, queue: string): Promise<number> {
  return (await c.stats()).queues.find((q) => q.queue === queue)?.completedTotal ?? 0;
}

/** `jobs` noop jobs in batches, until all are COMPLETED. */
async function endToEnd(c: Client, queue: string): Promise<number> {
  const before = await completed(c, queue);
  const t0 = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < jobs) {
      const n = Math.min(batchSize, jobs - next);
      next += n;
      await c.submitMany(Array.from({ length: n }, () => ({ type: "noop", queue })));
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  await waitFor(async () => (await completed(c, queue)) - before >= jobs, 300_000, `${jobs} jobs completed`);
  return Math.round(jobs / ((performance.now() - t0) / 1000));
}

/** One submit() per job at a steady rate; the latency of each call (answered once durable). */
async function submitLatency(c: Client, queue: string): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  const pending: Promise<void>[] = [];
  const tickMs = 10;
  const perTick = (steadyPerSec * tickMs) / 1000;
  const t0 = performance.now();
  for (let tick = 0; performance.now() - t0 < steadyMs; tick++) {
    for (let i = 0; i < perTick; i++) {
      const s = performance.now();
      pending.push(c.submit("noop", undefined, { queue }).then(() => void times.push(performance.now() - s)));
    }
    const due = t0 + (tick + 1) * tickMs;
    await Bun.sleep(Math.max(0, due - performance.now()));
  }
  await Promise.all(pending);
  times.sort((a, b) => a - b);
  return { p50: round2(percentile(times, 50)), p99: round2(percentile(times, 99)) };
}

async function measure(c: Client, name: string) {
  const e2e = await endToEnd(c, "e2e");
  log(`${name}: end to end ${e2e} jobs/s`);
  const lat = await submitLatency(c, "lat");
  log(`${name}: submit p50 ${lat.p50} ms, p99 ${lat.p99} ms`);
  return { endToEndJobsPerSec: e2e, submitP50Ms: lat.p50, submitP99Ms: lat.p99 };
}

async function single() {
  await using c: Cluster = await startCluster({ workers: 2, concurrency: 50, masterArgs: ["--fsync", "always"], workerArgs: ["--queues", "e2e,lat"] });
  const client = new Client({ master: c.address, submitLingerMs: 0, retryDeadlineMs: 30_000 });
  try {
    return await measure(client, "single master");
  } finally {
    await client.close();
  }
}

async function clustered(ha: Ha) {
  await settled(ha, 60_000);
  const workers = [1, 2].map((i) => new Proc(`worker${i}`, ["worker", "--master", ha.all, "--concurrency", "50", "--queues", "e2e,lat"], {}, ha.sink));
  try {
    await Promise.all(workers.map((w) => w.waitForLog(/connected to/, 30_000)));
    const client = new Client({ master: ha.all, submitLingerMs: 0, retryDeadlineMs: 30_000 });
    try {
      return await measure(client, "cluster (3 members, --min-insync 1)");
    } finally {
      await client.close();
    }
  } finally {
    await Promise.all(workers.map((w) => w.kill()));
  }
}

async function failover(ha: Ha) {
  const times: number[] = [];
  for (let k = 0; k < kills; k++) {
    const { leader } = await settled(ha, 60_000);
    const others = ha.members
      .filter((m) => m !== leader)
      .map((m) => m.address)
      .join(",");
    await leader.proc.kill();
    const t0 = performance.now();
    await waitForValue(async () => (await clusterStatus(others))?.leader, 30_000, "a new leader");
    times.push(performance.now() - t0);
    log(`kill ${k + 1}: ${leader.name} killed; a new leader served after ${Math.round(times[k] as number)} ms`);
    ha.start(leader);
  }
  times.sort((a, b) => a - b);
  return { kills, medianMs: Math.round(percentile(times, 50)), maxMs: Math.round(times[times.length - 1] ?? Number.NaN), allMs: times.map(Math.round) };
}

async function main(): Promise<void> {
  if (etcdBinary() === undefined) throw new Error("bench/ha.ts needs `etcd` on PATH (Debian: apt-get install etcd-server)");
  await ensureBinary();
  log(`${jobs} jobs, 2 workers x 50, fsync always; then ${kills} leader kills (cluster ttl 2 s)`);
  const s = await single();
  const ha = await startHa("2s");
  try {
    const c = await clustered(ha);
    const f = await failover(ha);
    console.log(JSON.stringify({ single: s, cluster: c, failover: f, jobs, minInsync: 1, clusterTtlMs: 2000, cores: navigator.hardwareConcurrency }));
  } finally {
    await ha.dispose();
  }
}

await main();
