import { describe, expect, test } from "bun:test";
import { JobManager, JobStatus } from "../../../src/core/index.ts";
import { Harness, replay, summarize } from "../../helpers/core.ts";

const gated = () => new Harness({ gateLeasesOnDurability: true, defaults: { backoffBaseMs: 0, leaseMs: 1000 } });
const leased = (h: Harness, count = 10, types?: string[]) => h.poll("w", count, ["default"], types).map((l) => l.job.id);

describe("leases wait for a durable submit", () => {
  test("off by default: a job is leasable as soon as it is submitted", () => {
    const h = new Harness();
    const j = h.submit("t");
    expect(h.m.hasReady(["default"])).toBe(true);
    expect(leased(h)).toEqual([j.id]);
  });

  test("on: a job is not handed out until markDurable covers its id, then it is", () => {
    const h = gated();
    const a = h.submit("t");
    const b = h.submit("t");
    expect(h.m.hasReady(["default"])).toBe(false);
    expect(leased(h)).toEqual([]);
    expect(h.kinds()).toEqual(["submitted", "submitted"]);
    h.m.markDurable(a.id);
    expect(h.m.hasReady(["default"])).toBe(true);
    expect(leased(h)).toEqual([a.id]);
    h.m.markDurable(b.id);
    expect(leased(h)).toEqual([b.id]);
  });

  test("the mark only rises", () => {
    const h = gated();
    const a = h.submit("t");
    const b = h.submit("t");
    h.m.markDurable(b.id);
    h.m.markDurable(a.id); // an earlier submit call whose sync resolved later
    h.m.markDurable("");
    expect(h.m.durableJobId).toBe(b.id);
    expect(leased(h)).toEqual([a.id, b.id]);
  });

  test("a lane whose head is not durable yields nothing; other lanes still serve", () => {
    const h = gated();
    const low = h.submit("a", { priority: 0 });
    const other = h.submit("b");
    h.m.markDurable(other.id);
    const high = h.submit("a", { priority: 5 }); // heads lane "a", not durable yet
    expect(leased(h, 10, ["a"])).toEqual([]);
    expect(leased(h)).toEqual([other.id]);
    h.m.markDurable(high.id);
    expect(leased(h)).toEqual([high.id, low.id]);
  });

  test("jobs made ready again (retry, failed attempt, lost lease) were durable already", () => {
    const h = gated();
    const j = h.submit("t", { maxAttempts: 5 });
    h.m.markDurable(j.id);
    const l1 = h.pollOne("w");
    h.m.fail(j.id, l1.token, "boom"); // backoff 0: pending again at once
    const l2 = h.pollOne("w");
    h.advance(1000);
    h.m.tick(); // lease expired: pending again
    const l3 = h.pollOne("w");
    h.m.cancel(j.id);
    h.m.retry(j.id);
    expect(h.pollOne("w").job.id).toBe(j.id);
    expect(new Set([l1.token, l2.token, l3.token]).size).toBe(3);
  });

  test("recovered jobs count as durable: the mark starts at the recovered lastJobId", () => {
    const h = new Harness();
    const ids = [h.submit("t").id, h.submit("t").id];
    const recovered = new JobManager({ state: replay(h.records), clock: () => h.now, gateLeasesOnDurability: true });
    expect(recovered.durableJobId).toBe(ids[1] as string);
    expect(recovered.poll({ workerId: "w", queues: ["default"], count: 5 }).map((l) => l.job.id)).toEqual(ids);
    // Turned on later (the broker does it at start-up): everything held now is durable.
    const m = new JobManager({ state: replay(h.records), clock: () => h.now });
    const fresh = m.submit({ type: "t" }).job.id;
    m.gateLeasesOnDurability();
    expect(m.durableJobId).toBe(fresh);
    const late = m.submit({ type: "t" }).job.id;
    expect(m.poll({ workerId: "w", queues: ["default"], count: 5 }).map((l) => l.job.id)).toEqual([...ids, fresh]);
    m.markDurable(late);
    expect(m.poll({ workerId: "w", queues: ["default"], count: 5 }).map((l) => l.job.id)).toEqual([late]);
  });

  test("the gate is not state: records and replay are the same with or without it", () => {
    const run = (gate: boolean) => {
      const h = new Harness({ gateLeasesOnDurability: gate });
      const a = h.submit("t");
      h.m.markDurable(a.id);
      h.m.complete(a.id, h.pollOne().token);
      h.submit("t");
      return h;
    };
    const on = run(true);
    const off = run(false);
    expect(on.kinds()).toEqual(off.kinds());
    expect(summarize(replay(on.records)).counts).toEqual(summarize(on.m.state).counts);
    expect(on.m.state.counts[JobStatus.Pending]).toBe(1);
    expect(leased(on)).toEqual([]);
    expect(leased(off)).toHaveLength(1);
  });
});
