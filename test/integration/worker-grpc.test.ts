import { describe, expect, test } from "bun:test";
import { JobStatus } from "../../src/core/types.ts";
import { memoryLog, resultOf } from "../helpers/worker-master.ts";
import { grpcPool, newMaster } from "../helpers/worker-pool.ts";
import { gate, waitFor } from "../helpers/wait.ts";

describe("WorkerPool over GrpcJobSource", () => {
  test("runs jobs through a real gRPC server with bounded concurrency", async () => {
    const m = newMaster();
    await m.serve();
    let now = 0;
    let peak = 0;
    const { pool } = await grpcPool(m, {
      concurrency: 8,
      builtins: false,
      handlers: {
        work: async (job) => {
          peak = Math.max(peak, ++now);
          await Bun.sleep(2);
          now--;
          return job.data;
        },
      },
    });
    const jobs = await m.submitMany(200, "work", { k: "v" });
    await waitFor(() => jobs.every((j) => m.job(j.id).status === JobStatus.Completed), 15_000, "200 jobs to complete");
    expect(resultOf(m.job(jobs[0]!.id))).toEqual({ k: "v" });
    expect(peak).toBeLessThanOrEqual(8);
    expect(pool.completed).toBe(200);
    // Acks finishing close together share AcknowledgeJobs calls.
    const ackCalls = m.calls.get("AcknowledgeJobs") ?? 0;
    expect(ackCalls).toBeGreaterThan(0);
    expect(ackCalls).toBeLessThan(200);
    expect(m.calls.get("AcknowledgeJob") ?? 0).toBe(0);
  });

  test("cancel over gRPC reaches the handler; NonRetryable and progress travel too", async () => {
    const m = newMaster({ heartbeatIntervalMs: 20 });
    await m.serve();
    const started = gate();
    await grpcPool(m, {
      builtins: true,
      handlers: {
        wait: (_job, ctx) =>
          new Promise((_, reject) => {
            void ctx.progress(42).then(() => started.open());
            ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason));
          }),
      },
    });
    const j = await m.submit("wait");
    await started.promise;
    expect(m.job(j.id).progress).toBe("42");
    await m.broker.cancel(j.id);
    await waitFor(() => m.broker.listWorkers()[0]?.active === 0, 3000, "the worker to report no active jobs");
    expect(m.job(j.id).status).toBe(JobStatus.Cancelled);
    const bad = await m.submit("sleep", { ms: -1 }, { maxAttempts: 4 });
    expect((await m.waitStatus(bad.id, JobStatus.Failed)).attempt).toBe(1);
  });

  test("a job aborted by stop()'s drain timeout goes back PENDING without using an attempt, then completes", async () => {
    const m = newMaster();
    await m.serve();
    const abortable = (_job: unknown, ctx: { signal: AbortSignal }) =>
      new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)));
    const { pool } = await grpcPool(m, { drainTimeoutMs: 30, builtins: false, handlers: { stuck: abortable } });
    const j = await m.submit("stuck", {}, { maxAttempts: 1 });
    await waitFor(() => pool.running === 1, 3000, "the job to start");
    await pool.stop();
    expect(m.job(j.id)).toMatchObject({ status: JobStatus.Pending, attempt: 0, error: "" });
    expect(m.broker.findWorker(pool.workerId)).toBeUndefined();
    await grpcPool(m, { builtins: false, handlers: { stuck: () => "done" } });
    expect((await m.waitStatus(j.id, JobStatus.Completed)).attempt).toBe(1);
  });

  test("the shutdown command: a job its drain aborts is handed back, attempt not counted", async () => {
    const m = newMaster({ heartbeatIntervalMs: 20 });
    await m.serve();
    const { pool } = await grpcPool(m, {
      drainTimeoutMs: 30,
      builtins: false,
      handlers: { stuck: (_job, ctx) => new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason))) },
    });
    const j = await m.submit("stuck", {}, { maxAttempts: 1 });
    await waitFor(() => pool.running === 1, 3000, "the job to start");
    m.broker.command(pool.workerId, { shutdown: true });
    await pool.stopped;
    expect(m.job(j.id)).toMatchObject({ status: JobStatus.Pending, attempt: 0 });
  });

  test("survives a master restart: registers again under the same id, re-sends the ack, no rerun", async () => {
    const m = newMaster({ heartbeatIntervalMs: 30 });
    await m.serve();
    const finish = gate();
    let runs = 0;
    const log = memoryLog();
    const { pool, source } = await grpcPool(m, {
      concurrency: 2,
      builtins: false,
      handlers: {
        once: async () => {
          runs++;
          await finish.promise;
          return "done once";
        },
      },
    }, log);
    const workerId = pool.workerId;
    const j = await m.submit("once", {}, { maxAttempts: 3 });
    await waitFor(() => runs === 1, 5000, "the job to start");

    m.crash();
    finish.open();
    // The ack cannot be delivered while the master is down; the source keeps it.
    await waitFor(() => source.pendingAcks === 1, 5000, "the ack to be held");
    expect(m.job(j.id).status).toBe(JobStatus.Running);

    await m.restart();
    const done = await m.waitStatus(j.id, JobStatus.Completed, 10_000);
    expect(resultOf(done)).toBe("done once");
    expect(done.attempt).toBe(1);
    expect(runs).toBe(1);
    await waitFor(() => m.broker.findWorker(workerId) !== undefined, 5000, "re-registration");
    expect(m.broker.stats().workers).toBe(1);
    expect(pool.workerId).toBe(workerId);
    expect(log.lines.some((l) => l.includes(`does not know worker ${workerId}`))).toBe(true);
    // The client logs this after the RegisterWorker reply, which may land just after the master registered it.
    await waitFor(() => log.lines.some((l) => l.includes(`registered again with the master as ${workerId}`)), 5000, "re-registration log");

    // And it keeps working afterwards.
    const next = await m.submit("once");
    await m.waitStatus(next.id, JobStatus.Completed, 5000);
    expect(runs).toBe(2);
  });
});
