// removeOnComplete / removeOnFail over gRPC: wait() and watch() still see the
// final state, after which the job and its idempotency key are gone.

import { describe, expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import { Client, JobStatus, NonRetryableError, RpcError, Worker } from "../../src/index.ts";
import { startTestMaster, waitFor } from "../helpers/master.ts";

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
