// Item 6: a failed write or fdatasync is fail-stop. Affected syncs reject,
// every later append throws, onFatal runs, the sync is never retried, and
// what was acknowledged before the failure is still there after a restart.

import { describe, expect, test } from "bun:test";
import { JobManager } from "../../../src/core/job-manager.ts";
import { StorageError } from "../../../src/storage/errors.ts";
import { openStore } from "../../../src/storage/store.ts";
import { FaultyOps } from "../../helpers/storage-faults.ts";
import { quiet, segments } from "../../helpers/storage-files.ts";
import { tempDir } from "../../helpers/storage.ts";

describe.each(["fdatasync", "write"] as const)("%s failure", (op) => {
  test("fails the waiting submits, stops writes, and never retries", async () => {
    using t = tempDir();
    const ops = new FaultyOps();
    const store = await openStore({ dir: t.dir, fileOps: ops, ...quiet });
    const fatal: Error[] = [];
    store.onFatal((e) => fatal.push(e));
    const m = new JobManager({ state: store.state, sink: store.journal });
    const acked = m.submit({ type: "before" }).job.id;
    await store.journal.sync();

    ops.failNext(op);
    const waits = Array.from({ length: 20 }, () => {
      m.submit({ type: "lost" });
      return store.journal.sync().then(
        () => "acked",
        (e: Error) => e.message,
      );
    });
    const outcomes = await Promise.all(waits);
    for (const o of outcomes) expect(o).toMatch(new RegExp(`WAL write failed .*injected ${op} failure`));
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toBeInstanceOf(StorageError);
    expect(fatal[0]).toMatchObject({ kind: "io", file: segments(t.dir).at(-1) });
    expect((fatal[0]?.cause as Error | undefined)?.message).toBe(`injected ${op} failure (EIO)`);
    expect(() => m.submit({ type: "after" })).toThrow(/accepts no writes/);
    await expect(store.journal.sync()).rejects.toThrow(/injected/);

    const calls = { ...ops.calls };
    await Bun.sleep(20); // nothing may touch the disk again: no retry
    expect(ops.calls).toEqual(calls);
    await expect(store.close()).rejects.toThrow(/injected/);

    const again = await openStore({ dir: t.dir, ...quiet });
    expect(again.state.jobs.has(acked)).toBe(true);
    await again.close();
  });
});

test("fsync mode batch answers after the write and syncs within the window", async () => {
  using t = tempDir();
  const ops = new FaultyOps();
  const store = await openStore({ dir: t.dir, fileOps: ops, fsync: "batch", fsyncBatchMs: 5, ...quiet });
  const m = new JobManager({ state: store.state, sink: store.journal });
  const synced = ops.calls.fdatasync;
  for (let i = 0; i < 10; i++) {
    m.submit({ type: "t" });
    await store.journal.sync();
  }
  const { waitFor } = await import("../../helpers/wait.ts");
  await waitFor(() => ops.calls.fdatasync > synced, 2000, "a batch fdatasync");
  expect(ops.calls.fdatasync - synced).toBeLessThan(10);
  await store.close();
});

test("fsync mode never answers after the write and does not fdatasync while running", async () => {
  using t = tempDir();
  const ops = new FaultyOps();
  const store = await openStore({ dir: t.dir, fileOps: ops, fsync: "never", ...quiet });
  const m = new JobManager({ state: store.state, sink: store.journal });
  for (let i = 0; i < 10; i++) {
    m.submit({ type: "t" });
    await store.journal.sync();
  }
  expect(ops.calls.write).toBeGreaterThan(0);
  expect(ops.calls.fdatasync).toBe(0);
  await store.close();
  const again = await openStore({ dir: t.dir, ...quiet });
  expect(again.state.jobs.size).toBe(10);
  await again.close();
});

test("group commit: concurrent submitters share fdatasyncs", async () => {
  using t = tempDir();
  const ops = new FaultyOps();
  const store = await openStore({ dir: t.dir, fileOps: ops, ...quiet });
  const m = new JobManager({ state: store.state, sink: store.journal });
  const before = ops.calls.fdatasync;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      for (let i = 0; i < 20; i++) {
        m.submit({ type: "t" });
        await store.journal.sync();
      }
    }),
  );
  const syncs = ops.calls.fdatasync - before;
  expect(syncs).toBeLessThan(1280 / 8);
  await store.close();
});
