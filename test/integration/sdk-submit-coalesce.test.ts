// The SDK's submit coalescing (src/client/batcher.ts) against an in-process
// master: concurrent submit() calls of one client go out as one SubmitJobs
// call, each caller gets its own job or its own error, one refused job does
// not fail the others, call order is job order, and close() sends what still
// lingers.

import { describe, expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import { Client, RpcError } from "../../src/index.ts";
import { startTestMaster } from "../helpers/master.ts";

const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : "");

/** Counts the SubmitJobs calls the client makes, and the jobs of each. */
function countSubmitCalls(c: Client): number[] {
  const sizes: number[] = [];
  const call = c.rpc.call.bind(c.rpc);
  c.rpc.call = ((method: string, req: { jobs?: unknown[] }, timeoutMs?: number) => {
    if (method === "SubmitJobs") sizes.push(req.jobs?.length ?? 0);
    return call(method as "SubmitJobs", req as never, timeoutMs);
  }) as typeof c.rpc.call;
  return sizes;
}

describe("submit() coalescing", () => {
  test("concurrent submits go out as one call; each caller gets its own job", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const calls = countSubmitCalls(c);
      const rs = await Promise.all(Array.from({ length: 50 }, (_, i) => c.submit(`t${i}`, { n: i }, { queue: i % 2 === 0 ? "even" : "odd", priority: i % 5 })));
      expect(calls).toEqual([50]);
      for (const [i, r] of rs.entries()) {
        expect(r.duplicate).toBe(false);
        expect(r.job).toMatchObject({ type: `t${i}`, queue: i % 2 === 0 ? "even" : "odd", priority: i % 5 });
        expect(r.job.data).toEqual({ n: i });
        const stored = await c.get(r.job.id);
        expect(stored.type).toBe(`t${i}`);
        expect(text(stored.payload)).toBe(JSON.stringify({ n: i }));
      }
      expect(new Set(rs.map((r) => r.job.id)).size).toBe(50);
    } finally {
      await c.close();
    }
  });

  test("one refused job fails only its own caller, with the error a lone submit gets", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address, retryDeadlineMs: 0 });
    const lone = new Client({ master: m.address, retryDeadlineMs: 0, submitLingerMs: 0 });
    try {
      const calls = countSubmitCalls(c);
      const ps = Array.from({ length: 9 }, (_, i) => c.submit("ok", { i }, i === 5 ? { priority: 1e9 } : {}));
      const settled = await Promise.allSettled(ps);
      const expected = await lone.submit("ok", { i: 5 }, { priority: 1e9 }).catch((e) => e);
      expect(expected).toBeInstanceOf(RpcError);
      for (const [i, s] of settled.entries()) {
        if (i === 5) {
          expect(s.status).toBe("rejected");
          const e = (s as PromiseRejectedResult).reason as RpcError;
          expect(e).toBeInstanceOf(RpcError);
          expect(e.codeName).toBe("INVALID_ARGUMENT");
          expect(e.message).toBe(expected.message);
        } else {
          expect(s.status).toBe("fulfilled");
          expect((s as PromiseFulfilledResult<{ job: { data: unknown } }>).value.job.data).toEqual({ i });
        }
      }
      expect(calls[0]).toBe(9); // then halves, down to the refused job
      expect((await c.stats()).jobsTotal).toBe(8);
    } finally {
      await c.close();
      await lone.close();
    }
  });

  test("a unique key taken twice in one batch: the first caller gets the job, the second ALREADY_EXISTS", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address, retryDeadlineMs: 0 });
    try {
      const unique = { key: "k", onConflict: "reject" as const };
      const [a, b, d] = await Promise.allSettled([c.submit("u", 1, { unique }), c.submit("u", 2, { unique }), c.submit("other", 3)]);
      expect(a.status).toBe("fulfilled");
      expect(b.status).toBe("rejected");
      expect(((b as PromiseRejectedResult).reason as RpcError).codeName).toBe("ALREADY_EXISTS");
      expect(((b as PromiseRejectedResult).reason as RpcError).message).toContain((a as PromiseFulfilledResult<{ job: { id: string } }>).value.job.id);
      expect(d.status).toBe("fulfilled");
    } finally {
      await c.close();
    }
  });

  test("job ids follow call order, over several batches and a split one", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address, retryDeadlineMs: 0, submitBatchMax: 16 });
    try {
      const calls = countSubmitCalls(c);
      const ps = Array.from({ length: 200 }, (_, i) => c.submit("seq", { i }, i === 37 || i === 150 ? { priority: 1e9 } : {}).catch(() => undefined));
      const rs = await Promise.all(ps);
      expect(calls.length).toBeGreaterThan(200 / 16);
      expect(Math.max(...calls)).toBeLessThanOrEqual(16);
      const ids = rs.flatMap((r, i) => (r === undefined ? [] : [{ i, id: r.job.id }]));
      expect(ids.map((x) => x.i)).toEqual(Array.from({ length: 200 }, (_, i) => i).filter((i) => i !== 37 && i !== 150));
      const byId = [...ids].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      expect(byId.map((x) => x.i)).toEqual(ids.map((x) => x.i));
      // The master's own order (oldest first) is the call order too.
      const listed = await c.list({ queue: "default", limit: 1000, withPayloads: true });
      expect(listed.jobs.map((j) => (j.data as { i: number }).i)).toEqual(ids.map((x) => x.i));
    } finally {
      await c.close();
    }
  });

  test("batches stay within submitBatchBytesMax; a bigger job goes alone", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address, submitBatchBytesMax: 10_000 });
    try {
      const calls = countSubmitCalls(c);
      const big = "x".repeat(20_000);
      const small = "y".repeat(3000);
      const rs = await Promise.all([c.submit("s", small), c.submit("s", small), c.submit("b", big), c.submit("s", small), c.submit("s", small), c.submit("s", small)]);
      expect(rs.map((r) => r.job.type)).toEqual(["s", "s", "b", "s", "s", "s"]);
      expect(calls).toEqual([2, 1, 3]);
    } finally {
      await c.close();
    }
  });

  test("a batch whose answer is lost is sent again and makes no second job: each caller gets its own job", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const call = c.rpc.call.bind(c.rpc);
      const sent: string[][] = [];
      c.rpc.call = (async (method: string, req: { jobs?: { options?: { idempotency_key?: string } }[] }, timeoutMs?: number) => {
        if (method !== "SubmitJobs") return call(method as "SubmitJobs", req as never, timeoutMs);
        sent.push((req.jobs ?? []).map((j) => j.options?.idempotency_key ?? ""));
        const res = await call(method, req as never, timeoutMs);
        if (sent.length === 1) throw new RpcError(status.UNAVAILABLE, "the answer was lost");
        return res;
      }) as typeof c.rpc.call;
      const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => c.submit("lost", { i })));
      expect(sent.length).toBe(2);
      expect(sent[1]).toEqual(sent[0] as string[]);
      expect(new Set(sent[0]).size).toBe(10);
      expect(rs.every((r) => r.duplicate)).toBe(true);
      for (const [i, r] of rs.entries()) expect((await c.get(r.job.id)).data).toEqual({ i });
      expect((await c.stats()).jobsTotal).toBe(10);
    } finally {
      await c.close();
    }
  });

  test("submitLingerMs 0: one call per submit", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address, submitLingerMs: 0 });
    try {
      const calls = countSubmitCalls(c);
      await Promise.all(Array.from({ length: 5 }, () => c.submit("one")));
      expect(calls).toEqual([1, 1, 1, 1, 1]);
    } finally {
      await c.close();
    }
  });

  test("submitLingerMs below 1: the calls of one event-loop turn go together", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address, submitLingerMs: 0.5 });
    try {
      const calls = countSubmitCalls(c);
      const rs = await Promise.all(Array.from({ length: 30 }, (_, i) => c.submit("turn", i)));
      expect(rs.map((r) => r.job.data)).toEqual(Array.from({ length: 30 }, (_, i) => i));
      expect(calls).toEqual([30]);
      await c.submit("alone");
      expect(calls).toEqual([30, 1]);
    } finally {
      await c.close();
    }
  });

  test("close() sends the submits still lingering, then closes; later submits are refused", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address, submitLingerMs: 60_000 });
    const other = new Client({ master: m.address });
    try {
      const ps = Array.from({ length: 7 }, (_, i) => c.submit("late", { i }));
      const t0 = performance.now();
      await c.close();
      expect(performance.now() - t0).toBeLessThan(10_000);
      const rs = await Promise.all(ps);
      expect(rs.map((r) => r.job.data)).toEqual(Array.from({ length: 7 }, (_, i) => ({ i })));
      for (const r of rs) expect((await other.get(r.job.id)).type).toBe("late");
      const after = await c.submit("after").catch((e) => e);
      expect(after).toBeInstanceOf(RpcError);
      expect((after as RpcError).codeName).toBe("CANCELLED");
    } finally {
      await other.close();
    }
  });

  test("option checks", () => {
    expect(() => new Client({ submitLingerMs: -1 })).toThrow(/submitLingerMs/);
    expect(() => new Client({ submitBatchMax: 0 })).toThrow(/submitBatchMax/);
    expect(() => new Client({ submitBatchBytesMax: 0 })).toThrow(/submitBatchBytesMax/);
  });
});
