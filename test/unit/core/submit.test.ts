import { describe, expect, test } from "bun:test";
import { defaultDefaults, JobStatus } from "../../../src/core/index.ts";
import { bytes, expectDomainError, Harness, T0 } from "../../helpers/core.ts";

describe("submit one", () => {
  test("a job without delay is PENDING with the defaults filled in", () => {
    const h = new Harness();
    const { job, duplicate } = h.m.submit({ type: "email.send", payload: bytes('{"to":"a"}') });
    expect(duplicate).toBe(false);
    expect(job).toMatchObject({
      queue: "default",
      type: "email.send",
      status: JobStatus.Pending,
      priority: 0,
      attempt: 0,
      maxAttempts: defaultDefaults.maxAttempts,
      timeoutMs: defaultDefaults.timeoutMs,
      backoffBaseMs: defaultDefaults.backoffBaseMs,
      backoffMaxMs: defaultDefaults.backoffMaxMs,
      createdAt: T0,
      runAt: T0,
      updatedAt: T0,
      workerId: "",
      leaseDeadline: 0,
    });
    expect(new TextDecoder().decode(job.payload)).toBe('{"to":"a"}');
    expect(h.m.get(job.id)).toEqual(job);
    expect(h.kinds()).toEqual(["submitted"]);
  });

  test("options given in the spec override the defaults", () => {
    const h = new Harness({ defaults: { queue: "main", maxAttempts: 7 } });
    const a = h.submit("x");
    expect(a.queue).toBe("main");
    expect(a.maxAttempts).toBe(7);
    const b = h.submit("x", {
      queue: "q2",
      priority: -5,
      maxAttempts: 2,
      timeoutMs: 500,
      backoffBaseMs: 10,
      backoffMaxMs: 20,
      metadata: { tenant: "acme" },
    });
    expect(b).toMatchObject({
      queue: "q2",
      priority: -5,
      maxAttempts: 2,
      timeoutMs: 500,
      backoffBaseMs: 10,
      backoffMaxMs: 20,
      metadata: { tenant: "acme" },
    });
  });

  test("an empty queue name means the default queue", () => {
    const h = new Harness();
    expect(h.submit("x", { queue: "" }).queue).toBe("default");
  });

  test("delay_ms makes the job SCHEDULED until run_at", () => {
    const h = new Harness();
    const j = h.submit("x", { delayMs: 5000 });
    expect(j.status).toBe(JobStatus.Scheduled);
    expect(j.runAt).toBe(T0 + 5000);
    expect(h.m.nextWakeAt()).toBe(T0 + 5000);
  });

  test("run_at in the future schedules; run_at in the past runs now", () => {
    const h = new Harness();
    const later = h.submit("x", { runAt: T0 + 1234 });
    expect(later.status).toBe(JobStatus.Scheduled);
    expect(later.runAt).toBe(T0 + 1234);
    const past = h.submit("x", { runAt: T0 - 60_000 });
    expect(past.status).toBe(JobStatus.Pending);
    expect(past.runAt).toBe(T0);
  });

  test("metadata is copied: later changes to the caller's object do not leak in", () => {
    const h = new Harness();
    const meta = { k: "v" };
    const j = h.submit("x", { metadata: meta });
    meta.k = "changed";
    expect(h.m.get(j.id).metadata).toEqual({ k: "v" });
    const view = h.m.get(j.id);
    view.metadata.k = "mutated view";
    expect(h.m.get(j.id).metadata).toEqual({ k: "v" });
  });

  test("ids are unique and sort in submit order, also within one millisecond", () => {
    const h = new Harness();
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(h.submit().id);
      if (i % 10 === 0) h.advance(1);
    }
    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe("submit batch", () => {
  test("submitMany creates every job in order and writes one record each", () => {
    const h = new Harness();
    const out = h.m.submitMany([{ type: "a" }, { type: "b", queue: "q" }, { type: "c", delayMs: 10 }]);
    expect(out.map((r) => r.job.type)).toEqual(["a", "b", "c"]);
    expect(out.map((r) => r.duplicate)).toEqual([false, false, false]);
    expect(out[2]?.job.status).toBe(JobStatus.Scheduled);
    expect(h.kinds()).toEqual(["submitted", "submitted", "submitted"]);
    expect(h.m.list().jobs.map((j) => j.type)).toEqual(["a", "b", "c"]);
  });

  test("an empty batch is fine and does nothing", () => {
    const h = new Harness();
    expect(h.m.submitMany([])).toEqual([]);
    expect(h.records).toEqual([]);
  });

  test("one bad spec rejects the whole batch naming jobs[i] and creates nothing", () => {
    const h = new Harness();
    expectDomainError(
      () => h.m.submitMany([{ type: "ok" }, { type: "ok" }, { type: "ok", maxAttempts: 0 }]),
      "invalid_argument",
      /^jobs\[2\].options.max_attempts is 0/,
    );
    expect(h.records).toEqual([]);
    expect(h.m.list().jobs).toEqual([]);
    expect(h.m.stats()).toEqual([]);
  });

  test("a single submit names its fields job.*", () => {
    const h = new Harness();
    expectDomainError(() => h.m.submit({ type: "" }), "invalid_argument", /^job.type must not be empty$/);
  });

  test("a batch over submitBatchMax is refused before any check", () => {
    const h = new Harness({ limits: { submitBatchMax: 3 } });
    expectDomainError(
      () => h.m.submitMany([{ type: "a" }, { type: "a" }, { type: "a" }, { type: "a" }]),
      "invalid_argument",
      "batch has 4 jobs; the limit is 3",
    );
    expect(h.m.submitMany([{ type: "a" }, { type: "a" }, { type: "a" }])).toHaveLength(3);
  });
});

describe("idempotency keys", () => {
  test("a second submit with the same key returns the first job and writes nothing", () => {
    const h = new Harness();
    const first = h.m.submit({ type: "x", idempotencyKey: "k1" });
    h.advance(100);
    const again = h.m.submit({ type: "y", idempotencyKey: "k1", priority: 9 });
    expect(again.duplicate).toBe(true);
    expect(again.job).toEqual(first.job);
    expect(again.job.idempotencyKey).toBe("k1");
    expect(h.records).toHaveLength(1);
    expect(h.m.list().jobs).toHaveLength(1);
  });

  test("the key is honoured while the job runs and after it finishes", () => {
    const h = new Harness();
    const first = h.m.submit({ type: "x", idempotencyKey: "k" }).job;
    const l = h.pollOne();
    expect(h.m.submit({ type: "x", idempotencyKey: "k" }).job.status).toBe(JobStatus.Running);
    h.m.complete(first.id, l.token);
    const dup = h.m.submit({ type: "x", idempotencyKey: "k" });
    expect(dup).toMatchObject({ duplicate: true, job: { id: first.id, status: JobStatus.Completed } });
  });

  test("within one batch the second use of a key is a duplicate of the first", () => {
    const h = new Harness();
    const out = h.m.submitMany([
      { type: "x", idempotencyKey: "same" },
      { type: "x", idempotencyKey: "other" },
      { type: "x", idempotencyKey: "same" },
    ]);
    expect(out.map((r) => r.duplicate)).toEqual([false, false, true]);
    expect(out[2]?.job.id).toBe(out[0]?.job.id as string);
    expect(h.m.list().jobs).toHaveLength(2);
  });

  test("jobs without a key are never duplicates of each other", () => {
    const h = new Harness();
    const a = h.submit("x");
    const b = h.submit("x");
    expect(a.id).not.toBe(b.id);
  });
});

describe("queue length limit", () => {
  test("past queueJobsMax unfinished jobs a submit is RESOURCE_EXHAUSTED naming the queue", () => {
    const h = new Harness({ limits: { queueJobsMax: 2 } });
    h.submit("x");
    h.submit("x", { delayMs: 100 });
    expectDomainError(() => h.submit("x"), "resource_exhausted", /queue default holds 2 unfinished jobs.*limit of 2/);
    // other queues are not affected
    expect(h.submit("x", { queue: "other" }).queue).toBe("other");
  });

  test("a batch that would pass the limit is refused whole", () => {
    const h = new Harness({ limits: { queueJobsMax: 3 } });
    h.submit("x");
    expectDomainError(
      () => h.m.submitMany([{ type: "a" }, { type: "a" }, { type: "a" }]),
      "resource_exhausted",
      "adding 3 passes the limit of 3",
    );
    expect(h.m.list().jobs).toHaveLength(1);
  });

  test("running jobs count; finished jobs free room", () => {
    const h = new Harness({ limits: { queueJobsMax: 1 } });
    const j = h.submit("x");
    const l = h.pollOne();
    expectDomainError(() => h.submit("x"), "resource_exhausted", "holds 1 unfinished");
    h.m.complete(j.id, l.token);
    expect(h.submit("x").status).toBe(JobStatus.Pending);
  });

  test("a repeated submit with a known idempotency key returns the job even when the queue is full", () => {
    const h = new Harness({ limits: { queueJobsMax: 1 } });
    const j = h.m.submit({ type: "x", idempotencyKey: "k" }).job;
    const again = h.m.submit({ type: "x", idempotencyKey: "k" });
    expect(again).toEqual({ job: j, duplicate: true, reason: `idempotency key matched job ${j.id}` });
  });
});
