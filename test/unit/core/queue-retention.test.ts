// Per-queue retention: a `queueRetention` record gives a queue its own
// bounds; the retention timer applies them on top of the global ones.

import { describe, expect, test } from "bun:test";
import { JobManager, JobStatus, type QueueRetention } from "../../../src/core/index.ts";
import { expectDomainError, Harness, replay, summarize, T0 } from "../../helpers/core.ts";

const unset: QueueRetention = { completedCountMax: 0, completedAgeMs: 0, deadCountMax: 0, deadAgeMs: 0 };

function completeIn(h: Harness, queue: string, n: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    h.submit("t", { queue });
    const l = h.pollOne("w", [queue]); // the oldest ready job of the queue
    h.m.complete(l.job.id, l.token);
    ids.push(l.job.id);
    h.advance(1);
  }
  return ids;
}

function failIn(h: Harness, queue: string): string {
  const j = h.submit("t", { queue, maxAttempts: 1 });
  h.m.fail(j.id, h.pollOne("w", [queue]).token, "x");
  return j.id;
}

const idsIn = (h: Harness, queue: string) => h.m.list({ queue }).jobs.map((j) => j.id);

describe("queue retention", () => {
  test("a queue's count bound keeps its newest jobs; other queues keep the global bounds", () => {
    const h = new Harness();
    h.m.setRetention("a", { ...unset, completedCountMax: 2 });
    expect(h.records.at(-1)).toEqual({ kind: "queueRetention", queue: "a", retention: { ...unset, completedCountMax: 2 } });
    const a = completeIn(h, "a", 4);
    const b = completeIn(h, "b", 4);
    expect(h.m.nextWakeAt()).toBeLessThanOrEqual(h.now);
    expect(h.m.tick()).toBe(1);
    expect(h.records.at(-1)).toEqual({ kind: "removed", jobIds: a.slice(0, 2) });
    expect(idsIn(h, "a")).toEqual(a.slice(2));
    expect(idsIn(h, "b")).toEqual(b);
    expect(h.m.nextWakeAt()).toBeGreaterThan(h.now); // only the global age bound is left
  });

  test("a queue's age bound for failed and cancelled jobs: due at finish + age, the stricter of queue and global", () => {
    const h = new Harness({ retention: { deadAgeMs: 10_000 } });
    h.m.setRetention("a", { ...unset, deadAgeMs: 500 });
    const f = failIn(h, "a");
    h.advance(100);
    const c = h.submit("t", { queue: "a" });
    h.m.cancel(c.id);
    const other = failIn(h, "b");
    expect(h.m.nextWakeAt()).toBe(T0 + 500);
    h.now = T0 + 499;
    expect(h.m.tick()).toBe(0);
    h.now = T0 + 500;
    expect(h.m.tick()).toBe(1);
    expect(idsIn(h, "a")).toEqual([c.id]);
    expect(h.m.nextWakeAt()).toBe(T0 + 600);
    h.now = T0 + 600;
    h.m.tick();
    expect(idsIn(h, "a")).toEqual([]);
    expect(h.m.get(other).status).toBe(JobStatus.Failed);
    expectDomainError(() => h.m.get(f), "not_found", "not found");
  });

  test("global bounds still apply to a queue with looser bounds of its own; both in one tick make two records", () => {
    const h = new Harness({ retention: { completedCountMax: 3 } });
    h.m.setRetention("a", { ...unset, completedCountMax: 10, deadCountMax: 1 });
    const a = completeIn(h, "a", 2);
    const b = completeIn(h, "b", 3);
    const dead = [failIn(h, "a"), failIn(h, "a")];
    h.m.tick();
    expect(h.records.slice(-2)).toEqual([
      { kind: "removed", jobIds: a },
      { kind: "removed", jobIds: [dead[0] as string] },
    ]);
    expect(idsIn(h, "b")).toEqual(b);
  });

  test("setting the same bounds again writes nothing; all zero clears them", () => {
    const h = new Harness();
    h.m.setRetention("a", unset);
    expect(h.records).toEqual([]);
    h.m.setRetention("a", { ...unset, completedAgeMs: 50 });
    h.m.setRetention("a", { ...unset, completedAgeMs: 50 });
    expect(h.kinds()).toEqual(["queueRetention"]);
    expect(h.m.queueRetention("a")).toEqual({ ...unset, completedAgeMs: 50 });
    h.m.setRetention("a", unset);
    expect(h.m.queueRetention("a")).toBeUndefined();
    const [id] = completeIn(h, "a", 1);
    h.advance(1000);
    h.m.tick();
    expect(h.m.get(id as string).status).toBe(JobStatus.Completed);
  });

  test("bad bounds and queue names are INVALID_ARGUMENT naming the field", () => {
    const h = new Harness();
    expectDomainError(() => h.m.setRetention("a", { ...unset, deadAgeMs: -1 }), "invalid_argument", "retention.failed_age_ms is -1");
    expectDomainError(() => h.m.setRetention("a", { ...unset, completedCountMax: 1.5 }), "invalid_argument", "retention.completed_count_max");
    expectDomainError(() => h.m.setRetention("", { ...unset, completedCountMax: 1 }), "invalid_argument", "retention.queue must not be empty");
    expect(h.records).toEqual([]);
  });

  test("removals by one queue's bounds leave no growing trail of stale entries in the global log", () => {
    const h = new Harness();
    h.m.setRetention("a", { ...unset, completedCountMax: 1 });
    completeIn(h, "b", 5);
    for (let i = 0; i < 2000; i++) {
      completeIn(h, "a", 1);
      h.m.tick();
    }
    const s = h.m.state;
    expect(s.counts[JobStatus.Completed]).toBe(6);
    expect(s.completedLog.length).toBeLessThanOrEqual(2 * 6 + 64);
    expect(s.queue("a").completedLog.length).toBeLessThanOrEqual(2 * 1 + 64);
  });
});

describe("queue retention replay", () => {
  function history(): Harness {
    const h = new Harness({ retention: { completedCountMax: 5 } });
    h.m.setRetention("a", { ...unset, completedCountMax: 2, deadAgeMs: 100 });
    h.m.setRetention("c", { ...unset, completedAgeMs: 10 });
    completeIn(h, "a", 4);
    completeIn(h, "b", 3);
    completeIn(h, "c", 2);
    failIn(h, "a");
    h.m.tick();
    h.advance(50);
    h.m.setRetention("c", unset);
    const retried = failIn(h, "a");
    h.m.retry(retried);
    h.m.tick();
    return h;
  }

  test("replay rebuilds the jobs, the bounds and the next wake-up; later ticks write the same records", () => {
    const h = history();
    expect(h.kinds()).toContain("removed");
    const twin = new Harness({ state: replay(h.records), retention: h.m.retention });
    twin.now = h.now;
    expect(summarize(twin.m.state)).toEqual(summarize(h.m.state));
    for (const q of ["a", "b", "c"]) expect(twin.m.queueRetention(q)).toEqual(h.m.queueRetention(q));
    expect(twin.m.nextWakeAt()).toBe(h.m.nextWakeAt());
    for (const x of [h, twin]) {
      x.records.length = 0;
      x.advance(1000);
      x.m.tick();
      completeIn(x, "a", 3);
      x.m.tick();
    }
    const strip = (rs: typeof h.records) => rs.map((r) => ("token" in r ? { ...r, token: "" } : r));
    expect(strip(twin.records)).toEqual(strip(h.records));
  });

  test("a JobManager over a replayed table applies the bounds without being told again", () => {
    const h = history();
    const m = new JobManager({ state: replay(h.records), clock: () => h.now + 1000 });
    expect(m.queueRetention("a")).toEqual({ ...unset, completedCountMax: 2, deadAgeMs: 100 });
    expect(m.nextWakeAt()).toBeLessThanOrEqual(h.now + 1000);
  });
});
