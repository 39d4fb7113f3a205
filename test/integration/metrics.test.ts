// The master's metrics against known traffic over the real gRPC service:
// submits, completions and a failure acked by a raw-RPC worker, a cancel, a
// paused queue, a lease that expires (short lease) and the stale ack of it.
// The exposition is parsed with the strict parser of test/helpers.

import { expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import type { Metrics } from "../../src/master/metrics.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LooseRpc, rejects, startTestMaster, waitFor } from "../helpers/master.ts";
import { type Family, parsePromText, seriesValue } from "../helpers/prom-text.ts";

// biome-ignore lint/suspicious/noExplicitAny: raw replies
type Any = any;

test("metrics equal the traffic that made them", async () => {
  await using m = await startTestMaster({ leaseMs: 1500 });
  const metrics = m.master.broker.metrics as Metrics;
  const scrape = async (): Promise<Map<string, Family>> => parsePromText(await metrics.text());
  const q = { queue: "mq" };
  const qt = { queue: "mq", type: "t" };

  const n = 10;
  const sub = await m.rpc.call<Any>("SubmitJobs", { jobs: Array.from({ length: n }, () => ({ type: "t", options: { queue: "mq" } })) });
  const ids: string[] = sub.jobs.map((j: Any) => j.id);
  const w = (await m.rpc.call<Any>("RegisterWorker", { hostname: "h", pid: 1, queues: ["mq"], concurrency: 10 })).worker_id as string;
  await m.rpc.call("PauseQueue", { queue: "pq" });

  // 5 leases: 4 completed, 1 failed for good.
  const leased = (await m.rpc.call<Any>("PollJobs", { worker_id: w, count: 5 })).jobs as Any[];
  expect(leased).toHaveLength(5);
  for (const l of leased.slice(0, 4)) {
    await m.rpc.call("AcknowledgeJob", { worker_id: w, job_id: l.job.id, lease_token: l.lease_token, success: true });
  }
  const last = leased[4];
  await m.rpc.call("AcknowledgeJob", { worker_id: w, job_id: last.job.id, lease_token: last.lease_token, success: false, error: "boom", non_retryable: true });

  // A cancel of a pending job.
  await m.rpc.call("CancelJob", { job_id: ids[9] });

  // A lease left to expire (lease 1500 ms, long enough for the acks above on a loaded machine), then acked late: stale.
  const [held] = (await m.rpc.call<Any>("PollJobs", { worker_id: w, count: 1 })).jobs as Any[];
  let f = await scrape();
  expect(seriesValue(f, "falconq_workers")).toBe(1);
  expect(seriesValue(f, "falconq_workers_busy")).toBe(1);
  expect(seriesValue(f, "falconq_jobs", { queue: "mq", state: "running" })).toBe(1);
  await waitFor(async () => seriesValue(await scrape(), "falconq_leases_expired_total") === 1, 10_000);
  await m.rpc.call("Heartbeat", { worker_id: w }); // keep the worker registered
  await rejects(
    m.rpc.call("AcknowledgeJob", { worker_id: w, job_id: held.job.id, lease_token: held.lease_token, success: true }),
    status.FAILED_PRECONDITION,
    /stale|not running/,
  );

  f = await scrape();
  expect(seriesValue(f, "falconq_jobs_submitted_total", q)).toBe(n);
  expect(seriesValue(f, "falconq_jobs_completed_total", q)).toBe(4);
  expect(seriesValue(f, "falconq_jobs_failed_total", q)).toBe(1);
  expect(seriesValue(f, "falconq_jobs_cancelled_total", q)).toBe(1);
  // The expired lease cost an attempt (1 of 3): queued again at once.
  expect(seriesValue(f, "falconq_jobs_retried_total", q)).toBe(1);
  expect(seriesValue(f, "falconq_leases_expired_total")).toBe(1);
  expect(seriesValue(f, "falconq_acks_stale_total")).toBe(1);
  // 10 submitted - 4 completed - 1 failed - 1 cancelled = 4 pending (the expired one among them).
  const states = { scheduled: 0, pending: 4, running: 0, completed: 4, failed: 1, cancelled: 1 };
  for (const [state, v] of Object.entries(states)) expect(seriesValue(f, "falconq_jobs", { queue: "mq", state })).toBe(v);
  expect(seriesValue(f, "falconq_queue_paused", { queue: "pq" })).toBe(1);
  expect(seriesValue(f, "falconq_queue_paused", q)).toBe(0);
  expect(seriesValue(f, "falconq_jobs", { queue: "pq", state: "pending" })).toBe(0);
  // The oldest pending job has waited at least since the lease expiry (> 1.5 s after submit).
  expect(seriesValue(f, "falconq_queue_oldest_pending_age_seconds", q) as number).toBeGreaterThan(1);
  expect(seriesValue(f, "falconq_queue_oldest_pending_age_seconds", { queue: "pq" })).toBe(0);
  // 6 leases started; 5 attempts acked by the worker (the expired one was not).
  expect(seriesValue(f, "falconq_job_wait_seconds_count", qt)).toBe(6);
  expect(seriesValue(f, "falconq_job_run_seconds_count", qt)).toBe(5);
  expect(seriesValue(f, "falconq_job_wait_seconds_bucket", { ...qt, le: "+Inf" })).toBe(6);
  expect(seriesValue(f, "falconq_workers")).toBe(1);
  expect(seriesValue(f, "falconq_workers_busy")).toBe(0);
  // In-memory store: no WAL figures, and no data dir gauge.
  expect(seriesValue(f, "falconq_wal_batch_records_count")).toBe(0);
  expect(f.has("falconq_data_dir_bytes")).toBe(false);
});

test("the running master counts failed authentications by reason", async () => {
  const dir = mkdtempSync(join(tmpdir(), "fq-metrics-auth-"));
  try {
    await using m = await startTestMaster({ adminTokenFile: join(dir, "admin.token") });
    const scrape = async () => parsePromText(await m.master.metrics.text());
    await rejects(m.rpc.call("GetStats", {}), status.UNAUTHENTICATED, /requires credentials/);
    const bad = new LooseRpc(m.address, { token: "fq_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    try {
      await rejects(bad.call("GetStats", {}), status.UNAUTHENTICATED, /not valid/);
      await rejects(bad.call("GetStats", {}), status.UNAUTHENTICATED, /not valid/);
    } finally {
      bad.close();
    }
    const fams = await scrape();
    expect(seriesValue(fams, "falconq_auth_failures_total", { reason: "missing" })).toBe(1);
    expect(seriesValue(fams, "falconq_auth_failures_total", { reason: "invalid" })).toBe(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
