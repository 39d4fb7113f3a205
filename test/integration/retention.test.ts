// Retention over gRPC. Per job: removeOnComplete / removeOnFail, where wait()
// and watch() still see the final state, after which the job and its
// idempotency key are gone. Per queue: SetQueueRetention.

import { describe, expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import { Client, JobStatus, NonRetryableError, RpcError, Worker } from "../../src/index.ts";
import { rejects, startTestMaster, waitFor } from "../helpers/master.ts";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

/** The client's get(), counting answers, so a test can tell when wait() has read the job's current state. */
function countGets(c: Client): { n: number } {
  const seen = { n: 0 };
  const get = c.get.bind(c);
  c.get = (async (id: string) => {
    const j = await get(id);
    seen.n++;
    return j;
  }) as typeof c.get;
  return seen;
}

async function notFound(p: Promise<unknown>): Promise<void> {
  const e = await p.then(
    () => undefined,
    (err) => err,
  );
  expect(e).toBeInstanceOf(RpcError);
  expect((e as RpcError).code).toBe(status.NOT_FOUND);
}

describe("removal on finish over gRPC", () => {
  test("removeOnComplete: wait() resolves COMPLETED with the result, then get() is NOT_FOUND and the key is free", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    const w = new Worker({ master: m.address, queues: ["rq"], log: quiet, handlers: { add: (job) => (job.data as { a: number }).a + 1 } });
    try {
      const { job } = await c.submit("add", { a: 41 }, { queue: "rq", removeOnComplete: true, idempotencyKey: "once" });
      expect(job.removeOnComplete).toBe(true);
      expect((await c.get(job.id)).removeOnComplete).toBe(true);
      const gets = countGets(c);
      const events: number[] = [];
      let stop = () => {};
      await new Promise<void>((onReady) => {
        stop = c.watch({ jobIds: [job.id] }, (j) => events.push(j.status), { onReady });
      });
      const waiting = c.wait<number>(job.id, 10_000);
      await waitFor(() => gets.n === 1, 5000, "wait() to read the job");
      await w.start(); // only now can the job run: wait() is in place
      const done = await waiting;
      expect(done.status).toBe(JobStatus.Completed);
      expect(done.returnValue).toBe(42);
      await waitFor(() => events.includes(JobStatus.Completed), 5000, "the COMPLETED watch event");
      stop();
      await notFound(c.get(job.id));
      const again = await c.submit("add", { a: 1 }, { queue: "rq", idempotencyKey: "once" });
      expect(again.duplicate).toBe(false);
      expect(again.job.id).not.toBe(job.id);
      expect((await c.wait(again.job.id, 10_000)).status).toBe(JobStatus.Completed);
      expect((await c.get(again.job.id)).status).toBe(JobStatus.Completed); // no flag: kept
    } finally {
      await w.close();
      c.close();
    }
  });

  test("removeOnFail: wait() resolves FAILED with the error, then get() is NOT_FOUND", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    const w = new Worker({
      master: m.address,
      log: quiet,
      handlers: {
        bad: () => {
          throw new NonRetryableError("no");
        },
      },
    });
    try {
      const { job } = await c.submit("bad", {}, { removeOnFail: true });
      const gets = countGets(c);
      const waiting = c.wait(job.id, 10_000);
      await waitFor(() => gets.n === 1, 5000, "wait() to read the job");
      await w.start();
      const done = await waiting;
      expect(done.status).toBe(JobStatus.Failed);
      expect(done.error).toContain("no");
      await notFound(c.get(job.id));
    } finally {
      await w.close();
      c.close();
    }
  });
});

describe("SetQueueRetention over gRPC", () => {
  test("a queue's own count bound removes its oldest completed jobs; other queues keep theirs", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    const w = new Worker({ master: m.address, queues: ["rq", "other"], log: quiet, handlers: { t: () => "ok" } });
    try {
      await c.setQueueRetention("rq", { completedCountMax: 1 });
      await w.start();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { job } = await c.submit("t", {}, { queue: "rq" });
        await c.wait(job.id, 10_000);
        ids.push(job.id);
      }
      const other = (await c.submit("t", {}, { queue: "other" })).job;
      await c.wait(other.id, 10_000);
      const listed = async (queue: string) => (await c.list({ queue })).jobs.map((j) => j.id);
      let left: string[] = [];
      await waitFor(async () => (left = await listed("rq")).length === 1, 5000, "retention of rq");
      expect(left).toEqual([ids[2] as string]);
      expect(await listed("other")).toEqual([other.id]);
    } finally {
      await w.close();
      c.close();
    }
  });

  test("bad bounds are INVALID_ARGUMENT naming the field; a missing retention is too", async () => {
    await using m = await startTestMaster();
    await rejects(
      m.rpc.call("SetQueueRetention", { retention: { queue: "q", completed_age_ms: -5 } }),
      status.INVALID_ARGUMENT,
      /retention\.completed_age_ms is -5/,
    );
    await rejects(m.rpc.call("SetQueueRetention", {}), status.INVALID_ARGUMENT, /retention is required/);
    await rejects(m.rpc.call("SetQueueRetention", { retention: { queue: "" } }), status.INVALID_ARGUMENT, /retention\.queue/);
  });
});
