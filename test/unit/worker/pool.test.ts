import { describe, expect, test } from "bun:test";
import { JobStatus } from "../../../src/core/types.ts";
import { NonRetryableError } from "../../../src/worker/handler.ts";
import { resultOf } from "../../helpers/worker-master.ts";
import { localPool, newMaster } from "../../helpers/worker-pool.ts";
import { gate, waitFor } from "../../helpers/wait.ts";

describe("WorkerPool over LocalJobSource", () => {
  test("runs every job with at most `concurrency` at once", async () => {
    const m = newMaster();
    const jobs = await m.submitMany(60, "work", { n: 1 });
    let now = 0;
    let peak = 0;
    const pool = await localPool(m, {
      concurrency: 4,
      builtins: false,
      handlers: {
        work: async (job) => {
          peak = Math.max(peak, ++now);
          await Bun.sleep(1);
          now--;
          return { id: job.id, data: job.data };
        },
      },
    });
    await waitFor(() => pool.completed === 60, 10_000, "60 completions");
    for (const j of jobs) {
      const done = await m.waitStatus(j.id, JobStatus.Completed);
      expect(resultOf(done)).toEqual({ id: j.id, data: { n: 1 } });
    }
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBeGreaterThan(1);
    expect(pool.failed).toBe(0);
  });

  test("a job past its timeoutMs is aborted and the attempt fails", async () => {
    const m = newMaster();
    let sawAbort = "";
    await localPool(m, {
      builtins: false,
      handlers: {
        hang: (_job, ctx) =>
          new Promise((_, reject) =>
            ctx.signal.addEventListener("abort", () => {
              sawAbort = (ctx.signal.reason as Error).message;
              reject(ctx.signal.reason);
            }),
          ),
      },
    });
    const j = await m.submit("hang", {}, { timeoutMs: 50, maxAttempts: 1 });
    const done = await m.waitStatus(j.id, JobStatus.Failed);
    expect(done.error).toContain("timed out after 50 ms");
    expect(sawAbort).toContain("timed out");
  });

  test("cancelling a running job reaches the handler's signal through the heartbeat", async () => {
    const m = newMaster({ heartbeatIntervalMs: 20 });
    const started = gate();
    let reason = "";
    const pool = await localPool(m, {
      builtins: false,
      handlers: {
        wait: (_job, ctx) =>
          new Promise((_, reject) => {
            started.open();
            ctx.signal.addEventListener("abort", () => {
              reason = (ctx.signal.reason as Error).message;
              reject(ctx.signal.reason);
            });
          }),
      },
    });
    const j = await m.submit("wait");
    await started.promise;
    await m.broker.cancel(j.id);
    await waitFor(() => reason !== "", 3000, "the handler to see the cancellation");
    expect(reason).toContain("cancelled");
    await waitFor(() => pool.running === 0, 3000, "the slot to be freed");
    expect(m.job(j.id).status).toBe(JobStatus.Cancelled);
  });

  test("NonRetryableError sends the job straight to FAILED; a plain error is retried", async () => {
    const m = newMaster();
    await localPool(m, {
      builtins: false,
      handlers: {
        fatal: () => {
          throw new NonRetryableError("bad input, do not retry");
        },
        flaky: (_job, ctx) => {
          if (ctx.attempt < 2) throw new Error("try again");
          return "ok";
        },
      },
    });
    const fatal = await m.submit("fatal", {}, { maxAttempts: 5 });
    const flaky = await m.submit("flaky", {}, { maxAttempts: 5, backoffBaseMs: 1, backoffMaxMs: 1 });
    const f = await m.waitStatus(fatal.id, JobStatus.Failed);
    expect(f.attempt).toBe(1);
    expect(f.error).toContain("NonRetryableError: bad input, do not retry");
    const ok = await m.waitStatus(flaky.id, JobStatus.Completed);
    expect(ok.attempt).toBe(2);
    expect(resultOf(ok)).toBe("ok");
  });

  test("a result over 1 MiB fails the job with a message naming the limit", async () => {
    const m = newMaster();
    await localPool(m, { builtins: false, handlers: { big: () => "x".repeat(1024 * 1024 + 1) } });
    const j = await m.submit("big", {}, { maxAttempts: 3 });
    const done = await m.waitStatus(j.id, JobStatus.Failed);
    expect(done.error).toContain("the limit is 1048576 bytes");
    expect(done.attempt).toBe(1);
  });

  test("progress reaches the job; the payload's JSON is parsed into data", async () => {
    const m = newMaster();
    const proceed = gate();
    await localPool(m, {
      builtins: false,
      handlers: {
        step: async (job, ctx) => {
          await ctx.progress({ done: (job.data as { of: number }).of / 2 });
          await proceed.promise;
          return null;
        },
      },
    });
    const j = await m.submit("step", { of: 10 });
    await waitFor(() => m.job(j.id).progress !== "", 3000, "progress");
    expect(JSON.parse(m.job(j.id).progress)).toEqual({ done: 5 });
    proceed.open();
    await m.waitStatus(j.id, JobStatus.Completed);
  });

  test("stop() lets running jobs finish, then deregisters", async () => {
    const m = newMaster();
    const release = gate();
    let started = 0;
    const pool = await localPool(m, {
      concurrency: 3,
      drainTimeoutMs: 5000,
      builtins: false,
      handlers: {
        slow: async () => {
          started++;
          await release.promise;
          return "drained";
        },
      },
    });
    const jobs = await m.submitMany(3, "slow");
    await waitFor(() => started === 3, 3000, "three jobs running");
    const stopping = pool.stop();
    const late = await m.submit("slow");
    release.open();
    await stopping;
    for (const j of jobs) expect(m.job(j.id).status).toBe(JobStatus.Completed);
    expect(m.job(late.id).status).toBe(JobStatus.Pending);
    expect(m.broker.findWorker(pool.workerId)).toBeUndefined();
    expect(pool.completed).toBe(3);
  });

  test("stop() aborts what is still running after drainTimeoutMs; the job is handed back without using an attempt", async () => {
    const m = newMaster();
    const pool = await localPool(m, {
      drainTimeoutMs: 30,
      builtins: false,
      handlers: { stuck: (_job, ctx) => new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason))) },
    });
    // One attempt only: if the shutdown used it up, the job would end FAILED.
    const j = await m.submit("stuck", {}, { maxAttempts: 1 });
    await waitFor(() => pool.running === 1, 3000, "the job to start");
    await pool.stop();
    expect(m.job(j.id)).toMatchObject({ status: JobStatus.Pending, attempt: 0, error: "" });
    expect(pool.failed).toBe(0);
    const next = await localPool(m, { builtins: false, handlers: { stuck: () => "done" } });
    const done = await m.waitStatus(j.id, JobStatus.Completed);
    expect(done.attempt).toBe(1);
    expect(next.completed).toBe(1);
  });

  test("quiet stops polling; shutdown stops the pool", async () => {
    const m = newMaster({ heartbeatIntervalMs: 20 });
    const pool = await localPool(m, { pollWaitMs: 100 });
    m.broker.command(pool.workerId, { quiet: true });
    // Polls already parked at the master end after pollWaitMs; no new ones start.
    await waitFor(() => pool.pollsInFlight === 0, 3000, "parked polls to end");
    const j = await m.submit("noop");
    m.broker.command(pool.workerId, { shutdown: true });
    await pool.stopped;
    expect(m.job(j.id).status).toBe(JobStatus.Pending);
    expect(m.broker.findWorker(pool.workerId)).toBeUndefined();
  });

  test("a job whose lease was lost is aborted and not acknowledged", async () => {
    const m = newMaster({ heartbeatIntervalMs: 20 });
    const started = gate();
    let reason = "";
    const pool = await localPool(m, {
      builtins: false,
      handlers: {
        hold: (_job, ctx) =>
          new Promise((_, reject) => {
            started.open();
            ctx.signal.addEventListener("abort", () => {
              reason = (ctx.signal.reason as Error).message;
              reject(ctx.signal.reason);
            });
          }),
      },
    });
    const j = await m.submit("hold", {}, { maxAttempts: 1 });
    await started.promise;
    // The master ends the lease behind the worker's back (as expiry would).
    m.manager.releaseWorker(pool.workerId, "lease expired in test");
    await waitFor(() => reason !== "", 3000, "the lost lease to abort the handler");
    expect(reason).toContain("lease lost");
    const after = m.job(j.id);
    expect(after.status).toBe(JobStatus.Failed);
    expect(after.error).toBe("lease expired in test");
  });

  test("keeps two polls in flight when many slots are free, one when only one is", async () => {
    const m = newMaster();
    const wide = await localPool(m, { concurrency: 10 });
    await waitFor(() => wide.pollsInFlight === 2, 3000, "two parked polls");
    const narrow = await localPool(m, { concurrency: 1 });
    await waitFor(() => narrow.pollsInFlight === 1, 3000, "one parked poll");
    // Jobs handed to either parked poll run at once.
    const jobs = await m.submitMany(12, "noop");
    for (const j of jobs) await m.waitStatus(j.id, JobStatus.Completed);
    expect(wide.completed + narrow.completed).toBe(12);
  });

  test("abort() does not wait for handlers: the worker leaves at once and hands its jobs back", async () => {
    const m = newMaster();
    let started = 0;
    const pool = await localPool(m, {
      concurrency: 2,
      drainTimeoutMs: 60_000,
      abortGraceMs: 60_000,
      builtins: false,
      // Ignores its signal on purpose: abort() must not wait for it.
      handlers: { deaf: () => new Promise(() => void started++) },
    });
    const jobs = await m.submitMany(2, "deaf", {}, { maxAttempts: 1 });
    await waitFor(() => started === 2, 3000, "both jobs running");
    const t0 = Date.now();
    await pool.abort();
    expect(Date.now() - t0).toBeLessThan(1000);
    for (const j of jobs) expect(m.job(j.id)).toMatchObject({ status: JobStatus.Pending, attempt: 0 });
    expect(m.broker.findWorker(pool.workerId)).toBeUndefined();
    expect(pool.failed).toBe(0);
  });
});
