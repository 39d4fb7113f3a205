import { describe, expect, test } from "bun:test";
import { JobStatus } from "../../../src/core/index.ts";
import { drainOrder, expectDomainError, Harness, T0 } from "../../helpers/core.ts";

describe("poll order", () => {
  test("higher priority first, then FIFO by submit order", () => {
    const h = new Harness();
    const a = h.submit("t", { priority: 0 });
    const b = h.submit("t", { priority: 5 });
    const c = h.submit("t", { priority: 0 });
    const d = h.submit("t", { priority: 5 });
    const e = h.submit("t", { priority: -3 });
    const f = h.submit("t", { priority: 10 });
    expect(drainOrder(h.m, ["default"])).toEqual([f.id, b.id, d.id, a.id, c.id, e.id]);
  });

  test("priority and FIFO hold across type lanes of one queue", () => {
    const h = new Harness();
    const a = h.submit("alpha");
    const b = h.submit("beta");
    const c = h.submit("alpha");
    const d = h.submit("beta", { priority: 1 });
    const e = h.submit("gamma");
    expect(drainOrder(h.m, ["default"])).toEqual([d.id, a.id, b.id, c.id, e.id]);
  });

  test("across queues: priority first, then the job that became ready first", () => {
    const h = new Harness();
    const a = h.submit("t", { queue: "q1" });
    const b = h.submit("t", { queue: "q2" });
    const c = h.submit("t", { queue: "q2", priority: 2 });
    const d = h.submit("t", { queue: "q1" });
    expect(drainOrder(h.m, ["q1", "q2"])).toEqual([c.id, a.id, b.id, d.id]);
  });

  test("a delayed job joins the FIFO when it is promoted, behind jobs already ready", () => {
    const h = new Harness();
    const early = h.submit("t", { delayMs: 100 });
    const x = h.submit("t");
    h.advance(100);
    expect(h.m.tick()).toBe(1);
    const y = h.submit("t");
    expect(drainOrder(h.m, ["default"])).toEqual([x.id, early.id, y.id]);
  });

  test("only the worker's queues are polled", () => {
    const h = new Harness();
    h.submit("t", { queue: "other" });
    expect(h.poll("w", 10, ["default", "missing"])).toEqual([]);
    expect(h.poll("w", 10, ["other"])).toHaveLength(1);
  });
});

describe("poll leases", () => {
  test("a lease carries the running job, a token and the deadline", () => {
    const h = new Harness({ defaults: { leaseMs: 10_000 } });
    const j = h.submit("t");
    h.advance(7);
    const [l] = h.poll("w1");
    expect(l?.deadline).toBe(T0 + 7 + 10_000);
    expect(l?.token).not.toBe("");
    expect(l?.job).toMatchObject({
      id: j.id,
      status: JobStatus.Running,
      attempt: 1,
      workerId: "w1",
      leaseDeadline: T0 + 7 + 10_000,
      startedAt: T0 + 7,
      updatedAt: T0 + 7,
    });
    expect(h.m.get(j.id)).toEqual(l?.job as never);
    expect(h.m.leasesOf("w1")).toEqual([j.id]);
    expect(h.records.at(-1)).toEqual({
      kind: "leased",
      jobId: j.id,
      token: l?.token as string,
      workerId: "w1",
      deadline: T0 + 7 + 10_000,
      attempt: 1,
      at: T0 + 7,
    });
  });

  test("the request's leaseMs overrides the default", () => {
    const h = new Harness();
    h.submit("t");
    const [l] = h.m.poll({ workerId: "w", queues: ["default"], count: 1, leaseMs: 500 });
    expect(l?.deadline).toBe(T0 + 500);
  });

  test("count bounds how many jobs one poll leases; tokens are distinct", () => {
    const h = new Harness();
    for (let i = 0; i < 5; i++) h.submit("t");
    const first = h.poll("w", 3);
    expect(first).toHaveLength(3);
    expect(new Set(first.map((l) => l.token)).size).toBe(3);
    expect(h.poll("w", 3)).toHaveLength(2);
    expect(h.poll("w", 3)).toEqual([]);
    expect(h.m.stats()[0]).toMatchObject({ pending: 0, running: 5 });
  });

  test("count outside 1..pollCountMax is INVALID_ARGUMENT naming count", () => {
    const h = new Harness({ limits: { pollCountMax: 4 } });
    h.submit("t");
    expectDomainError(() => h.poll("w", 0), "invalid_argument", "count is 0; it must be between 1 and 4");
    expectDomainError(() => h.poll("w", 5), "invalid_argument", "count is 5; it must be between 1 and 4");
    expectDomainError(() => h.poll("w", 1.5), "invalid_argument", "count must be a whole number");
    expect(h.poll("w", 4)).toHaveLength(1);
  });

  test("a worker at leasesPerWorkerMax is RESOURCE_EXHAUSTED; below it, count is clipped", () => {
    const h = new Harness({ limits: { leasesPerWorkerMax: 3 } });
    for (let i = 0; i < 6; i++) h.submit("t");
    expect(h.poll("w", 2)).toHaveLength(2);
    expect(h.poll("w", 5)).toHaveLength(1);
    expectDomainError(() => h.poll("w", 1), "resource_exhausted", 'worker "w" holds 3 leases; the limit is 3');
    // another worker has its own budget
    expect(h.poll("w2", 5)).toHaveLength(3);
    // finishing a lease frees room
    const id = h.m.leasesOf("w")[0] as string;
    h.m.complete(id, h.token(id));
    expect(h.poll("w", 5)).toHaveLength(0);
    expect(h.m.leasesOf("w")).toHaveLength(2);
  });

  test("hasReady tells whether a poll would find a job", () => {
    const h = new Harness();
    expect(h.m.hasReady(["default"])).toBe(false);
    h.submit("a");
    expect(h.m.hasReady(["default"])).toBe(true);
    expect(h.m.hasReady(["default"], ["b"])).toBe(false);
    expect(h.m.hasReady(["default"], ["a"])).toBe(true);
    h.m.pause("default");
    expect(h.m.hasReady(["default"])).toBe(false);
  });
});

describe("per-type lanes", () => {
  test("a worker polling with types gets only those types", () => {
    const h = new Harness();
    const a = h.submit("email");
    const b = h.submit("sms");
    const c = h.submit("email");
    const got = h.poll("w", 10, ["default"], ["sms"]);
    expect(got.map((l) => l.job.id)).toEqual([b.id]);
    expect(h.poll("w", 10, ["default"], ["push"])).toEqual([]);
    expect(h.poll("w", 10, ["default"], ["email", "nothing"]).map((l) => l.job.id)).toEqual([a.id, c.id]);
  });

  test("an empty types list means every type", () => {
    const h = new Harness();
    h.submit("a");
    h.submit("b");
    expect(h.poll("w", 10, ["default"], [])).toHaveLength(2);
  });

  test("with several types the higher priority wins across lanes, then the earlier job", () => {
    const h = new Harness();
    const a1 = h.submit("a");
    const b1 = h.submit("b", { priority: 3 });
    const c1 = h.submit("c", { priority: 9 });
    const a2 = h.submit("a", { priority: 3 });
    const got = h.poll("w", 10, ["default"], ["a", "b"]).map((l) => l.job.id);
    expect(got).toEqual([b1.id, a2.id, a1.id]);
    expect(h.m.get(c1.id).status).toBe(JobStatus.Pending);
  });
});

describe("paused queues", () => {
  test("are not polled but still accept submits; resume makes them pollable", () => {
    const h = new Harness();
    h.submit("t");
    h.m.pause("default");
    const late = h.submit("t");
    expect(late.status).toBe(JobStatus.Pending);
    expect(h.poll("w", 10)).toEqual([]);
    expect(h.m.stats()[0]).toMatchObject({ paused: true, pending: 2 });
    h.m.resume("default");
    expect(h.poll("w", 10)).toHaveLength(2);
  });

  test("pausing one queue leaves the others pollable", () => {
    const h = new Harness();
    h.submit("t", { queue: "a" });
    const b = h.submit("t", { queue: "b" });
    h.m.pause("a");
    expect(h.poll("w", 10, ["a", "b"]).map((l) => l.job.id)).toEqual([b.id]);
  });

  test("pause and resume write a record only when they change something", () => {
    const h = new Harness();
    h.m.resume("q");
    h.m.pause("q");
    h.m.pause("q");
    h.m.resume("q");
    expect(h.records).toEqual([
      { kind: "queuePaused", queue: "q", paused: true },
      { kind: "queuePaused", queue: "q", paused: false },
    ]);
  });

  test("a queue paused before it has jobs shows up in stats as paused", () => {
    const h = new Harness();
    h.m.pause("later");
    expect(h.m.stats()).toEqual([expect.objectContaining({ queue: "later", paused: true, pending: 0 })]);
  });
});
