import { describe, expect, test } from "bun:test";
import { JobManager, JobStatus, restore, type JobTable } from "../../../src/core/index.ts";
import { bytes, cloneJob, drainOrder, Harness, replay, summarize } from "../../helpers/core.ts";

const QUEUES = ["default", "mail", "paused"];

/** Drives a manager through every kind of record, leaving jobs in every state. */
function busyHistory(): Harness {
  const h = new Harness({ defaults: { leaseMs: 1000, backoffBaseMs: 100 }, retention: { completedCountMax: 3 } });
  const m = h.m;
  for (let i = 0; i < 6; i++) h.submit(i % 2 ? "a" : "b", { priority: i % 3, payload: bytes(`p${i}`) });
  m.submitMany([
    { type: "send", queue: "mail", idempotencyKey: "k1", metadata: { to: "x" } },
    { type: "send", queue: "mail", delayMs: 300 },
    { type: "send", queue: "mail", delayMs: 50 },
    { type: "send", queue: "mail", idempotencyKey: "k1" },
  ]);
  h.submit("t", { queue: "paused" });
  m.pause("paused");
  h.submit("t", { queue: "paused", priority: 4 });
  const leases = m.poll({ workerId: "w1", queues: ["default"], count: 4 });
  h.advance(10);
  m.complete(leases[0]?.job.id as string, leases[0]?.token as string, bytes("r"));
  m.fail(leases[1]?.job.id as string, leases[1]?.token as string, "boom");
  m.progress(leases[2]?.job.id as string, leases[2]?.token as string, "half");
  m.cancel(leases[3]?.job.id as string);
  const w2 = m.poll({ workerId: "w2", queues: ["default", "mail"], count: 2, leaseMs: 400 });
  h.advance(60);
  m.tick(); // promotes the 50 ms mail job
  h.heartbeat("w1", [leases[2]?.job.id as string], 2000);
  h.advance(400);
  m.tick(); // w2's leases expire; the failed job's backoff is due
  m.releaseWorker("w1", "w1 vanished");
  const more = m.poll({ workerId: "w3", queues: QUEUES, count: 3 });
  for (const l of more) m.complete(l.job.id, l.token);
  h.advance(5);
  m.tick(); // retention by count removes completed jobs
  const dead = m.list({ status: JobStatus.Cancelled }).jobs[0];
  if (dead !== undefined) m.retry(dead.id);
  m.poll({ workerId: "w4", queues: ["mail"], count: 1 });
  const dying = h.submit("z", { maxAttempts: 1 });
  const [ld] = m.poll({ workerId: "w5", queues: ["default"], count: 1, types: ["z"] });
  m.fail(dying.id, ld?.token as string, "fatal", false);
  m.cancel(h.submit("z").id);
  h.submit("a");
  h.submit("b", { priority: 2 });
  h.submit("a", { delayMs: 2000 });
  expect(w2.length).toBeGreaterThan(0);
  return h;
}

function managerOn(h: Harness, state: JobTable): JobManager {
  return new JobManager({ clock: () => h.now, random: () => 0.5, state, defaults: h.m.defaults, retention: h.m.retention });
}

describe("replay determinism", () => {
  test("the history used below writes every kind of record", () => {
    const kinds = new Set(busyHistory().kinds());
    expect([...kinds].sort()).toEqual(
      [
        "submitted",
        "promoted",
        "leased",
        "extended",
        "completed",
        "attemptFailed",
        "cancelled",
        "retried",
        "removed",
        "queuePaused",
        "progress",
      ].sort(),
    );
  });

  test("replaying the records rebuilds the live state: jobs, fields, statuses, counts", () => {
    const h = busyHistory();
    const replayed = replay(h.records);
    expect(summarize(replayed)).toEqual(summarize(h.m.state));
    // and the state is not trivially small
    expect(replayed.jobs.size).toBeGreaterThan(8);
    expect(new Set([...replayed.jobs.values()].map((j) => j.status)).size).toBe(6);
  });

  test("the replayed state polls in the same order and wakes at the same time", () => {
    const h = busyHistory();
    const other = managerOn(h, replay(h.records));
    h.m.resume("paused");
    other.resume("paused");
    expect(other.nextWakeAt()).toBe(h.m.nextWakeAt());
    const live = drainOrder(h.m, QUEUES);
    expect(live.length).toBeGreaterThan(3);
    expect(drainOrder(other, QUEUES)).toEqual(live);
  });

  test("after replay, new commands produce the same records as on the live state", () => {
    const h = busyHistory();
    const twin = new Harness({ state: replay(h.records), defaults: h.m.defaults, retention: h.m.retention });
    twin.now = h.now;
    for (const x of [h, twin]) {
      x.records.length = 0;
      x.advance(5000);
      x.m.tick();
      x.submit("late");
      drainOrder(x.m, QUEUES);
    }
    const strip = (rs: typeof h.records) => rs.map((r) => (r.kind === "leased" ? { ...r, token: "" } : r));
    expect(h.kinds()).toContain("promoted");
    expect(h.kinds()).toContain("leased");
    expect(strip(twin.records)).toEqual(strip(h.records));
    const noTokens = (s: JobTable) => summarize(s).jobs.map(({ leaseToken: _t, ...rest }) => rest);
    expect(noTokens(twin.m.state)).toEqual(noTokens(h.m.state));
  });

  test("replaying twice gives equal states (apply reads no clock and no random)", () => {
    const h = busyHistory();
    expect(summarize(replay(h.records))).toEqual(summarize(replay(h.records)));
  });
});

describe("restore from job copies", () => {
  function restored(h: Harness): JobTable {
    const copies = [...h.m.state.jobs.values()].map(cloneJob).reverse(); // order must not matter
    const paused = [...h.m.state.queues.values()].filter((q) => q.paused).map((q) => q.name);
    const s = replay([]);
    restore(s, copies, paused);
    return s;
  }

  test("rebuilds the same poll order, counts and leases", () => {
    const h = busyHistory();
    const s = restored(h);
    const live = summarize(h.m.state);
    const back = summarize(s);
    const noStamp = (x: typeof live) => x.jobs.map(({ stamp: _s, ...rest }) => rest);
    expect(noStamp(back)).toEqual(noStamp(live));
    expect(back.counts).toEqual(live.counts);
    expect(back.byWorker).toEqual(live.byWorker);
    expect(back.idempotency).toEqual(live.idempotency);
    expect(back.queues.map((q) => [q.name, q.paused, q.counts])).toEqual(live.queues.map((q) => [q.name, q.paused, q.counts]));
    const other = managerOn(h, s);
    for (const m of [h.m, other]) m.resume("paused");
    expect(drainOrder(other, QUEUES)).toEqual(drainOrder(h.m, QUEUES));
  });

  test("running jobs keep their lease: the old token acks, and the deadline still expires", () => {
    const h = new Harness({ defaults: { leaseMs: 1000, backoffBaseMs: 0 } });
    const a = h.submit("t");
    const b = h.submit("t");
    const la = h.pollOne("w1");
    h.pollOne("w1");
    const s = restored(h);
    const m = managerOn(h, s);
    expect(m.leasesOf("w1").sort()).toEqual([a.id, b.id].sort());
    expect(m.complete(a.id, la.token).status).toBe(JobStatus.Completed);
    expect(m.nextWakeAt()).toBe(h.now + 1000);
    h.advance(1000);
    m.tick();
    expect(m.get(b.id)).toMatchObject({ status: JobStatus.Pending, attempt: 1 });
  });

  test("lists and pages in id order, and new ids sort after restored ones", () => {
    const h = new Harness();
    const ids = [h.submit("t").id, h.submit("t").id, h.submit("t").id, h.submit("t").id];
    h.m.cancel(ids[0] as string);
    h.m.retry(ids[0] as string); // the oldest job now has the newest stamp
    const m = managerOn(h, restored(h));
    const seen: string[] = [];
    let token = "";
    do {
      const page = m.list({ limit: 2, pageToken: token });
      seen.push(...page.jobs.map((j) => j.id));
      token = page.nextPageToken;
    } while (token);
    expect(seen).toEqual(ids);
    const fresh = m.submit({ type: "t" }).job.id;
    expect(fresh > (ids[3] as string)).toBe(true);
    expect(m.list({ limit: 10 }).jobs.map((j) => j.id)).toEqual([...ids, fresh]);
  });

  test("retention after restore removes the oldest finished jobs first", () => {
    const h = new Harness({ retention: { completedCountMax: 1 } });
    const a = h.submit("t");
    const b = h.submit("t");
    const la = h.pollOne();
    const lb = h.pollOne();
    h.m.complete(b.id, lb.token);
    h.m.complete(a.id, la.token);
    const s = restored(h);
    const m = new JobManager({ clock: () => h.now, state: s, retention: { completedCountMax: 1 } });
    m.tick();
    expect(m.list().jobs.map((j) => j.id)).toEqual([a.id]);
  });
});
