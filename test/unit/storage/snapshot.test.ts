// Background snapshots: the copy-on-write snapshot plus the later WAL equals
// the live state; compaction keeps disk use bounded; failures are not fatal.

import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { JobManager } from "../../../src/core/job-manager.ts";
import { JobStatus } from "../../../src/core/types.ts";
import { readSnapshot } from "../../../src/storage/snapshot-file.ts";
import { openStore, type StoreOptions } from "../../../src/storage/store.ts";
import { FaultyOps } from "../../helpers/storage-faults.ts";
import { quiet } from "../../helpers/storage-files.ts";
import { capturingLogger, dumpState, drainOrder, FakeClock, manager, randomOp, rng, tempDir } from "../../helpers/storage.ts";

const queues = ["default", "mail", "video"];

async function liveRun(dir: string, seed: number, steps: number, o: Partial<StoreOptions>) {
  const clock = new FakeClock();
  const store = await openStore({ dir, clock: clock.now, ...quiet, ...o });
  const m = manager({ state: store.state, sink: store.journal, clock: clock.now, seed });
  const r = rng(seed);
  for (let i = 0; i < steps; i++) {
    randomOp(m, r, clock);
    // Yield now and then so snapshot chunks interleave with changes.
    if (i % 7 === 0) await store.journal.sync();
  }
  await store.journal.sync();
  return { store, m, clock };
}

describe("snapshots", () => {
  test.each([1, 2, 3])("snapshot taken under load + later WAL rebuilds the live state (seed %d)", async (seed) => {
    using t = tempDir();
    const { store, m, clock } = await liveRun(t.dir, seed, 3000, { segmentBytes: 4096, snapshotBytes: 16 * 1024, snapshotChunkJobs: 5 });
    await store.maybeSnapshot();
    const live = dumpState(m.state);
    await store.close();
    const snaps = fs.readdirSync(t.dir).filter((f) => f.endsWith(".snap"));
    expect(snaps.length).toBeGreaterThan(0);
    const again = await openStore({ dir: t.dir, ...quiet });
    expect(dumpState(again.state)).toEqual(live);
    const fresh = (s: typeof m.state) => new JobManager({ state: s, clock: clock.now, limits: { queueJobsMax: 1e7 } });
    expect(drainOrder(fresh(again.state), queues)).toEqual(drainOrder(fresh(m.state), queues));
    await again.close();
  });

  test("a snapshot written while jobs change equals the state at its cut", async () => {
    using t = tempDir();
    const { store, m, clock } = await liveRun(t.dir, 9, 1500, { snapshotBytes: Number.POSITIVE_INFINITY });
    const before = dumpState(m.state);
    const snap = store.snapshotNow();
    const r = rng(99);
    for (let i = 0; i < 400; i++) {
      randomOp(m, r, clock);
      if (i % 3 === 0) await Bun.sleep(0);
    }
    await snap;
    await store.journal.sync();
    const seg = store.lastSnapshot?.walSegment as number;
    const loaded = readSnapshot(path.join(t.dir, `snap-${String(seg).padStart(16, "0")}.snap`));
    const { JobTable } = await import("../../../src/core/state.ts");
    const { restore } = await import("../../../src/core/apply.ts");
    const s = new JobTable();
    restore(s, loaded.jobs, loaded.pausedQueues, loaded.queueRetention, loaded.tokens);
    s.lastJobId = loaded.lastJobId;
    expect(dumpState(s)).toEqual(before);
    expect(before).toContain("token {"); // the workload created tokens, so the cut holds some
    await store.close();
  });

  test("jobs with 1 MiB payloads: chunk frames stay bounded in bytes, so a state over 64 MiB loads back", async () => {
    using t = tempDir();
    const store = await openStore({ dir: t.dir, ...quiet, snapshotBytes: Number.POSITIVE_INFINITY });
    const m = new JobManager({ state: store.state, sink: store.journal });
    const ids: string[] = [];
    for (let i = 0; i < 70; i++) ids.push(m.submit({ type: "big", payload: new Uint8Array(1024 * 1024).fill(i) }).job.id);
    await store.journal.sync();
    await store.snapshotNow();
    const seg = store.lastSnapshot?.walSegment as number;
    await store.close();
    const file = path.join(t.dir, `snap-${String(seg).padStart(16, "0")}.snap`);
    expect(fs.statSync(file).size).toBeGreaterThan(64 * 1024 * 1024); // more than one frame may hold
    const loaded = readSnapshot(file);
    expect(loaded.jobs.map((j) => [j.id, j.payload.length, j.payload[0]])).toEqual(ids.map((id, i) => [id, 1024 * 1024, i]));
  });

  test("a queue's own retention survives a snapshot and a restart, and applies to the restored jobs", async () => {
    using t = tempDir();
    const clock = new FakeClock();
    const store = await openStore({ dir: t.dir, clock: clock.now, ...quiet, snapshotBytes: Number.POSITIVE_INFINITY });
    const m = new JobManager({ state: store.state, sink: store.journal, clock: clock.now });
    const own = { completedCountMax: 2, completedAgeMs: 0, deadCountMax: 0, deadAgeMs: 60_000 };
    m.setRetention("mail", own);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(m.submit({ type: "t", queue: "mail" }).job.id);
      const [l] = m.poll({ workerId: "w", queues: ["mail"], count: 1 });
      m.complete(l?.job.id as string, l?.token as string);
    }
    await store.journal.sync();
    await store.snapshotNow();
    const seg = store.lastSnapshot?.walSegment as number;
    await store.close();
    const loaded = readSnapshot(path.join(t.dir, `snap-${String(seg).padStart(16, "0")}.snap`));
    expect(loaded.queueRetention).toEqual([{ queue: "mail", retention: own }]);
    const again = await openStore({ dir: t.dir, clock: clock.now, ...quiet });
    const m2 = new JobManager({ state: again.state, sink: again.journal, clock: clock.now });
    expect(m2.queueRetention("mail")).toEqual(own);
    expect(m2.nextWakeAt()).toBeLessThanOrEqual(clock.now());
    m2.tick();
    expect(m2.list({ queue: "mail" }).jobs.map((j) => j.id)).toEqual(ids.slice(2));
    await again.close();
  });

  test("unique and debounce keys survive a snapshot plus later WAL and a restart", async () => {
    using t = tempDir();
    const clock = new FakeClock();
    const store = await openStore({ dir: t.dir, clock: clock.now, ...quiet, snapshotBytes: Number.POSITIVE_INFINITY });
    const m = new JobManager({ state: store.state, sink: store.journal, clock: clock.now });
    const enc = (x: string) => new TextEncoder().encode(x);
    const u = m.submit({ type: "t", unique: { key: "u" } }).job;
    const ttl = m.submit({ type: "t", queue: "mail", unique: { key: "t", ttlMs: 60_000 } }).job;
    const [l] = m.poll({ workerId: "w", queues: ["mail"], count: 1 });
    m.complete(ttl.id, l?.token as string);
    const d = m.submit({ type: "t", queue: "video", payload: enc("1"), debounce: { key: "d", delayMs: 5000 } }).job;
    await store.journal.sync();
    await store.snapshotNow(); // the cut: the snapshot's jobs carry the keys
    clock.t += 1000;
    m.submit({ type: "t", queue: "video", payload: enc("2"), debounce: { key: "d", delayMs: 5000 } }); // only in the WAL
    await store.journal.sync();
    const live = dumpState(m.state);
    expect(live).toContain("unique=u:");
    expect(live).toContain("debounce=d:");
    await store.close();
    const again = await openStore({ dir: t.dir, clock: clock.now, ...quiet });
    expect(dumpState(again.state)).toEqual(live);
    const m2 = new JobManager({ state: again.state, sink: again.journal, clock: clock.now });
    expect(new TextDecoder().decode(m2.get(d.id).payload)).toBe("2");
    expect(m2.get(d.id).runAt).toBe(clock.now() + 5000);
    expect(m2.submit({ type: "t", unique: { key: "u" } })).toMatchObject({ duplicate: true, job: { id: u.id } });
    expect(m2.submit({ type: "t", queue: "mail", unique: { key: "t" } })).toMatchObject({ duplicate: true, job: { id: ttl.id } });
    expect(m2.submit({ type: "t", queue: "video", debounce: { key: "d", delayMs: 5000 } })).toMatchObject({ duplicate: true, job: { id: d.id } });
    await again.close();
  });

  test("API tokens survive a snapshot plus later WAL and a restart, lastUsedAt included", async () => {
    using t = tempDir();
    const clock = new FakeClock();
    const store = await openStore({ dir: t.dir, clock: clock.now, ...quiet, snapshotBytes: Number.POSITIVE_INFINITY });
    const m = new JobManager({ state: store.state, sink: store.journal, clock: clock.now });
    const entry = (id: string, name: string, fill: number) => ({
      id,
      name,
      role: "worker" as const,
      queues: ["mail.*", "video"],
      hash: new Uint8Array(32).fill(fill),
      createdAt: clock.now(),
      expiresAt: clock.now() + 3_600_000,
      lastUsedAt: 0,
    });
    m.createToken(entry("00000000000000a1", "kept", 1));
    m.createToken(entry("00000000000000a2", "revoked later", 2));
    m.createToken(entry("00000000000000a3", "revoked before", 3));
    clock.t += 1000;
    m.noteTokensUsed(["00000000000000a1", "00000000000000a2"], clock.now());
    m.revokeToken("revoked before", clock.now());
    await store.journal.sync();
    await store.snapshotNow(); // the cut: a1 and a2, both used once
    const seg = store.lastSnapshot?.walSegment as number;
    const loaded = readSnapshot(path.join(t.dir, `snap-${String(seg).padStart(16, "0")}.snap`));
    expect(loaded.tokens.map((x) => [x.id, x.lastUsedAt])).toEqual([
      ["00000000000000a1", clock.now()],
      ["00000000000000a2", clock.now()],
    ]);
    clock.t += 1000;
    m.noteTokensUsed(["00000000000000a1"], clock.now()); // after the cut: only in the WAL
    m.revokeToken("00000000000000a2", clock.now());
    m.createToken(entry("00000000000000a4", "after the cut", 4));
    await store.journal.sync();
    const live = m.tokens();
    expect(live.map((x) => x.name)).toEqual(["after the cut", "kept"]);
    await store.close();
    const again = await openStore({ dir: t.dir, clock: clock.now, ...quiet });
    const m2 = new JobManager({ state: again.state, sink: again.journal, clock: clock.now });
    expect(m2.tokens()).toEqual(live);
    expect(m2.token("00000000000000a1")?.lastUsedAt).toBe(clock.now());
    expect(m2.token("00000000000000a1")?.hash).toEqual(new Uint8Array(32).fill(1));
    expect(m2.token("00000000000000a2")).toBeUndefined();
    await again.close();
  });

  test("completed jobs past retention are left out of the snapshot", async () => {
    using t = tempDir();
    const clock = new FakeClock();
    const store = await openStore({ dir: t.dir, clock: clock.now, retention: { completedAgeMs: 1000 }, ...quiet });
    const m = new JobManager({ state: store.state, sink: store.journal, clock: clock.now, retention: { completedAgeMs: 1000 } });
    m.submit({ type: "old" });
    for (const l of m.poll({ workerId: "w", queues: ["default"], count: 1 })) m.complete(l.job.id, l.token);
    clock.t += 5000;
    const keep = m.submit({ type: "new" }).job.id;
    await store.journal.sync();
    await store.snapshotNow();
    const seg = store.lastSnapshot?.walSegment as number;
    const loaded = readSnapshot(path.join(t.dir, `snap-${String(seg).padStart(16, "0")}.snap`));
    expect(loaded.jobs.map((j) => j.id)).toEqual([keep]);
    await store.close();
  });

  test("disk use stays bounded while one job stays RUNNING, and it keeps its lease", async () => {
    using t = tempDir();
    const clock = new FakeClock();
    const store = await openStore({ dir: t.dir, clock: clock.now, segmentBytes: 8 * 1024, snapshotBytes: 32 * 1024, ...quiet });
    const m = new JobManager({ state: store.state, sink: store.journal, clock: clock.now, retention: { completedCountMax: 50 } });
    m.submit({ type: "long" });
    const [held] = m.poll({ workerId: "slow", queues: ["default"], count: 1, leaseMs: 3_600_000 });
    let maxBytes = 0;
    for (let i = 0; i < 3000; i++) {
      clock.t += 1;
      m.submit({ type: "short", payload: new Uint8Array(100) });
      for (const l of m.poll({ workerId: "fast", queues: ["default"], count: 1 })) m.complete(l.job.id, l.token);
      if (i % 50 === 0) {
        m.tick();
        m.heartbeat("slow", [held?.job.id as string], 3_600_000, [held?.token as string]);
        await store.journal.sync();
        await store.maybeSnapshot();
        const bytes = fs.readdirSync(t.dir).reduce((n, f) => n + fs.statSync(path.join(t.dir, f)).size, 0);
        maxBytes = Math.max(maxBytes, bytes);
      }
    }
    await store.journal.sync();
    expect(maxBytes).toBeLessThan(256 * 1024);
    await store.close();
    const again = await openStore({ dir: t.dir, ...quiet });
    const job = again.state.jobs.get(held?.job.id as string);
    expect(job?.status).toBe(JobStatus.Running);
    expect(job?.leaseToken).toBe(held?.token as string);
    expect(job?.leaseDeadline).toBe(m.state.jobs.get(held?.job.id as string)?.leaseDeadline as number);
    await again.close();
  });

  test("a failed rename fails only that snapshot; the WAL and the next snapshot carry on", async () => {
    using t = tempDir();
    const ops = new FaultyOps();
    const log = capturingLogger();
    const store = await openStore({ dir: t.dir, fileOps: ops, log });
    const m = new JobManager({ state: store.state, sink: store.journal });
    const ids = [m.submit({ type: "t" }).job.id];
    await store.journal.sync();
    ops.failNext("rename");
    await store.snapshotNow();
    expect(log.lines.join("\n")).toMatch(/warn: snapshot .* failed: injected rename failure/);
    expect(fs.readdirSync(t.dir).filter((f) => f.includes(".snap"))).toEqual([]);
    ids.push(m.submit({ type: "t" }).job.id);
    await store.journal.sync();
    await store.snapshotNow();
    expect(store.lastSnapshot).toBeDefined();
    await store.close();
    const again = await openStore({ dir: t.dir, ...quiet });
    expect([...again.state.jobs.keys()].sort()).toEqual(ids.sort());
    await again.close();
  });
});
