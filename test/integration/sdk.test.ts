// The public SDK (`import { Client, Worker } from "falconq"`) against an
// in-process master on 127.0.0.1:0.

import { describe, expect, test } from "bun:test";
import { Client, JobStatus, NonRetryableError, RpcError, Worker } from "../../src/index.ts";
import { startTestMaster, waitFor } from "../helpers/master.ts";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : "");

describe("Client", () => {
  test("close() ends a pending wait() with an error instead of leaving it hanging", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    const { job } = await c.submit("never.runs");
    const waiting = c.wait(job.id, 60_000);
    waiting.catch(() => {}); // asserted below
    // The watch is in place once the master sent its headers; wait for that, then close the client under it.
    let ready = false;
    const stop = c.watch({ jobIds: [job.id] }, () => {}, { onReady: () => (ready = true) });
    await waitFor(() => ready, 5000, "a watch on the same connection");
    stop();
    c.close();
    await expect(waiting).rejects.toThrow(/cancel|clos/i);
  });

  test("submit, get, list, cancel, retry and stats", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const { job, duplicate } = await c.submit("email.send", { to: "a@b.c" }, { queue: "mail", priority: 3, maxAttempts: 4 });
      expect(duplicate).toBe(false);
      const got = await c.get(job.id);
      expect(got).toMatchObject({ id: job.id, queue: "mail", type: "email.send", priority: 3, maxAttempts: 4, status: JobStatus.Pending });
      expect(text(got.payload)).toBe('{"to":"a@b.c"}');
      const many = await c.submitMany([{ type: "a" }, { type: "b", payload: "raw text" }]);
      expect(many.map((r) => r.job.type)).toEqual(["a", "b"]);
      expect(text((await c.get(many[1]!.job.id)).payload)).toBe("raw text");
      const listed = await c.list({ queue: "default" });
      expect(listed.jobs.map((j) => j.type)).toEqual(["a", "b"]);
      expect((await c.cancel(job.id)).status).toBe(JobStatus.Cancelled);
      expect((await c.retryJob(job.id)).status).toBe(JobStatus.Pending);
      const stats = await c.stats();
      expect(stats.queues.find((q) => q.queue === "mail")?.pending).toBe(1);
    } finally {
      c.close();
    }
  });

  test("the same idempotency key never makes a second job", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const a = await c.submit("t", {}, { idempotencyKey: "order-42" });
      const b = await c.submit("t", {}, { idempotencyKey: "order-42" });
      expect(b.duplicate).toBe(true);
      expect(b.job.id).toBe(a.job.id);
      expect((await c.stats()).jobsTotal).toBe(1);
    } finally {
      c.close();
    }
  });

  test("errors arrive as RpcError with the status and the master's message", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address, retryDeadlineMs: 0 });
    try {
      const e = await c.get("missing").catch((x) => x);
      expect(e).toBeInstanceOf(RpcError);
      expect(e.codeName).toBe("NOT_FOUND");
      expect(e.message).toContain("missing");
    } finally {
      c.close();
    }
  });
});

describe("Worker", () => {
  test("runs handlers, stores results, retries failures, fails NonRetryableError at once; wait() and watch() see the outcome", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    let flaky = 0;
    const w = new Worker({
      master: m.address,
      concurrency: 3,
      log: quiet,
      handlers: {
        add: (job) => {
          const { a, b } = job.data as { a: number; b: number };
          return { sum: a + b };
        },
        flaky: async (_job, ctx) => {
          flaky++;
          if (ctx.attempt < 2) throw new Error("not yet");
          await ctx.progress(1);
          return "ok";
        },
        bad: () => {
          throw new NonRetryableError("payload is wrong");
        },
      },
    });
    try {
      const { workerId } = await w.start();
      expect(workerId).toMatch(/^w-/);
      const seen: number[] = [];
      const { job: add } = await c.submit("add", { a: 2, b: 40 });
      const ready = new Promise<void>((r) => {
        const stop = c.watch({ jobIds: [add.id] }, (j) => seen.push(j.status), { onReady: r });
        setTimeout(stop, 5000);
      });
      await ready;
      const done = await c.wait(add.id, 10_000);
      expect(done.status).toBe(JobStatus.Completed);
      expect(JSON.parse(text(done.result))).toEqual({ sum: 42 });
      const { job: f } = await c.submit("flaky", {}, { maxAttempts: 3, backoffBaseMs: 10 });
      const fd = await c.wait(f.id, 10_000);
      expect(fd).toMatchObject({ status: JobStatus.Completed, attempt: 2, progress: "1" });
      expect(flaky).toBe(2);
      const { job: b } = await c.submit("bad", {}, { maxAttempts: 5 });
      const bd = await c.wait(b.id, 10_000);
      expect(bd).toMatchObject({ status: JobStatus.Failed, attempt: 1 });
      expect(bd.error).toContain("payload is wrong");
      await waitFor(() => seen.includes(JobStatus.Completed), 3000, "watch event");
      expect(w.stats.completed).toBe(2);
    } finally {
      await w.close();
      c.close();
    }
    expect((await m.rpc.call<{ workers: unknown[] }>("ListWorkers", {})).workers).toEqual([]);
  });
});
