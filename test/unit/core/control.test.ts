import { describe, expect, test } from "bun:test";
import { JobStatus } from "../../../src/core/index.ts";
import { expectDomainError, Harness, T0 } from "../../helpers/core.ts";

describe("cancel", () => {
  test("a PENDING job is CANCELLED at once and never polled", () => {
    const h = new Harness();
    const a = h.submit("t");
    const b = h.submit("t");
    h.advance(5);
    const r = h.m.cancel(a.id);
    expect(r.workerId).toBe("");
    expect(r.job).toMatchObject({ status: JobStatus.Cancelled, finishedAt: T0 + 5 });
    expect(h.records.at(-1)).toEqual({ kind: "cancelled", jobId: a.id, at: T0 + 5 });
    expect(h.poll("w", 10).map((l) => l.job.id)).toEqual([b.id]);
  });

  test("a SCHEDULED job is CANCELLED and not promoted later", () => {
    const h = new Harness();
    const j = h.submit("t", { delayMs: 50 });
    expect(h.m.cancel(j.id).job.status).toBe(JobStatus.Cancelled);
    h.advance(50);
    h.m.tick();
    expect(h.poll()).toEqual([]);
    expect(h.m.stats()[0]).toMatchObject({ scheduled: 0, pending: 0, cancelled: 1 });
  });

  test("a RUNNING job returns its workerId, loses its lease, and the later ack is rejected", () => {
    const h = new Harness();
    const j = h.submit("t");
    const l = h.pollOne("w7");
    const r = h.m.cancel(j.id);
    expect(r.workerId).toBe("w7");
    expect(r.job.status).toBe(JobStatus.Cancelled);
    expect(h.m.leasesOf("w7")).toEqual([]);
    expectDomainError(() => h.m.complete(j.id, l.token), "failed_precondition", "is cancelled, not running");
    expectDomainError(() => h.m.fail(j.id, l.token, "aborted"), "failed_precondition", "is cancelled");
    expect(h.m.heartbeat("w7", [j.id], undefined, [l.token]).lost).toEqual([j.id]);
    expect(h.m.get(j.id).status).toBe(JobStatus.Cancelled);
  });

  test("a finished job cannot be cancelled; an unknown one is NOT_FOUND", () => {
    const h = new Harness();
    const j = h.submit("t");
    h.m.complete(j.id, h.pollOne().token);
    expectDomainError(() => h.m.cancel(j.id), "failed_precondition", `job ${j.id} is completed already`);
    h.m.cancel(h.submit("t").id);
    expectDomainError(() => h.m.cancel("nope"), "not_found", 'job "nope" not found');
    expectDomainError(() => h.m.cancel(""), "invalid_argument", "job_id must not be empty");
  });
});

describe("retry", () => {
  test("a FAILED job is PENDING again with a fresh attempt budget", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 0 } });
    const j = h.submit("t", { maxAttempts: 2 });
    h.m.fail(j.id, h.pollOne().token, "e1");
    h.m.fail(j.id, h.pollOne().token, "e2");
    expect(h.m.get(j.id).status).toBe(JobStatus.Failed);
    h.advance(10);
    const v = h.m.retry(j.id);
    expect(v).toMatchObject({ status: JobStatus.Pending, attempt: 0, runAt: T0 + 10, finishedAt: 0 });
    expect(h.records.at(-1)).toEqual({ kind: "retried", jobId: j.id, at: T0 + 10 });
    // two more attempts before it is dead again
    expect(h.pollOne().job.attempt).toBe(1);
    expect(h.m.fail(j.id, h.token(j.id), "e3").status).toBe(JobStatus.Pending);
    expect(h.pollOne().job.attempt).toBe(2);
    expect(h.m.fail(j.id, h.token(j.id), "e4").status).toBe(JobStatus.Failed);
    expect(h.m.stats()[0]).toMatchObject({ failed: 1, failedTotal: 2 });
  });

  test("a CANCELLED job can be retried, also one cancelled while scheduled", () => {
    const h = new Harness();
    const j = h.submit("t", { delayMs: 10_000 });
    h.m.cancel(j.id);
    expect(h.m.retry(j.id).status).toBe(JobStatus.Pending);
    expect(h.pollOne().job.id).toBe(j.id);
  });

  test("a retried job joins the back of its FIFO", () => {
    const h = new Harness();
    const a = h.submit("t");
    const b = h.submit("t");
    h.m.cancel(a.id);
    h.m.retry(a.id);
    expect(h.poll("w", 5).map((l) => l.job.id)).toEqual([b.id, a.id]);
  });

  test("only FAILED or CANCELLED jobs can be retried", () => {
    const h = new Harness();
    const p = h.submit("t");
    expectDomainError(() => h.m.retry(p.id), "failed_precondition", `job ${p.id} is pending; only failed or cancelled`);
    h.pollOne();
    expectDomainError(() => h.m.retry(p.id), "failed_precondition", "is running");
    h.m.complete(p.id, h.token(p.id));
    expectDomainError(() => h.m.retry(p.id), "failed_precondition", "is completed");
    const s = h.submit("t", { delayMs: 5 });
    expectDomainError(() => h.m.retry(s.id), "failed_precondition", "is scheduled");
    expectDomainError(() => h.m.retry("nope"), "not_found", 'job "nope" not found');
  });
});

describe("stats", () => {
  test("counts per queue and state, sorted by queue name", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 0 } });
    h.submit("t", { queue: "b" });
    h.submit("t", { queue: "b", delayMs: 10 });
    const done = h.submit("t", { queue: "a" });
    const r = h.submit("t", { queue: "a" });
    const dead = h.submit("t", { queue: "a", maxAttempts: 1 });
    const gone = h.submit("t", { queue: "a" });
    h.m.cancel(gone.id);
    h.m.complete(done.id, h.m.poll({ workerId: "w", queues: ["a"], count: 1 })[0]?.token as string);
    expect(h.m.get(r.id).status).toBe(JobStatus.Pending);
    const [lr, ld] = h.m.poll({ workerId: "w", queues: ["a"], count: 2 });
    expect([lr?.job.id, ld?.job.id]).toEqual([r.id, dead.id]);
    h.m.fail(dead.id, ld?.token as string, "x");
    h.m.pause("b");
    expect(h.m.stats()).toEqual([
      {
        queue: "a",
        paused: false,
        scheduled: 0,
        pending: 0,
        running: 1,
        completed: 1,
        failed: 1,
        cancelled: 1,
        completedTotal: 1,
        failedTotal: 1,
        completedPerSec: 0, // all in the current second, which the rate leaves out
        failedPerSec: 0,

        heldBy: "",
        readyGroups: 0,
        oldestPendingAgeMs: 0,
        waiting: 0,
      },
      {
        queue: "b",
        paused: true,
        scheduled: 1,
        pending: 1,
        running: 0,
        completed: 0,
        failed: 0,
        cancelled: 0,
        completedTotal: 0,
        failedTotal: 0,
        completedPerSec: 0,
        failedPerSec: 0,
        heldBy: "paused",
        readyGroups: 0,
        oldestPendingAgeMs: 0,
        waiting: 0,
      },
    ]);
  });
});

describe("get and list", () => {
  test("get returns a detached copy", () => {
    const h = new Harness();
    const j = h.submit("t");
    const v = h.m.get(j.id);
    v.status = JobStatus.Completed;
    v.metadata.x = "y";
    expect(h.m.get(j.id)).toEqual(j);
    expectDomainError(() => h.m.get("missing"), "not_found", 'job "missing" not found');
    expectDomainError(() => h.m.get(""), "invalid_argument", "job_id must not be empty");
  });

  test("list filters by queue, status and type, in submit order", () => {
    const h = new Harness();
    const a = h.submit("x", { queue: "q1" });
    const b = h.submit("y", { queue: "q1" });
    const c = h.submit("x", { queue: "q2" });
    const d = h.submit("x", { queue: "q1", delayMs: 10 });
    const ids = (f: Parameters<typeof h.m.list>[0]) => h.m.list(f).jobs.map((j) => j.id);
    expect(ids({})).toEqual([a.id, b.id, c.id, d.id]);
    expect(ids({ queue: "q1" })).toEqual([a.id, b.id, d.id]);
    expect(ids({ type: "x" })).toEqual([a.id, c.id, d.id]);
    expect(ids({ status: JobStatus.Scheduled })).toEqual([d.id]);
    expect(ids({ queue: "q1", type: "x", status: JobStatus.Pending })).toEqual([a.id]);
    expect(ids({ queue: "none" })).toEqual([]);
  });

  test("list pages by the last id; the last page has no token", () => {
    const h = new Harness();
    const all: string[] = [];
    for (let i = 0; i < 7; i++) all.push(h.submit(i % 2 ? "odd" : "even").id);
    const seen: string[] = [];
    let token = "";
    let pages = 0;
    do {
      const page = h.m.list({ limit: 3, pageToken: token });
      seen.push(...page.jobs.map((j) => j.id));
      token = page.nextPageToken;
      pages++;
    } while (token !== "" && pages < 100);
    expect(seen).toEqual(all);
    expect(pages).toBe(3);
    // exactly one page's worth: no token, no empty trailing page
    expect(h.m.list({ limit: 7 }).nextPageToken).toBe("");
    const even = h.m.list({ type: "even", limit: 2 });
    expect(even.jobs.map((j) => j.id)).toEqual([all[0] as string, all[2] as string]);
    expect(h.m.list({ type: "even", limit: 2, pageToken: even.nextPageToken }).jobs.map((j) => j.id)).toEqual([all[4] as string, all[6] as string]);
  });

  test("list pages through thousands of jobs after retention removed some, and a removed job's id still works as a token", () => {
    const h = new Harness({ retention: { completedCountMax: 0 } });
    const all: string[] = [];
    for (let i = 0; i < 30; i++) for (const r of h.m.submitMany(Array.from({ length: 100 }, () => ({ type: "t" })))) all.push(r.job.id);
    // Finish and remove the oldest 700 and every 7th job after them.
    const removed = new Set([...all.slice(0, 700), ...all.filter((_, i) => i >= 700 && i % 7 === 0)]);
    for (const l of h.poll("w", 1000)) if (removed.has(l.job.id)) h.m.complete(l.job.id, l.token);
    for (const l of h.poll("w", 1000)) if (removed.has(l.job.id)) h.m.complete(l.job.id, l.token);
    for (const l of h.poll("w", 1000)) if (removed.has(l.job.id)) h.m.complete(l.job.id, l.token);
    h.m.tick();
    const left = all.filter((id) => !removed.has(id));
    expect(h.m.jobCount()).toBe(left.length);
    const seen: string[] = [];
    let token = "";
    for (let pages = 0; pages < 1000; pages++) {
      const page = h.m.list({ limit: 97, pageToken: token });
      seen.push(...page.jobs.map((j) => j.id));
      token = page.nextPageToken;
      if (token === "") break;
    }
    expect(seen).toEqual(left);
    const gone = all[1400] as string; // 1400 % 7 === 0: removed
    expect(removed.has(gone)).toBe(true);
    expect(h.m.list({ limit: 2, pageToken: gone }).jobs.map((j) => j.id)).toEqual([all[1401] as string, all[1402] as string]);
    expect(h.m.list({ status: JobStatus.Running, limit: 3, pageToken: all[2000] }).jobs.map((j) => j.id)).toEqual(
      left.filter((id) => id > (all[2000] as string)).slice(0, 3),
    );
  });

  test("list limit: 0 means the default, past listLimitMax is INVALID_ARGUMENT", () => {
    const h = new Harness({ limits: { listLimitMax: 5 }, defaults: { listLimit: 2 } });
    for (let i = 0; i < 4; i++) h.submit("t");
    expect(h.m.list({ limit: 0 }).jobs).toHaveLength(2);
    expect(h.m.list().jobs).toHaveLength(2);
    expectDomainError(() => h.m.list({ limit: 6 }), "invalid_argument", "limit is 6; it must be between 1 and 5");
    expectDomainError(() => h.m.list({ limit: -1 }), "invalid_argument", "limit is -1");
  });
});

describe("throughput", () => {
  test("stats report jobs finished per second over the last minute, from the records' own times", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 0 } });
    for (let i = 0; i < 30; i++) {
      const j = h.submit("t", { maxAttempts: 1 });
      const l = h.pollOne();
      if (i % 3 === 0) h.m.fail(j.id, l.token, "no");
      else h.m.complete(j.id, l.token);
      h.advance(1000);
    }
    const q = h.m.stats()[0]!;
    expect(q.completedPerSec).toBeCloseTo(20 / 60, 5);
    expect(q.failedPerSec).toBeCloseTo(10 / 60, 5);
    h.advance(61_000);
    expect(h.m.stats()[0]).toMatchObject({ completedPerSec: 0, failedPerSec: 0, completedTotal: 20, failedTotal: 10 });
  });
});

describe("oldest pending age", () => {
  test("is how long the longest-waiting ready job has waited, over every type and priority, and 0 when none waits", () => {
    const h = new Harness();
    h.submit("t", { queue: "q", priority: 1 });
    h.advance(300);
    h.submit("u", { queue: "q", priority: 9 });
    h.advance(100);
    h.submit("t", { queue: "q" });
    h.advance(100);
    const age = () => h.m.stats().find((s) => s.queue === "q")?.oldestPendingAgeMs;
    expect(age()).toBe(500);
    const [first, second] = h.m.poll({ workerId: "w", queues: ["q"], count: 2 });
    expect([first?.job.type, second?.job.type]).toEqual(["u", "t"]); // priority first; the old job went with the second lease
    expect(age()).toBe(100); // the third job, ready for 100 ms
    h.m.poll({ workerId: "w", queues: ["q"], count: 1 });
    expect(age()).toBe(0);
  });
});
