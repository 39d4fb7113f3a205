import { describe, expect, test } from "bun:test";
import { JobStatus } from "../../../src/core/index.ts";
import { bytes, expectDomainError, foreignToken, Harness, T0 } from "../../helpers/core.ts";

describe("complete", () => {
  test("moves the job to COMPLETED with its result and ends the lease", () => {
    const h = new Harness();
    const j = h.submit("t");
    const l = h.pollOne("w1");
    h.advance(40);
    const done = h.m.complete(j.id, l.token, bytes("ok"));
    expect(done).toMatchObject({
      status: JobStatus.Completed,
      attempt: 1,
      startedAt: T0,
      finishedAt: T0 + 40,
      updatedAt: T0 + 40,
      leaseDeadline: 0,
      error: "",
    });
    expect(new TextDecoder().decode(done.result)).toBe("ok");
    expect(h.m.leasesOf("w1")).toEqual([]);
    expect(h.m.stats()[0]).toMatchObject({ running: 0, completed: 1, completedTotal: 1 });
    expect(h.records.at(-1)).toMatchObject({ kind: "completed", jobId: j.id, token: l.token, at: T0 + 40 });
  });

  test("a result over resultBytesMax is INVALID_ARGUMENT and leaves the job running", () => {
    const h = new Harness({ limits: { resultBytesMax: 4 } });
    const j = h.submit("t");
    const l = h.pollOne();
    const n = h.records.length;
    expectDomainError(() => h.m.complete(j.id, l.token, bytes("12345")), "invalid_argument", "result is 5 bytes; the limit is 4");
    expect(h.records).toHaveLength(n);
    expect(h.m.get(j.id).status).toBe(JobStatus.Running);
    expect(h.m.complete(j.id, l.token, bytes("1234")).status).toBe(JobStatus.Completed);
  });
});

describe("fencing by lease token", () => {
  test("a stale token (the job was leased again since) is FAILED_PRECONDITION and changes nothing", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 0 } });
    const j = h.submit("t");
    const first = h.pollOne("w1");
    h.m.fail(j.id, first.token, "boom");
    const second = h.pollOne("w2");
    const n = h.records.length;
    const before = h.m.get(j.id);
    expectDomainError(() => h.m.complete(j.id, first.token), "failed_precondition", /stale lease token for job .*: it does not hold the job's current lease \(that lease expired or was released, or the token belongs to another job or attempt\)/);
    expectDomainError(() => h.m.fail(j.id, first.token, "late"), "failed_precondition", "stale");
    expectDomainError(() => h.m.progress(j.id, first.token, "50%"), "failed_precondition", "stale");
    expect(h.records).toHaveLength(n);
    expect(h.m.get(j.id)).toEqual(before);
    expect(h.m.complete(j.id, second.token).status).toBe(JobStatus.Completed);
  });

  test("a foreign token (another job's lease) is FAILED_PRECONDITION", () => {
    const h = new Harness();
    const a = h.submit("t");
    const b = h.submit("t");
    const la = h.pollOne();
    const lb = h.pollOne();
    expectDomainError(() => h.m.complete(a.id, lb.token), "failed_precondition", `stale lease token for job ${a.id}`);
    expectDomainError(() => h.m.complete(b.id, foreignToken), "failed_precondition", "does not hold the job's current lease");
    expect(h.m.get(a.id).status).toBe(JobStatus.Running);
    h.m.complete(a.id, la.token);
  });

  test("a token that cannot be a lease token is INVALID_ARGUMENT with the reason, and changes nothing", () => {
    const h = new Harness();
    const j = h.submit("t");
    const l = h.pollOne();
    const n = h.records.length;
    for (const fn of [
      () => h.m.complete(j.id, ""),
      () => h.m.fail(j.id, "", "e"),
      () => h.m.progress(j.id, "", "p"),
    ]) {
      expectDomainError(fn, "invalid_argument", "lease_token must not be empty");
    }
    for (const bad of ["made-up", `${l.token}x`, l.token.slice(1), "A".repeat(21) + "B", j.id]) {
      expectDomainError(() => h.m.complete(j.id, bad), "invalid_argument", `lease_token "${bad}" is not a lease token`);
    }
    // The reason quotes a short, escaped prefix of the input, never all of it.
    const e = expectDomainError(() => h.m.complete(j.id, `\u001b[31m${"x".repeat(10_000)}`), "invalid_argument", 'lease_token "\\u001b[31mxxx');
    expect(e.message.length).toBeLessThan(200);
    expect(e.message).not.toContain("\u001b");
    // Format checks come before the job lookup, as a wire layer would make them.
    expectDomainError(() => h.m.complete("nope", "bogus"), "invalid_argument", "is not a lease token");
    expect(h.records).toHaveLength(n);
    expect(h.m.complete(j.id, l.token).status).toBe(JobStatus.Completed);
  });

  test("acking a job that is no longer running names its state", () => {
    const h = new Harness();
    const j = h.submit("t");
    const l = h.pollOne();
    h.m.complete(j.id, l.token);
    expectDomainError(() => h.m.complete(j.id, l.token), "failed_precondition", `job ${j.id} is completed, not running`);
    const p = h.submit("t");
    expectDomainError(() => h.m.fail(p.id, foreignToken, "e"), "failed_precondition", "is pending, not running");
  });

  test("acking an unknown job is NOT_FOUND; an empty id is INVALID_ARGUMENT", () => {
    const h = new Harness();
    expectDomainError(() => h.m.complete("nope", foreignToken), "not_found", 'job "nope" not found');
    expectDomainError(() => h.m.fail("nope", foreignToken, "e"), "not_found", 'job "nope" not found');
    expectDomainError(() => h.m.complete("", foreignToken), "invalid_argument", "job_id must not be empty");
  });
});

describe("fail and backoff", () => {
  test("a failed attempt with attempts left is SCHEDULED after the backoff", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 1000, backoffMaxMs: 60_000 } });
    const j = h.submit("t", { maxAttempts: 3 });
    const l = h.pollOne("w1");
    h.advance(10);
    const v = h.m.fail(j.id, l.token, "boom");
    // random 0.5 → 3/4 of d, d = 1000 for attempt 1
    expect(v).toMatchObject({ status: JobStatus.Scheduled, attempt: 1, error: "boom", runAt: T0 + 10 + 750 });
    expect(h.records.at(-1)).toEqual({
      kind: "attemptFailed",
      jobId: j.id,
      token: l.token,
      error: "boom",
      at: T0 + 10,
      retryAt: T0 + 760,
    });
    expect(h.m.leasesOf("w1")).toEqual([]);
    expect(h.m.nextWakeAt()).toBe(T0 + 760);
    h.advance(749);
    h.m.tick();
    expect(h.poll()).toEqual([]);
    h.advance(1);
    h.m.tick();
    const again = h.pollOne();
    expect(again.job.attempt).toBe(2);
    expect(again.token).not.toBe(l.token);
  });

  test("the backoff doubles per attempt and is capped at backoffMaxMs", () => {
    const h = new Harness();
    const j = h.submit("t", { maxAttempts: 5, backoffBaseMs: 100, backoffMaxMs: 300 });
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const l = h.pollOne();
      const v = h.m.fail(j.id, l.token, "e");
      delays.push(v.runAt - h.now);
      h.now = v.runAt;
      h.m.tick();
    }
    // d = 100, 200, min(300, 400), min(300, 800); delay = 3/4 d
    expect(delays).toEqual([75, 150, 225, 225]);
  });

  test("zero backoff makes the job PENDING again at once, at the back of its FIFO", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 0 } });
    const a = h.submit("t");
    const b = h.submit("t");
    const l = h.pollOne();
    expect(h.m.fail(a.id, l.token, "e").status).toBe(JobStatus.Pending);
    expect(h.poll("w", 2).map((x) => x.job.id)).toEqual([b.id, a.id]);
  });

  test("the last attempt's failure is FAILED (dead)", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 0 } });
    const j = h.submit("t", { maxAttempts: 2 });
    h.m.fail(j.id, h.pollOne().token, "one");
    h.advance(5);
    const v = h.m.fail(j.id, h.pollOne().token, "two");
    expect(v).toMatchObject({ status: JobStatus.Failed, attempt: 2, error: "two", finishedAt: T0 + 5 });
    expect(h.records.at(-1)).toMatchObject({ kind: "attemptFailed", retryAt: 0 });
    expect(h.m.stats()[0]).toMatchObject({ failed: 1, failedTotal: 1, running: 0 });
  });

  test("a non-retryable failure is FAILED at once even with attempts left", () => {
    const h = new Harness();
    const j = h.submit("t", { maxAttempts: 10 });
    const v = h.m.fail(j.id, h.pollOne().token, "bad input", false);
    expect(v).toMatchObject({ status: JobStatus.Failed, attempt: 1 });
  });

  test("an error over errorBytesMax is cut to the limit without splitting a character", () => {
    const h = new Harness({ limits: { errorBytesMax: 8 } });
    const a = h.submit("t", { maxAttempts: 1 });
    expect(h.m.fail(a.id, h.pollOne().token, "abcdefghijkl").error).toBe("abcdefgh");
    const b = h.submit("t", { maxAttempts: 1 });
    const err = h.m.fail(b.id, h.pollOne().token, "abcdef€€").error; // € is 3 bytes
    expect(Buffer.byteLength(err)).toBeLessThanOrEqual(8);
    expect(err).toBe("abcdef");
  });
});

describe("progress", () => {
  test("records progress on the running job", () => {
    const h = new Harness();
    const j = h.submit("t");
    const l = h.pollOne();
    h.advance(3);
    h.m.progress(j.id, l.token, "40%");
    expect(h.m.get(j.id)).toMatchObject({ progress: "40%", updatedAt: T0 + 3, status: JobStatus.Running });
    expect(h.records.at(-1)).toEqual({ kind: "progress", jobId: j.id, progress: "40%", at: T0 + 3 });
  });

  test("progress over progressBytesMax is INVALID_ARGUMENT", () => {
    const h = new Harness({ limits: { progressBytesMax: 2 } });
    const j = h.submit("t");
    const l = h.pollOne();
    expectDomainError(() => h.m.progress(j.id, l.token, "100%"), "invalid_argument", "progress is 4 bytes; the limit is 2");
    expect(h.m.get(j.id).progress).toBe("");
  });
});
