// FalconQueueService worker RPCs over real gRPC on 127.0.0.1:0: register,
// long-poll hand-off, fenced acks, heartbeats and commands, worker expiry.

import { describe, expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import { JobStatus } from "../../src/core/types.ts";
import { rejects, startTestMaster, type TestMaster, waitFor } from "../helpers/master.ts";

// biome-ignore lint/suspicious/noExplicitAny: decoded wire messages
type Any = any;


async function register(m: TestMaster, extra: Any = {}): Promise<string> {
  const r = await m.rpc.call<Any>("RegisterWorker", { hostname: "test", pid: 1, concurrency: 4, ...extra });
  return r.worker_id;
}

async function submit(m: TestMaster, type = "t", options: Any = {}): Promise<string> {
  return (await m.rpc.call<Any>("SubmitJob", { job: { type, options } })).job.id;
}

describe("register and poll", () => {
  test("RegisterWorker assigns an id and tells heartbeat interval and lease", async () => {
    await using m = await startTestMaster({ heartbeatIntervalMs: 500, workerTimeoutMs: 1500, leaseMs: 9000 });
    const r = await m.rpc.call<Any>("RegisterWorker", { hostname: "h", queues: ["a"] });
    expect(r.worker_id).toMatch(/^w-/);
    expect(r.heartbeat_interval_ms).toBe(500);
    expect(r.worker_timeout_ms).toBe(1500);
    expect(r.lease_ms).toBe(9000);
    const again = await m.rpc.call<Any>("RegisterWorker", { worker_id: r.worker_id });
    expect(again.worker_id).toBe(r.worker_id);
    const list = await m.rpc.call<Any>("ListWorkers", {});
    expect(list.workers.map((w: Any) => w.worker_id)).toEqual([r.worker_id]);
  });

  test("PollJobs leases ready jobs with token and deadline", async () => {
    await using m = await startTestMaster();
    const w = await register(m);
    const id = await submit(m);
    const r = await m.rpc.call<Any>("PollJobs", { worker_id: w, count: 10 });
    expect(r.jobs.length).toBe(1);
    expect(r.jobs[0].job.id).toBe(id);
    expect(r.jobs[0].job.state).toBe(JobStatus.Running);
    expect(r.jobs[0].lease_token.length).toBeGreaterThan(0);
    expect(r.jobs[0].lease_deadline_ms).toBeGreaterThan(Date.now());
  });

  test("a parked poll is handed the next submitted job", async () => {
    await using m = await startTestMaster();
    const w = await register(m);
    const t0 = Date.now();
    const poll = m.rpc.call<Any>("PollJobs", { worker_id: w, count: 1, wait_ms: 10_000 });
    await waitFor(() => (m.master.broker as Any).waiters.size === 1, 3000, "poll parked");
    const id = await submit(m);
    const r = await poll;
    expect(r.jobs[0].job.id).toBe(id);
    expect(Date.now() - t0).toBeLessThan(9000); // answered by the hand-off, not the wait's end
  });

  test("a worker told to go quiet is handed nothing from that moment, before its next heartbeat; others still are", async () => {
    await using m = await startTestMaster();
    const quiet = await register(m);
    const other = await register(m);
    const parked = m.rpc.call<Any>("PollJobs", { worker_id: quiet, count: 1, wait_ms: 10_000 });
    await waitFor(() => (m.master.broker as Any).waiters.size === 1, 3000, "poll parked");
    await m.rpc.call("CommandWorker", { worker_id: quiet, command: { quiet: true } });
    expect((await parked).jobs).toEqual([]); // its parked poll ends empty at once
    const id = await submit(m);
    expect((await m.rpc.call<Any>("PollJobs", { worker_id: quiet, count: 1, wait_ms: 200 })).jobs).toEqual([]);
    const r = await m.rpc.call<Any>("PollJobs", { worker_id: other, count: 1 });
    expect(r.jobs[0].job.id).toBe(id);
  });

  test("parked polls of a worker that reaches its lease limit end empty; the master keeps serving", async () => {
    await using m = await startTestMaster({ limits: { leasesPerWorkerMax: 2 } });
    const w = await register(m);
    await submit(m);
    await m.rpc.call("PollJobs", { worker_id: w, count: 1 }); // holds 1 of 2
    const p1 = m.rpc.call<Any>("PollJobs", { worker_id: w, count: 1, wait_ms: 5000 });
    const p2 = m.rpc.call<Any>("PollJobs", { worker_id: w, count: 1, wait_ms: 5000 });
    await waitFor(() => (m.master.broker as Any).waiters.size === 2, 3000, "two polls parked");
    await m.rpc.call("SubmitJobs", { jobs: [{ type: "t" }, { type: "t" }] });
    const got = [(await p1).jobs.length, (await p2).jobs.length].sort();
    expect(got).toEqual([0, 1]); // the second would pass the limit of 2
    await rejects(m.rpc.call("PollJobs", { worker_id: w, count: 1 }), status.RESOURCE_EXHAUSTED, /limit is 2/);
    expect((await m.rpc.call<Any>("GetStats", {})).jobs_total).toBe(3);
  });

  test("a worker may park at most 16 polls at once", async () => {
    await using m = await startTestMaster();
    const w = await register(m);
    const parked = Array.from({ length: 16 }, () => m.rpc.call<Any>("PollJobs", { worker_id: w, count: 1, wait_ms: 5000 }));
    await waitFor(() => (m.master.broker as Any).waiters.size === 16, 3000, "16 polls parked");
    await rejects(m.rpc.call("PollJobs", { worker_id: w, count: 1, wait_ms: 5000 }), status.RESOURCE_EXHAUSTED, /limit is 16/);
    await m.rpc.call("SubmitJobs", { jobs: Array.from({ length: 16 }, () => ({ type: "t" })) });
    expect((await Promise.all(parked)).map((r) => r.jobs.length)).toEqual(Array(16).fill(1));
  });

  test("a poll whose wait ends with nothing returns an empty list", async () => {
    await using m = await startTestMaster();
    const w = await register(m);
    const r = await m.rpc.call<Any>("PollJobs", { worker_id: w, count: 1, wait_ms: 50 });
    expect(r.jobs).toEqual([]);
  });

  test("poll errors: unknown worker NOT_FOUND, count and wait_ms over their caps INVALID_ARGUMENT", async () => {
    await using m = await startTestMaster();
    const w = await register(m);
    await rejects(m.rpc.call("PollJobs", { worker_id: "ghost", count: 1 }), status.NOT_FOUND, /not registered.*register again/);
    await rejects(m.rpc.call("PollJobs", { worker_id: w, count: 5000 }), status.INVALID_ARGUMENT, /count is 5000/);
    await rejects(m.rpc.call("PollJobs", { worker_id: w, count: 1, wait_ms: 3_600_000 }), status.INVALID_ARGUMENT, /wait_ms/);
  });

  test("a long-poll whose deadline is shorter than wait_ms answers before the deadline and takes no later job", async () => {
    await using m = await startTestMaster();
    const w = await register(m);
    const r = await m.rpc.call<Any>("PollJobs", { worker_id: w, count: 1, wait_ms: 5000 }, 300);
    expect(r.jobs).toEqual([]);
    const id = await submit(m, "t", { max_attempts: 1 });
    const job = (await m.rpc.call<Any>("GetJob", { job_id: id })).job;
    expect(job.state).toBe(JobStatus.Pending);
    expect(job.attempt).toBe(0);
    const other = await register(m);
    const p = await m.rpc.call<Any>("PollJobs", { worker_id: other, count: 1 });
    expect(p.jobs[0].job.id).toBe(id);
    expect(p.jobs[0].job.attempt).toBe(1);
  });

  test("leases made for a poll that is gone go back to PENDING without using an attempt", async () => {
    await using m = await startTestMaster();
    const w = await register(m);
    const id = await submit(m, "t", { max_attempts: 1 });
    const gone = new AbortController();
    gone.abort();
    // The broker made the lease, but the caller had left: it is handed back.
    const leases = await m.master.broker.poll(w, 1, 0, { signal: gone.signal });
    expect(leases).toEqual([]);
    const job = (await m.rpc.call<Any>("GetJob", { job_id: id })).job;
    expect(job.state).toBe(JobStatus.Pending);
    expect(job.attempt).toBe(0);
    expect(m.journal.records().some((r) => r.kind === "returned" && r.jobId === id)).toBe(true);
  });

  test("a worker only gets the types it advertises", async () => {
    await using m = await startTestMaster();
    const w = await register(m, { types: ["email"] });
    await submit(m, "resize");
    const id = await submit(m, "email");
    const r = await m.rpc.call<Any>("PollJobs", { worker_id: w, count: 10 });
    expect(r.jobs.map((j: Any) => j.job.id)).toEqual([id]);
  });
});

describe("acknowledge", () => {
  async function leased(m: TestMaster, options: Any = {}) {
    const w = await register(m);
    await submit(m, "t", options);
    const r = await m.rpc.call<Any>("PollJobs", { worker_id: w, count: 1 });
    return { w, id: r.jobs[0].job.id as string, token: r.jobs[0].lease_token as string };
  }

  test("success completes the job and stores the result", async () => {
    await using m = await startTestMaster();
    const { w, id, token } = await leased(m);
    const r = await m.rpc.call<Any>("AcknowledgeJob", { worker_id: w, job_id: id, lease_token: token, success: true, result: Buffer.from("42") });
    expect(r.job.state).toBe(JobStatus.Completed);
    const g = await m.rpc.call<Any>("GetJob", { job_id: id });
    expect(Buffer.from(g.job.result).toString()).toBe("42");
  });

  test("a stale token is FAILED_PRECONDITION and changes nothing", async () => {
    await using m = await startTestMaster();
    const { w, id, token } = await leased(m);
    await rejects(
      m.rpc.call("AcknowledgeJob", { worker_id: w, job_id: id, lease_token: `${token.slice(0, 21)}${token.endsWith("A") ? "Q" : "A"}`, success: true }),
      status.FAILED_PRECONDITION,
      /stale/,
    );
    await rejects(m.rpc.call("AcknowledgeJob", { worker_id: w, job_id: id, lease_token: `${token}x`, success: true }), status.INVALID_ARGUMENT, /not a lease token/);
    expect((await m.rpc.call<Any>("GetJob", { job_id: id })).job.state).toBe(JobStatus.Running);
    await rejects(m.rpc.call("AcknowledgeJob", { worker_id: w, job_id: "nope", lease_token: token, success: true }), status.NOT_FOUND, /nope/);
  });

  test("a retryable failure schedules a retry; non_retryable fails at once", async () => {
    await using m = await startTestMaster();
    const a = await leased(m, { max_attempts: 3, backoff_base_ms: 60_000 });
    const r = await m.rpc.call<Any>("AcknowledgeJob", { worker_id: a.w, job_id: a.id, lease_token: a.token, success: false, error: "boom" });
    expect(r.job.state).toBe(JobStatus.Scheduled);
    expect(r.job.error).toBe("boom");
    const b = await leased(m, { max_attempts: 3 });
    const f = await m.rpc.call<Any>("AcknowledgeJob", {
      worker_id: b.w,
      job_id: b.id,
      lease_token: b.token,
      success: false,
      error: "bad input",
      non_retryable: true,
    });
    expect(f.job.state).toBe(JobStatus.Failed);
  });

  test("AcknowledgeJobs reports an outcome per ack", async () => {
    await using m = await startTestMaster();
    const a = await leased(m);
    const r = await m.rpc.call<Any>("AcknowledgeJobs", {
      acks: [
        { worker_id: a.w, job_id: a.id, lease_token: a.token, success: true },
        { worker_id: a.w, job_id: a.id, lease_token: a.token, success: true },
      ],
    });
    expect(r.outcomes[0]).toMatchObject({ job_id: a.id, ok: true });
    expect(r.outcomes[1]).toMatchObject({ job_id: a.id, ok: false, code: status.FAILED_PRECONDITION });
  });
});

describe("heartbeat and expiry", () => {
  test("Heartbeat extends leases, reports lost ones, and carries a cancel command", async () => {
    await using m = await startTestMaster();
    const w = await register(m);
    await submit(m);
    const p = await m.rpc.call<Any>("PollJobs", { worker_id: w, count: 1 });
    const { job, lease_deadline_ms, lease_token } = p.jobs[0];
    await Bun.sleep(5);
    await rejects(
      m.rpc.call("Heartbeat", { worker_id: w, active: 1, active_job_ids: [job.id] }),
      status.INVALID_ARGUMENT,
      /one token per id/,
    );
    const hb = await m.rpc.call<Any>("Heartbeat", {
      worker_id: w,
      active: 1,
      active_job_ids: [job.id, "other"],
      lease_tokens: [lease_token, "t"],
    });
    expect(hb.lease_deadline_ms).toBeGreaterThan(lease_deadline_ms);
    expect(hb.lost_job_ids).toEqual(["other"]);
    await m.rpc.call("CancelJob", { job_id: job.id });
    const hb2 = await m.rpc.call<Any>("Heartbeat", {
      worker_id: w,
      active: 1,
      active_job_ids: [job.id],
      lease_tokens: [lease_token],
    });
    expect(hb2.commands).toEqual([expect.objectContaining({ cancel_job_id: job.id })]);
    expect(hb2.lost_job_ids).toEqual([job.id]);
    await rejects(m.rpc.call("Heartbeat", { worker_id: "ghost" }), status.NOT_FOUND, /register again/);
  });

  test("CommandWorker queues quiet/shutdown for the next heartbeat; bad targets are rejected", async () => {
    await using m = await startTestMaster();
    const w = await register(m);
    await m.rpc.call("CommandWorker", { worker_id: w, command: { quiet: true } });
    await m.rpc.call("CommandWorker", { worker_id: w, command: { shutdown: true } });
    const hb = await m.rpc.call<Any>("Heartbeat", { worker_id: w });
    expect(hb.commands.map((c: Any) => c.command)).toEqual(["quiet", "shutdown"]);
    expect((await m.rpc.call<Any>("Heartbeat", { worker_id: w })).commands).toEqual([]);
    await rejects(m.rpc.call("CommandWorker", { worker_id: "ghost", command: { quiet: true } }), status.NOT_FOUND, /ghost/);
    await rejects(m.rpc.call("CommandWorker", { worker_id: w, command: { cancel_job_id: "x" } }), status.INVALID_ARGUMENT, /quiet or shutdown/);
  });

  test("a silent worker expires within its timeout and its job runs again", async () => {
    await using m = await startTestMaster({ heartbeatIntervalMs: 100, workerTimeoutMs: 300 });
    const w = await register(m);
    const id = await submit(m);
    await m.rpc.call("PollJobs", { worker_id: w, count: 1 });
    const t0 = Date.now();
    await waitFor(async () => (await m.rpc.call<Any>("GetJob", { job_id: id })).job.state === JobStatus.Pending, 3000, "release");
    expect(Date.now() - t0).toBeLessThan(2000);
    const g = await m.rpc.call<Any>("GetJob", { job_id: id });
    expect(g.job.attempt).toBe(1); // the lost lease counted as an attempt
    expect(g.job.error).toMatch(/missed heartbeats/);
    await rejects(m.rpc.call("PollJobs", { worker_id: w, count: 1 }), status.NOT_FOUND, /register again/);
  });

  test("DeregisterWorker releases what the worker held", async () => {
    await using m = await startTestMaster();
    const w = await register(m);
    const id = await submit(m);
    await m.rpc.call("PollJobs", { worker_id: w, count: 1 });
    await m.rpc.call("DeregisterWorker", { worker_id: w });
    const g = await m.rpc.call<Any>("GetJob", { job_id: id });
    expect([JobStatus.Pending, JobStatus.Scheduled]).toContain(g.job.state);
    expect((await m.rpc.call<Any>("ListWorkers", {})).workers).toEqual([]);
  });
});
