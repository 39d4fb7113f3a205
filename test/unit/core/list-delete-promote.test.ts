// ListJobs in both directions across removals, search with its scan bound,
// and the operator's delete and promote: each a record that replays to the
// same state.

import { describe, expect, test } from "bun:test";
import { JobManager, JobStatus } from "../../../src/core/index.ts";
import { bytes, drainOrder, expectDomainError, Harness, replay, summarize } from "../../helpers/core.ts";

/** Every id `list` yields, following page tokens to the end; also counts the calls. */
function pageAll(m: JobManager, f: Parameters<JobManager["list"]>[0]): { ids: string[]; calls: number } {
  const ids: string[] = [];
  let token = "";
  let calls = 0;
  do {
    const page = m.list({ ...f, pageToken: token });
    calls++;
    ids.push(...page.jobs.map((j) => j.id));
    token = page.nextPageToken;
  } while (token !== "" && calls < 10_000);
  return { ids, calls };
}

function submitN(h: Harness, n: number): string[] {
  const ids: string[] = [];
  while (ids.length < n) {
    const batch = Math.min(1000, n - ids.length);
    for (const r of h.m.submitMany(Array.from({ length: batch }, () => ({ type: "t" })))) ids.push(r.job.id);
  }
  return ids;
}

describe("ListJobs paging", () => {
  test("newest first pages backwards through several index chunks, across deletes and retention", () => {
    const h = new Harness({ retention: { completedCountMax: 0 } });
    const all = submitN(h, 3000);
    // Delete every 5th job (pending) and finish + retain away the oldest 300.
    const gone = new Set(all.filter((_, i) => i % 5 === 0));
    for (const id of gone) h.m.delete(id);
    for (const l of h.poll("w", 1000)) if (all.indexOf(l.job.id) < 300) h.m.complete(l.job.id, l.token);
    h.m.tick();
    for (const id of all.slice(0, 300)) gone.add(id);
    const left = all.filter((id) => !gone.has(id));
    expect(h.m.jobCount()).toBe(left.length);

    const newest = pageAll(h.m, { limit: 97, newestFirst: true });
    expect(newest.ids).toEqual([...left].reverse());
    expect(pageAll(h.m, { limit: 97 }).ids).toEqual(left);

    // A removed id still works as a token, in either direction.
    const removed = all[1500] as string;
    expect(gone.has(removed)).toBe(true);
    expect(h.m.list({ limit: 2, pageToken: removed, newestFirst: true }).jobs.map((j) => j.id)).toEqual([all[1499] as string, all[1498] as string]);
    expect(h.m.list({ limit: 2, pageToken: removed }).jobs.map((j) => j.id)).toEqual([all[1501] as string, all[1502] as string]);
    // Past either end: nothing.
    expect(h.m.list({ pageToken: "0", newestFirst: true }).jobs).toEqual([]);
    expect(h.m.list({ pageToken: "zzzz" }).jobs).toEqual([]);
    // A token newer than every job starts at the newest.
    expect(h.m.list({ limit: 1, pageToken: "zzzz", newestFirst: true }).jobs[0]?.id).toBe(left.at(-1));
  });

  test("jobs deleted between pages, the token's own job included, neither repeat nor hide others", () => {
    const h = new Harness();
    const all = submitN(h, 1200);
    const seen: string[] = [];
    let token = "";
    const deleted = new Set<string>();
    for (let round = 0; ; round++) {
      const page = h.m.list({ limit: 50, pageToken: token, newestFirst: true });
      seen.push(...page.jobs.map((j) => j.id));
      token = page.nextPageToken;
      if (token === "") break;
      // Delete the page's last job (the token), and one not yet seen.
      h.m.delete(token);
      deleted.add(token);
      const ahead = all[all.indexOf(token) - 3];
      if (ahead !== undefined && !deleted.has(ahead)) {
        h.m.delete(ahead);
        deleted.add(ahead);
      }
      expect(round).toBeLessThan(100);
    }
    const expected = [...all].reverse().filter((id) => !deleted.has(id) || seen.includes(id));
    expect(seen).toEqual(expected);
  });

  test("an unfiltered page says how many jobs follow it; a filtered one says 0", () => {
    const h = new Harness();
    const all = submitN(h, 700);
    const first = h.m.list({ limit: 100, newestFirst: true });
    expect(first.remaining).toBe(600);
    expect(h.m.list({ limit: 100, pageToken: first.nextPageToken, newestFirst: true }).remaining).toBe(500);
    expect(h.m.list({ limit: 100 }).remaining).toBe(600);
    h.m.delete(all[650] as string);
    expect(h.m.list({ limit: 100, newestFirst: true }).remaining).toBe(599);
    expect(h.m.list({ limit: 100, type: "t" }).remaining).toBe(0);
    expect(h.m.list({ limit: 1000 })).toMatchObject({ nextPageToken: "", remaining: 0 });
  });
});

describe("ListJobs search", () => {
  test("matches the id, the type, a metadata key or value, and the payload as UTF-8", () => {
    const h = new Harness();
    const a = h.submit("email.send", { payload: bytes('{"to":"jürgen@example.com"}') });
    const b = h.submit("report", { metadata: { tenant: "acme-corp" } });
    const c = h.submit("report", { metadata: { "owner-team": "x" } });
    const ids = (search: string) => h.m.list({ search }).jobs.map((j) => j.id);
    expect(ids("jürgen")).toEqual([a.id]);
    expect(ids("email")).toEqual([a.id]);
    expect(ids("acme")).toEqual([b.id]);
    expect(ids("owner-")).toEqual([c.id]);
    expect(ids(c.id.slice(-6))).toEqual([c.id]);
    expect(ids("report")).toEqual([b.id, c.id]);
    expect(ids("nothing-like-this")).toEqual([]);
    // Combined with a filter, and newest first.
    expect(h.m.list({ search: "report", newestFirst: true }).jobs.map((j) => j.id)).toEqual([c.id, b.id]);
    expect(h.m.list({ search: "report", status: JobStatus.Completed }).jobs).toEqual([]);
  });

  test("one call examines at most listScanMax jobs, then hands back a token to go on from", () => {
    const h = new Harness({ limits: { listScanMax: 100 } });
    const all = submitN(h, 450);
    const needle = h.submit("needle-type").id;
    const first = h.m.list({ search: "needle", limit: 10 });
    expect(first).toMatchObject({ jobs: [], partial: true, nextPageToken: all[99] });
    const { ids, calls } = pageAll(h.m, { search: "needle", limit: 10 });
    expect(ids).toEqual([needle]);
    expect(calls).toBe(5); // 451 jobs, 100 per call
    // Newest first finds it in the first call; the rest still goes 100 at a time.
    const back = h.m.list({ search: "needle", limit: 10, newestFirst: true });
    expect(back).toMatchObject({ partial: true, nextPageToken: all[351] });
    expect(back.jobs.map((j) => j.id)).toEqual([needle]);
    // A filter that matches nothing is bounded the same way.
    expect(h.m.list({ type: "none", limit: 10 })).toMatchObject({ jobs: [], partial: true, nextPageToken: all[99] });
    // A full page is not partial.
    expect(h.m.list({ limit: 10 })).toMatchObject({ partial: false, nextPageToken: all[9] });
  });

  test("search text past searchBytesMax is INVALID_ARGUMENT", () => {
    const h = new Harness({ limits: { searchBytesMax: 8 } });
    expect(h.m.list({ search: "ü".repeat(4) }).jobs).toEqual([]);
    expectDomainError(() => h.m.list({ search: "ü".repeat(5) }), "invalid_argument", "search is 10 bytes; the limit is 8 bytes");
  });
});

describe("delete and promote", () => {
  test("delete removes pending, scheduled and finished jobs; a running one is refused", () => {
    const h = new Harness();
    const pending = h.submit("t", { idempotencyKey: "k1" });
    const scheduled = h.submit("t", { delayMs: 1000 });
    const running = h.submit("t");
    const done = h.submit("t");
    const leases = h.poll("w1", 4);
    expect(leases.map((l) => l.job.id)).toEqual([pending.id, running.id, done.id]);
    // Hand the first one back so it is PENDING again.
    h.m.returnLeases([leases[0] as (typeof leases)[0]]);
    h.m.complete(done.id, leases[2]?.token as string);

    expectDomainError(() => h.m.delete(running.id), "failed_precondition", /is running; cancel it first/);
    expect(h.m.delete(pending.id).status).toBe(JobStatus.Pending);
    expect(h.m.delete(scheduled.id).status).toBe(JobStatus.Scheduled);
    expect(h.m.delete(done.id).status).toBe(JobStatus.Completed);
    expectDomainError(() => h.m.delete(pending.id), "not_found", "not found");
    expect(h.m.jobCount()).toBe(1);
    expect(h.m.stats()[0]).toMatchObject({ pending: 0, scheduled: 0, running: 1, completed: 0 });
    // Nothing of them is left in the indexes: no poll, no promotion, the key is free.
    expect(h.poll("w2", 10)).toEqual([]);
    h.advance(2000);
    expect(h.m.nextWakeAt()).toBeGreaterThan(h.now);
    expect(h.m.tick()).toBe(0);
    expect(h.m.submit({ type: "t", idempotencyKey: "k1" }).duplicate).toBe(false);
    // Once cancelled, the running job can go too.
    h.m.cancel(running.id);
    h.m.delete(running.id);
    expect(h.m.list().jobs.map((j) => j.status)).toEqual([JobStatus.Pending]);
  });

  test("promote makes a scheduled job pending now; any other state is refused", () => {
    const h = new Harness();
    const later = h.submit("t", { delayMs: 60_000 });
    const other = h.submit("t", { delayMs: 120_000 });
    h.advance(5);
    const v = h.m.promote(later.id);
    expect(v).toMatchObject({ status: JobStatus.Pending, runAt: h.now });
    expect(h.records.at(-1)).toEqual({ kind: "jobPromoted", jobId: later.id, at: h.now });
    expectDomainError(() => h.m.promote(later.id), "failed_precondition", "is pending; only scheduled jobs can be promoted");
    expectDomainError(() => h.m.promote("nope"), "not_found", "nope");
    // Its old timer entry is stale: the next wake-up is the other job's.
    expect(h.m.nextWakeAt()).toBe(other.runAt);
    expect(h.pollOne().job.id).toBe(later.id);
  });

  test("delete and promote records replay to the same state and the same poll order", () => {
    const h = new Harness();
    const ids = submitN(h, 20);
    const delayed = Array.from({ length: 4 }, (_, i) => h.submit("d", { delayMs: 1000 * (i + 1), priority: i }).id);
    h.m.delete(ids[3] as string);
    h.m.delete(delayed[0] as string);
    h.advance(10);
    h.m.promote(delayed[2] as string);
    const [l] = h.poll("w1", 1);
    h.m.complete(l?.job.id as string, l?.token as string);
    h.m.delete(l?.job.id as string);
    h.advance(1500);
    h.m.tick(); // promotes delayed[1] by time
    expect(h.kinds()).toContain("deleted");
    expect(h.kinds()).toContain("jobPromoted");
    const replayed = replay(h.records);
    expect(summarize(replayed)).toEqual(summarize(h.m.state));
    const twin = new JobManager({ clock: () => h.now, state: replayed });
    expect(twin.nextWakeAt()).toBe(h.m.nextWakeAt());
    expect(drainOrder(twin, ["default"])).toEqual(drainOrder(h.m, ["default"]));
  });
});
