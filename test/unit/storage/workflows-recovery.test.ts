// Workflows across a restart with real files (docs/workflows.md): WAITING
// jobs, flows and batches come back from a snapshot plus the WAL after it,
// and a batch left due by a crash fires exactly once after the restart.

import { describe, expect, test } from "bun:test";
import { JobManager } from "../../../src/core/job-manager.ts";
import { JobStatus } from "../../../src/core/types.ts";
import { openStore } from "../../../src/storage/store.ts";
import { summarize } from "../../helpers/core.ts";
import { quiet } from "../../helpers/storage-files.ts";
import { dumpState, FakeClock, tempDir } from "../../helpers/storage.ts";

function completeAll(m: JobManager, type: string): void {
  for (const l of m.poll({ workerId: "w", queues: ["default"], count: 1000, types: [type] })) m.complete(l.job.id, l.token);
}

describe("workflows across a restart", () => {
  test("a snapshot and the WAL after it bring back waiting jobs, their dependents and batches", async () => {
    using t = tempDir();
    const clock = new FakeClock();
    const store = await openStore({ dir: t.dir, clock: clock.now, ...quiet, snapshotBytes: Number.POSITIVE_INFINITY });
    const m = new JobManager({ state: store.state, sink: store.journal, clock: clock.now });
    const b = m.createBatch({ onComplete: { type: "done" }, onSuccess: { type: "ok" }, description: "d" });
    const f = m.submitFlow({ type: "root", children: [{ type: "leaf", batchId: b.id }, { type: "leaf", batchId: b.id }, { type: "mid", children: [{ type: "leaf2" }] }] });
    completeAll(m, "leaf2");
    await store.journal.sync();
    await store.snapshotNow(); // cut: mid ready, root waiting on three
    completeAll(m, "mid");
    m.closeBatch(b.id);
    const extra = m.submit({ type: "x", dependsOn: [f.flowId], onDependencyFailure: "run_anyway" });
    await store.journal.sync();
    const live = dumpState(m.state);
    const liveSummary = summarize(m.state);
    await store.close();

    const again = await openStore({ dir: t.dir, clock: clock.now, ...quiet });
    expect(dumpState(again.state)).toEqual(live);
    const s2 = summarize(again.state);
    expect([s2.waiting, s2.dependents, s2.batches]).toEqual([liveSummary.waiting, liveSummary.dependents, liveSummary.batches]);
    const m2 = new JobManager({ state: again.state, sink: again.journal, clock: clock.now });
    completeAll(m2, "leaf"); // the batch fires; the root wakes
    expect(m2.get(f.flowId).status).toBe(JobStatus.Pending);
    const v = m2.getBatch(b.id);
    expect(v.onCompleteJobId).not.toBe("");
    expect(v.onSuccessJobId).not.toBe("");
    completeAll(m2, "root");
    expect(m2.get(extra.job.id).status).toBe(JobStatus.Pending);
    await again.close();
  });

  test("a batch left due by a crash before its batch_fired record fires once after the restart", async () => {
    using t = tempDir();
    const clock = new FakeClock();
    const store = await openStore({ dir: t.dir, clock: clock.now, ...quiet });
    const m = new JobManager({ state: store.state, sink: store.journal, clock: clock.now });
    const b = m.createBatch({ onComplete: { type: "done" } });
    m.submit({ type: "x", batchId: b.id });
    m.closeBatch(b.id);
    // The crash: the last job's record is written, the batch_fired record is not.
    (m as unknown as { firing: boolean }).firing = true;
    completeAll(m, "x");
    expect(store.state.batchesDue.size).toBe(1);
    await store.journal.sync();
    await store.close();

    for (let restart = 0; restart < 2; restart++) {
      const again = await openStore({ dir: t.dir, clock: clock.now, ...quiet });
      const m2 = new JobManager({ state: again.state, sink: again.journal, clock: clock.now });
      if (restart === 0) expect(m2.nextWakeAt()).toBeLessThanOrEqual(clock.now()); // due at once
      m2.tick();
      const v = m2.getBatch(b.id);
      expect(v.firedAt).toBeGreaterThan(0);
      expect([...again.state.jobs.values()].filter((j) => j.type === "done").length).toBe(1);
      await again.journal.sync();
      await again.close();
    }
  });
});
