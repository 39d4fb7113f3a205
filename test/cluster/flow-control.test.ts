// Flow control on the built binary: two worker processes, one master. A
// concurrency limit is never exceeded across workers (handlers record when
// they ran; the most that overlapped is computed), a rate limit holds within
// one token, a rate-limited handler gets its attempt back, and limits survive
// a SIGKILL of the master.

import { beforeAll, describe, expect, test } from "bun:test";
import type { Client } from "../../src/client/client.ts";
import { JobStatus, type JobView } from "../../src/core/types.ts";
import { ensureBinary, fixtureHandlers, listAll, withCluster } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";

beforeAll(async () => {
  await ensureBinary();
}, 120_000);

const workerArgs = ["--handlers", fixtureHandlers, "--queues", "flow,rated,throttle"];

interface Span {
  startMs: number;
  endMs: number;
}

/** The most intervals that overlap at one instant. */
function maxOverlap(spans: Span[]): number {
  const edges: [number, number][] = [];
  for (const s of spans) edges.push([s.startMs, 1], [s.endMs, -1]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // an end before a start at the same instant
  let n = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (n += d));
  return max;
}

function resultOf<T>(j: JobView): T {
  return JSON.parse(new TextDecoder().decode(j.result)) as T;
}

async function allDone(client: Client, queue: string, n: number, timeoutMs: number): Promise<JobView[]> {
  await waitFor(async () => (await client.stats()).queues.find((q) => q.queue === queue)?.completed === n, timeoutMs, `${n} completed jobs in ${queue}`);
  return listAll(client, { queue, withPayloads: true });
}

describe("flow control across two worker processes", () => {
  test("a queue and a group concurrency limit are never exceeded; a rate holds within one token", async () => {
    await withCluster({ workers: 2, concurrency: 4, workerArgs }, async (c) => {
      const set = await c.cli(["queues", "limit", "flow", "--concurrency", "3", "--group-concurrency", "1"]);
      expect(set.code).toBe(0);
      expect(set.stdout).toContain("concurrency        3");
      await c.client.setQueueLimits("rated", { rate: { count: 5, periodMs: 1000 } });

      const groups = ["a", "b", "c", "d"];
      for (let i = 0; i < 24; i++) await c.client.submit("span", { ms: 150 }, { queue: "flow", group: groups[i % 4] });
      for (let i = 0; i < 20; i++) await c.client.submit("stamp", {}, { queue: "rated" });

      const shown = await c.cli(["queues", "limits", "flow", "--json"]);
      expect(JSON.parse(shown.stdout)).toMatchObject({ limits: { concurrency: 3, groupConcurrency: 1 } });

      const flow = await allDone(c.client, "flow", 24, 30_000);
      const spans = flow.map((j) => ({ ...resultOf<Span>(j), group: j.group, worker: j.workerId }));
      expect(maxOverlap(spans)).toBeLessThanOrEqual(3);
      expect(maxOverlap(spans)).toBeGreaterThanOrEqual(2); // the limit is used, not just respected
      for (const g of groups) expect(maxOverlap(spans.filter((s) => s.group === g))).toBe(1);
      expect(new Set(spans.map((s) => s.worker)).size).toBe(2); // both workers ran jobs

      const rated = await allDone(c.client, "rated", 20, 30_000);
      const starts = rated.map((j) => resultOf<{ startedAtMs: number }>(j).startedAtMs).sort((a, b) => a - b);
      // A bucket of 5, refilled 5 per second: any window of w ms holds at most 5 + w × 5/1000 starts, plus one token of slack for the wire.
      for (let i = 0; i < starts.length; i++) {
        for (let j = i; j < starts.length; j++) {
          const w = (starts[j] as number) - (starts[i] as number);
          expect(j - i + 1).toBeLessThanOrEqual(5 + Math.floor((w * 5) / 1000) + 1);
        }
      }
      expect((starts.at(-1) as number) - (starts[0] as number)).toBeGreaterThanOrEqual(2800); // 15 jobs past the burst at 200 ms each
    });
  }, 90_000);

  test("a rate-limited handler gets its attempt back; pauseGroup holds its group; limits survive a SIGKILL of the master", async () => {
    await withCluster({ workers: 1, concurrency: 2, workerArgs }, async (c) => {
      await c.client.setQueueLimits("throttle", { groupConcurrency: 1, groupRate: { count: 20, periodMs: 1000 } });
      const { job } = await c.client.submit("throttled", { retryAfterMs: 1500, pause: true, once: "x" }, { queue: "throttle", group: "g", maxAttempts: 1 });
      // Past the first attempt: it said "rate limited" and waits, SCHEDULED, its attempt refunded.
      await waitFor(async () => (await c.client.get(job.id)).status === JobStatus.Scheduled, 10_000, "the job to be rescheduled");
      const held = await c.client.getQueueLimits("throttle");
      expect(held.topGroups[0]).toMatchObject({ group: "g", heldBy: "paused" });

      await c.killMaster();
      await c.restartMaster();
      const after = await c.client.getQueueLimits("throttle");
      expect(after.limits).toMatchObject({ groupConcurrency: 1, groupRateCount: 20, groupRatePeriodMs: 1000 });

      await waitFor(async () => (await c.client.get(job.id)).status === JobStatus.Completed, 20_000, "the job to complete");
      const done = await c.client.get(job.id);
      expect(resultOf<{ attempt: number }>(done).attempt).toBe(1); // maxAttempts 1, yet it ran twice: the rate-limited run did not count
    });
  }, 90_000);
});
