// The CLI as a user runs it: the compiled binary as separate processes,
// exit codes, --json output parsed, one-line errors; handler modules and the
// shell type loaded by the compiled binary; and the demo end to end.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { binary, type Cluster, ensureBinary, root, startCluster } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";

// biome-ignore lint/suspicious/noExplicitAny: parsed CLI JSON
type Any = any;

const jsonLines = (s: string): Any[] =>
  s
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));

async function run(args: string[], timeoutMs = 20_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = Bun.spawn([binary, ...args], { stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  const timer = setTimeout(() => p.kill("SIGKILL"), timeoutMs);
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

describe("client commands against a running cluster", () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster({
      workers: 1,
      concurrency: 4,
      workerArgs: ["--handlers", join(root, "examples", "jobs.ts"), "--allow-shell", "--queues", "default,retryq"],
    });
  });
  afterAll(async () => {
    await c?.[Symbol.asyncDispose]();
  });

  test("submit --json prints one line per accepted job; --wait exits 0 with a summary", async () => {
    const r = await c.cli(["submit", "--type", "echo", "--payload", '{"x":1}', "--count", "3", "--json", "--wait"]);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.filter((l) => l.id).map((l) => [l.queue, l.type])).toEqual([
      ["default", "echo"],
      ["default", "echo"],
      ["default", "echo"],
    ]);
    expect(lines.at(-1).summary).toMatchObject({ total: 3, completed: 3, failed: 0 });
  });

  test("submit --remove-on-complete --wait sees the jobs complete; they are gone afterwards", async () => {
    const r = await c.cli(["submit", "--type", "echo", "--count", "2", "--remove-on-complete", "--json", "--wait"]);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.at(-1).summary).toMatchObject({ total: 2, completed: 2 });
    const g = await c.cli(["jobs", "get", lines[0].id]);
    expect(g.code).not.toBe(0);
    expect(g.stderr).toContain("not found");
  });

  test("queues retention sets a queue's own bounds, --clear drops them; without either it is a usage error", async () => {
    const set = await c.cli(["queues", "retention", "kept", "--completed-count", "1000", "--failed-age", "2d", "--json"]);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ queue: "kept", completedCountMax: 1000, failedAgeMs: 2 * 86_400_000 });
    const plain = await c.cli(["queues", "retention", "kept", "--completed-age", "1h"]);
    expect(plain.stdout).toContain("queue kept: completed jobs kept at most 3600000 ms (within the global bounds); failed/cancelled jobs kept by the global bounds only");
    expect((await c.cli(["queues", "retention", "kept", "--clear"])).code).toBe(0);
    const none = await c.cli(["queues", "retention", "kept"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--clear");
    expect((await c.cli(["queues", "retention", "kept", "--failed-age", "0"])).code).toBe(2);
  });

  test("submit --wait exits 1 when a job fails", async () => {
    const r = await c.cli(["submit", "--type", "fail", "--payload", '{"times":9}', "--attempts", "1", "--wait"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("0/1 completed");
  });

  test("jobs get --json shows payload, result and progress of a handler-module job run by the binary", async () => {
    const s = await c.cli(["submit", "--type", "report.build", "--payload", '{"pages":4}', "--json", "--wait"]);
    expect(s.code).toBe(0);
    const id = jsonLines(s.stdout)[0].id;
    const g = await c.cli(["jobs", "get", id, "--json"]);
    expect(g.code).toBe(0);
    const job = JSON.parse(g.stdout);
    expect(job).toMatchObject({ id, status: "completed", payload: '{"pages":4}', progress: "1", attempt: 1 });
    expect(JSON.parse(job.result)).toEqual({ pages: 4 });
  });

  test("the shell type runs a command when the worker allows it", async () => {
    const s = await c.cli(["submit", "--type", "shell", "--payload", '{"cmd":"echo","args":["hi there"]}', "--json", "--wait"]);
    expect(s.code).toBe(0);
    const job = JSON.parse((await c.cli(["jobs", "get", jsonLines(s.stdout)[0].id, "--json"])).stdout);
    expect(JSON.parse(job.result)).toMatchObject({ exitCode: 0 });
    expect(job.result).toContain("hi there");
  });

  test("jobs list filters by state; retry --all-failed puts failed jobs back", async () => {
    const s = await c.cli(["submit", "--type", "fail", "--payload", '{"times":1}', "--attempts", "1", "--queue", "retryq", "--wait"]);
    expect(s.code).toBe(1);
    const failed = await c.cli(["jobs", "list", "--state", "failed", "--queue", "retryq", "--json"]);
    expect(jsonLines(failed.stdout).map((j) => j.status)).toEqual(["failed"]);
    // Paused, so the retried job stays visible as PENDING instead of running (and failing) again.
    expect((await c.cli(["queues", "pause", "retryq"])).code).toBe(0);
    const r = await c.cli(["jobs", "retry", "--all-failed", "--queue", "retryq", "--json"]);
    expect(jsonLines(r.stdout)[0]).toEqual({ retried: 1 });
    const pending = await c.cli(["jobs", "list", "--state", "pending", "--queue", "retryq", "--json"]);
    expect(jsonLines(pending.stdout).map((j) => [j.status, j.attempt])).toEqual([["pending", 0]]);
  });

  test("queues pause holds jobs back and resume releases them; cancel ends a waiting job", async () => {
    expect((await c.cli(["queues", "pause", "default"])).code).toBe(0);
    const s = await c.cli(["submit", "--type", "noop", "--count", "2", "--json"]);
    const [a, b] = jsonLines(s.stdout).map((l) => l.id);
    const stats = JSON.parse((await c.cli(["stats", "--json"])).stdout);
    expect(stats.queues.find((q: Any) => q.queue === "default")).toMatchObject({ paused: true, pending: 2 });
    expect((await c.cli(["jobs", "cancel", a])).code).toBe(0);
    expect((await c.cli(["queues", "resume", "default"])).code).toBe(0);
    await waitFor(async () => JSON.parse((await c.cli(["jobs", "get", b, "--json"])).stdout).status === "completed", 10_000, "job b");
    expect(JSON.parse((await c.cli(["jobs", "get", a, "--json"])).stdout).status).toBe("cancelled");
  });

  test("workers --json lists the worker with its types", async () => {
    const r = await c.cli(["workers", "--json"]);
    const ws = jsonLines(r.stdout);
    expect(ws.length).toBe(1);
    expect(ws[0].types).toContain("report.build");
    expect(ws[0].types).toContain("shell");
  });

  test("workers stop makes a worker drain and exit 0; the list no longer shows it", async () => {
    const extra = await c.addWorker();
    const r = await c.cli(["workers", "stop", extra.workerId, "--json"]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)[0]).toEqual({ workerId: extra.workerId, command: "stop" });
    expect(await extra.exited).toBe(0);
    const ids = jsonLines((await c.cli(["workers", "--json"])).stdout).map((w) => w.workerId);
    expect(ids).not.toContain(extra.workerId);
  });

  test("bad input is one line on stderr and a non-zero exit, never a stack trace", async () => {
    const cases: [string[], number, RegExp][] = [
      [["jobs", "get", "nope"], 1, /job "nope" not found/],
      [["submit", "--type", "x", "--payload", "{bad"], 2, /--payload is not valid JSON/],
      [["submit", "--type", "x", "--delay", "5q"], 2, /--delay "5q" is not a duration/],
      [["submit", "--type", ""], 1, /type must not be empty/],
      [["jobs", "list", "--state", "sleeping"], 2, /--state "sleeping"/],
      [["jobs", "retry"], 2, /give a job id or --all-failed/],
    ];
    for (const [args, code, text] of cases) {
      const r = await c.cli(args);
      expect({ args, code: r.code }).toEqual({ args, code });
      expect(r.stderr).toMatch(text);
      expect(r.stderr.trim().split("\n").length).toBe(1);
      expect(r.stderr).not.toContain("    at ");
    }
  });
});

describe("without a master", () => {
  beforeAll(() => ensureBinary());

  test("an unreachable master is one readable line and exit 1", async () => {
    const r = await run(["stats", "--master", "127.0.0.1:1"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^falconq: cannot reach the master/);
  });

  test("usage mistakes exit 2; --version and --help exit 0", async () => {
    expect((await run(["nonsense"])).code).toBe(2);
    expect((await run(["master", "--port", "abc"])).stderr).toMatch(/--port "abc"/);
    expect((await run(["--mode", "nope"])).code).toBe(2);
    const v = await run(["--version"]);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const h = await run(["--help"]);
    expect(h.code).toBe(0);
    for (const cmd of ["master", "worker", "standalone", "submit", "jobs", "stats", "workers", "queues"]) expect(h.stdout).toContain(cmd);
  });

  test("a handler module that does not export handlers stops the worker with a clear line", async () => {
    const r = await run(["worker", "--master", "127.0.0.1:1", "--handlers", join(root, "test", "fixtures", "handlers", "no-export.ts")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--handlers .*no-export\.ts/);
  });

  test("the demo also runs from source (bun src/main.ts), spawning bun with the entry script", async () => {
    const p = Bun.spawn([process.execPath, join(root, "src", "main.ts"), "demo", "--jobs", "10"], {
      stdout: "pipe",
      stderr: "pipe",
      env: { ...process.env, NO_COLOR: "1" },
    });
    const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
    const [stdout, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(stdout).toMatch(/10\/10 completed/);
  });

  test("the demo runs a real cluster end to end and cleans up", async () => {
    const r = await run(["demo", "--jobs", "30"], 60_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/30\/30 completed/);
    expect(r.stdout).toContain("demo-worker-1");
    expect(r.stdout).toContain("demo-worker-2");
    expect(r.stderr).toContain("temp dir removed");
  });
});
