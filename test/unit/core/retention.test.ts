import { describe, expect, test } from "bun:test";
import { defaultRetention, JobStatus } from "../../../src/core/index.ts";
import { expectDomainError, Harness, T0 } from "../../helpers/core.ts";

const DAY = 24 * 3600 * 1000;

function completeOne(h: Harness, type = "t"): string {
  const j = h.submit(type);
  h.m.complete(j.id, h.pollOne().token);
  return j.id;
}

describe("retention by age", () => {
  test("a completed job is removed completedAgeMs after it finished, not before", () => {
    const h = new Harness({ retention: { completedAgeMs: 1000 } });
    const id = completeOne(h);
    expect(h.m.nextWakeAt()).toBe(T0 + 1000);
    h.advance(999);
    expect(h.m.tick()).toBe(0);
    expect(h.m.get(id).status).toBe(JobStatus.Completed);
    h.advance(1);
    expect(h.m.tick()).toBe(1);
    expect(h.records.at(-1)).toEqual({ kind: "removed", jobIds: [id] });
    expectDomainError(() => h.m.get(id), "not_found", "not found");
    expect(h.m.stats()[0]).toMatchObject({ completed: 0, completedTotal: 1 });
    expect(h.m.nextWakeAt()).toBe(Number.POSITIVE_INFINITY);
  });

  test("failed and cancelled jobs use deadAgeMs", () => {
    const h = new Harness({ retention: { completedAgeMs: 100, deadAgeMs: 500 } });
    const f = h.submit("t", { maxAttempts: 1 });
    h.m.fail(f.id, h.pollOne().token, "x");
    h.advance(10);
    const c = h.submit("t");
    h.m.cancel(c.id);
    expect(h.m.nextWakeAt()).toBe(T0 + 500);
    h.now = T0 + 500;
    h.m.tick();
    expect(h.m.list().jobs.map((j) => j.id)).toEqual([c.id]);
    expect(h.m.nextWakeAt()).toBe(T0 + 510);
    h.now = T0 + 510;
    h.m.tick();
    expect(h.m.list().jobs).toEqual([]);
  });

  test("jobs that are not finished are never removed", () => {
    const h = new Harness({ retention: { completedAgeMs: 1, deadAgeMs: 1 } });
    const p = h.submit("t");
    const s = h.submit("t", { delayMs: 10 * DAY });
    h.advance(5 * DAY);
    h.m.tick();
    expect(h.m.get(p.id).status).toBe(JobStatus.Pending);
    expect(h.m.get(s.id).status).toBe(JobStatus.Scheduled);
  });

  test("a retried job leaves the dead log: its old finish time does not remove it", () => {
    const h = new Harness({ retention: { deadAgeMs: 100 } });
    const j = h.submit("t");
    h.m.cancel(j.id);
    h.advance(50);
    h.m.retry(j.id);
    h.advance(100);
    h.m.tick();
    expect(h.m.get(j.id).status).toBe(JobStatus.Pending);
    // cancelled again: the 100 ms run from the new finish time
    h.m.cancel(j.id);
    expect(h.m.nextWakeAt()).toBe(h.now + 100);
  });
});

describe("retention by count", () => {
  test("past completedCountMax the oldest finished jobs go first", () => {
    const h = new Harness({ retention: { completedCountMax: 2 } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(completeOne(h));
      h.advance(1);
    }
    expect(h.m.tick()).toBe(1);
    expect(h.records.at(-1)).toEqual({ kind: "removed", jobIds: ids.slice(0, 3) });
    expect(h.m.list().jobs.map((j) => j.id)).toEqual(ids.slice(3));
    expect(h.m.stats()[0]).toMatchObject({ completed: 2, completedTotal: 5 });
  });

  test("finish order, not submit order, decides which go", () => {
    const h = new Harness({ retention: { completedCountMax: 1 } });
    const a = h.submit("t");
    const b = h.submit("t");
    const la = h.pollOne();
    const lb = h.pollOne();
    h.m.complete(b.id, lb.token);
    h.m.complete(a.id, la.token);
    h.m.tick();
    expect(h.m.list().jobs.map((j) => j.id)).toEqual([a.id]);
  });

  test("the dead count covers FAILED and CANCELLED together", () => {
    const h = new Harness({ retention: { deadCountMax: 1 } });
    const c = h.submit("t");
    h.m.cancel(c.id);
    const f = h.submit("t", { maxAttempts: 1 });
    h.m.fail(f.id, h.pollOne().token, "x");
    const kept = completeOne(h);
    expect(h.m.nextWakeAt()).toBeLessThanOrEqual(h.now);
    h.m.tick();
    expect(h.m.list().jobs.map((j) => j.id)).toEqual([f.id, kept]);
  });

  test("nextWakeAt is due at once when a count bound is passed", () => {
    const h = new Harness({ retention: { completedCountMax: 1 } });
    completeOne(h);
    expect(h.m.nextWakeAt()).toBe(T0 + defaultRetention.completedAgeMs);
    completeOne(h);
    expect(h.m.nextWakeAt()).toBeLessThanOrEqual(h.now);
    h.m.tick();
    expect(h.m.nextWakeAt()).toBe(T0 + defaultRetention.completedAgeMs);
  });
});

describe("retention and idempotency", () => {
  test("the key is honoured until the job is removed, then a submit creates a new job", () => {
    const h = new Harness({ retention: { completedAgeMs: 1000 } });
    const first = h.m.submit({ type: "t", idempotencyKey: "k" }).job;
    h.m.complete(first.id, h.pollOne().token);
    h.advance(999);
    expect(h.m.submit({ type: "t", idempotencyKey: "k" }).duplicate).toBe(true);
    h.advance(1);
    h.m.tick();
    const second = h.m.submit({ type: "t", idempotencyKey: "k" });
    expect(second.duplicate).toBe(false);
    expect(second.job.id).not.toBe(first.id);
  });
});
