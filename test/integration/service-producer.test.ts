// FalconQueueService over real gRPC on 127.0.0.1:0 with an in-memory store:
// producer and inspection RPCs, and every error status they can return.

import { describe, expect, test } from "bun:test";
import { connect } from "node:net";
import { status } from "@grpc/grpc-js";
import { JobStatus } from "../../src/core/types.ts";
import { rejects, startTestMaster, waitFor } from "../helpers/master.ts";

const enc = (s: string) => new TextEncoder().encode(s);

// biome-ignore lint/suspicious/noExplicitAny: decoded wire messages
type Any = any;


describe("submit", () => {
  test("SubmitJob stores the job and answers with its id and state", async () => {
    await using m = await startTestMaster();
    const r = await m.rpc.call<Any>("SubmitJob", {
      job: { type: "email.send", payload: enc('{"to":"a@b"}'), options: { queue: "mail", priority: 5, max_attempts: 7 } },
    });
    expect(r.duplicate).toBe(false);
    expect(r.job.state).toBe(JobStatus.Pending);
    expect(r.job.queue).toBe("mail");
    expect(r.job.max_attempts).toBe(7);
    const got = await m.rpc.call<Any>("GetJob", { job_id: r.job.id });
    expect(Buffer.from(got.job.payload).toString()).toBe('{"to":"a@b"}');
    expect(m.journal.records().some((x) => x.kind === "submitted")).toBe(true);
  });

  test("an idempotency key returns the existing job", async () => {
    await using m = await startTestMaster();
    const job = { type: "t", options: { idempotency_key: "k-1" } };
    const a = await m.rpc.call<Any>("SubmitJob", { job });
    const b = await m.rpc.call<Any>("SubmitJob", { job });
    expect(b.duplicate).toBe(true);
    expect(b.job.id).toBe(a.job.id);
  });

  test("SubmitJobs keeps request order; a delay makes the job SCHEDULED", async () => {
    await using m = await startTestMaster();
    const r = await m.rpc.call<Any>("SubmitJobs", {
      jobs: [{ type: "a" }, { type: "b", options: { delay_ms: 60_000 } }],
    });
    expect(r.jobs.map((j: Any) => j.type)).toEqual(["a", "b"]);
    expect(r.jobs[1].state).toBe(JobStatus.Scheduled);
  });

  test("bad input is INVALID_ARGUMENT naming the field", async () => {
    await using m = await startTestMaster();
    await rejects(m.rpc.call("SubmitJob", { job: { type: "" } }), status.INVALID_ARGUMENT, /type/);
    await rejects(m.rpc.call("SubmitJob", {}), status.INVALID_ARGUMENT, /job is required/);
    await rejects(m.rpc.call("SubmitJob", { job: { type: "x".repeat(200) } }), status.INVALID_ARGUMENT, /job.type is 200 bytes; the limit is 128 bytes/);
    await rejects(m.rpc.call("SubmitJob", { job: { type: "t", options: { queue: "bad queue" } } }), status.INVALID_ARGUMENT, /queue/);
    await rejects(m.rpc.call("SubmitJob", { job: { type: "t", options: { max_attempts: -1 } } }), status.INVALID_ARGUMENT, /max_attempts/);
    await rejects(m.rpc.call("SubmitJob", { job: { type: "t", options: { delay_ms: -5 } } }), status.INVALID_ARGUMENT, /delay_ms/);
    await rejects(
      m.rpc.call("SubmitJob", { job: { type: "t", payload: new Uint8Array(1024 * 1024 + 1) } }),
      status.INVALID_ARGUMENT,
      /payload is 1048577 bytes; the limit is 1048576/,
    );
    await rejects(m.rpc.call("SubmitJobs", { jobs: [] }), status.INVALID_ARGUMENT, /at least one/);
    await rejects(m.rpc.call("SubmitJobs", { jobs: [{ type: "ok" }, { type: "" }] }), status.INVALID_ARGUMENT, /jobs\[1\].type/);
    // Nothing of the rejected batch was kept.
    expect((await m.rpc.call<Any>("GetStats", {})).jobs_total).toBe(0);
  });

  test("a full queue is RESOURCE_EXHAUSTED and keeps what it had", async () => {
    await using m = await startTestMaster({ limits: { queueJobsMax: 2 } });
    await m.rpc.call("SubmitJobs", { jobs: [{ type: "a" }, { type: "a" }] });
    await rejects(m.rpc.call("SubmitJob", { job: { type: "a" } }), status.RESOURCE_EXHAUSTED, /limit of 2/);
    expect((await m.rpc.call<Any>("GetStats", {})).jobs_total).toBe(2);
  });
});

describe("inspection and control", () => {
  test("GetJob of an unknown id is NOT_FOUND; an empty id is INVALID_ARGUMENT", async () => {
    await using m = await startTestMaster();
    await rejects(m.rpc.call("GetJob", { job_id: "nope" }), status.NOT_FOUND, /job "nope" not found/);
    await rejects(m.rpc.call("GetJob", { job_id: "" }), status.INVALID_ARGUMENT, /job_id/);
  });

  test("ListJobs filters and pages; an unknown state is INVALID_ARGUMENT", async () => {
    await using m = await startTestMaster();
    await m.rpc.call("SubmitJobs", { jobs: Array.from({ length: 5 }, (_, i) => ({ type: i % 2 ? "odd" : "even" })) });
    const p1 = await m.rpc.call<Any>("ListJobs", { type: "even", limit: 2 });
    expect(p1.jobs.length).toBe(2);
    const p2 = await m.rpc.call<Any>("ListJobs", { type: "even", limit: 2, page_token: p1.next_page_token });
    expect(p2.jobs.length).toBe(1);
    expect(p2.next_page_token).toBe("");
    const pending = await m.rpc.call<Any>("ListJobs", { state: JobStatus.Pending });
    expect(pending.jobs.length).toBe(5);
    await rejects(m.rpc.call("ListJobs", { state: 42 }), status.INVALID_ARGUMENT, /state is 42/);
    await rejects(m.rpc.call("ListJobs", { limit: 5000 }), status.INVALID_ARGUMENT, /limit/);
  });

  test("CancelJob and RetryJob follow the lifecycle", async () => {
    await using m = await startTestMaster();
    const { job } = await m.rpc.call<Any>("SubmitJob", { job: { type: "t" } });
    const c = await m.rpc.call<Any>("CancelJob", { job_id: job.id });
    expect(c.job.state).toBe(JobStatus.Cancelled);
    await rejects(m.rpc.call("CancelJob", { job_id: job.id }), status.FAILED_PRECONDITION, /cancelled already/);
    const r = await m.rpc.call<Any>("RetryJob", { job_id: job.id });
    expect(r.job.state).toBe(JobStatus.Pending);
    await rejects(m.rpc.call("RetryJob", { job_id: job.id }), status.FAILED_PRECONDITION, /only failed or cancelled/);
    await rejects(m.rpc.call("CancelJob", { job_id: "missing" }), status.NOT_FOUND, /missing/);
  });

  test("GetStats counts per queue; PauseQueue/ResumeQueue toggle and validate", async () => {
    await using m = await startTestMaster();
    await m.rpc.call("SubmitJobs", { jobs: [{ type: "a", options: { queue: "q1" } }, { type: "a" }] });
    await m.rpc.call("PauseQueue", { queue: "q1" });
    let s = await m.rpc.call<Any>("GetStats", {});
    const q1 = s.queues.find((q: Any) => q.queue === "q1");
    expect(q1).toMatchObject({ paused: true, pending: 1 });
    expect(s.version).toBe("test");
    await m.rpc.call("ResumeQueue", { queue: "q1" });
    s = await m.rpc.call<Any>("GetStats", {});
    expect(s.queues.find((q: Any) => q.queue === "q1").paused).toBe(false);
    await rejects(m.rpc.call("PauseQueue", { queue: "" }), status.INVALID_ARGUMENT, /queue/);
  });

  test("WatchJobs streams a change once it is durable; a watch without filter is INVALID_ARGUMENT", async () => {
    await using m = await startTestMaster();
    const { job } = await m.rpc.call<Any>("SubmitJob", { job: { type: "t" } });
    const events: Any[] = [];
    const stream = m.rpc.stream("WatchJobs", { job_ids: [job.id] });
    const ready = new Promise((r) => stream.once("metadata", r));
    stream.on("data", (e) => events.push(e));
    stream.on("error", () => {});
    await ready;
    await m.rpc.call("CancelJob", { job_id: job.id });
    await waitFor(() => events.length > 0, 3000, "watch event");
    expect(events[0].job_id).toBe(job.id);
    expect(events[0].state).toBe(JobStatus.Cancelled);
    stream.cancel();

    const bad = m.rpc.stream("WatchJobs", {});
    const err = await new Promise<Any>((r) => bad.on("error", r));
    expect(err.code).toBe(status.INVALID_ARGUMENT);
  });
});

describe("robustness", () => {
  test("a watcher that stops reading is cut off with RESOURCE_EXHAUSTED instead of growing the master's memory", async () => {
    await using m = await startTestMaster();
    const stream = m.rpc.stream("WatchJobs", { queue: "firehose" });
    const ready = new Promise((r) => stream.once("metadata", r));
    const ended = new Promise<Any>((r) => stream.on("error", r));
    stream.on("data", () => {});
    await ready;
    stream.pause(); // HTTP/2 flow control stops the master's writes; its backlog grows
    for (let i = 0; i < 4; i++) {
      await m.rpc.call("SubmitJobs", { jobs: Array.from({ length: 10_000 }, () => ({ type: "t", options: { queue: "firehose" } })) });
    }
    stream.resume();
    const err = await ended;
    expect(err.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(err.details).toMatch(/fell 10000 events behind/);
    expect((await m.rpc.call<Any>("GetStats", {})).jobs_total).toBe(40_000);
  });

  test("non-gRPC bytes on the port do not hurt the master", async () => {
    await using m = await startTestMaster();
    await new Promise<void>((resolve) => {
      const sock = connect(m.master.port, "127.0.0.1", () => {
        sock.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n\x00\xff garbage \x00".repeat(50));
      });
      sock.on("error", () => resolve());
      sock.on("close", () => resolve());
      setTimeout(() => sock.destroy(), 300);
    });
    const r = await m.rpc.call<Any>("SubmitJob", { job: { type: "still.ok" } });
    expect(r.job.type).toBe("still.ok");
  });

  test("a failed fsync stops writes: UNAVAILABLE now and after, nothing acknowledged", async () => {
    await using m = await startTestMaster();
    m.journal.failNextSync(new Error("fdatasync: EIO: i/o error"));
    await rejects(m.rpc.call("SubmitJob", { job: { type: "t" } }), status.UNAVAILABLE, /not durable|stopped accepting writes/);
    await rejects(m.rpc.call("SubmitJob", { job: { type: "t" } }), status.UNAVAILABLE, /stopped accepting writes/);
    const failed = await Promise.race([m.master.fatal, Bun.sleep(1000).then(() => undefined)]);
    expect(failed).toBeInstanceOf(Error);
  });
});
