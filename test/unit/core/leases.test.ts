import { describe, expect, test } from "bun:test";
import { JobStatus } from "../../../src/core/index.ts";
import { expectDomainError, Harness, T0 } from "../../helpers/core.ts";

describe("lease expiry", () => {
  // A lost lease counts as an attempt but re-queues at once, without backoff
  // (docs/architecture.md: the job did not fail, its worker did).
  test("a lease past its deadline counts as a failed attempt and is ready again at once", () => {
    const h = new Harness({ defaults: { leaseMs: 1000, backoffBaseMs: 100 } });
    const j = h.submit("t", { maxAttempts: 3 });
    const l = h.pollOne("w1");
    expect(h.m.nextWakeAt()).toBe(T0 + 1000);
    h.advance(999);
    expect(h.m.tick()).toBe(0);
    expect(h.m.get(j.id).status).toBe(JobStatus.Running);
    h.advance(1);
    expect(h.m.tick()).toBe(1);
    const v = h.m.get(j.id);
    expect(v).toMatchObject({ status: JobStatus.Pending, attempt: 1, runAt: T0 + 1000 });
    expect(v.error).toContain("lease expired");
    expect(v.error).toContain("w1");
    expect(h.m.leasesOf("w1")).toEqual([]);
    expectDomainError(() => h.m.complete(j.id, l.token), "failed_precondition", "is pending, not running");
    expect(h.pollOne("w2").job.attempt).toBe(2);
  });

  test("an expired lease on the last attempt makes the job FAILED, so a crashing job cannot loop", () => {
    const h = new Harness({ defaults: { leaseMs: 10, backoffBaseMs: 0 } });
    const j = h.submit("t", { maxAttempts: 2 });
    for (let i = 0; i < 2; i++) {
      h.pollOne();
      h.advance(10);
      h.m.tick();
    }
    expect(h.m.get(j.id)).toMatchObject({ status: JobStatus.Failed, attempt: 2 });
    expect(h.poll()).toEqual([]);
  });

  test("tick expires every due lease in one pass and leaves later ones", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 0 } });
    const a = h.submit("t");
    const b = h.submit("t");
    const c = h.submit("t");
    h.m.poll({ workerId: "w", queues: ["default"], count: 1, leaseMs: 100 });
    h.m.poll({ workerId: "w", queues: ["default"], count: 1, leaseMs: 50 });
    h.m.poll({ workerId: "w", queues: ["default"], count: 1, leaseMs: 500 });
    expect(h.m.nextWakeAt()).toBe(T0 + 50);
    h.advance(100);
    expect(h.m.tick()).toBe(2);
    expect([a, b, c].map((j) => h.m.get(j.id).status)).toEqual([JobStatus.Pending, JobStatus.Pending, JobStatus.Running]);
    expect(h.m.get(a.id).error).toContain("lease expired");
    expect(h.m.leasesOf("w")).toEqual([c.id]);
  });

  test("a lease ended by an ack is not expired later", () => {
    const h = new Harness({ defaults: { leaseMs: 100 } });
    const j = h.submit("t");
    h.m.complete(j.id, h.pollOne().token);
    h.advance(1000);
    expect(h.m.tick()).toBe(0);
    expect(h.m.get(j.id).status).toBe(JobStatus.Completed);
  });
});

describe("heartbeat", () => {
  test("extends only the leases this worker holds and reports the others as lost", () => {
    const h = new Harness({ defaults: { leaseMs: 1000 } });
    const a = h.submit("t");
    const b = h.submit("t");
    const c = h.submit("t");
    h.pollOne("w1");
    h.pollOne("w2");
    h.advance(600);
    const r = h.heartbeat("w1", [a.id, b.id, c.id, "unknown"]);
    expect(r).toEqual({ deadline: T0 + 1600, lost: [b.id, c.id, "unknown"] });
    expect(h.records.at(-1)).toEqual({ kind: "extended", jobIds: [a.id], deadline: T0 + 1600 });
    expect(h.m.get(a.id).leaseDeadline).toBe(T0 + 1600);
    expect(h.m.get(b.id).leaseDeadline).toBe(T0 + 1000);
  });

  test("an extended lease survives its old deadline and expires at the new one", () => {
    const h = new Harness({ defaults: { leaseMs: 1000 } });
    const j = h.submit("t");
    const l = h.pollOne("w1");
    h.advance(900);
    h.heartbeat("w1", [j.id], 2000);
    // The old heap entry may wake the caller early; it must not expire the job.
    expect(h.m.nextWakeAt()).toBeLessThanOrEqual(T0 + 2900);
    h.now = T0 + 1000;
    expect(h.m.tick()).toBe(0);
    expect(h.m.nextWakeAt()).toBe(T0 + 2900);
    h.now = T0 + 2899;
    expect(h.m.tick()).toBe(0);
    expect(h.m.complete(j.id, l.token).status).toBe(JobStatus.Completed);
  });

  test("an extended lease that is not renewed again does expire", () => {
    const h = new Harness({ defaults: { leaseMs: 1000, backoffBaseMs: 0 } });
    const j = h.submit("t");
    h.pollOne("w1");
    h.advance(500);
    h.heartbeat("w1", [j.id]);
    h.now = T0 + 1499;
    expect(h.m.tick()).toBe(0);
    h.now = T0 + 1500;
    expect(h.m.tick()).toBe(1);
    expect(h.m.get(j.id)).toMatchObject({ status: JobStatus.Pending, attempt: 1 });
  });

  test("a heartbeat with nothing held writes no record", () => {
    const h = new Harness();
    const j = h.submit("t");
    expect(h.heartbeat("w1", [j.id])).toEqual({ deadline: T0 + 30_000, lost: [j.id] });
    expect(h.heartbeat("w1", [])).toEqual({ deadline: T0 + 30_000, lost: [] });
    expect(h.kinds()).toEqual(["submitted"]);
  });
});

describe("releaseWorker", () => {
  test("ends every lease of the worker as a failed attempt and queues the jobs again", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 0 } });
    const a = h.submit("t");
    const b = h.submit("t");
    const c = h.submit("t");
    h.poll("w1", 2);
    h.pollOne("w2");
    const released = h.m.releaseWorker("w1", "worker w1 expired");
    expect(released.sort()).toEqual([a.id, b.id].sort());
    for (const id of [a.id, b.id]) {
      expect(h.m.get(id)).toMatchObject({ status: JobStatus.Pending, attempt: 1, error: "worker w1 expired", runAt: T0 });
    }
    expect(h.m.get(c.id).status).toBe(JobStatus.Running);
    expect(h.m.leasesOf("w1")).toEqual([]);
    expect(h.m.releaseWorker("w1", "again")).toEqual([]);
    expect(h.poll("w3", 5).map((l) => [l.job.id, l.job.attempt])).toEqual([
      [a.id, 2],
      [b.id, 2],
    ]);
  });

  test("a released lease skips the backoff: the worker failed, not the job", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 200 } });
    const j = h.submit("t");
    h.pollOne("w1");
    h.m.releaseWorker("w1", "gone");
    expect(h.m.get(j.id)).toMatchObject({ status: JobStatus.Pending, attempt: 1, runAt: T0 });
  });

  test("a job on its last attempt fails for good", () => {
    const h = new Harness();
    const j = h.submit("t", { maxAttempts: 1 });
    h.pollOne("w1");
    h.m.releaseWorker("w1", "gone");
    expect(h.m.get(j.id)).toMatchObject({ status: JobStatus.Failed, error: "gone" });
  });
});

describe("nextWakeAt and tick", () => {
  test("nothing to do: nextWakeAt is +Infinity and tick writes nothing", () => {
    const h = new Harness();
    h.submit("t");
    expect(h.m.nextWakeAt()).toBe(Number.POSITIVE_INFINITY);
    expect(h.m.tick()).toBe(0);
    expect(h.kinds()).toEqual(["submitted"]);
  });

  test("the earliest of delayed jobs and lease deadlines", () => {
    const h = new Harness({ defaults: { leaseMs: 5000 } });
    h.submit("t", { delayMs: 8000 });
    h.submit("t", { delayMs: 3000 });
    h.submit("t");
    expect(h.m.nextWakeAt()).toBe(T0 + 3000);
    h.advance(1000);
    h.pollOne();
    expect(h.m.nextWakeAt()).toBe(T0 + 3000);
    h.advance(2000);
    h.m.tick();
    expect(h.m.nextWakeAt()).toBe(T0 + 6000);
  });

  test("one promoted record moves every due job, in run_at order", () => {
    const h = new Harness();
    const b = h.submit("t", { delayMs: 200 });
    const a = h.submit("t", { delayMs: 100 });
    const later = h.submit("t", { delayMs: 900 });
    h.advance(500);
    expect(h.m.tick()).toBe(1);
    expect(h.records.at(-1)).toEqual({ kind: "promoted", at: T0 + 500 });
    expect(h.m.get(a.id)).toMatchObject({ status: JobStatus.Pending, updatedAt: T0 + 500 });
    expect(h.m.get(later.id).status).toBe(JobStatus.Scheduled);
    expect(h.poll("w", 5).map((l) => l.job.id)).toEqual([a.id, b.id]);
    expect(h.m.nextWakeAt()).toBe(T0 + 900);
  });

  test("a cancelled delayed job no longer wakes the caller", () => {
    const h = new Harness();
    const j = h.submit("t", { delayMs: 100 });
    h.m.cancel(j.id);
    expect(h.m.nextWakeAt()).toBe(T0 + 7 * 24 * 3600 * 1000); // only the dead job's retention remains
    h.advance(100);
    expect(h.m.tick()).toBe(0);
    expect(h.m.get(j.id).status).toBe(JobStatus.Cancelled);
  });
});

describe("heartbeat fencing", () => {
  test("a token from an earlier lease of the same job on the same worker does not extend the newer lease", () => {
    const h = new Harness({ defaults: { leaseMs: 1000, backoffBaseMs: 0 } });
    const j = h.submit("t", { maxAttempts: 3 });
    const first = h.pollOne("w1");
    h.m.fail(j.id, first.token, "boom");
    const second = h.pollOne("w1");
    expect(second.token).not.toBe(first.token);
    expect(h.m.heartbeat("w1", [j.id], 5000, [first.token])).toMatchObject({ lost: [j.id] });
    expect(h.m.get(j.id).leaseDeadline).toBe(second.deadline);
    const ok = h.m.heartbeat("w1", [j.id], 5000, [second.token]);
    expect(ok.lost).toEqual([]);
    expect(h.m.get(j.id).leaseDeadline).toBe(ok.deadline);
  });
});

