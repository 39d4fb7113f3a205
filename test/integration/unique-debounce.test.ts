// Unique jobs and debounce through the public SDK against an in-process
// master: the options travel as JobOptions 14-20, the answers carry
// duplicate and its reason, conflicts are ALREADY_EXISTS.

import { describe, expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import { Client, JobStatus, Worker } from "../../src/index.ts";
import { rejects, startTestMaster, waitFor } from "../helpers/master.ts";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : "");

describe("unique jobs through the SDK", () => {
  test("a held key returns the holder with a reason; reject is ALREADY_EXISTS; the key frees when the job finishes", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const a = await c.submit("report", { month: 1 }, { queue: "reports", unique: { key: "report:2026-01" } });
      expect(a.duplicate).toBe(false);
      expect(a.reason).toBeUndefined();
      expect((await c.get(a.job.id)).uniqueKey).toBe("report:2026-01");
      const b = await c.submit("report", { month: 1 }, { queue: "reports", unique: { key: "report:2026-01" } });
      expect(b).toMatchObject({ duplicate: true, reason: `unique key "report:2026-01" held by job ${a.job.id} (pending)` });
      expect(b.job.id).toBe(a.job.id);
      await rejects(
        c.submit("report", {}, { queue: "reports", unique: { key: "report:2026-01", onConflict: "reject" } }),
        status.ALREADY_EXISTS,
        new RegExp(`unique key "report:2026-01" in queue reports is held by job ${a.job.id}`),
      );
      const many = await c.submitMany([
        { type: "report", queue: "reports", unique: { key: "report:2026-01" } },
        { type: "report", queue: "reports", unique: { key: "report:2026-02" } },
      ]);
      expect(many.map((r) => [r.duplicate, r.reason])).toEqual([
        [true, `unique key "report:2026-01" held by job ${a.job.id} (pending)`],
        [false, undefined],
      ]);
      await c.cancel(a.job.id);
      const again = await c.submit("report", {}, { queue: "reports", unique: { key: "report:2026-01" } });
      expect(again.duplicate).toBe(false);
      expect((await c.stats()).jobsTotal).toBe(3);
    } finally {
      c.close();
    }
  });

  test("scope ttl keeps the key after the job completed and reports until when", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    const w = new Worker({ master: m.address, queues: ["default"], handlers: { t: async () => "ok" }, log: quiet });
    try {
      await w.start();
      const a = await c.submit("t", {}, { unique: { key: "daily", scope: "ttl", ttlMs: 3_600_000 } });
      const done = await c.wait(a.job.id, 10_000);
      expect(done.status).toBe(JobStatus.Completed);
      expect(done.uniqueTtlMs).toBe(3_600_000);
      expect(done.uniqueUntil).toBe(done.finishedAt + 3_600_000);
      const b = await c.submit("t", {}, { unique: { key: "daily", scope: "ttl", ttlMs: 3_600_000 } });
      expect(b.duplicate).toBe(true);
      expect(b.reason).toContain(`held by job ${a.job.id} (completed; held until ${new Date(done.uniqueUntil).toISOString()})`);
    } finally {
      await w.close();
      c.close();
    }
  });

  test("options are checked on the master: a bad scope from plain JavaScript fails before it is sent", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address, retryDeadlineMs: 0 });
    try {
      await rejects(c.submit("t", {}, { unique: { key: "k", scope: "ttl" } }), status.INVALID_ARGUMENT, /jobs\[0\]\.options\.unique_ttl_ms must be set/);
      await expect(c.submit("t", {}, { unique: { key: "k", scope: "forever" as "ttl" } })).rejects.toThrow('unique.scope must be unfinished or ttl, got "forever"');
    } finally {
      c.close();
    }
  });
});

describe("debounce through the SDK", () => {
  test("submits while a job waits update it; one follow-up while it runs", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    const w = new Worker({
      master: m.address,
      queues: ["search"],
      handlers: {
        reindex: async (job) => {
          seen.push(text(job.payload));
          if (seen.length === 1) await gate;
        },
      },
      log: quiet,
    });
    try {
      const opts = (delayMs: number) => ({ queue: "search", debounce: { key: "user:42", delayMs } });
      const a = await c.submit("reindex", "v1", opts(60_000));
      expect(a.job.status).toBe(JobStatus.Scheduled);
      expect(a.job.debounceKey).toBe("user:42");
      const b = await c.submit("reindex", "v2", opts(300));
      expect(b).toMatchObject({ duplicate: true, reason: `debounced into job ${a.job.id}` });
      const stored = await c.get(a.job.id);
      expect(text(stored.payload)).toBe("v2");
      expect(stored.runAt).toBeLessThan(a.job.runAt); // the latest submit's delay wins
      await w.start();
      await waitFor(() => seen.length === 1, 10_000, "the debounced job to start");
      expect(seen).toEqual(["v2"]);
      // It runs: the next submit makes the follow-up, and the one after that is debounced into it.
      const f = await c.submit("reindex", "v3", opts(300));
      expect(f.duplicate).toBe(false);
      const g = await c.submit("reindex", "v4", { ...opts(300), debounce: { key: "user:42", delayMs: 300, mode: "extend" as const } });
      expect(g).toMatchObject({ duplicate: true, reason: `debounced into job ${f.job.id}` });
      release();
      await c.wait(f.job.id, 10_000);
      expect(seen).toEqual(["v2", "v3"]);
      expect((await c.stats()).jobsTotal).toBe(2);
    } finally {
      release();
      await w.close();
      c.close();
    }
  });
});
