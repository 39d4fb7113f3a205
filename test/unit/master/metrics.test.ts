// Metrics without a transport: the exposition parses strictly with HELP and
// TYPE for every family, label values are escaped, the label caps hold, the
// storage hooks (a real data dir: WAL batches, fdatasyncs, a snapshot) and
// Auth's onFailure count, and the lag timer runs and stops.

import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { Counter, Histogram, Registry } from "prom-client";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JobTable } from "../../../src/core/state.ts";
import { Job, JobStatus } from "../../../src/core/types.ts";
import { Auth } from "../../../src/master/auth.ts";
import { HotCounter, HotHistogram } from "../../../src/master/hot-series.ts";
import { Metrics, otherLabel } from "../../../src/master/metrics.ts";
import { openRuntime } from "../../../src/server/runtime.ts";
import { openStore } from "../../../src/storage/index.ts";
import { type Family, parsePromText, seriesValue } from "../../helpers/prom-text.ts";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const settings = { maxAttempts: 3, timeoutMs: 0, backoffBaseMs: 1000, backoffMaxMs: 60_000, metadata: {}, removeOnComplete: false, removeOnFail: false };
let seq = 0;

function job(queue: string, type: string, status: JobStatus): Job {
  const j = new Job(`j${++seq}`, queue, type, new Uint8Array(), 0, 1000, 1000, settings);
  j.status = status;
  return j;
}

async function scrape(m: Metrics): Promise<Map<string, Family>> {
  return parsePromText(await m.text());
}

describe("Metrics", () => {
  test("every family is falconq_-prefixed, has HELP and TYPE, and parses strictly", async () => {
    const m = new Metrics({ lagIntervalMs: 0 });
    m.bind({ state: new JobTable(), now: () => 0, workerIds: () => [] });
    m.transition(job("q", "t", JobStatus.Pending), 0, undefined);
    const fams = await scrape(m);
    expect(fams.size).toBeGreaterThan(20);
    for (const f of fams.values()) {
      expect(f.name).toStartWith("falconq_");
      expect(f.help?.length ?? 0).toBeGreaterThan(10);
      expect(f.type).not.toBe("untyped");
    }
    expect(fams.get("falconq_job_wait_seconds")?.type).toBe("histogram");
    expect(fams.get("falconq_jobs_submitted_total")?.type).toBe("counter");
    expect(fams.get("falconq_jobs")?.type).toBe("gauge");
    expect(m.contentType).toStartWith("text/plain; version=0.0.4");
    expect(seriesValue(fams, "falconq_jobs_submitted_total", { queue: "q" })).toBe(1);
  });

  test("the hot-path series print exactly what prom-client's Counter and Histogram print", async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const bounds = [0.1, 0.5, 1];
    const hc = new HotCounter("c_total", "a counter", ["queue"], ours);
    const hh = new HotHistogram("h_seconds", "a histogram", bounds, ["queue", "type"], ours);
    const pc = new Counter({ name: "c_total", help: "a counter", labelNames: ["queue"], registers: [theirs] });
    const ph = new Histogram({ name: "h_seconds", help: "a histogram", buckets: bounds, labelNames: ["queue", "type"], registers: [theirs] });
    const a = hc.child('q"1');
    a.value += 3;
    pc.labels('q"1').inc(3);
    const s = hh.child("q", "t");
    for (const v of [0, 0.1, 0.10001, 0.5, 0.7, 1, 2, 30]) {
      hh.observe(s, v);
      ph.labels("q", "t").observe(v);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  test("label values with quotes, backslashes and newlines are escaped and parse back", async () => {
    const m = new Metrics({ lagIntervalMs: 0 });
    const state = new JobTable();
    const name = 'we"ird\\queue\nname';
    state.queue(name).counts[JobStatus.Pending] = 2;
    state.queue(name).paused = true;
    m.bind({ state, now: () => 0, workerIds: () => [] });
    m.transition(job(name, 'ty"pe', JobStatus.Pending), 0, undefined);
    const text = await m.text();
    expect(text).toContain('queue="we\\"ird\\\\queue\\nname"');
    const fams = parsePromText(text);
    expect(seriesValue(fams, "falconq_jobs_submitted_total", { queue: name })).toBe(1);
    expect(seriesValue(fams, "falconq_jobs", { queue: name, state: "pending" })).toBe(2);
    expect(seriesValue(fams, "falconq_queue_paused", { queue: name })).toBe(1);
  });

  test("queues past the cap share queue=_other; (queue, type) pairs past theirs share _other/_other", async () => {
    const m = new Metrics({ lagIntervalMs: 0, queuesMax: 3, labelPairsMax: 4 });
    const state = new JobTable();
    m.bind({ state, now: () => 0, workerIds: () => [] });
    for (let i = 0; i < 10; i++) {
      const q = `q${i}`;
      state.queue(q).counts[JobStatus.Completed] = 1;
      m.transition(job(q, "t", JobStatus.Pending), 0, undefined);
      // two types per queue: leased
      for (const t of ["a", "b"]) {
        const j = job(q, t, JobStatus.Running);
        j.ensureExtra().startedAt = 1500;
        m.transition(j, JobStatus.Pending, undefined);
      }
    }
    const fams = await scrape(m);
    const queues = new Set((fams.get("falconq_jobs_submitted_total") as Family).samples.map((s) => s.labels.queue));
    expect([...queues].sort()).toEqual(["_other", "q0", "q1", "q2"]);
    expect(seriesValue(fams, "falconq_jobs_submitted_total", { queue: otherLabel })).toBe(7);
    expect(seriesValue(fams, "falconq_jobs", { queue: otherLabel, state: "completed" })).toBe(7);
    const pairs = new Set((fams.get("falconq_job_wait_seconds") as Family).samples.map((s) => `${s.labels.queue}/${s.labels.type}`));
    expect([...pairs].sort()).toEqual(["_other/_other", "q0/a", "q0/b", "q1/a", "q1/b"]);
    expect(seriesValue(fams, "falconq_job_wait_seconds_count", { queue: otherLabel, type: otherLabel })).toBe(16);
    expect(seriesValue(fams, "falconq_job_wait_seconds_sum", { queue: "q0", type: "a" })).toBeCloseTo(0.5);
  });

  test("transitions: outcomes, retries, hand-backs, lease expiry and run time", async () => {
    const m = new Metrics({ lagIntervalMs: 0 });
    const run = (status: JobStatus, from: JobStatus, cause?: Parameters<Metrics["transition"]>[2]) => {
      const j = job("q", "t", status);
      j.ensureExtra().startedAt = 1000;
      j.updatedAt = 3000;
      m.transition(j, from, cause);
    };
    run(JobStatus.Completed, JobStatus.Running);
    run(JobStatus.Failed, JobStatus.Running);
    run(JobStatus.Scheduled, JobStatus.Running); // failed attempt, backoff
    run(JobStatus.Pending, JobStatus.Running, "handed_back");
    run(JobStatus.Pending, JobStatus.Running, "lease_deadline");
    run(JobStatus.Failed, JobStatus.Running, "worker_timeout");
    run(JobStatus.Cancelled, JobStatus.Running);
    run(JobStatus.Pending, JobStatus.Failed); // RetryJob
    run(JobStatus.Pending, JobStatus.Scheduled); // promotion
    m.staleAck();
    const fams = await scrape(m);
    const v = (name: string, labels: Record<string, string> = { queue: "q" }) => seriesValue(fams, name, labels);
    expect(v("falconq_jobs_completed_total")).toBe(1);
    expect(v("falconq_jobs_failed_total")).toBe(2);
    expect(v("falconq_jobs_retried_total")).toBe(3);
    expect(v("falconq_jobs_cancelled_total")).toBe(1);
    expect(v("falconq_leases_expired_total", {})).toBe(1);
    expect(v("falconq_leases_released_total", { reason: "handed_back" })).toBe(1);
    expect(v("falconq_leases_released_total", { reason: "worker_timeout" })).toBe(1);
    expect(v("falconq_acks_stale_total", {})).toBe(1);
    // Run time only for attempts the worker acked: completed, failed, failed-and-retried.
    expect(v("falconq_job_run_seconds_count", { queue: "q", type: "t" })).toBe(3);
    expect(v("falconq_job_run_seconds_sum", { queue: "q", type: "t" })).toBeCloseTo(6);
  });

  test("Auth's onFailure counts each refusal by reason", async () => {
    const m = new Metrics({ lagIntervalMs: 0 });
    const auth = new Auth({ required: true, tokens: { token: () => undefined, used() {} }, now: () => 0, log: quiet, onFailure: m.authFailure });
    const tryAuth = (authorization?: string) => {
      try {
        auth.authenticate({ authorization, peer: "ipv4:127.0.0.1:1" });
      } catch {}
    };
    tryAuth(undefined);
    tryAuth("Basic x");
    tryAuth("Bearer fq_abcdef0123456789_aaaaaaaaaaaaaaaaaaaaaaaa");
    tryAuth("Bearer fq_abcdef0123456789_aaaaaaaaaaaaaaaaaaaaaaaa");
    const fams = await scrape(m);
    expect(seriesValue(fams, "falconq_auth_failures_total", { reason: "missing" })).toBe(1);
    expect(seriesValue(fams, "falconq_auth_failures_total", { reason: "malformed" })).toBe(1);
    expect(seriesValue(fams, "falconq_auth_failures_total", { reason: "invalid" })).toBe(2);
    expect(seriesValue(fams, "falconq_auth_failures_total", { reason: "expired" })).toBe(0);
  });

  test("a real data dir: WAL batches, bytes, fdatasyncs, a snapshot and the data dir size", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fq-metrics-"));
    try {
      const m = new Metrics({ lagIntervalMs: 0, dataDir: dir });
      const store = await openStore({ dir, fsync: "always", observer: m.storeObserver, log: quiet });
      for (let i = 0; i < 3; i++) {
        store.journal.append({ kind: "promoted", at: i });
        await store.journal.sync();
      }
      await store.snapshotNow();
      await store.close();
      const fams = await scrape(m);
      const batches = seriesValue(fams, "falconq_wal_batch_records_count") as number;
      expect(batches).toBeGreaterThanOrEqual(1);
      expect(seriesValue(fams, "falconq_wal_batch_records_sum")).toBe(3);
      expect(seriesValue(fams, "falconq_wal_write_seconds_count")).toBe(batches);
      expect(seriesValue(fams, "falconq_wal_fsync_seconds_count")).toBeGreaterThanOrEqual(batches);
      expect(seriesValue(fams, "falconq_wal_written_bytes_total")).toBeGreaterThan(3 * 8);
      expect(seriesValue(fams, "falconq_snapshot_seconds_count")).toBe(1);
      expect(seriesValue(fams, "falconq_data_dir_bytes")).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the lag timer observes, reports its max once per scrape, and stops on close", async () => {
    const m = new Metrics({ lagIntervalMs: 10 });
    const until = Date.now() + 60;
    while (Date.now() < until) {} // block the loop: the next tick is ~50 ms late
    await Bun.sleep(40);
    let fams = await scrape(m);
    expect(seriesValue(fams, "falconq_event_loop_lag_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(seriesValue(fams, "falconq_event_loop_lag_max_seconds")).toBeGreaterThan(0.02);
    m.close();
    fams = await scrape(m);
    expect(seriesValue(fams, "falconq_event_loop_lag_max_seconds")).toBe(0);
    const count = seriesValue(fams, "falconq_event_loop_lag_seconds_count");
    await Bun.sleep(40);
    expect(seriesValue(await scrape(m), "falconq_event_loop_lag_seconds_count")).toBe(count);
  });

  test("openRuntime exposes runtime.metrics, the same object as broker.metrics", async () => {
    const { testStore } = await import("../../helpers/test-journal.ts");
    const rt = await openRuntime({
      dataDir: "",
      fsync: "always",
      fsyncBatchMs: 10,
      repair: false,
      heartbeatIntervalMs: 2000,
      workerTimeoutMs: 6000,
      leaseMs: 30_000,
      log: quiet,
      store: async () => testStore(),
    });
    try {
      expect(rt.metrics).toBe(rt.broker.metrics as Metrics);
      await rt.broker.submit([{ type: "t", queue: "rq" }]);
      const fams = parsePromText(await rt.metrics.text());
      expect(seriesValue(fams, "falconq_jobs", { queue: "rq", state: "pending" })).toBe(1);
      expect(seriesValue(fams, "falconq_data_dir_bytes")).toBeUndefined();
    } finally {
      await rt.close();
    }
  });
});
