// When snapshots start: on the WAL no snapshot covers, counted across
// restarts, and right after a recovery that replayed a lot of WAL. Each
// "incarnation" here is the real FileJournal on the same directory, closed
// and reopened; test/cluster/snapshot-restarts.test.ts does it with SIGKILL.

import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import { JobManager } from "../../../src/core/job-manager.ts";
import { openStore, type Store, type StoreOptions } from "../../../src/storage/store.ts";
import { FaultyOps } from "../../helpers/storage-faults.ts";
import { quiet, segments } from "../../helpers/storage-files.ts";
import { capturingLogger, tempDir } from "../../helpers/storage.ts";
import { waitFor } from "../../helpers/wait.ts";

const KiB = 1024;
const snaps = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith(".snap"));

/** Opens the store, submits n jobs durably, lets a running snapshot finish, closes; returns the job ids. */
async function incarnation(dir: string, n: number, o: Partial<StoreOptions>, during?: (s: Store) => void): Promise<string[]> {
  const store = await openStore({ dir, ...quiet, ...o });
  during?.(store);
  const m = new JobManager({ state: store.state, sink: store.journal });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(m.submit({ type: "t", payload: new TextEncoder().encode(`payload ${i}`) }).job.id);
  await store.journal.sync();
  await store.maybeSnapshot();
  await store.close();
  return ids;
}

async function expectJobs(dir: string, ids: string[]): Promise<void> {
  const store = await openStore({ dir, ...quiet });
  const missing = ids.filter((id) => !store.state.jobs.has(id));
  await store.close();
  expect(missing).toEqual([]);
}

describe("snapshot policy", () => {
  test("incarnations that never fill a segment still snapshot: the WAL is counted across restarts", async () => {
    using t = tempDir();
    // No recovery trigger: this checks the count alone. Each incarnation writes about a third of the trigger.
    const o = { segmentBytes: 64 * 1024 * KiB, snapshotBytes: 32 * KiB, recoverySnapshotBytes: Number.POSITIVE_INFINITY, recoverySnapshotSegments: 1e9 };
    const ids: string[] = [];
    const replayed: number[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(...(await incarnation(t.dir, 200, o, (s) => replayed.push(s.walBytesSinceSnapshot))));
      expect(segments(t.dir).length).toBeLessThanOrEqual(8);
    }
    expect(snaps(t.dir).length).toBe(2); // the newest and one fallback
    // What a start replays never grows past the trigger plus one incarnation's WAL.
    expect(Math.max(...replayed)).toBeLessThan(32 * KiB + 16 * KiB);
    expect(replayed.filter((b) => b > 0).length).toBeGreaterThan(6); // the count did carry across restarts
    await expectJobs(t.dir, ids);
  });

  test("a start that replays more WAL than recoverySnapshotBytes snapshots at once, before any new record", async () => {
    using t = tempDir();
    const ids = await incarnation(t.dir, 600, { snapshotBytes: Number.POSITIVE_INFINITY });
    const walBytes = fs.statSync(segments(t.dir)[0] as string).size;
    expect(walBytes).toBeGreaterThan(32 * KiB);
    const log = capturingLogger();
    const store = await openStore({ dir: t.dir, log, snapshotBytes: Number.POSITIVE_INFINITY, recoverySnapshotBytes: 32 * KiB });
    await waitFor(() => store.lastSnapshot !== undefined, 5000, "the snapshot recovery started");
    expect(store.lastSnapshot?.walSegment).toBe(2);
    expect(store.walBytesSinceSnapshot).toBe(0);
    expect(log.lines.join("\n")).toMatch(/info: replayed 0\.\d MiB of WAL in 1 segments not covered by a snapshot; taking one/);
    await store.close();
    expect(snaps(t.dir)).toEqual(["snap-0000000000000002.snap"]);
    const again = await openStore({ dir: t.dir, ...quiet, snapshotBytes: Number.POSITIVE_INFINITY, recoverySnapshotBytes: 32 * KiB });
    expect(again.walBytesSinceSnapshot).toBe(0); // nothing left to replay
    expect(again.lastSnapshot).toBeUndefined(); // and no second snapshot of the same state
    await again.close();
    await expectJobs(t.dir, ids);
  });

  test("by default a start snapshots when the replayed WAL reaches snapshotBytes", async () => {
    using t = tempDir();
    await incarnation(t.dir, 600, { snapshotBytes: Number.POSITIVE_INFINITY });
    const small = await openStore({ dir: t.dir, ...quiet, snapshotBytes: 1024 * KiB });
    await small.maybeSnapshot();
    expect(small.lastSnapshot).toBeUndefined(); // 600 jobs are far below 1 MiB
    await small.close();
    const store = await openStore({ dir: t.dir, ...quiet, snapshotBytes: 32 * KiB });
    await waitFor(() => store.lastSnapshot !== undefined, 5000, "the snapshot recovery started");
    await store.close();
  });

  test("every start opens a new segment, so many replayed segments start a snapshot too", async () => {
    using t = tempDir();
    const o = { snapshotBytes: Number.POSITIVE_INFINITY, recoverySnapshotSegments: 4 };
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(...(await incarnation(t.dir, 2, o)));
      expect(segments(t.dir).length).toBeLessThanOrEqual(8);
    }
    expect(snaps(t.dir).length).toBeGreaterThan(0);
    await expectJobs(t.dir, ids);
  });

  test("the trigger cuts the segment where the count crosses it, mid-segment", async () => {
    using t = tempDir();
    const store = await openStore({ dir: t.dir, ...quiet, segmentBytes: 64 * 1024 * KiB, snapshotBytes: 16 * KiB });
    const m = new JobManager({ state: store.state, sink: store.journal });
    for (let i = 0; i < 10_000 && store.walBytesSinceSnapshot < 16 * KiB; i++) m.submit({ type: "t" });
    expect(store.walBytesSinceSnapshot).toBeGreaterThanOrEqual(16 * KiB);
    expect(store.lastSnapshot).toBeUndefined();
    m.submit({ type: "t" }); // the first record past the trigger goes to a new segment; the snapshot covers the ones before
    await store.journal.sync();
    await waitFor(() => store.lastSnapshot !== undefined, 5000, "the snapshot the append started");
    expect(store.lastSnapshot?.walSegment).toBe(2);
    expect(store.walBytesSinceSnapshot).toBeLessThan(200);
    await store.close();
  });

  test("a failed snapshot is retried only after another snapshotBytes of WAL, not on every append", async () => {
    using t = tempDir();
    const ops = new FaultyOps();
    const log = capturingLogger();
    const store = await openStore({ dir: t.dir, log, fileOps: ops, segmentBytes: 64 * 1024 * KiB, snapshotBytes: 16 * KiB });
    const m = new JobManager({ state: store.state, sink: store.journal });
    ops.failNext("rename");
    for (let i = 0; i < 10_000 && store.walBytesSinceSnapshot <= 16 * KiB; i++) m.submit({ type: "t" });
    await store.journal.sync();
    await store.maybeSnapshot();
    expect(log.lines.join("\n")).toMatch(/warn: snapshot .* failed: injected rename failure/);
    const renames = ops.calls.rename;
    for (let i = 0; i < 100; i++) {
      m.submit({ type: "t" });
      await store.journal.sync();
    }
    await store.maybeSnapshot();
    // No new try: no rename, and no segment besides the one the failed snapshot cut.
    expect([ops.calls.rename, segments(t.dir).length]).toEqual([renames, 2]);
    for (let i = 0; i < 10_000 && store.walBytesSinceSnapshot <= 34 * KiB; i++) m.submit({ type: "t" });
    await store.journal.sync();
    await store.maybeSnapshot();
    expect(store.lastSnapshot).toBeDefined();
    await store.close();
  });
});
