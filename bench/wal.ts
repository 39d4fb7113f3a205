// WAL benchmark: JobManager + the file journal in-process, on a temp dir.
// Prints one JSON object as its last line with singleSubmitP50Ms, syncP50Ms,
// groupCommitRecordsPerSec, recovery1MSec, snapshotMaxStallMs (the longest
// synchronous slice a snapshot of the big state runs on the event loop), plus
// snapshotSubmitMaxMs / baselineSubmitMaxMs: the worst submit latency while
// the snapshot runs and over as long a time without one (GC pauses and disk
// noise show up in both).
// Run: bun bench/wal.ts   (FALCONQ_BENCH_QUICK=1 for a smaller run;
// FALCONQ_BENCH_DIR to put the data dir somewhere other than os.tmpdir())

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { JobManager } from "../src/core/job-manager.ts";
import { nodeFileOps } from "../src/storage/file-ops.ts";
import { openStore, type Store } from "../src/storage/store.ts";

const quick = process.env.FALCONQ_BENCH_QUICK === "1";
const big = quick ? 200_000 : 1_000_000;
const payload = new TextEncoder().encode('{"to":"someone@example.com","n":1}');
const spec = { type: "email.send", payload };
const limits = { queueJobsMax: 10_000_000, submitBatchMax: 10_000 };
const base = fs.mkdtempSync(path.join(process.env.FALCONQ_BENCH_DIR ?? os.tmpdir(), "falconq-bench-wal-"));
let dirs = 0;
const freshDir = () => path.join(base, `d${dirs++}`);

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

async function rawSyncP50(): Promise<number> {
  const dir = freshDir();
  fs.mkdirSync(dir);
  const fd = await nodeFileOps.open(path.join(dir, "probe"), "w", 0o600);
  const rec = new Uint8Array(100);
  const t: number[] = [];
  for (let i = 0; i < 1000; i++) {
    await nodeFileOps.write(fd, rec, 0, rec.length, i * rec.length);
    const a = performance.now();
    await nodeFileOps.fdatasync(fd);
    t.push(performance.now() - a);
  }
  await nodeFileOps.close(fd);
  return p50(t);
}

async function open(dir: string, snapshotBytes = Number.POSITIVE_INFINITY): Promise<{ store: Store; m: JobManager }> {
  const store = await openStore({ dir, snapshotBytes, segmentBytes: 64 * 1024 * 1024 });
  return { store, m: new JobManager({ state: store.state, sink: store.journal, limits }) };
}

async function singleSubmit(): Promise<number> {
  const { store, m } = await open(freshDir());
  const t: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const a = performance.now();
    m.submit(spec);
    await store.journal.sync();
    t.push(performance.now() - a);
  }
  await store.close();
  return p50(t.slice(500));
}

async function groupCommit(submitters: number, ms: number): Promise<number> {
  const { store, m } = await open(freshDir());
  let n = 0;
  const end = performance.now() + ms;
  const loop = async () => {
    while (performance.now() < end) {
      m.submit(spec);
      await store.journal.sync();
      n++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: submitters }, loop));
  const rate = n / ((performance.now() - t0) / 1000);
  await store.close();
  return rate;
}

/** Writes `count` submitted records, then times a fresh openStore (recovery). */
async function recovery(dir: string, count: number): Promise<number> {
  const { store, m } = await open(dir);
  const batch = Array.from({ length: 1000 }, () => spec);
  for (let i = 0; i < count; i += 1000) {
    m.submitMany(batch);
    if ((i & 0xffff) === 0) await store.journal.sync();
  }
  await store.close();
  Bun.gc(true);
  const t0 = performance.now();
  const again = await openStore({ dir, snapshotBytes: Number.POSITIVE_INFINITY });
  const sec = (performance.now() - t0) / 1000;
  if (again.state.jobs.size !== count) throw new Error(`recovered ${again.state.jobs.size} jobs, wrote ${count}`);
  await again.close();
  return sec;
}

interface Stall {
  /** Longest synchronous slice the snapshot itself ran on the event loop. */
  sliceMs: number;
  /** Longest submit + durable sync while the snapshot ran, and over as long a time without one. */
  submitMaxMs: number;
  baselineSubmitMaxMs: number;
}

/** Submitters keep going while a snapshot of the big state runs. */
async function snapshotStall(dir: string): Promise<Stall> {
  const { store, m } = await open(dir);
  const worstWhile = async (until: Promise<unknown>) => {
    let worst = 0;
    let done = false;
    until.finally(() => {
      done = true;
    });
    const loop = async () => {
      while (!done) {
        const a = performance.now();
        m.submit(spec);
        await store.journal.sync();
        worst = Math.max(worst, performance.now() - a);
      }
    };
    await Promise.all([until, loop(), loop(), loop(), loop()]);
    return worst;
  };
  const t0 = performance.now();
  const submitMaxMs = await worstWhile(store.snapshotNow());
  const baselineSubmitMaxMs = await worstWhile(Bun.sleep(performance.now() - t0));
  const snap = store.lastSnapshot;
  if (snap === undefined) throw new Error("snapshot was not written");
  await store.close();
  return { sliceMs: snap.sliceMsMax, submitMaxMs, baselineSubmitMaxMs };
}

try {
  const syncP50Ms = await rawSyncP50();
  const singleSubmitP50Ms = await singleSubmit();
  const groupCommitRecordsPerSec = await groupCommit(256, quick ? 1000 : 3000);
  const bigDir = freshDir();
  const recovery1MSec = await recovery(bigDir, big);
  const stall = await snapshotStall(bigDir);
  const out = {
    jobs: big,
    syncP50Ms: round(syncP50Ms),
    singleSubmitP50Ms: round(singleSubmitP50Ms),
    groupCommitRecordsPerSec: Math.round(groupCommitRecordsPerSec),
    recovery1MSec: round(recovery1MSec),
    snapshotSubmitMaxMs: round(stall.submitMaxMs),
    baselineSubmitMaxMs: round(stall.baselineSubmitMaxMs),
    snapshotMaxStallMs: round(stall.sliceMs),
  };
  console.log(JSON.stringify(out));
} finally {
  fs.rmSync(base, { recursive: true, force: true });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
