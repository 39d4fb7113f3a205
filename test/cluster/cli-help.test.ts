// Help and error output of the binary as a user sees it in a pipe: every
// command's own help, `falconq help`, no escape codes off a terminal, tables
// within 80 columns, a port in use and an unknown queue as one plain line,
// quiet workers shown as quiet, and emptied queues leaving `stats`.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binary, type Cluster, ensureBinary, startCluster } from "../helpers/cluster.ts";

// biome-ignore lint/suspicious/noExplicitAny: parsed CLI JSON
type Any = any;

/** Runs the binary with stdout and stderr as pipes and without NO_COLOR: colour must be off because they are no terminal. */
async function run(args: string[], timeoutMs = 20_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const { NO_COLOR: _n, FORCE_COLOR: _f, ...env } = process.env;
  const p = Bun.spawn([binary, ...args], { stdout: "pipe", stderr: "pipe", env });
  const timer = setTimeout(() => p.kill("SIGKILL"), timeoutMs);
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

const esc = "\x1b";

describe("help", () => {
  beforeAll(() => ensureBinary());

  test("each subcommand prints its own help with its flags and an example", async () => {
    const cases: [string[], string[]][] = [
      [["jobs", "list"], ["falconq jobs list:", "--state STATE", "--limit LIMIT", "--page-token", "Example:\n  falconq jobs list"]],
      [["jobs", "get"], ["falconq jobs get:", "falconq jobs get [flags] ID", "--json", "Example:\n  falconq jobs get "]],
      [["jobs", "retry"], ["--all-failed", "--queue QUEUE", "[ID]"]],
      [["queues", "pause"], ["falconq queues pause:", "QUEUE", "--master MASTER", "Example:\n  falconq queues pause "]],
      [["workers", "stop"], ["falconq workers stop:", "drain and exit", "ID", "Example:\n  falconq workers stop "]],
      [["workers"], ["falconq workers:", "Commands:", "quiet", "stop", "--json"]],
      [["submit"], ["falconq submit:", "--type TYPE", "Example:"]],
      [["schedules", "create"], ["falconq schedules create:", "--cron CRON", "--every EVERY", "--no-overlap", "Example:\n  falconq schedules create "]],
    ];
    for (const [path, wanted] of cases) {
      const r = await run([...path, "--help"]);
      expect({ path, code: r.code, stderr: r.stderr }).toEqual({ path, code: 0, stderr: "" });
      for (const w of wanted) expect(r.stdout).toContain(w);
      expect(r.stdout).not.toContain(esc);
      for (const line of r.stdout.split("\n")) expect(line.length <= 80 || !line.trim().includes(" ")).toBe(true);
    }
  });

  test("`falconq help [cmd [sub]]` prints the same as --help", async () => {
    for (const path of [[], ["jobs"], ["jobs", "list"], ["workers", "quiet"]]) {
      const a = await run(["help", ...path]);
      const b = await run([...path, "--help"]);
      expect(a.code).toBe(0);
      expect(a.stdout).toBe(b.stdout);
    }
    expect((await run(["help"])).stdout).toContain("help        Show the help of a command");
  });

  test("usage errors are one plain line on stderr, exit 2", async () => {
    for (const args of [["help", "nosuch"], ["jobs", "list", "--stat", "x"], ["jobs"], ["jobs", "get"]]) {
      const r = await run(args);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: "" });
      expect(r.stderr).not.toContain(esc);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("errors and output against a master", () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster({ workers: 1 });
  });
  afterAll(async () => {
    await c?.[Symbol.asyncDispose]();
  });

  test("a port in use is one line without gRPC wording, exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "falconq-port-"));
    try {
      for (const mode of ["master", "standalone"]) {
        const r = await run([mode, "--port", String(c.port), "--data-dir", join(dir, mode)]);
        expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({
          code: 1,
          stderr: `falconq: cannot listen on 127.0.0.1:${c.port}: the port is in use (is another master running?)\n`,
          stdout: "",
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("resuming a queue that does not exist is refused; pausing one pre-pauses it", async () => {
    const r = await run(["queues", "resume", "nosuchqueue", "--master", c.address]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/queue "nosuchqueue" does not exist/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect((await run(["queues", "pause", "later", "--master", c.address])).code).toBe(0);
    expect((await c.client.stats()).queues.find((q) => q.queue === "later")).toMatchObject({ paused: true });
    expect((await run(["queues", "resume", "later", "--master", c.address])).code).toBe(0);
    // Resumed and empty, it is gone again.
    expect((await c.client.stats()).queues.map((q) => q.queue)).not.toContain("later");
    expect((await run(["queues", "resume", "later", "--master", c.address])).code).toBe(1);
  });

  test("a queue whose last job is deleted leaves stats", async () => {
    const { job } = await c.client.submit("never-run", undefined, { queue: "brief", delayMs: 3_600_000 });
    expect((await c.client.stats()).queues.map((q) => q.queue)).toContain("brief");
    await c.client.deleteJob(job.id);
    const s = await run(["stats", "--json", "--master", c.address]);
    expect((JSON.parse(s.stdout) as Any).queues.map((q: Any) => q.queue)).not.toContain("brief");
  });

  test("tables fit 80 columns in a pipe, ids whole, no escape codes", async () => {
    const queue = `q-${"long".repeat(12)}`;
    const type = `t-${"wide".repeat(12)}`;
    const { job } = await c.client.submit(type, undefined, { queue, delayMs: 3_600_000 });
    for (const args of [["jobs", "list"], ["stats"], ["workers"]]) {
      const r = await run([...args, "--master", c.address]);
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect(r.stdout).not.toContain(esc);
      for (const line of r.stdout.trimEnd().split("\n")) expect({ args, line, fits: line.length <= 80 }).toEqual({ args, line, fits: true });
    }
    const list = await run(["jobs", "list", "--master", c.address]);
    expect(list.stdout).toContain(job.id);
    expect(list.stdout).toContain("…");
    await c.client.deleteJob(job.id);
  });

  test("a worker told to go quiet is listed as quiet", async () => {
    const w = c.workers[0]?.workerId as string;
    expect((await run(["workers", "quiet", w, "--master", c.address])).code).toBe(0);
    const j = await run(["workers", "--json", "--master", c.address]);
    expect(JSON.parse(j.stdout)).toMatchObject({ workerId: w, quiet: true });
    const t = await run(["workers", "--master", c.address]);
    expect(t.stdout.split("\n")[1]).toMatch(new RegExp(`^${w} .* quiet `));
    // Once the worker obeyed (at its next heartbeat) it is still registered, and still shown quiet.
    await c.workers[0]?.waitForLog(/asked this worker to go quiet/, 10_000);
    expect((await c.client.workers()).find((x) => x.workerId === w)?.quiet).toBe(true);
  });
});
