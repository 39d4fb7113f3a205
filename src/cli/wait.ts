// `submit --wait`: follows the queue's WatchJobs stream (opened before the
// first submit, so no change is missed), shows progress (a bar with rate and
// ETA on a TTY, a plain line every few seconds otherwise) and ends with a
// summary and the failed jobs. Waiting ends early, always with one line and a
// non-zero exit, when --wait-timeout passes, when the stream breaks (the
// master died or stopped) or on Ctrl-C; the jobs stay queued on the master
// in every case, and the line says so.

import type { Client } from "../client/client.ts";
import { firstLine } from "../core/text.ts";
import { isTerminal, JobStatus, type JobView } from "../core/types.ts";
import { CliError } from "./common.ts";
import { bold, failures, green, printJson, red } from "./output.ts";

export interface FailedJob {
  id: string;
  status: "failed" | "cancelled";
  /** The first line of the job's last error. */
  error: string;
}

export interface WaitSummary {
  total: number;
  completed: number;
  failed: number;
  cancelled: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  jobsPerSec: number;
  elapsedMs: number;
  /** Failed and cancelled jobs, at most failedListMax. */
  failedJobs: FailedJob[];
}

export interface WaitOptions {
  json: boolean;
  /** Give up after this long from the start (0 or absent: wait as long as it takes). */
  timeoutMs?: number;
  /** Where the jobs went, for the closing lines. */
  master?: string;
}

/** Failed jobs named at the end; the rest are counted. */
const failedListMax = 20;
const barDrawIntervalMs = 100;
const plainLineIntervalMs = 5000;
const barWidth = 30;
/** Exit code on SIGINT, as a shell reports a process killed by it. */
const interruptedExitCode = 130;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}



function formatEta(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

export function waitForJobs(client: Client, queue: string, expected: number, o: WaitOptions) {
  const mine = new Set<string>();
  const seen = new Map<string, JobView>(); // finished views that beat their submit reply
  const finished = new Map<string, JobView>();
  const started = Date.now();
  const bar = process.stderr.isTTY === true && !o.json;
  const plain = !bar && !o.json;
  let failedSoFar = 0;
  let lastDraw = 0;
  let lastPlain = "";
  let finish: (() => void) | undefined;
  let abort: (e: CliError) => void = () => {};
  // Rejects once waiting has to end early; every await of the command races it.
  const aborted = new Promise<never>((_, reject) => (abort = reject));
  aborted.catch(() => {}); // observed by whoever races it; never an unhandled rejection

  const at = o.master ? ` at ${o.master}` : "";
  const unfinished = (masterLost = false) => {
    const notAccepted = expected - mine.size;
    const left =
      notAccepted === 0
        ? `${expected - finished.size} of ${expected} jobs are not finished`
        : `${mine.size - finished.size} of the ${mine.size} accepted jobs are not finished, and ${notAccepted} were not acknowledged (a submit cut short may still have been accepted)`;
    if (masterLost) return `${left}; they are stored on the master${at} and run once it is back`;
    return `${left}; they stay queued on the master${at}; follow them with \`falconq jobs list --queue ${queue}\``;
  };

  const progressText = () => {
    const done = finished.size;
    const elapsedS = (Date.now() - started) / 1000;
    const rate = elapsedS > 0 ? done / elapsedS : 0;
    if (rate === 0) return { done, rate: "" };
    const eta = done < expected ? `, ETA ${formatEta(((expected - done) / rate) * 1000)}` : "";
    return { done, rate: `, ${rate.toFixed(rate < 10 ? 1 : 0)} jobs/s${eta}` };
  };

  const draw = (force = false) => {
    const now = Date.now();
    if (bar) {
      if (!force && now - lastDraw < barDrawIntervalMs) return;
      lastDraw = now;
      const { done, rate } = progressText();
      const fill = Math.round((done / expected) * barWidth);
      process.stderr.write(
        `\r[${"#".repeat(fill)}${"-".repeat(barWidth - fill)}] ${done}/${expected}  ${green(`ok ${done - failedSoFar}`)}  ${failures(failedSoFar, `failed ${failedSoFar}`)}${rate}\x1b[K`,
      );
    } else if (plain) {
      if (!force && now - lastDraw < plainLineIntervalMs) return;
      lastDraw = now;
      const { done, rate } = progressText();
      const line = `${done}/${expected} finished, ${failedSoFar} failed${rate}`;
      if (line !== lastPlain) process.stderr.write(`${line}\n`);
      lastPlain = line;
    }
  };
  const ticker = setInterval(() => draw(), bar ? 1000 : plainLineIntervalMs);

  const endLine = () => {
    if (bar) process.stderr.write("\n");
  };

  let settled = false;
  const fail = (message: string, exitCode = 1) => {
    if (settled) return;
    settled = true;
    clearInterval(ticker);
    endLine();
    abort(new CliError(message, exitCode));
  };

  const record = (j: JobView) => {
    if (!isTerminal(j.status) || finished.has(j.id)) return;
    if (!mine.has(j.id)) {
      seen.set(j.id, j);
      return;
    }
    finished.set(j.id, j);
    if (j.status !== JobStatus.Completed) failedSoFar++;
    draw();
    if (finished.size === expected) finish?.();
  };

  let streamOpen = true;
  let isReady = false;
  let stop: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    stop = client.watch({ queue }, record, {
      onReady: () => {
        isReady = true;
        resolve();
      },
      onEnd: (err) => {
        streamOpen = false;
        const why = !err ? "the master closed it" : /ECONNREFUSED/.test(err.message) ? "connection refused" : firstLine(err.message);
        if (!isReady) fail(`cannot reach the master${at} (${why}); nothing was submitted`);
        else if (finished.size < expected) fail(`lost the master while waiting (watch stream ended: ${why}); ${unfinished(true)}`);
      },
    });
  });

  const timer =
    o.timeoutMs !== undefined && o.timeoutMs > 0
      ? setTimeout(() => fail(`--wait-timeout passed after ${((o.timeoutMs ?? 0) / 1000).toFixed(1)}s; ${unfinished()}`), o.timeoutMs)
      : undefined;
  const onSigint = () => fail(`interrupted; ${unfinished()}`, interruptedExitCode);
  process.once("SIGINT", onSigint);

  const cleanup = () => {
    settled = true;
    clearInterval(ticker);
    if (timer) clearTimeout(timer);
    process.off("SIGINT", onSigint);
    if (streamOpen) stop();
  };

  const reconcile = async () => {
    const open = [...mine].filter((id) => !finished.has(id)).slice(0, 500);
    await Promise.all(open.map((id) => client.get(id).then(record, () => {})));
  };

  const summarize = (from: number): WaitSummary => {
    const elapsedMs = Date.now() - from;
    const views = [...finished.values()];
    const lat = views.map((j) => j.finishedAt - j.createdAt).sort((a, b) => a - b);
    const count = (s: JobStatus) => views.filter((j) => j.status === s).length;
    const failedJobs: FailedJob[] = views
      .filter((j) => j.status !== JobStatus.Completed)
      .slice(0, failedListMax)
      .map((j) => ({
        id: j.id,
        status: j.status === JobStatus.Cancelled ? "cancelled" : "failed",
        error: firstLine(j.error),
      }));
    return {
      total: expected,
      completed: count(JobStatus.Completed),
      failed: count(JobStatus.Failed),
      cancelled: count(JobStatus.Cancelled),
      latencyP50Ms: percentile(lat, 50),
      latencyP99Ms: percentile(lat, 99),
      jobsPerSec: Math.round((expected / Math.max(1, elapsedMs)) * 1000),
      elapsedMs,
      failedJobs,
    };
  };

  return {
    ready,
    /** Rejects with the one-line CliError once waiting ends early; race every await against it. */
    aborted,
    /** Shows 0/N at once, before the first submit. */
    begin() {
      if (plain) process.stderr.write(`waiting for ${expected} job${expected === 1 ? "" : "s"} on queue ${queue} (Ctrl-C stops waiting; the jobs stay queued)\n`);
      draw(true);
    },
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
    /** `from`: when the work began, for elapsed time and jobs/s; default when the waiter was made. */
    async done(from = started): Promise<WaitSummary> {
      try {
        await Promise.race([reconcile(), aborted]); // jobs that finished before the watch was in place
        if (finished.size < expected) await Promise.race([new Promise<void>((resolve) => (finish = resolve)), aborted]);
      } finally {
        cleanup();
      }
      draw(true);
      endLine();
      const summary = summarize(from);
      if (o.json) printJson({ summary });
      else printSummary(summary);
      return summary;
    },
    cleanup,
  };
}

function printSummary(s: WaitSummary): void {
  const failed = s.failed + s.cancelled;
  console.log(
    `${bold(`${s.completed}/${s.total} completed`)}, ${failed > 0 ? red(`${s.failed} failed, ${s.cancelled} cancelled`) : "0 failed"}` +
      ` in ${(s.elapsedMs / 1000).toFixed(2)}s (${s.jobsPerSec} jobs/s); latency p50 ${s.latencyP50Ms} ms, p99 ${s.latencyP99Ms} ms`,
  );
  for (const j of s.failedJobs) console.log(`  ${red(j.status)} ${j.id}: ${j.error || "(no error message)"}`);
  if (failed > s.failedJobs.length) {
    console.log(`  … and ${failed - s.failedJobs.length} more: falconq jobs list --state failed (and --state cancelled)`);
  }
}
