// Flow control in the core (docs/flow-control.md): group keys, queue and
// group concurrency, rate limits with burst, fair round-robin between
// groups, holds by a rate-limited handler, and exact replay and restore.

import { describe, expect, test } from "bun:test";
import { flowSnapshot } from "../../../src/core/flow-apply.ts";
import type { GroupLane } from "../../../src/core/flow.ts";
import { JobManager, JobStatus, JobTable, restore } from "../../../src/core/index.ts";
import { cloneJob, expectDomainError, flowSummary, Harness, replay, summarize, T0 } from "../../helpers/core.ts";

const Q = ["default"];

/** Leases up to `n` jobs one poll at a time; returns them in start order. */
function take(h: Harness, n: number, workerId = "w1", queues = Q) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const [l] = h.m.poll({ workerId, queues, count: 1 });
    if (l === undefined) break;
    out.push(l);
  }
  return out;
}

describe("group key", () => {
  test("is stored, shown and checked before the WAL", () => {
    const h = new Harness();
    expect(h.submit("t", { group: "customer-42" }).group).toBe("customer-42");
    expect(h.submit("t").group).toBe("");
    const n = h.records.length;
    expectDomainError(() => h.submit("t", { group: "x".repeat(129) }), "invalid_argument", /job\.options\.group is 129 bytes; the limit is 128 bytes/);
    expectDomainError(() => h.submit("t", { group: "a\nb" }), "invalid_argument", /control characters/);
    expect(h.records.length).toBe(n);
  });

  test("a queue without groups and limits keeps plain lanes and no flow state", () => {
    const h = new Harness();
    h.submit("t");
    const q = h.m.state.queues.get("default");
    expect(q?.flow).toBeUndefined();
    expect(q?.lanes.get("t")?.grouped).toBe(false);
  });
});

describe("queue limits: validation and records", () => {
  test("bad limits are refused with the field named; unchanged limits write nothing", () => {
    const h = new Harness();
    expectDomainError(() => h.m.setQueueLimits("mail", { rateCount: 5 }), "invalid_argument", /rate_count needs rate_period_ms/);
    expectDomainError(() => h.m.setQueueLimits("mail", { ratePeriodMs: 5 }), "invalid_argument", /need rate_count/);
    expectDomainError(() => h.m.setQueueLimits("mail", { concurrency: -1 }), "invalid_argument", /concurrency is -1/);
    expectDomainError(() => h.m.setQueueLimits("mail", { groupRateCount: 1, groupRatePeriodMs: 86_400_001 }), "invalid_argument", /group_rate_period_ms/);
    expect(h.records).toHaveLength(0);
    h.m.setQueueLimits("mail", { concurrency: 3 });
    h.m.setQueueLimits("mail", { concurrency: 3 });
    expect(h.kinds()).toEqual(["queueLimits"]);
    expect(h.m.queueLimits("mail").concurrency).toBe(3);
    h.m.setQueueLimits("mail", {});
    expect(h.m.queueLimits("mail").concurrency).toBe(0);
  });
});

describe("queue concurrency", () => {
  test("at most N running across workers; held jobs stay PENDING with no attempt used; an ack frees a slot", () => {
    const h = new Harness();
    h.m.setQueueLimits("default", { concurrency: 2 });
    const ids = Array.from({ length: 5 }, () => h.submit("t").id);
    const a = h.m.poll({ workerId: "w1", queues: Q, count: 5 });
    const b = h.m.poll({ workerId: "w2", queues: Q, count: 5 });
    expect(a.length + b.length).toBe(2);
    expect(h.m.get(ids[4] as string)).toMatchObject({ status: JobStatus.Pending, attempt: 0 });
    expect(h.m.stats()[0]?.heldBy).toBe("concurrency");
    expect(h.m.hasReady(Q)).toBe(false);
    h.m.complete(a[0]?.job.id as string, a[0]?.token as string);
    expect(h.m.stats()[0]?.heldBy).toBe("");
    expect(h.m.poll({ workerId: "w2", queues: Q, count: 5 })).toHaveLength(1);
  });

  test("a lease that expires, is released or returned frees its slot", () => {
    const h = new Harness({ defaults: { leaseMs: 1000 } });
    h.m.setQueueLimits("default", { concurrency: 1, groupConcurrency: 1 });
    for (let i = 0; i < 4; i++) h.submit("t", { group: "g" });
    expect(take(h, 2)).toHaveLength(1);
    expect(take(h, 1)).toHaveLength(0);
    h.advance(1001);
    h.m.tick(); // the lease expires
    expect(take(h, 1, "w2")).toHaveLength(1);
    h.m.releaseWorker("w2", "gone");
    const l3 = take(h, 1, "w3");
    expect(l3).toHaveLength(1);
    h.m.returnLeases(l3);
    expect(take(h, 1, "w4")).toHaveLength(1);
  });
});

describe("group concurrency", () => {
  test("at most N running per group; other groups still run; a freed slot brings the group back", () => {
    const h = new Harness();
    h.m.setQueueLimits("default", { groupConcurrency: 1 });
    for (let i = 0; i < 3; i++) h.submit("t", { group: "a" });
    for (let i = 0; i < 3; i++) h.submit("t", { group: "b" });
    const got = h.m.poll({ workerId: "w", queues: Q, count: 10 });
    expect(got.map((l) => l.job.group)).toEqual(["a", "b"]);
    const v = h.m.queueFlow("default");
    expect(v.heldGroups).toBe(2);
    expect(v.topGroups.map((g) => [g.group, g.running, g.pending, g.heldBy])).toEqual([
      ["a", 1, 2, "concurrency"],
      ["b", 1, 2, "concurrency"],
    ]);
    expect(h.m.poll({ workerId: "w", queues: Q, count: 10 })).toHaveLength(0);
    const lane = h.m.state.queues.get("default")?.lanes.get("t") as GroupLane;
    expect(lane.ringSize).toBe(0); // held groups are out of the ring: poll walks over nothing
    h.m.fail(got[1]?.job.id as string, got[1]?.token as string, "x"); // b's slot frees (its job waits a backoff)
    expect(h.m.poll({ workerId: "w", queues: Q, count: 10 }).map((l) => l.job.group)).toEqual(["b"]);
  });

  test("jobs without a group are one group for fairness but not bound by group limits", () => {
    const h = new Harness();
    h.m.setQueueLimits("default", { groupConcurrency: 1 });
    for (let i = 0; i < 3; i++) h.submit("t");
    h.submit("t", { group: "a" });
    h.submit("t", { group: "a" });
    const got = h.m.poll({ workerId: "w", queues: Q, count: 10 });
    expect(got.map((l) => l.job.group)).toEqual(["", "a", "", ""]);
  });
});

describe("rate limits", () => {
  test("queue rate with burst: a token bucket driven by the injected clock", () => {
    const h = new Harness();
    h.m.setQueueLimits("default", { rateCount: 2, ratePeriodMs: 1000, rateBurst: 3 });
    for (let i = 0; i < 10; i++) h.submit("t");
    expect(take(h, 10)).toHaveLength(3); // the burst
    expect(h.m.stats()[0]?.heldBy).toBe("rate");
    expect(h.m.nextWakeAt()).toBe(T0 + 500); // one token per 500 ms
    h.advance(499);
    h.m.tick();
    expect(take(h, 10)).toHaveLength(0);
    h.advance(1);
    h.m.tick();
    expect(h.kinds().at(-1)).toBe("promoted");
    expect(take(h, 10)).toHaveLength(1);
    h.advance(1500); // three tokens due, but the next start is the first one's
    h.m.tick();
    expect(take(h, 10)).toHaveLength(3);
    const v = h.m.queueFlow("default");
    expect(v.tokens).toBe(0);
    expect(v.heldBy).toBe("rate");
  });

  test("over a long run a rate holds within one token", () => {
    const h = new Harness();
    h.m.setQueueLimits("default", { rateCount: 7, ratePeriodMs: 1000 });
    for (let i = 0; i < 2000; i++) h.submit("t");
    const starts: number[] = [];
    for (let t = 0; t <= 60_000; t += 13) {
      h.now = T0 + t;
      if (h.m.nextWakeAt() <= h.now) h.m.tick();
      for (const _ of take(h, 100)) starts.push(t);
    }
    // Any window of w ms holds at most burst + w × rate starts.
    for (let i = 0; i < starts.length; i++) {
      for (let j = i; j < starts.length; j++) {
        const w = (starts[j] as number) - (starts[i] as number);
        if (w > 5000) break;
        expect(j - i + 1).toBeLessThanOrEqual(7 + Math.ceil((w * 7) / 1000));
      }
    }
    expect(starts.length).toBeGreaterThanOrEqual(7 + 60 * 7 - 1);
    expect(starts.length).toBeLessThanOrEqual(7 + 60 * 7);
  });

  test("group rate: each group has its own bucket; an empty group leaves the ring until its token is due", () => {
    const h = new Harness();
    h.m.setQueueLimits("default", { groupRateCount: 1, groupRatePeriodMs: 1000 });
    for (let i = 0; i < 3; i++) h.submit("t", { group: "a" });
    for (let i = 0; i < 3; i++) h.submit("t", { group: "b" });
    expect(take(h, 10).map((l) => l.job.group)).toEqual(["a", "b"]);
    expect(h.m.queueFlow("default").topGroups.map((g) => g.heldBy)).toEqual(["rate", "rate"]);
    expect(h.m.nextWakeAt()).toBe(T0 + 1000);
    h.advance(1000);
    h.m.tick();
    expect(take(h, 10).map((l) => l.job.group)).toEqual(["a", "b"]);
  });
});

describe("fair scheduling", () => {
  test("one group of 100,000 jobs does not delay 100 groups of 10", () => {
    const h = new Harness();
    const big = Array.from({ length: 100_000 }, () => ({ type: "t", group: "big" }));
    for (let i = 0; i < big.length; i += 10_000) h.m.submitMany(big.slice(i, i + 10_000));
    const small: { type: string; group: string }[] = [];
    for (let g = 0; g < 100; g++) for (let i = 0; i < 10; i++) small.push({ type: "t", group: `s${g}` });
    h.m.submitMany(small);
    const order: string[] = [];
    for (let i = 0; i < 1200; i++) {
      const [l] = h.m.poll({ workerId: "w", queues: Q, count: 1 });
      order.push(l?.job.group as string);
    }
    const firstOf = new Map<string, number>();
    let lastSmall = 0;
    order.forEach((g, i) => {
      if (!firstOf.has(g)) firstOf.set(g, i);
      if (g !== "big") lastSmall = i;
    });
    expect(firstOf.size).toBe(101);
    expect(Math.max(...firstOf.values())).toBeLessThan(101); // every group's first job in the first round
    expect(lastSmall).toBeLessThan(1010); // all 1000 small-group jobs within ten rounds of 101
    expect(order.filter((g) => g === "big").length).toBeLessThanOrEqual(1200 - 1000 + 1);
  });

  test("priority orders jobs within a group, round-robin between groups", () => {
    const h = new Harness();
    const a1 = h.submit("t", { group: "a", priority: 0 });
    const a2 = h.submit("t", { group: "a", priority: 5 });
    const b1 = h.submit("t", { group: "b", priority: 0 });
    const b2 = h.submit("t", { group: "b", priority: 1 });
    const a3 = h.submit("t", { group: "a", priority: 9 });
    const order = take(h, 10).map((l) => l.job.id);
    expect(order).toEqual([a3.id, b2.id, a2.id, b1.id, a1.id]);
  });
});

describe("rate-limited handler", () => {
  test("without pauseGroup: the job waits SCHEDULED with its attempt back; its group goes on", () => {
    const h = new Harness();
    const j1 = h.submit("t", { group: "g", maxAttempts: 1 });
    const j2 = h.submit("t", { group: "g" });
    const [l] = take(h, 1);
    expect(l?.job.id).toBe(j1.id);
    h.m.rateLimited(j1.id, l?.token as string, 5000);
    expect(h.m.get(j1.id)).toMatchObject({ status: JobStatus.Scheduled, attempt: 0, runAt: T0 + 5000 });
    expect(take(h, 1)[0]?.job.id).toBe(j2.id);
    h.advance(5000);
    h.m.tick();
    const [again] = take(h, 1);
    expect(again?.job.id).toBe(j1.id);
    expect(again?.job.attempt).toBe(1); // still its first attempt, though it ran twice
  });

  test("with pauseGroup: the whole group is held until then; other groups run", () => {
    const h = new Harness();
    const j1 = h.submit("t", { group: "g" });
    h.submit("t", { group: "g" });
    h.submit("t", { group: "other" });
    const [l] = take(h, 1);
    h.m.rateLimited(j1.id, l?.token as string, 3000, true);
    expect(h.kinds().slice(-2)).toEqual(["groupPaused", "returned"]);
    expect(take(h, 10).map((x) => x.job.group)).toEqual(["other"]);
    expect(h.m.queueFlow("default").topGroups.find((g) => g.group === "g")).toMatchObject({ heldBy: "paused", heldUntil: T0 + 3000 });
    expect(h.m.nextWakeAt()).toBe(T0 + 3000);
    h.advance(3000);
    h.m.tick();
    expect(take(h, 10).map((x) => x.job.group)).toEqual(["g", "g"]);
  });

  test("a stale token is refused and writes nothing", () => {
    const h = new Harness();
    const j = h.submit("t");
    take(h, 1);
    const n = h.records.length;
    expectDomainError(() => h.m.rateLimited(j.id, "AAAAAAAAAAAAAAAAAAAAAA", 10), "failed_precondition", /stale lease token/);
    expect(h.records.length).toBe(n);
  });
});

/** A busy history with every flow rule in force. */
function flowHistory(): Harness {
  const h = new Harness({ defaults: { leaseMs: 2000, backoffBaseMs: 100 } });
  const m = h.m;
  m.setQueueLimits("default", { concurrency: 6, groupConcurrency: 2, rateCount: 5, ratePeriodMs: 1000, rateBurst: 8, groupRateCount: 2, groupRatePeriodMs: 700 });
  m.setQueueLimits("mail", { concurrency: 1 });
  for (let i = 0; i < 60; i++) h.submit(i % 3 ? "a" : "b", { group: `g${i % 7}`, priority: i % 4 === 0 ? 1 : 0 });
  for (let i = 0; i < 5; i++) h.submit("a");
  for (let i = 0; i < 4; i++) h.submit("s", { queue: "mail", group: "m" });
  const held: { id: string; token: string }[] = [];
  for (let step = 0; step < 40; step++) {
    h.advance(137);
    m.tick();
    for (const l of m.poll({ workerId: `w${step % 3}`, queues: ["default", "mail"], count: 3 })) held.push({ id: l.job.id, token: l.token });
    const done = held.shift();
    if (done !== undefined && m.state.jobs.get(done.id)?.leaseToken === done.token) {
      if (step % 5 === 0) m.rateLimited(done.id, done.token, 450, step % 10 === 0);
      else if (step % 7 === 0) m.fail(done.id, done.token, "boom");
      else m.complete(done.id, done.token);
    }
    if (step === 20) m.setQueueLimits("default", { groupConcurrency: 1, rateCount: 9, ratePeriodMs: 1000 });
    if (step === 30) m.releaseWorker("w1", "gone");
  }
  return h;
}

describe("exact and durable", () => {
  test("replaying the records rebuilds the same jobs, buckets, holds and rings", () => {
    const h = flowHistory();
    const s = replay(h.records);
    expect(summarize(s)).toEqual(summarize(h.m.state));
    expect(flowSummary(s)).toEqual(flowSummary(h.m.state));
    expect(flowSummary(s).length).toBe(2);
  });

  test("a manager over the replayed table hands out the same jobs in the same order from then on", () => {
    const h = flowHistory();
    const s = replay(h.records);
    const clock = () => h.now;
    const twin = new JobManager({ clock, state: s, defaults: { leaseMs: 2000, backoffBaseMs: 100 }, random: () => 0.5 });
    for (let i = 0; i < 20; i++) {
      h.advance(211);
      h.m.tick();
      twin.tick();
      const a = h.m.poll({ workerId: "x", queues: ["default", "mail"], count: 2 }).map((l) => l.job.id);
      const b = twin.poll({ workerId: "x", queues: ["default", "mail"], count: 2 }).map((l) => l.job.id);
      expect(b).toEqual(a);
    }
  });

  test("a snapshot keeps limits, buckets and pauses: restore equals the live state", () => {
    const h = flowHistory();
    const live = h.m.state;
    const s = new JobTable();
    restore(s, [...live.jobs.values()].map(cloneJob), [], [], [], structuredClone(flowSnapshot(live)));
    const norm = (x: ReturnType<typeof flowSummary>) => x.map((q) => ({ ...(q as object), rings: undefined }));
    expect(norm(flowSummary(s))).toEqual(norm(flowSummary(live)));
    const m2 = new JobManager({ clock: () => h.now, state: s });
    expect(m2.nextWakeAt()).toBe(h.m.nextWakeAt());
  });

  test("10,000 held groups: a poll walks over none of them", () => {
    const h = new Harness();
    h.m.setQueueLimits("default", { groupConcurrency: 1 });
    const specs = [];
    for (let g = 0; g < 10_000; g++) specs.push({ type: "t", group: `g${g}` }, { type: "t", group: `g${g}` });
    h.m.submitMany(specs.slice(0, 10_000));
    h.m.submitMany(specs.slice(10_000));
    expect(h.m.poll({ workerId: "w", queues: Q, count: 1000 }).length).toBe(1000);
    for (let i = 0; i < 9; i++) h.m.poll({ workerId: `w${i}`, queues: Q, count: 1000 });
    const lane = h.m.state.queues.get("default")?.lanes.get("t") as GroupLane;
    expect(lane.ringSize).toBe(0);
    const t = performance.now();
    for (let i = 0; i < 1000; i++) expect(h.m.poll({ workerId: "z", queues: Q, count: 1 })).toHaveLength(0);
    expect(performance.now() - t).toBeLessThan(200);
    expect(h.m.stats()[0]?.readyGroups).toBe(10_000);
  });
});

