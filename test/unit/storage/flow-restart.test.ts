// Flow control is durable: limits, token buckets, group pauses and running
// counts survive a snapshot plus later WAL records and a restart, exactly.

import { describe, expect, test } from "bun:test";
import { JobManager } from "../../../src/core/job-manager.ts";
import { openStore } from "../../../src/storage/store.ts";
import { flowSummary } from "../../helpers/core.ts";
import { quiet } from "../../helpers/storage-files.ts";
import { FakeClock, tempDir } from "../../helpers/storage.ts";

const Q = ["default"];

describe("flow control across a restart", () => {
  test("limits, buckets and pauses from a snapshot plus later WAL equal the live state", async () => {
    using t = tempDir();
    const clock = new FakeClock();
    const store = await openStore({ dir: t.dir, clock: clock.now, ...quiet, snapshotBytes: Number.POSITIVE_INFINITY });
    const m = new JobManager({ state: store.state, sink: store.journal, clock: clock.now });
    m.setQueueLimits("default", { concurrency: 5, groupConcurrency: 2, rateCount: 3, ratePeriodMs: 1000, groupRateCount: 2, groupRatePeriodMs: 1000 });
    for (let i = 0; i < 40; i++) m.submit({ type: "t", group: `g${i % 4}` });
    const first = m.poll({ workerId: "w", queues: Q, count: 10 });
    expect(first).toHaveLength(3); // the queue's burst
    await store.journal.sync();
    await store.snapshotNow(); // the cut: buckets partly spent
    clock.t += 400;
    m.tick();
    m.complete(first[0]?.job.id as string, first[0]?.token as string);
    m.rateLimited(first[1]?.job.id as string, first[1]?.token as string, 5000, true);
    clock.t += 400;
    m.tick();
    m.poll({ workerId: "w", queues: Q, count: 10 });
    await store.journal.sync();
    const live = flowSummary(m.state);
    const wake = m.nextWakeAt();
    const stats = m.queueFlow("default");
    await store.close();

    const again = await openStore({ dir: t.dir, clock: clock.now, ...quiet });
    const m2 = new JobManager({ state: again.state, sink: again.journal, clock: clock.now });
    const norm = (x: ReturnType<typeof flowSummary>) => x.map((q) => ({ ...(q as object), rings: undefined }));
    expect(norm(flowSummary(m2.state))).toEqual(norm(live));
    expect(m2.nextWakeAt()).toBe(wake);
    expect(m2.queueFlow("default")).toEqual(stats);
    expect(m2.queueLimits("default")).toMatchObject({ concurrency: 5, groupConcurrency: 2, rateCount: 3 });
    // The rate still holds after the restart: no more starts until the next token.
    expect(m2.poll({ workerId: "w2", queues: Q, count: 10 })).toHaveLength(0);
    await again.close();
  });
});
