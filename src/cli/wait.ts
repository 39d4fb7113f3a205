// `submit --wait`: follows the queue's WatchJobs stream (opened before the
// first submit, so no change is missed), draws a progress bar on a TTY and
// ends with a summary. If the stream breaks, it falls back to GetJob.

import type { Client } from "../client/client.ts";
import { JobStatus, type JobView } from "../core/types.ts";
import { bold, green, printJson, red } from "./output.ts";

export interface WaitSummary {
  total: number;
  completed: number;
  failed: number;
  cancelled: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  jobsPerSec: number;
  elapsedMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function waitForJobs(client: Client, queue: string, expected: number, o: { json: boolean }) {
  const mine = new Set<string>();
  const seen = new Map<string, JobView>(); // terminal views, including ones that beat their submit reply
  const finished = new Map<string, JobView>();
  let streamBroken = false;
  let finish: (() => void) | undefined;
  const bar = process.stderr.isTTY === true && !o.json;
  let lastDraw = 0;

  const draw = (force = false) => {
    if (!bar || (!force && Date.now() - lastDraw < 100)) return;
    lastDraw = Date.now();
    const done = finished.size;
    const failed = [...finished.values()].filter((j) => j.status !== JobStatus.Completed).length;
    const w = 30;
    const fill = Math.round((done / expected) * w);
    process.stderr.write(`\r[${"#".repeat(fill)}${"-".repeat(w - fill)}] ${done}/${expected}  ${green(`ok ${done - failed}`)}  ${red(`failed ${failed}`)} `);
  };

  const record = (j: JobView) => {
    if (j.status !== JobStatus.Completed && j.status !== JobStatus.Failed && j.status !== JobStatus.Cancelled) return;
    if (!mine.has(j.id)) {
      seen.set(j.id, j);
      return;
    }
    finished.set(j.id, j);
    draw();
    if (finished.size === expected) finish?.();
  };

  let stop: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    stop = client.watch({ queue }, record, {
      onReady: resolve,
      onEnd: () => {
        streamBroken = true;
        resolve();
      },
    });
  });

  const reconcile = async () => {
    const open = [...mine].filter((id) => !finished.has(id)).slice(0, 500);
    await Promise.all(open.map((id) => client.get(id).then(record, () => {})));
  };

  return {
    ready,
    submitted(ids: string[]) {
      for (const id of ids) {
        mine.add(id);
        const early = seen.get(id);
        if (early) {
          seen.delete(id);
          record(early);
        }
      }
    },
    async done(started: number): Promise<WaitSummary> {
      await reconcile(); // jobs that finished before the watch was in place
      if (finished.size < expected) {
        const poll = setInterval(() => {
          if (streamBroken) void reconcile();
        }, 1000);
        await new Promise<void>((resolve) => (finish = resolve));
        clearInterval(poll);
      }
      stop();
      draw(true);
      if (bar) process.stderr.write("\n");
      const elapsedMs = Date.now() - started;
      const lat = [...finished.values()].map((j) => j.finishedAt - j.createdAt).sort((a, b) => a - b);
      const count = (s: JobStatus) => [...finished.values()].filter((j) => j.status === s).length;
      const summary: WaitSummary = {
        total: expected,
        completed: count(JobStatus.Completed),
        failed: count(JobStatus.Failed),
        cancelled: count(JobStatus.Cancelled),
        latencyP50Ms: percentile(lat, 50),
        latencyP99Ms: percentile(lat, 99),
        jobsPerSec: Math.round((expected / Math.max(1, elapsedMs)) * 1000),
        elapsedMs,
      };
      if (o.json) printJson({ summary });
      else {
        const failed = summary.failed + summary.cancelled;
        console.log(
          `${bold(`${summary.completed}/${expected} completed`)}, ${failed > 0 ? red(`${summary.failed} failed, ${summary.cancelled} cancelled`) : "0 failed"}` +
            ` in ${(elapsedMs / 1000).toFixed(2)}s (${summary.jobsPerSec} jobs/s); latency p50 ${summary.latencyP50Ms} ms, p99 ${summary.latencyP99Ms} ms`,
        );
      }
      return summary;
    },
  };
}
