// Worker processes under failure: SIGKILL (its jobs move to another worker
// within the worker timeout), SIGTERM (drains, then leaves) and SIGSTOP past
// its lease (its late ack is fenced off). Short heartbeat and timeout keep
// these fast; `hold` (test/fixtures/cluster/handlers.ts) waits on its first
// attempt only, so a re-run finishes at once.

import { beforeAll, describe, expect, test } from "bun:test";
import { JobStatus, type JobView } from "../../src/core/types.ts";
import { type Cluster, ensureBinary, fixtureHandlers, withCluster } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";

beforeAll(async () => {
  await ensureBinary();
}, 120_000);

const workerTimeoutMs = 1000;
const fast = {
  masterArgs: ["--heartbeat-interval", "200ms", "--worker-timeout", `${workerTimeoutMs}ms`],
  workerArgs: ["--handlers", fixtureHandlers],
};

const decoder = new TextDecoder();

async function jobs(c: Cluster, ids: string[]): Promise<JobView[]> {
  return Promise.all(ids.map((id) => c.client.get(id)));
}

async function waitRunningOn(c: Cluster, ids: string[], workerId: string): Promise<JobView[]> {
  let seen: JobView[] = [];
  await waitFor(
    async () => {
      seen = await jobs(c, ids);
      return seen.every((j) => j.status === JobStatus.Running && j.workerId === workerId);
    },
    10_000,
    `jobs ${ids.join(",")} running on ${workerId}`,
  );
  return seen;
}

describe("worker failures", () => {
  test("a SIGKILLed worker's jobs complete on another worker within worker-timeout + 1 s", () =>
    withCluster({ ...fast, workers: 1, concurrency: 2 }, async (c) => {
      const a = c.workers[0]!;
      const ids = (await c.client.submitMany([0, 1].map(() => ({ type: "hold", payload: { ms: 60_000 } })))).map((s) => s.job.id);
      await waitRunningOn(c, ids, a.workerId);
      const b = await c.addWorker();

      const killedAt = Date.now();
      await a.kill();
      await waitFor(
        async () => (await jobs(c, ids)).every((j) => j.status === JobStatus.Completed),
        10_000,
        "the killed worker's jobs to complete",
      );
      const tookMs = Date.now() - killedAt;
      expect(tookMs).toBeLessThanOrEqual(workerTimeoutMs + 1000);
      for (const j of await jobs(c, ids)) {
        expect(j.workerId).toBe(b.workerId);
        expect(j.attempt).toBe(2);
      }
      const left = (await c.client.workers()).map((w) => w.workerId);
      expect(left).toEqual([b.workerId]);
    }), 60_000);

  test("a worker SIGKILLed and replaced at once under the same --id: its jobs run again at once, not after their lease", () =>
    withCluster({ ...fast, workers: 0, concurrency: 2 }, async (c) => {
      const a = await c.addWorker({ args: ["--id", "host-a"] });
      const ids = (await c.client.submitMany([0, 1].map(() => ({ type: "hold", payload: { ms: 60_000 } })))).map((s) => s.job.id);
      await waitRunningOn(c, ids, "host-a");
      const killedAt = Date.now();
      await a.kill();
      // The replacement registers before the master could notice the old process is gone.
      await c.addWorker({ args: ["--id", "host-a"] });
      await waitFor(
        async () => (await jobs(c, ids)).every((j) => j.status === JobStatus.Completed),
        20_000,
        "the jobs to complete on the replacement",
      );
      // The lease is 30 s; the old incarnation's leases must have been released on registration.
      expect(Date.now() - killedAt).toBeLessThan(workerTimeoutMs + 3000);
      for (const j of await jobs(c, ids)) expect(j.attempt).toBe(2);
      expect(c.master.text()).toMatch(/worker host-a registered again; released 2 lease/);
    }), 60_000);

  test("a worker that dies while the master is down: its jobs run again one worker timeout after the restart", () =>
    withCluster({ ...fast, workers: 0, concurrency: 2 }, async (c) => {
      const a = await c.addWorker();
      const ids = (await c.client.submitMany([0, 1].map(() => ({ type: "hold", payload: { ms: 60_000 } })))).map((s) => s.job.id);
      await waitRunningOn(c, ids, a.workerId);
      await c.killMaster();
      await a.kill();
      const restartedAt = Date.now();
      await c.restartMaster();
      await c.addWorker();
      await waitFor(
        async () => (await jobs(c, ids)).every((j) => j.status === JobStatus.Completed),
        20_000,
        "the dead worker's jobs to complete after the restart",
      );
      // Not the 30 s lease, and not at once: the recovered owner had one worker timeout to come back.
      const tookMs = Date.now() - restartedAt;
      expect(tookMs).toBeGreaterThanOrEqual(workerTimeoutMs);
      expect(tookMs).toBeLessThan(workerTimeoutMs + 5000);
      expect(c.master.text()).toMatch(/did not come back after the restart; released 2 job/);
    }), 60_000);

  test("SIGTERM drains running jobs (no re-run) and the worker leaves with exit code 0", () =>
    withCluster({ ...fast, workers: 1, concurrency: 2 }, async (c) => {
      const a = c.workers[0]!;
      const ids = (await c.client.submitMany([0, 1].map(() => ({ type: "sleep", payload: { ms: 1500 } })))).map((s) => s.job.id);
      await waitRunningOn(c, ids, a.workerId);
      const b = await c.addWorker(); // idle: it would pick the jobs up if a gave them back

      const termAt = Date.now();
      const code = await a.stop(15_000);
      expect(code).toBe(0);
      expect(a.text()).toMatch(/SIGTERM: draining 2 running job\(s\)/);
      expect(a.text()).toMatch(/stopped: 2 completed, 0 failed/);
      for (const j of await jobs(c, ids)) {
        expect(j.status).toBe(JobStatus.Completed);
        expect(j.workerId).toBe(a.workerId);
        expect(j.attempt).toBe(1);
        expect(j.finishedAt).toBeGreaterThanOrEqual(termAt);
      }
      const left = (await c.client.workers()).map((w) => w.workerId);
      expect(left).toEqual([b.workerId]);
    }), 60_000);

  test("SIGTERM whose drain runs out hands the job back without using an attempt; it then completes with max_attempts 1", () =>
    withCluster({ ...fast, workers: 0, concurrency: 1 }, async (c) => {
      const a = await c.addWorker({ args: ["--drain-timeout", "100ms"] });
      // hold waits on attempt 1, which the re-run is too: long enough to outlast the drain, short enough to then finish.
      const [s] = await c.client.submitMany([{ type: "hold", payload: { ms: 1500 }, maxAttempts: 1 }]);
      const id = s!.job.id;
      await waitRunningOn(c, [id], a.workerId);
      expect(await a.stop(15_000)).toBe(0);
      expect(await c.client.get(id)).toMatchObject({ status: JobStatus.Pending, attempt: 0 });
      await c.addWorker();
      await waitFor(async () => (await c.client.get(id)).status === JobStatus.Completed, 10_000, "the handed-back job to complete");
      const done = await c.client.get(id);
      expect(done.attempt).toBe(1);
      expect(decoder.decode(done.result)).toBe('{"attempt":1}');
    }), 60_000);

  test("a late ack from a worker whose lease was taken away is rejected and changes nothing", () =>
    withCluster({ ...fast, workers: 1, concurrency: 1, env: { FALCONQ_LOG: "debug" } }, async (c) => {
      const a = c.workers[0]!;
      const holdMs = 1500;
      const [sub] = await c.client.submitMany([{ type: "hold", payload: { ms: holdMs } }]);
      const id = sub!.job.id;
      const [first] = await waitRunningOn(c, [id], a.workerId);
      a.pause(); // SIGSTOP: no heartbeats, the handler's timer keeps running on the wall clock

      const b = await c.addWorker();
      await waitFor(async () => (await c.client.get(id)).status === JobStatus.Completed, 10_000, "the job to complete on b");
      const done = await c.client.get(id);
      expect(done.workerId).toBe(b.workerId);
      expect(done.attempt).toBe(2);
      expect(decoder.decode(done.result)).toBe('{"attempt":2}');

      // Resume only once a's first attempt is well past due (its timer started when the
      // lease reached the worker, a little after startedAt; more under load), so on
      // SIGCONT the handler finishes in the same timer pass as the overdue heartbeat,
      // whose round trip would otherwise tell a the lease is gone before it acks.
      await waitFor(() => Date.now() >= (first?.startedAt ?? 0) + holdMs + 1000, holdMs + 2000, "a's attempt to be due");
      const from = a.lines.length;
      a.resume();
      // Either the master refuses a's late ack (the usual order), or, when a's resumed
      // heartbeat comes back first, a learns the lease is gone and never sends it.
      // Both are fencing; the deterministic master-side refusal is in
      // test/integration/service-worker.test.ts. Either way the job must be untouched.
      await a.waitForLog(
        new RegExp(
          `job ${id}: (outcome dropped, lease was lost: job ${id} is completed, not running|lease lost: .*; not acknowledged)`,
        ),
        10_000,
        from,
      );

      const after = await c.client.get(id);
      expect(after.status).toBe(JobStatus.Completed);
      expect(after.workerId).toBe(b.workerId);
      expect(after.attempt).toBe(2);
      expect(after.finishedAt).toBe(done.finishedAt);
      expect(decoder.decode(after.result)).toBe('{"attempt":2}');
      // a comes back on its own (registers again) and keeps serving.
      await waitFor(async () => (await c.client.workers()).some((w) => w.workerId === a.workerId), 10_000, "a to register again");
    }), 60_000);
});
