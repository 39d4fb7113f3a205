// A dead worker's jobs must not wait out their whole lease: a new process
// registering under the same id releases what the old one held at once, and
// after a master restart the owners of recovered leases get one worker
// timeout to come back.

import { afterEach, describe, expect, test } from "bun:test";
import { JobStatus } from "../../src/core/types.ts";
import { waitFor } from "../helpers/wait.ts";
import { TestMaster } from "../helpers/worker-master.ts";

const masters: TestMaster[] = [];
afterEach(async () => {
  for (const m of masters.splice(0)) await m.close();
});

function master(workerTimeoutMs = 10_000): TestMaster {
  const m = new TestMaster({ workerTimeoutMs, manager: { defaults: { leaseMs: 30_000 } } });
  masters.push(m);
  return m;
}

const identity = { workerId: "host-a", types: ["t"], concurrency: 2, hostname: "a" };

describe("worker incarnations", () => {
  test("a new process registering with the same id releases the old one's leases at once", async () => {
    const m = master();
    const job = await m.submit("t");
    m.broker.register(identity);
    const [lease] = await m.broker.poll("host-a", 1, 0);
    expect(lease?.job.id).toBe(job.id);
    // The process died and a replacement starts with the same --id: it holds nothing.
    m.broker.register({ ...identity, held: [] });
    const after = m.job(job.id);
    expect(after.status).toBe(JobStatus.Pending);
    expect(after.error).toMatch(/registered again without this lease/);
    const [again] = await m.broker.poll("host-a", 1, 0);
    expect(again?.job.id).toBe(job.id);
    expect(again?.job.attempt).toBe(2);
  });

  test("a registration that lists its leases keeps them", async () => {
    const m = master();
    const [a, b] = await m.submitMany(2, "t");
    m.broker.register(identity);
    const leases = await m.broker.poll("host-a", 2, 0);
    expect(leases.length).toBe(2);
    const keep = leases.find((l) => l.job.id === a?.id)!;
    m.broker.register({ ...identity, held: [{ jobId: keep.job.id, token: keep.token }] });
    expect(m.job(a!.id).status).toBe(JobStatus.Running);
    expect(m.job(b!.id).status).toBe(JobStatus.Pending);
  });

  test("after a restart, a lease owner that never comes back loses its jobs after one worker timeout, not the lease", async () => {
    const m = master(300);
    const job = await m.submit("t");
    m.broker.register(identity);
    await m.broker.poll("host-a", 1, 0);
    m.crash();
    const started = Date.now();
    await m.restart(); // a fresh runtime over the recovered jobs: it never heard of host-a
    expect(m.job(job.id).status).toBe(JobStatus.Running);
    await waitFor(() => m.job(job.id).status === JobStatus.Pending, 5000, "the recovered lease to be released");
    // One worker timeout (300 ms) after the restart: not at once, and far sooner than the 30 s lease.
    const tookMs = Date.now() - started;
    expect(tookMs).toBeGreaterThanOrEqual(250);
    expect(tookMs).toBeLessThan(300 + 2000);
    expect(m.job(job.id).error).toMatch(/did not come back/);
  });

  test("after a restart, an owner that registers again with its lease keeps it", async () => {
    const m = master(300);
    const job = await m.submit("t");
    m.broker.register(identity);
    const [lease] = await m.broker.poll("host-a", 1, 0);
    m.crash();
    await m.restart();
    m.broker.register({ ...identity, held: [{ jobId: job.id, token: lease!.token }] });
    // Past the recovered owners' deadline, it is still running (and the worker keeps heartbeating).
    const beat = setInterval(() => m.broker.heartbeat("host-a", 1, [{ jobId: job.id, token: lease!.token }]), 50);
    try {
      // A negative claim (nothing releases it) has no condition to await: wait past the deadline.
      await Bun.sleep(600);
      expect(m.job(job.id).status).toBe(JobStatus.Running);
    } finally {
      clearInterval(beat);
    }
  });
});
