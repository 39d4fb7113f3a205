// `submit --wait` when waiting cannot succeed, with the compiled binary as
// real processes: no worker serves the type (a warning, then --wait-timeout
// ends it), the master is SIGKILLed mid-wait, Ctrl-C, and failed jobs named
// at the end. In every early end the jobs must still be on the master.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { JobStatus } from "../../src/core/types.ts";
import { type Cluster, listAll, Proc, startCluster } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";

/** A `falconq submit` left running, for tests that interrupt it. */
function submit(c: Cluster, args: string[]): Proc {
  return new Proc("submit", ["submit", ...args, "--master", c.address]);
}

/** With --json the CLI prints a job's line once the master accepted it; after the last one no submit is in flight. */
function allAccepted(p: Proc, n: number): Promise<void> {
  return waitFor(() => p.stdout.filter((l) => l.startsWith('{"id"')).length === n, 10_000, `${n} accepted jobs`);
}

describe("submit --wait with one worker", () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster({ workers: 1, concurrency: 2 });
  });
  afterAll(async () => {
    await c?.[Symbol.asyncDispose]();
  });

  test("no worker serves the type: a warning, then --wait-timeout exits 1 saying the jobs stay queued", async () => {
    const r = await c.cli(["submit", "--type", "nobody.serves", "--count", "2", "--wait-timeout", "300ms"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning: none of the 1 registered workers takes type "nobody.serves" from queue "default"');
    expect(r.stderr).toContain("waiting for 2 jobs on queue default (Ctrl-C stops waiting; the jobs stay queued)");
    expect(r.stderr).toMatch(/falconq: --wait-timeout passed after 0\.3s; 2 of 2 jobs are not finished; they stay queued/);
    const jobs = await listAll(c.client, { type: "nobody.serves" });
    expect(jobs.map((j) => j.status)).toEqual([JobStatus.Pending, JobStatus.Pending]);
  });

  test("a queue no worker takes is warned about too; a served type is not; without --wait nothing is", async () => {
    const other = await c.cli(["submit", "--type", "echo", "--queue", "elsewhere", "--wait-timeout", "1s"]); // long enough for the submit on a loaded machine
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('takes type "echo" from queue "elsewhere"');
    const quiet = await c.cli(["submit", "--type", "echo", "--queue", "elsewhere"]);
    expect(quiet).toMatchObject({ code: 0, stderr: "" });
    const served = await c.cli(["submit", "--type", "echo", "--payload", '{"a":1}', "--wait"]);
    expect(served.code).toBe(0);
    expect(served.stderr).not.toContain("warning");
    expect(served.stdout).toContain("1/1 completed");
  });

  test("failed jobs are listed at the end with their first error line", async () => {
    const r = await c.cli(["submit", "--type", "fail", "--payload", '{"times":9}', "--attempts", "1", "--count", "2", "--wait"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toContain("0/2 completed, 2 failed, 0 cancelled");
    const failed = lines.filter((l) => /^ {2}failed \S+: \S/.test(l));
    expect(failed).toHaveLength(2);
    for (const l of failed) expect(l).not.toContain("\n");

    const j = await c.cli(["submit", "--type", "fail", "--payload", '{"times":9}', "--attempts", "1", "--wait", "--json"]);
    expect(j.code).toBe(1);
    const summary = JSON.parse(j.stdout.trim().split("\n").at(-1) as string).summary;
    expect(summary.failedJobs).toHaveLength(1);
    expect(summary.failedJobs[0]).toMatchObject({ status: "failed" });
    expect(summary.failedJobs[0].error.length).toBeGreaterThan(0);
  });

  test("Ctrl-C (SIGINT) stops waiting: exit 130, and the jobs stay queued", async () => {
    const p = submit(c, ["--type", "nobody.serves.int", "--count", "3", "--wait", "--json"]);
    await allAccepted(p, 3);
    process.kill(p.pid, "SIGINT");
    expect(await p.exited).toBe(130);
    await p.output();
    expect(p.stderr.at(-1)).toMatch(/^falconq: interrupted; 3 of 3 jobs are not finished; they stay queued on the master at 127\.0\.0\.1:\d+/);
    expect((await listAll(c.client, { type: "nobody.serves.int" })).length).toBe(3);
  });
});

test("the master SIGKILLed mid-wait: one line saying so, exit 1, the jobs survive the restart", async () => {
  await using c = await startCluster({ workers: 0 });
  const p = submit(c, ["--type", "later", "--count", "2", "--wait", "--json"]);
  await allAccepted(p, 2);
  await c.killMaster();
  expect(await p.exited).toBe(1);
  await p.output();
  const messages = p.stderr.filter((l) => l.startsWith("falconq: ") && !l.includes("warning"));
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatch(/^falconq: lost the master while waiting \(watch stream ended: .+\); 2 of 2 jobs are not finished; they are stored on the master/);
  await c.restartMaster();
  expect((await listAll(c.client, { type: "later" })).map((j) => j.status)).toEqual([JobStatus.Pending, JobStatus.Pending]);
});

test("--wait with no master: one line at once, nothing submitted", async () => {
  await using c = await startCluster({ workers: 0 });
  const address = c.address;
  await c.killMaster();
  const p = new Proc("submit", ["submit", "--type", "x", "--wait", "--master", address]);
  expect(await p.exited).toBe(1);
  await p.output();
  expect(p.stderr).toEqual([`falconq: cannot reach the master at ${address} (connection refused); nothing was submitted`]);
});
