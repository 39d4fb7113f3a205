// `falconq demo`: a real cluster in a temp dir. Starts this executable as a
// master and two workers on a free loopback port, submits 100 mixed jobs
// (sleeps, echoes, some that fail once then succeed), shows progress and a
// summary, says which worker ran how many, and shuts everything down.

import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { defineCommand } from "citty";
import { Client } from "../client/client.ts";
import type { JobSpec } from "../core/validate.ts";
import { CliError, logger } from "./common.ts";
import { bold, table } from "./output.ts";
import { waitForJobs } from "./wait.ts";

/** How to run this same program again: the compiled binary, or bun + the entry script. */
function self(): string[] {
  // A compiled executable runs its entry from Bun's embedded file system.
  const compiled = Bun.main.startsWith("/$bunfs/") || /^[A-Z]:\\~BUN\\/.test(Bun.main);
  return compiled ? [process.execPath] : [process.execPath, Bun.main];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function mixedJobs(n: number): JobSpec[] {
  const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  return Array.from({ length: n }, (_, i): JobSpec => {
    if (i % 5 === 0) return { type: "fail", payload: enc({ times: 1 }), maxAttempts: 3, backoffBaseMs: 200 };
    if (i % 5 === 1) return { type: "echo", payload: enc({ n: i }) };
    return { type: "sleep", payload: enc({ ms: 50 + ((i * 37) % 350) }) };
  });
}

export default defineCommand({
  meta: { name: "demo", description: "Start a throwaway master + 2 workers, run 100 mixed jobs, show the outcome" },
  args: { jobs: { type: "string", description: "how many jobs", default: "100" } },
  async run({ args }) {
    const log = logger("demo");
    const n = Math.max(1, Math.min(100_000, Number(args.jobs) || 100));
    const dir = mkdtempSync(join(tmpdir(), "falconq-demo-"));
    const port = await freePort();
    const master = `127.0.0.1:${port}`;
    const procs: Subprocess[] = [];
    const spawn = (argv: string[]) => {
      const p = Bun.spawn([...self(), ...argv], { stdout: "ignore", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
      procs.push(p);
      return p;
    };
    const client = new Client({ master, retryDeadlineMs: 10_000 });
    try {
      log.info(`starting master on ${master} (data in ${dir}) and 2 workers`);
      spawn(["master", "--port", String(port), "--data-dir", join(dir, "data")]);
      await client.stats(); // retries until the master answers
      for (const id of ["demo-worker-1", "demo-worker-2"]) spawn(["worker", "--master", master, "--concurrency", "8", "--id", id]);
      for (let i = 0; i < 200 && (await client.workers()).length < 2; i++) await Bun.sleep(25);
      log.info(`submitting ${n} jobs: sleeps, echoes, and every 5th fails once then succeeds`);
      const started = Date.now();
      const waiter = waitForJobs(client, "default", n, { json: false });
      await waiter.ready;
      for (let i = 0; i < n; i += 1000) {
        const res = await client.submitMany(mixedJobs(Math.min(1000, n - i)));
        waiter.submitted(res.map((r) => r.job.id));
      }
      const summary = await waiter.done(started);
      const byWorker = new Map<string, number>();
      const retried = { n: 0 };
      for (let page = "", k = 0; k < 1000; k++) {
        const { jobs, nextPageToken } = await client.list({ limit: 1000, pageToken: page });
        for (const j of jobs) {
          byWorker.set(j.workerId, (byWorker.get(j.workerId) ?? 0) + 1);
          if (j.attempt > 1) retried.n++;
        }
        if (!nextPageToken) break;
        page = nextPageToken;
      }
      console.log(table([["WORKER", "JOBS FINISHED"], ...[...byWorker].sort().map(([w, c]) => [w, String(c)])]));
      console.log(bold(`${retried.n} jobs needed a retry; ${summary.failed} ended failed`));
      if (summary.failed > 0) process.exitCode = 1;
    } catch (e) {
      throw new CliError(`demo failed: ${(e as Error).message}`);
    } finally {
      client.close();
      // Workers first, so they drain and deregister while the master still runs.
      const stop = (ps: Subprocess[]) =>
        Promise.all(
          ps.map((p) => {
            p.kill("SIGTERM");
            return Promise.race([p.exited, Bun.sleep(10_000).then(() => p.kill("SIGKILL"))]);
          }),
        );
      await stop(procs.slice(1));
      await stop(procs.slice(0, 1));
      rmSync(dir, { recursive: true, force: true });
      log.info("cluster stopped, temp dir removed");
    }
  },
});
