// The SDK's typed surface against an in-process master on 127.0.0.1:0:
// decoded payloads and results, state names, wait() options, Worker events,
// bounded failure when the master is down, and a quiet default logger.

import { describe, expect, test } from "bun:test";
import { createServer } from "node:net";
import { join } from "node:path";
import {
  type AttemptFailure,
  Client,
  type Handler,
  type HandlerMap,
  JobFailedError,
  JobStatus,
  NonRetryableError,
  RpcError,
  WaitTimeoutError,
  Worker,
} from "../../src/index.ts";
import { startTestMaster, waitFor } from "../helpers/master.ts";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return `127.0.0.1:${port}`;
}

interface Add {
  a: number;
  b: number;
}

// Typed handlers fit one HandlerMap; the compiler checks data and the return type.
const add: Handler<Add, { sum: number }> = (job) => ({ sum: job.data.a + job.data.b });
const handlers: HandlerMap = {
  add,
  bad: () => {
    throw new NonRetryableError("payload is wrong");
  },
  flaky: (_job, ctx) => {
    if (ctx.attempt < 2) throw new Error("not yet");
    return "ok";
  },
  hold: (_job, ctx) => new Promise((r) => ctx.signal.addEventListener("abort", r)),
};
// @ts-expect-error: the result must be { sum: number }
const wrong: Handler<Add, { sum: number }> = (job) => ({ sum: String(job.data.a) });
void wrong;

describe("typed jobs", () => {
  test("submit<T>, get and wait<R> decode payload and result as JSON; the raw bytes stay in payload and result", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    const w = new Worker({ master: m.address, log: quiet, handlers });
    try {
      await w.start();
      const { job } = await c.submit<Add>("add", { a: 2, b: 40 });
      expect(job.data).toEqual({ a: 2, b: 40 });
      expect(job.state).toBe("pending");
      expect(new TextDecoder().decode(job.payload)).toBe('{"a":2,"b":40}');
      const done = await c.wait<{ sum: number }>(job.id, { timeoutMs: 10_000 });
      const sum: number | undefined = done.returnValue?.sum;
      expect(sum).toBe(42);
      expect(done).toMatchObject({ status: JobStatus.Completed, state: "completed" });
      expect(new TextDecoder().decode(done.result)).toBe('{"sum":42}');
      expect((await c.get(job.id)).returnValue).toEqual({ sum: 42 });

      const raw = await c.submit("not.json", "plain text");
      expect(raw.job.data).toBeUndefined();
      expect(new TextDecoder().decode(raw.job.payload)).toBe("plain text");
      const page = await c.list({ type: "add", withPayloads: true });
      expect(page.jobs.map((j) => [j.state, j.data, j.returnValue])).toEqual([["completed", { a: 2, b: 40 }, { sum: 42 }]]);
    } finally {
      await w.close();
      c.close();
    }
  });

  test("wait({ rejectOnFailure }) rejects with the job and its error on FAILED and CANCELLED; without it, it resolves", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    const w = new Worker({ master: m.address, log: quiet, handlers });
    try {
      await w.start();
      const { job: bad } = await c.submit("bad", {});
      const e = await c.wait(bad.id, { rejectOnFailure: true, timeoutMs: 10_000 }).catch((x) => x);
      expect(e).toBeInstanceOf(JobFailedError);
      expect(e.job).toMatchObject({ id: bad.id, state: "failed" });
      expect(e.error).toContain("payload is wrong");
      expect(e.message).toContain("payload is wrong");
      expect((await c.wait(bad.id, { timeoutMs: 10_000 })).state).toBe("failed");

      const { job: never } = await c.submit("no.such.type", {});
      const waiting = c.wait(never.id, { rejectOnFailure: true });
      await c.cancel(never.id);
      const ce = await waiting.catch((x) => x);
      expect(ce).toBeInstanceOf(JobFailedError);
      expect(ce.job.state).toBe("cancelled");
    } finally {
      await w.close();
      c.close();
    }
  });

  test("wait({ timeoutMs }) rejects with WaitTimeoutError in time; a number still means the timeout", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const { job } = await c.submit("nobody.runs.this");
      const t0 = Date.now();
      const e = await c.wait(job.id, { timeoutMs: 150 }).catch((x) => x);
      expect(e).toBeInstanceOf(WaitTimeoutError);
      expect(e.jobId).toBe(job.id);
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(await c.wait(job.id, 50).catch((x) => x)).toBeInstanceOf(WaitTimeoutError);
    } finally {
      c.close();
    }
  });
});

describe("Worker events", () => {
  test("completed and failed fire per attempt, with the decoded result and whether the job will run again", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    const w = new Worker({ master: m.address, log: quiet, handlers });
    const completed: [string, unknown][] = [];
    const failed: [string, number, AttemptFailure][] = [];
    const errors: Error[] = [];
    w.on("completed", (job, result) => completed.push([job.type, result]))
      .on("failed", (job, f) => failed.push([job.type, job.attempt, f]))
      .on("error", (e) => errors.push(e));
    const throwing = () => {
      throw new Error("a listener's bug");
    };
    w.on("completed", throwing).off("completed", throwing);
    w.on("failed", throwing); // a throwing listener must not break the worker
    try {
      await w.start();
      const { job: a } = await c.submit<Add>("add", { a: 1, b: 2 });
      const { job: f } = await c.submit("flaky", {}, { maxAttempts: 3, backoffBaseMs: 10 });
      const { job: b } = await c.submit("bad", {}, { maxAttempts: 3 });
      for (const id of [a.id, f.id, b.id]) await c.wait(id, 10_000);
      await waitFor(() => completed.length === 2 && failed.length === 2, 3000, "events");
      expect(completed).toEqual(expect.arrayContaining([["add", { sum: 3 }], ["flaky", "ok"]]));
      const flaky = failed.find(([t]) => t === "flaky");
      expect(flaky?.[1]).toBe(1);
      expect(flaky?.[2]).toMatchObject({ retryable: true, willRetry: true, aborted: undefined });
      expect(flaky?.[2].error).toContain("not yet");
      expect(failed.find(([t]) => t === "bad")?.[2]).toMatchObject({ retryable: false, willRetry: false });

      const { job: h } = await c.submit("hold", {}, { maxAttempts: 3 });
      await waitFor(async () => (await c.get(h.id)).state === "running", 5000, "hold running");
      await c.cancel(h.id);
      await waitFor(() => failed.length === 3, 10_000, "the cancelled attempt's event");
      expect(failed[2]?.[2]).toMatchObject({ aborted: "cancelled", willRetry: false });
      expect(errors).toEqual([]);
    } finally {
      await w.close();
      c.close();
    }
  });
});

describe("the master is down", () => {
  test("submit fails within retryDeadlineMs with UNAVAILABLE against a closed port", async () => {
    const c = new Client({ master: await closedPort(), retryDeadlineMs: 400 });
    try {
      const t0 = Date.now();
      const e = await c.submit("t", {}).catch((x) => x);
      const ms = Date.now() - t0;
      expect(e).toBeInstanceOf(RpcError);
      expect(e.codeName).toBe("UNAVAILABLE");
      expect(ms).toBeGreaterThanOrEqual(300); // it retried rather than giving up at once
      expect(ms).toBeLessThan(3000);
    } finally {
      c.close();
    }
  });

  test("Worker.start() warns once, then rejects after startTimeoutMs naming the address", async () => {
    const address = await closedPort();
    const warnings: string[] = [];
    const w = new Worker({ master: address, startTimeoutMs: 300, handlers, log: { ...quiet, warn: (m) => warnings.push(m) } });
    const t0 = Date.now();
    const e = await w.start().catch((x) => x);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toContain(address);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(warnings.filter((m) => m.includes("unreachable"))).toHaveLength(1);
    await w.close(); // already stopped: resolves at once
  });
});

describe("default logger", () => {
  const child = join(import.meta.dir, "..", "fixtures", "sdk", "quiet-child.ts");
  const run = async (mode: string, address: string) => {
    const p = Bun.spawn([process.execPath, child, mode, address], { stdout: "pipe", stderr: "pipe" });
    const killer = setTimeout(() => p.kill("SIGKILL"), 15_000);
    const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
    clearTimeout(killer);
    return { out, err, code };
  };

  test("a Worker without a logger prints nothing on a normal run", async () => {
    await using m = await startTestMaster();
    const r = await run("run", m.address);
    expect(r).toEqual({ out: "", err: "", code: 0 });
  });

  test("a Worker without a logger writes warnings to stderr only", async () => {
    const r = await run("down", await closedPort());
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect(r.err).toContain("[falconq] master unreachable");
  });
});
