// A master that is restarted more often than it fills a WAL segment must
// still snapshot: the WAL since the last snapshot is counted across restarts,
// and a start that replayed a lot snapshots at once. Proved by SIGKILL:
// 1. the storage child (test/fixtures/storage/submitter.ts: the real store on
//    real files, small trigger and huge segments from its environment) killed
//    in a loop: a snapshot exists, the segment count and the WAL each start
//    replays stay bounded, and every acknowledged job is there;
// 2. the real `dist/falconq` master with `--snapshot-wal-bytes 4 MiB`, fed
//    large payloads and killed after every 1 MiB: a snapshot appears within a
//    few restarts and later starts replay little.

import { beforeAll, expect, test } from "bun:test";
import fs from "node:fs";
import { JobStatus } from "../../src/core/types.ts";
import { parseListing, segmentPath } from "../../src/storage/layout.ts";
import { openStore } from "../../src/storage/store.ts";
import { type Cluster, ensureBinary, withCluster } from "../helpers/cluster.ts";
import { type Ack, Child, expectAcked } from "../helpers/storage-crash.ts";
import { quiet } from "../helpers/storage-files.ts";
import { rng, tempDir } from "../helpers/storage.ts";

beforeAll(async () => {
  await ensureBinary();
}, 120_000);

const KiB = 1024;
const MiB = 1024 * KiB;

/** Segment and snapshot numbers in a data dir, and the bytes of WAL the newest snapshot does not cover. */
function onDisk(dir: string): { segments: number[]; snapshots: number[]; uncoveredBytes: number } {
  const l = parseListing(fs.readdirSync(dir));
  const base = l.snapshots.at(-1) ?? 0;
  const uncoveredBytes = l.segments.filter((n) => n >= base).reduce((sum, n) => sum + fs.statSync(segmentPath(dir, n)).size, 0);
  return { segments: l.segments, snapshots: l.snapshots, uncoveredBytes };
}

test("SIGKILLed every few hundred submits, never filling a segment: snapshots happen, segments and replay stay bounded, no acked job is lost", async () => {
  using t = tempDir("falconq-snaprestart-");
  const seed = Date.now() % 100_000;
  const r = rng(seed);
  const acks = new Map<string, Ack>();
  const trigger = 48 * KiB;
  // Segments of 64 MiB never fill here: before the fix this directory never got a snapshot.
  const env = { FQ_DIR: t.dir, FQ_SEGMENT_BYTES: String(64 * MiB), FQ_SNAPSHOT_BYTES: String(trigger) };
  const runs = 12;
  const until = Date.now() + 60_000;
  const replayed: number[] = [];
  const snapshotsSeen = new Set<number>();
  for (let run = 0; run < runs && Date.now() < until; run++) {
    const child = new Child({ ...env, FQ_RUN: String(run) }, acks);
    await child.waitAcks(100 + Math.floor(r() * 300));
    await child.kill();
    expect(child.proc.signalCode).toBe("SIGKILL");
    const disk = onDisk(t.dir);
    for (const n of disk.snapshots) snapshotsSeen.add(n);
    expect(disk.segments.length).toBeLessThanOrEqual(8);
    const store = await openStore({ dir: t.dir, ...quiet });
    try {
      replayed.push(store.walBytesSinceSnapshot);
      expectAcked(store.state, acks);
    } finally {
      await store.close();
    }
  }
  const msg = `seed ${seed}; WAL replayed per start: ${replayed.join(", ")}; snapshots: ${[...snapshotsSeen].join(", ")}`;
  expect(replayed.length, msg).toBe(runs);
  expect(snapshotsSeen.size, msg).toBeGreaterThanOrEqual(runs / 2); // snapshots kept coming, not just one
  // A start replays at most about the trigger plus what one incarnation wrote after its last snapshot began.
  expect(Math.max(...replayed), msg).toBeLessThan(3 * trigger);
  // The directory is still usable: a clean run on top of it exits 0 and keeps everything.
  const last = new Child({ ...env, FQ_RUN: String(runs), FQ_MAX_ACKS: "50" }, acks);
  expect(await last.proc.exited).toBe(0);
  const store = await openStore({ dir: t.dir, ...quiet });
  expectAcked(store.state, acks);
  await store.close();
}, 120_000);

/** Submits `count` jobs with `bytes`-byte payloads through the master, 4 per call; returns their ids. */
async function submitBig(c: Cluster, count: number, bytes: number, run: number): Promise<string[]> {
  const payload = new Uint8Array(bytes).fill(run + 1);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 4) {
    const res = await c.client.submitMany(Array.from({ length: 4 }, () => ({ type: "big", payload })));
    ids.push(...res.map((s) => s.job.id));
  }
  return ids;
}

const triggerMiB = 4;

test("the master binary, SIGKILLed after every 1 MiB (under its 16 MiB segment), snapshots once 4 MiB of WAL piles up across restarts", () =>
  withCluster({ workers: 0, masterArgs: ["--snapshot-wal-bytes", String(triggerMiB * MiB)] }, async (c) => {
    const acked: string[] = [];
    /** Per incarnation: WAL not covered by a snapshot at its kill, and whether the next start logged a recovery snapshot. */
    const runs: { uncoveredMiB: number; recoverySnapshot: boolean; restartMs: number }[] = [];
    let firstWithSnapshot = -1;
    const until = Date.now() + 100_000;
    for (let run = 0; run < 9 && Date.now() < until; run++) {
      acked.push(...(await submitBig(c, 16, 64 * KiB, run)));
      await c.killMaster();
      const uncoveredMiB = onDisk(c.dataDir).uncoveredBytes / MiB;
      const t0 = performance.now();
      const m = await c.restartMaster();
      const restartMs = Math.round(performance.now() - t0);
      const recoverySnapshot = /taking one in the background/.test(m.text());
      runs.push({ uncoveredMiB, recoverySnapshot, restartMs });
      // Wait for a snapshot recovery started: killing it halfway would only make the next start repeat it.
      if (recoverySnapshot) await m.waitForLog(/snapshot \S+ written/, 30_000);
      if (firstWithSnapshot < 0 && onDisk(c.dataDir).snapshots.length > 0) firstWithSnapshot = run;
      else if (firstWithSnapshot >= 0) break; // one more incarnation after the first snapshot is enough
    }
    const msg = JSON.stringify(runs);
    // 1 MiB per incarnation crosses 4 MiB in the 4th; its snapshot runs then, or at the next start if the kill beat it.
    expect(firstWithSnapshot, msg).toBe(triggerMiB - 1);
    // A start snapshots at once exactly when it replays the trigger or more.
    for (const r of runs) expect(r.recoverySnapshot, msg).toBe(r.uncoveredMiB >= triggerMiB);
    // The incarnation after the snapshot left far less WAL to replay than piled up before it.
    expect(runs.at(-1)?.uncoveredMiB, msg).toBeLessThan(triggerMiB * 0.7);
    expect((await c.client.stats()).jobsTotal, msg).toBe(acked.length);
    await c.killMaster();
    const store = await openStore({ dir: c.dataDir, ...quiet });
    try {
      const lost = acked.filter((id) => store.state.jobs.get(id)?.status !== JobStatus.Pending);
      expect(lost, msg).toEqual([]);
      expect(store.state.jobs.size, msg).toBe(acked.length);
    } finally {
      await store.close();
    }
  }), 150_000);
