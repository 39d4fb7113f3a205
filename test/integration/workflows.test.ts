// Dependencies, flows and batches through the SDK against an in-process
// master (docs/workflows.md): a worker's ctx.dependencies() sees the results
// of the jobs it waited for; batches fire their callbacks once.

import { describe, expect, test } from "bun:test";
import {
  Client,
  type DependencyInfo,
  JobStatus,
  RpcError,
  Worker,
} from "../../src/index.ts";

import { startTestMaster } from "../helpers/master.ts";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const text = (b: Uint8Array | undefined) =>
  b ? new TextDecoder().decode(b) : "";

describe("workflows through the SDK", () => {
  test("a flow's parent runs after its children and reads their results with ctx.dependencies()", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    const seen: DependencyInfo[][] = [];
    const order: string[] = [];
    const w = new Worker({
      master: m.address,
      concurrency: 4,
      log: quiet,
      handlers: {
        num: async (job, ctx) => {
          order.push(`num:${(job.data as { n: number }).n}`);
          expect(await ctx.dependencies()).toEqual([]);
          return (job.data as { n: number }).n;
        },
        sum: async (_job, ctx) => {
          order.push("sum");
          const deps = await ctx.dependencies();
          seen.push(deps);
          return deps.reduce((a, d) => a + (d.result as number), 0);
        },
      },
    });
    try {
      await w.start();
      const flow = await c.submitFlow({
        type: "sum",
        children: [1, 2, 3].map((n) => ({ type: "num", payload: { n } })),
      });
      expect(flow.duplicate).toBe(false);
      const [root, ...kids] = flow.jobs;
      expect(root?.state).toBe("waiting");
      expect(root?.dependsOn).toEqual(kids.map((k) => k.id));
      expect(
        kids.every((k) => k.parentId === root?.id && k.flowId === flow.flowId),
      ).toBe(true);
      expect(text(kids[2]?.payload)).toBe('{"n":3}');
      const done = await c.wait(root?.id as string, 20_000);
      expect(done.status).toBe(JobStatus.Completed);
      expect(done.returnValue).toBe(6);
      expect(order.at(-1)).toBe("sum");
      expect(seen[0]?.map((d) => [d.type, d.state, d.result])).toEqual([
        ["num", "completed", 1],
        ["num", "completed", 2],
        ["num", "completed", 3],
      ]);
      const got = await c.get(kids[0]?.id as string);
      expect(got).toMatchObject({ parentId: root?.id, flowId: flow.flowId });
    } finally {
      await w.close();
      c.close();
    }
  });

  test("depends_on with a policy; a cycle and unknown ids are INVALID_ARGUMENT", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address, retryDeadlineMs: 0 });
    try {
      const { job: a } = await c.submit("never.runs");
      const { job: b } = await c.submit(
        "after",
        {},
        { dependsOn: [a.id], onDependencyFailure: "cancel" },
      );
      expect(b.state).toBe("waiting");
      expect((await c.get(b.id)).dependenciesUnfinished).toBe(1);
      await c.cancel(a.id);
      const after = await c.get(b.id);
      expect(after.status).toBe(JobStatus.Cancelled);
      expect(after.error).toContain(a.id);
      const bad = await c
        .submit("x", {}, { dependsOn: ["nope"] })
        .catch((e) => e);
      expect(bad).toBeInstanceOf(RpcError);
      expect(bad.codeName).toBe("INVALID_ARGUMENT");
      const cyc = await c
        .submitFlow({
          type: "r",
          children: [
            { type: "a", ref: "a", dependsOnRefs: ["b"] },
            { type: "b", ref: "b", dependsOnRefs: ["a"] },
          ],
        })
        .catch((e) => e);
      expect(cyc.codeName).toBe("INVALID_ARGUMENT");
      expect(cyc.message).toContain("cycle");
      expect((await c.stats()).jobsTotal).toBe(2);
    } finally {
      c.close();
    }
  });

  test("a batch fires on_complete and on_success once, with the counts", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    const callbacks: Record<string, string>[] = [];
    const w = new Worker({
      master: m.address,
      concurrency: 4,
      log: quiet,
      handlers: {
        work: () => "ok",
        "batch.done": (job) => {
          callbacks.push({ kind: "done", ...job.metadata });
        },
        "batch.ok": (job) => {
          callbacks.push({ kind: "ok", ...job.metadata });
        },
      },
    });
    try {
      await w.start();
      const batch = await c.createBatch({
        onComplete: { type: "batch.done", payload: { x: 1 } },
        onSuccess: { type: "batch.ok" },
        description: "import",
      });
      expect(batch).toMatchObject({
        closed: false,
        total: 0,
        onCompleteType: "batch.done",
      });
      const jobs = await c.submitMany(
        [1, 2, 3].map(() => ({ type: "work", batchId: batch.id })),
      );
      expect(jobs.every((j) => j.job.batchId === batch.id)).toBe(true);
      await c.closeBatch(batch.id);
      let b = await c.getBatch(batch.id);
      for (let i = 0; i < 200 && b.firedAt === 0; i++) {
        await Bun.sleep(25);
        b = await c.getBatch(batch.id);
      }
      expect(b).toMatchObject({
        closed: true,
        total: 3,
        completed: 3,
        failed: 0,
        unfinished: 0,
      });
      const done = await c.wait(b.onCompleteJobId, 10_000);
      expect(text(done.payload)).toBe('{"x":1}');
      await c.wait(b.onSuccessJobId, 10_000);
      expect(callbacks.map((x) => x.kind).sort()).toEqual(["done", "ok"]);
      expect(callbacks[0]).toMatchObject({
        batch_id: batch.id,
        batch_total: "3",
        batch_completed: "3",
        batch_failed: "0",
        batch_cancelled: "0",
      });
      const closedAgain = await c
        .submit("work", {}, { batchId: batch.id })
        .catch((e) => e);
      expect(closedAgain.codeName).toBe("FAILED_PRECONDITION");
    } finally {
      await w.close();
      c.close();
    }
  });

  test("a 10,000-child fan-in flow is accepted in one call and its parent waits on every child", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const t0 = performance.now();
      const flow = await c.submitFlow({
        type: "merge",
        children: Array.from({ length: 10_000 }, (_, i) => ({
          type: "part",
          payload: { i },
        })),
      });
      const ms = performance.now() - t0;
      expect(flow.jobs.length).toBe(10_001);
      const parent = await c.get(flow.flowId);
      expect(parent).toMatchObject({
        status: JobStatus.Waiting,
        dependenciesUnfinished: 10_000,
      });
      expect(parent.dependsOn.length).toBe(10_000);
      console.log(`SubmitFlow of 10,001 jobs over gRPC: ${ms.toFixed(0)} ms`);
    } finally {
      c.close();
    }
  });
});
