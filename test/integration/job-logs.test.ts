// ctx.log lines travel with the ack over gRPC, are stored on the job through
// the WAL (replay keeps them), and come back on get(); the master refuses
// lines past jobLogLinesMax / jobLogBytesMax before anything reaches the WAL.

import { describe, expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import { defaultLimits } from "../../src/core/config.ts";
import { Client, JobStatus, Worker } from "../../src/index.ts";
import { replay } from "../helpers/core.ts";
import { rejects, startTestMaster, waitFor } from "../helpers/master.ts";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const line = (level: string, msg: string) => new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ${level} ${msg}$`);
// biome-ignore lint/suspicious/noExplicitAny: replies read as they come
type Any = any;

describe("job logs", () => {
  test("a handler's 3 lines are on the job after completion, in get() and after replay, not in a plain list", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    const w = new Worker({
      master: m.address,
      log: quiet,
      handlers: {
        talk: (_job, ctx) => {
          ctx.log.info("starting");
          ctx.log.warn("half way ✓");
          ctx.log.debug("done");
          return 1;
        },
      },
    });
    try {
      await w.start();
      const { job } = await c.submit("talk");
      const done = await c.wait(job.id, 10_000);
      expect(done.status).toBe(JobStatus.Completed);
      const got = await c.get(job.id);
      expect(got.logs).toHaveLength(3);
      expect(got.logs[0]).toMatch(line("INFO", "starting"));
      expect(got.logs[1]).toMatch(line("WARN", "half way ✓"));
      expect(got.logs[2]).toMatch(line("DEBUG", "done"));
      expect((await c.list({})).jobs[0]?.logs).toEqual([]);
      expect((await c.list({ withPayloads: true })).jobs[0]?.logs).toEqual(got.logs);
      // Recovery applies the same WAL records, decoded from their bytes.
      const replayed = replay(m.journal.records()).jobs.get(job.id);
      expect(replayed?.extra?.logs).toEqual(got.logs);
    } finally {
      await w.close();
      c.close();
    }
  });

  test("the last attempt's lines replace the earlier attempt's; a failed attempt keeps its own", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    let runs = 0;
    const w = new Worker({
      master: m.address,
      log: quiet,
      handlers: {
        flaky: (_job, ctx) => {
          runs++;
          ctx.log.error(`run ${runs}`);
          if (runs === 1) throw new Error("first run fails");
          return "ok";
        },
      },
    });
    try {
      await w.start();
      const { job } = await c.submit("flaky", {}, { maxAttempts: 2, backoffBaseMs: 1, backoffMaxMs: 1 });
      await c.wait(job.id, 10_000);
      const got = await c.get(job.id);
      expect(got.status).toBe(JobStatus.Completed);
      expect(got.logs).toHaveLength(1);
      expect(got.logs[0]).toMatch(line("ERROR", "run 2"));
      const failed = m.journal.records().find((r) => r.kind === "attemptFailed");
      expect(failed?.kind === "attemptFailed" && failed.logs?.[0]).toMatch(line("ERROR", "run 1"));
    } finally {
      await w.close();
      c.close();
    }
  });

  test("an ack past the line or byte bound is INVALID_ARGUMENT and writes nothing", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const { job } = await c.submit("raw");
      const { worker_id } = await m.rpc.call<Any>("RegisterWorker", { hostname: "t", pid: 1, concurrency: 1 });
      const poll = await m.rpc.call<Any>("PollJobs", { worker_id, count: 1 });
      const token = poll.jobs[0].lease_token;
      const ack = (logs: string[], success = true) =>
        m.rpc.call("AcknowledgeJob", { worker_id, job_id: job.id, lease_token: token, success, error: "x", logs });
      const before = m.journal.recordCount;
      const tooMany = Array.from({ length: defaultLimits.jobLogLinesMax + 1 }, (_, i) => `l${i}`);
      await rejects(ack(tooMany), status.INVALID_ARGUMENT, /logs has 51 lines; the limit is 50 lines/);
      await rejects(ack(["x".repeat(defaultLimits.jobLogBytesMax + 1)], false), status.INVALID_ARGUMENT, /logs are 16385 bytes/);
      expect(m.journal.recordCount).toBe(before);
      expect((await c.get(job.id)).status).toBe(JobStatus.Running);
      await ack(["fits"]);
      await waitFor(async () => (await c.get(job.id)).status === JobStatus.Completed, 3000, "the job to complete");
      expect((await c.get(job.id)).logs).toEqual(["fits"]);
    } finally {
      c.close();
    }
  });
});
