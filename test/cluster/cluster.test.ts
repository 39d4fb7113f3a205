// End-to-end runs of the compiled binary: a master with worker processes,
// the `submit --wait` CLI, and standalone mode with a remote worker.
// Everything on 127.0.0.1, ports picked by the master, temp dirs removed.

import { beforeAll, describe, expect, test } from "bun:test";
import { JobStatus, type JobView } from "../../src/core/types.ts";
import { ensureBinary, fixtureHandlers, listAll, waitForFinished, withCluster } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";

beforeAll(async () => {
  await ensureBinary();
}, 120_000);

const decoder = new TextDecoder();

describe("master with worker processes", () => {
  test("two workers complete 100 jobs between them", () =>
    withCluster({ workers: 2, concurrency: 4 }, async (c) => {
      const specs = Array.from({ length: 100 }, () => ({ type: "sleep", payload: { ms: 10 } }));
      const submitted = await c.client.submitMany(specs);
      expect(new Set(submitted.map((s) => s.job.id)).size).toBe(100);

      await waitForFinished(c.client, 100, 30_000);
      const jobs = await listAll(c.client);
      expect(jobs).toHaveLength(100);
      expect(jobs.filter((j) => j.status !== JobStatus.Completed)).toEqual([]);
      const ran = new Set(jobs.map((j) => j.workerId));
      expect([...ran].sort()).toEqual(c.workers.map((w) => w.workerId).sort());
      for (const j of jobs) {
        expect(j.attempt).toBe(1);
        expect(j.startedAt).toBeGreaterThanOrEqual(j.createdAt);
        expect(j.finishedAt).toBeGreaterThanOrEqual(j.startedAt);
      }
    }), 60_000);

  // The watch stream is what `submit --wait` computes its latencies from.
  test("watch events of finished jobs carry their start and finish times", () =>
    withCluster({ workers: 1, concurrency: 4 }, async (c) => {
      const events: JobView[] = [];
      let ready = () => {};
      const isReady = new Promise<void>((r) => (ready = r));
      const stop = c.client.watch({ queue: "default" }, (j) => events.push(j), { onReady: () => ready() });
      try {
        await isReady;
        await c.client.submitMany(Array.from({ length: 10 }, () => ({ type: "echo", payload: { n: 1 } })));
        const done = () => events.filter((e) => e.status === JobStatus.Completed);
        await waitFor(() => done().length === 10, 15_000, "10 completed events");
        for (const e of done()) {
          expect({ id: e.id, finishedAfterCreate: e.finishedAt >= e.createdAt }).toEqual({ id: e.id, finishedAfterCreate: true });
          expect(e.startedAt).toBeGreaterThan(0);
          expect(e.workerId).toBe(c.workers[0]?.workerId as string);
        }
        for (const e of events.filter((x) => x.status === JobStatus.Running)) {
          expect(e.attempt).toBe(1);
          expect(e.workerId).toBe(c.workers[0]?.workerId as string);
        }
      } finally {
        stop();
      }
    }), 60_000);
});

describe("submit --wait", () => {
  test("--count 100 --wait exits 0 and prints a summary", () =>
    withCluster({ workers: 2, concurrency: 8 }, async (c) => {
      const r = await c.cli(["submit", "--type", "noop", "--count", "100", "--wait"]);
      expect(r.stderr).not.toMatch(/error|falconq:/i);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^100\/100 completed, 0 failed in [\d.]+s \(\d+ jobs\/s\); latency p50 \d+ ms, p99 \d+ ms$/m);
      const s = await c.client.stats();
      expect(s.queues.find((q) => q.queue === "default")?.completed).toBe(100);
    }), 60_000);

  test("--wait --json reports non-negative latencies", () =>
    withCluster({ workers: 1, concurrency: 8 }, async (c) => {
      const r = await c.cli(["submit", "--type", "noop", "--count", "20", "--wait", "--json"]);
      expect(r.code).toBe(0);
      const last = r.stdout.trim().split("\n").at(-1) as string;
      const { summary } = JSON.parse(last);
      expect(summary.completed).toBe(20);
      expect(summary.latencyP50Ms).toBeGreaterThanOrEqual(0);
      expect(summary.latencyP99Ms).toBeGreaterThanOrEqual(summary.latencyP50Ms);
    }), 60_000);

  test("a job that fails for good makes --wait exit 1", () =>
    withCluster({ workers: 1, concurrency: 2 }, async (c) => {
      const r = await c.cli(["submit", "--type", "fail", "--payload", '{"times":99}', "--attempts", "1", "--wait"]);
      expect(r.stdout).toMatch(/^0\/1 completed, 1 failed, 0 cancelled/m);
      expect(r.code).toBe(1);
    }), 60_000);
});

describe("standalone", () => {
  test("runs jobs itself and accepts a remote worker", () =>
    withCluster({ standalone: true, standaloneArgs: ["--concurrency", "4"], workers: 0 }, async (c) => {
      const local = (await c.master.waitForLog(/local worker (\S+),/, 5000))[1] as string;
      const own = await c.client.submitMany(Array.from({ length: 20 }, () => ({ type: "echo", payload: { n: 2 } })));
      await waitForFinished(c.client, 20, 15_000);
      for (const s of own) {
        const j = await c.client.get(s.job.id);
        expect(j.status).toBe(JobStatus.Completed);
        expect(j.workerId).toBe(local);
        expect(decoder.decode(j.result)).toBe('{"n":2}');
      }

      // `stamp` exists only in the fixture module, so only the remote worker can run it.
      const remote = await c.addWorker({ args: ["--handlers", fixtureHandlers] });
      const theirs = await c.client.submitMany(Array.from({ length: 10 }, () => ({ type: "stamp" })));
      await waitForFinished(c.client, 30, 15_000);
      for (const s of theirs) {
        const j = await c.client.get(s.job.id);
        expect(j.status).toBe(JobStatus.Completed);
        expect(j.workerId).toBe(remote.workerId);
      }
      const workers = (await c.client.workers()).map((w) => w.workerId).sort();
      expect(workers).toEqual([local, remote.workerId].sort());
    }), 60_000);
});
