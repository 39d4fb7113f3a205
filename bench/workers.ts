// The master runtime (Broker over JobManager, an in-memory journal) with
// 1,000,000 queued jobs, first with 2 registered workers and then with
// 10,000: the cost of a poll, a heartbeat and an ack must not grow with the
// number of workers (worker expiry sits in a heap; nothing scans the
// registry on the hot path). Also: paging through every job with ListJobs.
// Prints one JSON object as its last line.
// Run: bun bench/workers.ts   (FALCONQ_BENCH_QUICK=1 for 200,000 jobs)

import type { ActiveLease } from "../src/core/contract.ts";
import { JobManager } from "../src/core/index.ts";
import { Broker } from "../src/master/broker.ts";
import { MemoryJournal } from "../src/storage/index.ts";

const quick = process.env.FALCONQ_BENCH_QUICK === "1";
const queued = quick ? 200_000 : 1_000_000;
const payload = new TextEncoder().encode('{"n":1}');
const rounds = quick ? 5_000 : 20_000;

interface Costs {
  pollUs: number;
  heartbeatUs: number;
  ackUs: number;
}

async function measure(workers: number): Promise<Costs & { listAllMs: number }> {
  const journal = new MemoryJournal();
  const manager = new JobManager({ sink: journal, limits: { queueJobsMax: 10_000_000 } });
  const broker = new Broker({ manager, journal, workerTimeoutMs: 60_000 });
  broker.start();
  const spec = { type: "noop", payload };
  const batch = Array.from({ length: 10_000 }, () => spec);
  for (let i = 0; i < queued; i += batch.length) await broker.submit(batch);
  for (let i = 0; i < workers; i++) broker.register({ workerId: `w-${i}`, types: ["noop"], concurrency: 10 });

  let pollNs = 0;
  let beatNs = 0;
  let ackNs = 0;
  for (let r = 0; r < rounds; r++) {
    const w = `w-${r % workers}`;
    let t = Bun.nanoseconds();
    const leases = await broker.poll(w, 1, 0);
    pollNs += Bun.nanoseconds() - t;
    const active: ActiveLease[] = leases.map((l) => ({ jobId: l.job.id, token: l.token }));
    t = Bun.nanoseconds();
    broker.heartbeat(w, active.length, active);
    beatNs += Bun.nanoseconds() - t;
    t = Bun.nanoseconds();
    await broker.ack(w, active.map((a) => ({ jobId: a.jobId, token: a.token, success: true })));
    ackNs += Bun.nanoseconds() - t;
  }

  const t0 = performance.now();
  let pages = 0;
  let token = "";
  do {
    const page = broker.list({ limit: 1000, pageToken: token || undefined });
    token = page.nextPageToken;
    pages++;
  } while (token !== "" && pages < 10_000);
  const listAllMs = performance.now() - t0;
  broker.close();
  const us = (ns: number) => Math.round(ns / rounds / 10) / 100;
  return { pollUs: us(pollNs), heartbeatUs: us(beatNs), ackUs: us(ackNs), listAllMs: Math.round(listAllMs) };
}

const two = await measure(2);
console.log(`2 workers, ${queued} jobs: ${JSON.stringify(two)}`);
Bun.gc(true);
const many = await measure(10_000);
console.log(`10,000 workers, ${queued} jobs: ${JSON.stringify(many)}`);
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
console.log(
  JSON.stringify({
    jobs: queued,
    pollUs2: two.pollUs,
    pollUs10k: many.pollUs,
    heartbeatUs2: two.heartbeatUs,
    heartbeatUs10k: many.heartbeatUs,
    ackUs2: two.ackUs,
    ackUs10k: many.ackUs,
    pollRatio: ratio(many.pollUs, two.pollUs),
    heartbeatRatio: ratio(many.heartbeatUs, two.heartbeatUs),
    ackRatio: ratio(many.ackUs, two.ackUs),
    listAllPagesMs: two.listAllMs,
  }),
);
