// Unique jobs and debounce (docs/unique-debounce.md): decided in commands
// against the submit's time, applied by apply() from records only, with the
// per-queue key indexes equal after replay and after a restore from job copies.

import { describe, expect, test } from "bun:test";
import { restore } from "../../../src/core/apply.ts";
import { JobStatus } from "../../../src/core/types.ts";
import { bytes, cloneJob, expectDomainError, Harness, replay, summarize } from "../../helpers/core.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("unique jobs, scope unfinished", () => {
  test("a second submit while the first is unfinished returns it as a duplicate with a reason, and writes nothing", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", unique: { key: "report:1" } });
    expect(a.duplicate).toBe(false);
    expect(a.job.uniqueKey).toBe("report:1");
    const n = h.records.length;
    const b = h.m.submit({ type: "t", payload: bytes("other"), unique: { key: "report:1" } });
    expect(b.duplicate).toBe(true);
    expect(b.job.id).toBe(a.job.id);
    expect(b.reason).toBe(`unique key "report:1" held by job ${a.job.id} (pending)`);
    expect(h.records.length).toBe(n);
    expect(h.m.jobCount()).toBe(1);
  });

  test("keys are per queue", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", unique: { key: "k" } });
    const b = h.m.submit({ type: "t", queue: "other", unique: { key: "k" } });
    expect(b.duplicate).toBe(false);
    expect(b.job.id).not.toBe(a.job.id);
  });

  test("the reason names the holder's status; the key is free again once the job finishes", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", unique: { key: "k" } }).job;
    const l = h.pollOne();
    expect(h.m.submit({ type: "t", unique: { key: "k" } }).reason).toContain("(running)");
    h.m.complete(a.id, l.token);
    const c = h.m.submit({ type: "t", unique: { key: "k" } });
    expect(c.duplicate).toBe(false);
    expect(c.job.id).not.toBe(a.id);
    expect(h.m.state.queue("default").unique.get("k")?.id).toBe(c.job.id);
  });

  test("failed and cancelled jobs give the key up too", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", maxAttempts: 1, unique: { key: "k" } }).job;
    h.m.fail(a.id, h.pollOne().token, "boom");
    const b = h.m.submit({ type: "t", unique: { key: "k" } }).job;
    expect(b.id).not.toBe(a.id);
    h.m.cancel(b.id);
    expect(h.m.submit({ type: "t", unique: { key: "k" } }).duplicate).toBe(false);
  });

  test("unique_conflict reject is ALREADY_EXISTS naming the key and the holder", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", unique: { key: "k" } }).job;
    expectDomainError(
      () => h.m.submit({ type: "t", unique: { key: "k", onConflict: "reject" } }),
      "already_exists",
      `job: unique key "k" in queue default is held by job ${a.id} (pending)`,
    );
  });

  test("a rejected spec in a batch creates nothing, also when an earlier spec of the batch takes the key", () => {
    const h = new Harness();
    h.m.submit({ type: "t", unique: { key: "held" } });
    const before = h.records.length;
    expectDomainError(
      () => h.m.submitMany([{ type: "t" }, { type: "t", unique: { key: "held", onConflict: "reject" } }]),
      "already_exists",
      'jobs[1]: unique key "held" in queue default is held by job',
    );
    expectDomainError(
      () => h.m.submitMany([{ type: "t", unique: { key: "new" } }, { type: "t", unique: { key: "new", onConflict: "reject" } }]),
      "already_exists",
      "held by jobs[0] of this batch",
    );
    expect(h.records.length).toBe(before);
  });

  test("in a batch, a later spec with the key returns the job an earlier spec created", () => {
    const h = new Harness();
    const [a, b] = h.m.submitMany([{ type: "t", unique: { key: "k" } }, { type: "t", unique: { key: "k" } }]);
    expect(b?.duplicate).toBe(true);
    expect(b?.job.id).toBe(a?.job.id as string);
  });

  test("a held key adds no job, so a full queue still answers with the holder", () => {
    const h = new Harness({ limits: { queueJobsMax: 1 } });
    const a = h.m.submit({ type: "t", unique: { key: "k" } }).job;
    expect(h.m.submit({ type: "t", unique: { key: "k" } }).job.id).toBe(a.id);
  });

  test("the idempotency key is checked first", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", idempotencyKey: "i", unique: { key: "k" } }).job;
    const again = h.m.submit({ type: "t", idempotencyKey: "i", unique: { key: "k", onConflict: "reject" } });
    expect(again).toMatchObject({ duplicate: true, reason: `idempotency key matched job ${a.id}` });
  });

  test("deleting the holder frees the key", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", delayMs: 1000, unique: { key: "k" } }).job;
    h.m.delete(a.id);
    expect(h.m.state.queue("default").unique.has("k")).toBe(false);
    expect(h.m.submit({ type: "t", unique: { key: "k" } }).duplicate).toBe(false);
  });
});

describe("unique jobs, scope ttl", () => {
  test("the key stays held ttl after the job finished, then is taken by the next submit", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", unique: { key: "k", scope: "ttl", ttlMs: 10_000 } }).job;
    expect(a.uniqueTtlMs).toBe(10_000);
    h.advance(500);
    h.m.complete(a.id, h.pollOne().token);
    const done = h.m.get(a.id);
    expect(done.uniqueUntil).toBe(done.finishedAt + 10_000);
    h.advance(9_999);
    const dup = h.m.submit({ type: "t", unique: { key: "k", ttlMs: 10_000 } });
    expect(dup.duplicate).toBe(true);
    expect(dup.reason).toBe(`unique key "k" held by job ${a.id} (completed; held until ${new Date(done.uniqueUntil).toISOString()})`);
    h.advance(1);
    const next = h.m.submit({ type: "t", unique: { key: "k", ttlMs: 10_000 } });
    expect(next.duplicate).toBe(false);
    // Only the current taker keeps a unique_until, so a snapshot names it unambiguously.
    expect(h.m.get(a.id).uniqueUntil).toBe(0);
    expect(h.m.state.queue("default").unique.get("k")?.id).toBe(next.job.id);
  });

  test("a ttl given without a scope means scope ttl", () => {
    const h = new Harness();
    expect(h.m.submit({ type: "t", unique: { key: "k", ttlMs: 5 } }).job.uniqueTtlMs).toBe(5);
  });

  test("retention removing the job frees the key before the ttl", () => {
    const h = new Harness({ retention: { completedAgeMs: 1000 } });
    const a = h.m.submit({ type: "t", unique: { key: "k", ttlMs: 60_000 } }).job;
    h.m.complete(a.id, h.pollOne().token);
    h.advance(1000);
    h.m.tick();
    expect(h.kinds()).toContain("removed");
    expect(h.m.state.jobs.has(a.id)).toBe(false);
    expect(h.m.state.queue("default").unique.has("k")).toBe(false);
    expect(h.m.submit({ type: "t", unique: { key: "k", ttlMs: 60_000 } }).duplicate).toBe(false);
  });

  test("removeOnComplete frees the key with the job", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", removeOnComplete: true, unique: { key: "k", ttlMs: 60_000 } }).job;
    h.m.complete(a.id, h.pollOne().token);
    expect(h.m.submit({ type: "t", unique: { key: "k" } }).duplicate).toBe(false);
  });
});

describe("retrying a job with a unique key", () => {
  test("is refused while another job holds the key, and takes the key again when it is free", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", maxAttempts: 1, unique: { key: "k" } }).job;
    h.m.fail(a.id, h.pollOne().token, "boom");
    const b = h.m.submit({ type: "t", unique: { key: "k" } }).job;
    expectDomainError(() => h.m.retry(a.id), "failed_precondition", `its unique key "k" is held by job ${b.id} (pending)`);
    h.m.cancel(b.id);
    h.m.retry(a.id);
    expect(h.m.submit({ type: "t", unique: { key: "k" } }).job.id).toBe(a.id);
  });
});

describe("unique and debounce options are checked", () => {
  const h = new Harness();
  test.each([
    [{ unique: { key: "", ttlMs: 5 } }, "job.options.unique_key must be set"],
    [{ unique: { key: "k", scope: "ttl" as const } }, "job.options.unique_ttl_ms must be set (> 0) with unique_scope ttl"],
    [{ unique: { key: "k", scope: "unfinished" as const, ttlMs: 5 } }, "job.options.unique_ttl_ms is for unique_scope ttl"],
    [{ unique: { key: "k", scope: "forever" as "ttl" } }, 'job.options.unique_scope must be unfinished or ttl, got "forever"'],
    [{ unique: { key: "k", onConflict: "skip" as "reject" } }, "job.options.unique_conflict must be return or reject"],
    [{ unique: { key: "k".repeat(257) } }, "job.options.unique_key is 257 bytes; the limit is 256 bytes"],
    [{ unique: { key: "é".repeat(129) } }, "job.options.unique_key is 258 bytes"],
    [{ debounce: { key: "k".repeat(257) } }, "job.options.debounce_key is 257 bytes"],
    [{ debounce: { key: "", delayMs: 5 } }, "job.options.debounce_key must be set"],
    [{ debounce: { key: "k", mode: "merge" as "extend" } }, "job.options.debounce_mode must be replace or extend"],
    [{ debounce: { key: "k", delayMs: -1 } }, "job.options.debounce_delay_ms is -1"],
    [{ debounce: { key: "k" }, delayMs: 5 }, "give it or delay_ms/run_at_ms, not both"],
    [{ debounce: { key: "k" }, unique: { key: "k" } }, "give unique_key or debounce_key, not both"],
  ])("%j", (spec, message) => {
    expectDomainError(() => h.m.submit({ type: "t", ...spec }), "invalid_argument", message);
  });
});

describe("debounce", () => {
  test("replace: a later submit takes over the waiting job's payload and pushes its start back", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", payload: bytes("v1"), debounce: { key: "user:1", delayMs: 5000 } });
    expect(a.duplicate).toBe(false);
    expect(a.job.status).toBe(JobStatus.Scheduled);
    expect(a.job.runAt).toBe(h.now + 5000);
    expect(a.job.debounceKey).toBe("user:1");
    h.advance(3000);
    const b = h.m.submit({ type: "t", payload: bytes("v2"), debounce: { key: "user:1", delayMs: 5000 } });
    expect(b).toMatchObject({ duplicate: true, reason: `debounced into job ${a.job.id}` });
    const j = h.m.get(a.job.id);
    expect(text(j.payload)).toBe("v2");
    expect(j.runAt).toBe(h.now + 5000);
    expect(j.updatedAt).toBe(h.now);
    expect(h.records.at(-1)).toEqual({ kind: "debounced", jobId: a.job.id, payload: bytes("v2"), runAt: h.now + 5000, at: h.now });
    h.advance(4999);
    h.m.tick();
    expect(h.m.get(a.job.id).status).toBe(JobStatus.Scheduled); // the first due time passed, the pushed one not yet
    h.advance(1);
    h.m.tick();
    expect(h.pollOne().job.id).toBe(a.job.id);
    expect(h.m.jobCount()).toBe(1);
  });

  test("extend: the waiting job keeps its payload; only its start moves", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", payload: bytes("first"), debounce: { key: "k", delayMs: 1000, mode: "extend" } }).job;
    h.advance(600);
    h.m.submit({ type: "t", payload: bytes("second"), debounce: { key: "k", delayMs: 1000, mode: "extend" } });
    const j = h.m.get(a.id);
    expect(text(j.payload)).toBe("first");
    expect(j.runAt).toBe(h.now + 1000);
    expect(h.records.at(-1)).toMatchObject({ kind: "debounced", payload: undefined });
  });

  test("a PENDING waiting job goes back to SCHEDULED when a submit pushes its start; with no delay it keeps its place", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", debounce: { key: "k" } }).job;
    const other = h.submit("t");
    expect(a.status).toBe(JobStatus.Pending);
    h.m.submit({ type: "t", payload: bytes("x"), debounce: { key: "k" } });
    expect(h.m.get(a.id).status).toBe(JobStatus.Pending);
    h.m.submit({ type: "t", debounce: { key: "k", delayMs: 100 } });
    expect(h.m.get(a.id).status).toBe(JobStatus.Scheduled);
    expect(h.pollOne().job.id).toBe(other.id);
    expect(h.poll()).toEqual([]);
    h.advance(100);
    h.m.tick();
    expect(h.pollOne().job.id).toBe(a.id);
  });

  test("one follow-up while one runs: at most one waiting and one running job per key", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", payload: bytes("1"), debounce: { key: "k" } }).job;
    const la = h.pollOne();
    expect(la.job.id).toBe(a.id);
    const b = h.m.submit({ type: "t", payload: bytes("2"), debounce: { key: "k", delayMs: 10 } });
    expect(b.duplicate).toBe(false);
    const c = h.m.submit({ type: "t", payload: bytes("3"), debounce: { key: "k", delayMs: 10 } });
    expect(c).toMatchObject({ duplicate: true, reason: `debounced into job ${b.job.id}` });
    expect(text(h.m.get(b.job.id).payload)).toBe("3");
    expect(h.m.state.queue("default").debounce.get("k")?.id).toBe(b.job.id);
    expect(h.m.jobCount()).toBe(2);
    h.m.complete(a.id, la.token);
    expect(h.m.state.queue("default").debounce.get("k")?.id).toBe(b.job.id);
  });

  test("a lease handed back does not make the job take submits again", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", debounce: { key: "k" } }).job;
    const l = h.pollOne();
    h.m.returnLeases([l]);
    expect(h.m.get(a.id).status).toBe(JobStatus.Pending);
    expect(h.m.submit({ type: "t", debounce: { key: "k" } }).duplicate).toBe(false);
  });

  test("cancel and delete end the wait; a retried job takes no debounced submits", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", debounce: { key: "k", delayMs: 50 } }).job;
    h.m.cancel(a.id);
    const b = h.m.submit({ type: "t", debounce: { key: "k", delayMs: 50 } }).job;
    expect(b.id).not.toBe(a.id);
    h.m.retry(a.id);
    expect(h.m.get(a.id).debounceKey).toBe("");
    h.m.delete(b.id);
    const c = h.m.submit({ type: "t", debounce: { key: "k", delayMs: 50 } }).job;
    expect([a.id, b.id]).not.toContain(c.id);
  });

  test("a submit of another type under a waiting job's key is FAILED_PRECONDITION", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "mail", debounce: { key: "k", delayMs: 50 } }).job;
    expectDomainError(
      () => h.m.submit({ type: "sms", debounce: { key: "k" } }),
      "failed_precondition",
      `debounce key "k" in queue default has job ${a.id} of type mail waiting`,
    );
  });

  test("a debounced submit adds no job, so a full queue takes it", () => {
    const h = new Harness({ limits: { queueJobsMax: 1 } });
    const a = h.m.submit({ type: "t", debounce: { key: "k", delayMs: 50 } }).job;
    expect(h.m.submit({ type: "t", debounce: { key: "k", delayMs: 50 } }).job.id).toBe(a.id);
  });

  test("in a batch, later specs with the key are debounced into the job the first one created", () => {
    const h = new Harness();
    const res = h.m.submitMany([
      { type: "t", payload: bytes("1"), debounce: { key: "k", delayMs: 10 } },
      { type: "t", payload: bytes("2"), debounce: { key: "k", delayMs: 20 } },
    ]);
    expect(res.map((r) => r.duplicate)).toEqual([false, true]);
    const j = h.m.get(res[0]?.job.id as string);
    expect(text(j.payload)).toBe("2");
    expect(j.runAt).toBe(h.now + 20);
  });
});

/** A history that uses every rule above. */
function keyedHistory(): Harness {
  const h = new Harness({ retention: { completedAgeMs: 5000 }, defaults: { backoffBaseMs: 0 } });
  const u1 = h.m.submit({ type: "t", unique: { key: "u1" } }).job;
  h.m.submit({ type: "t", unique: { key: "u1" } });
  const t1 = h.m.submit({ type: "t", unique: { key: "t1", ttlMs: 2000 } }).job;
  h.m.submit({ type: "t", queue: "q2", unique: { key: "t1", ttlMs: 2000 } });
  const d1 = h.m.submit({ type: "t", payload: bytes("a"), debounce: { key: "d1", delayMs: 100 } }).job;
  h.advance(50);
  h.m.submit({ type: "t", payload: bytes("b"), debounce: { key: "d1", delayMs: 100 } });
  h.m.submit({ type: "t", payload: bytes("c"), debounce: { key: "d2", mode: "extend" } });
  h.m.submit({ type: "t", payload: bytes("d"), debounce: { key: "d2", mode: "extend", delayMs: 10 } });
  const l1 = h.pollOne();
  const l2 = h.pollOne();
  h.m.complete(l1.job.id, l1.token);
  h.m.fail(l2.job.id, l2.token, "boom", false);
  h.advance(150);
  h.m.tick();
  const l3 = h.pollOne();
  h.m.submit({ type: "t", payload: bytes("e"), debounce: { key: "d1", delayMs: 100 } }); // follow-up while d1 runs
  h.m.complete(l3.job.id, l3.token);
  h.advance(2500);
  h.m.submit({ type: "t", unique: { key: "t1", ttlMs: 2000 } }); // t1's hold is over, or t1 is not done
  expect([u1.id, t1.id, d1.id].length).toBe(3);
  h.advance(6000);
  h.m.tick(); // retention
  h.m.submit({ type: "t", unique: { key: "u1" } });
  return h;
}

describe("replay and restore with keys in force", () => {
  test("replaying the records gives the same jobs and key indexes", () => {
    const h = keyedHistory();
    expect(h.kinds()).toContain("debounced");
    const live = summarize(h.m.state);
    expect(live.queues.some((q) => q.unique.length > 0 && q.debounce.length > 0)).toBe(true);
    expect(summarize(replay(h.records))).toEqual(live);
  });

  test("a restore from job copies rebuilds the same key indexes", () => {
    const h = keyedHistory();
    const s = replay([]);
    restore(s, [...h.m.state.jobs.values()].map(cloneJob).reverse(), []);
    const keys = (x: ReturnType<typeof summarize>) => x.queues.map((q) => [q.name, q.unique, q.debounce]);
    expect(keys(summarize(s))).toEqual(keys(summarize(h.m.state)));
  });

  test("a finished TTL job that lost the key to a later job does not come back on restore", () => {
    const h = new Harness();
    const a = h.m.submit({ type: "t", unique: { key: "k", ttlMs: 100 } }).job;
    h.m.complete(a.id, h.pollOne().token);
    h.advance(100);
    const b = h.m.submit({ type: "t", unique: { key: "k" } }).job; // scope unfinished
    h.m.complete(b.id, h.pollOne().token); // the entry goes with it
    expect(h.m.state.queue("default").unique.size).toBe(0);
    const s = replay([]);
    restore(s, [...h.m.state.jobs.values()].map(cloneJob), []);
    expect(s.queue("default").unique.size).toBe(0);
  });
});
