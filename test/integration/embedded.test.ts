// Embedded mode end to end: the master runtime and a pool in this process on
// a real data dir. A job submitted here runs in a handler here, its result is
// durable across close() and a reopen of the same dir, and with `listen` the
// same queue serves a gRPC Client.

import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type EmbeddedQueue, JobStatus, type JobView, NonRetryableError, startEmbedded } from "../../src/index.ts";
import { quietLog } from "../helpers/worker-master.ts";

const dirs: string[] = [];
const open: EmbeddedQueue[] = [];

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), "falconq-embedded-"));
  dirs.push(d);
  return d;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(o: Parameters<typeof startEmbedded>[0]): Promise<EmbeddedQueue> {
  const q = await startEmbedded({ log: quietLog, ...o });
  open.push(q);
  return q;
}

const handlers = {
  "math.add": (job: { data: unknown }) => {
    const { a, b } = job.data as { a: number; b: number };
    return { sum: a + b };
  },
  "input.reject": () => {
    throw new NonRetryableError("bad input");
  },
};

const result = (j: JobView): unknown => JSON.parse(new TextDecoder().decode(j.result));

describe("startEmbedded", () => {
  test("submit -> handler runs -> result; after close() the same data dir still has the completed job", async () => {
    const dir = dataDir();
    const q = await start({ dataDir: dir, handlers, concurrency: 2 });
    expect(q.address).toBeUndefined(); // no port unless asked
    expect(q.workerId).toBeString();
    const { job } = await q.submit("math.add", { a: 2, b: 3 });
    const done = await q.wait(job.id, 10_000);
    expect(done.status).toBe(JobStatus.Completed);
    expect(result(done)).toEqual({ sum: 5 });
    // The same decoded view as the gRPC client's: state by name, result decoded.
    expect(done.state).toBe("completed");
    expect(done.returnValue).toEqual({ sum: 5 });
    const rejected = await q.wait((await q.submit("input.reject", {}, { maxAttempts: 5 })).job.id, 10_000);
    expect(rejected.status).toBe(JobStatus.Failed);
    expect(rejected.attempt).toBe(1);
    // No handler for this type anywhere: it waits, durably, rather than failing.
    const orphan = (await q.submit("nobody.handles", "x")).job;
    await q.close();

    const again = await start({ dataDir: dir, handlers: {}, concurrency: 1 });
    const reread = await again.get(job.id);
    expect(reread.status).toBe(JobStatus.Completed);
    expect(result(reread)).toEqual({ sum: 5 });
    expect((await again.get(rejected.id)).status).toBe(JobStatus.Failed);
    expect((await again.get(orphan.id)).status).toBe(JobStatus.Pending);
  });

  test("a second open of a data dir in use is refused", async () => {
    const dir = dataDir();
    await start({ dataDir: dir, handlers });
    await expect(startEmbedded({ dataDir: dir, handlers, log: quietLog })).rejects.toThrow(/lock|in use|another/i);
  });

  test("close() rejects a pending wait() and is idempotent", async () => {
    const q = await start({ dataDir: dataDir(), handlers, concurrency: 0 });
    expect(q.workerId).toBeUndefined();
    const { job } = await q.submit("math.add", { a: 1, b: 1 });
    const waiting = q.wait(job.id).then(
      () => undefined,
      (e: Error) => e.message,
    );
    await Promise.all([q.close(), q.close()]);
    expect(await waiting).toContain("closed");
  });

  test("wait() with a timeout rejects when the job does not finish; get() of an unknown id rejects", async () => {
    const q = await start({ dataDir: dataDir(), handlers, concurrency: 0 });
    const { job } = await q.submit("math.add", { a: 1, b: 1 });
    await expect(q.wait(job.id, 20)).rejects.toThrow("not finished after 20 ms");
    await expect(q.get("00000000000000000000000000")).rejects.toThrow(/not found/);
  });

  test("with `listen` the same queue serves a gRPC Client on 127.0.0.1", async () => {
    const q = await start({ dataDir: dataDir(), handlers, listen: { host: "127.0.0.1", port: 0 } });
    expect(q.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const client = new Client({ master: q.address });
    try {
      const { job } = await client.submit("math.add", { a: 40, b: 2 });
      expect(result(await client.wait(job.id, 10_000))).toEqual({ sum: 42 });
      expect(result(await q.get(job.id))).toEqual({ sum: 42 });
    } finally {
      client.close();
    }
  });
});

describe("startEmbedded workflows", () => {
  test("a flow runs children first; the in-process pool's ctx.dependencies() reads their results; a batch fires once", async () => {
    const q = await start({
      dataDir: dataDir(),
      concurrency: 4,
      handlers: {
        ...handlers,
        "math.sum": async (_job: unknown, ctx: { dependencies(): Promise<{ result: unknown }[]> }) => {
          const deps = await ctx.dependencies();
          return deps.reduce((n, d) => n + (d.result as { sum: number }).sum, 0);
        },
        "batch.done": () => "done",
      },
    });
    const flow = await q.submitFlow({ type: "math.sum", children: [{ type: "math.add", payload: { a: 1, b: 2 } }, { type: "math.add", payload: { a: 3, b: 4 } }] });
    const root = await q.wait(flow.flowId, 10_000);
    expect(root.returnValue).toBe(10);
    const b = await q.createBatch({ onComplete: { type: "batch.done" } });
    const { job } = await q.submit("math.add", { a: 0, b: 0 }, { batchId: b.id });
    await q.wait(job.id, 10_000);
    const closed = await q.closeBatch(b.id);
    expect(closed.onCompleteJobId).not.toBe("");
    expect((await q.wait(closed.onCompleteJobId, 10_000)).returnValue).toBe("done");
  });
});
