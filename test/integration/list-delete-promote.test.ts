// ListJobs (order, search, scan bound, remaining), DeleteJob and PromoteJob
// over real gRPC on 127.0.0.1:0, through the raw wire and the SDK client.

import { describe, expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import { Client } from "../../src/client/client.ts";
import { JobStatus } from "../../src/core/types.ts";
import { rejects, startTestMaster } from "../helpers/master.ts";

// biome-ignore lint/suspicious/noExplicitAny: decoded wire messages
type Any = any;

const enc = (s: string) => new TextEncoder().encode(s);
const NEWEST_FIRST = 2;
const OLDEST_FIRST = 1;

async function submitMany(m: { rpc: { call<T>(method: string, req: unknown): Promise<T> } }, n: number, type = "t"): Promise<string[]> {
  const r = await m.rpc.call<Any>("SubmitJobs", { jobs: Array.from({ length: n }, () => ({ type })) });
  return r.jobs.map((j: Any) => j.id);
}

describe("ListJobs", () => {
  test("order NEWEST_FIRST pages backwards; the default and OLDEST_FIRST page forwards; remaining counts what follows", async () => {
    await using m = await startTestMaster();
    const ids = await submitMany(m, 25);
    const first = await m.rpc.call<Any>("ListJobs", { limit: 10, order: NEWEST_FIRST });
    expect(first.jobs.map((j: Any) => j.id)).toEqual(ids.slice(15).reverse());
    expect(first).toMatchObject({ next_page_token: ids[15], partial: false, remaining: 15 });
    const second = await m.rpc.call<Any>("ListJobs", { limit: 10, order: NEWEST_FIRST, page_token: first.next_page_token });
    expect(second.jobs.map((j: Any) => j.id)).toEqual(ids.slice(5, 15).reverse());
    expect((await m.rpc.call<Any>("ListJobs", { limit: 10 })).jobs.map((j: Any) => j.id)).toEqual(ids.slice(0, 10));
    expect((await m.rpc.call<Any>("ListJobs", { limit: 10, order: OLDEST_FIRST })).jobs.map((j: Any) => j.id)).toEqual(ids.slice(0, 10));
    await rejects(m.rpc.call("ListJobs", { order: 7 }), status.INVALID_ARGUMENT, /order is 7/);
  });

  test("search runs on the master with a bounded scan per call; the reply says it stopped early", async () => {
    await using m = await startTestMaster({ limits: { listScanMax: 20 } });
    await submitMany(m, 50);
    const hit = await m.rpc.call<Any>("SubmitJob", { job: { type: "mail", payload: enc('{"to":"zoë@example.com"}') } });
    const back = await m.rpc.call<Any>("ListJobs", { search: "zoë", order: NEWEST_FIRST, limit: 5, include_payloads: true });
    expect(back.jobs.map((j: Any) => j.id)).toEqual([hit.job.id]);
    expect(back.partial).toBe(true); // stopped after 20 of 51 jobs
    const fwd = await m.rpc.call<Any>("ListJobs", { search: "zoë", limit: 5 });
    expect(fwd).toMatchObject({ jobs: [], partial: true, remaining: 0 });
    expect(fwd.next_page_token).not.toBe("");
    await rejects(m.rpc.call("ListJobs", { search: "x".repeat(1025) }), status.INVALID_ARGUMENT, /search is 1025 bytes; the limit is 1024/);
  });

  test("the SDK pages newest first with the token and searches", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const ids = await submitMany(m, 7);
      await c.submit("special.kind", { x: 1 }, { metadata: { customer: "c-42" } });
      const page = await c.list({ newestFirst: true, limit: 3 });
      expect(page.jobs.map((j) => j.type)).toEqual(["special.kind", "t", "t"]);
      expect(page).toMatchObject({ partial: false, remaining: 5 });
      const next = await c.list({ newestFirst: true, limit: 3, pageToken: page.nextPageToken });
      expect(next.jobs.map((j) => j.id)).toEqual(ids.slice(2, 5).reverse());
      expect((await c.list({ search: "c-42" })).jobs.map((j) => j.type)).toEqual(["special.kind"]);
    } finally {
      c.close();
    }
  });
});

describe("DeleteJob and PromoteJob", () => {
  test("DeleteJob removes a job that is not running, answered after its record; a running one is FAILED_PRECONDITION", async () => {
    await using m = await startTestMaster();
    const [a, b] = await submitMany(m, 2);
    const w = await m.rpc.call<Any>("RegisterWorker", { hostname: "h", concurrency: 1 });
    const polled = await m.rpc.call<Any>("PollJobs", { worker_id: w.worker_id, count: 1 });
    expect(polled.jobs[0].job.id).toBe(a);
    await rejects(m.rpc.call("DeleteJob", { job_id: a }), status.FAILED_PRECONDITION, /is running; cancel it first/);
    const del = await m.rpc.call<Any>("DeleteJob", { job_id: b });
    expect(del.job).toMatchObject({ id: b, state: JobStatus.Pending });
    expect(m.journal.records().some((r) => r.kind === "deleted" && r.jobId === b)).toBe(true);
    await rejects(m.rpc.call("GetJob", { job_id: b }), status.NOT_FOUND, /not found/);
    await rejects(m.rpc.call("DeleteJob", { job_id: b }), status.NOT_FOUND, /not found/);
    await rejects(m.rpc.call("DeleteJob", { job_id: "bad id" }), status.INVALID_ARGUMENT, /job_id/);
    await rejects(m.rpc.call("DeleteJob", { job_id: "" }), status.INVALID_ARGUMENT, /job_id/);
    await m.rpc.call("CancelJob", { job_id: a });
    expect((await m.rpc.call<Any>("DeleteJob", { job_id: a })).job.state).toBe(JobStatus.Cancelled);
    expect((await m.rpc.call<Any>("ListJobs", {})).jobs).toEqual([]);
  });

  test("PromoteJob makes a SCHEDULED job PENDING at once and hands it to a parked poll", async () => {
    await using m = await startTestMaster();
    const s = await m.rpc.call<Any>("SubmitJob", { job: { type: "t", options: { delay_ms: 3_600_000 } } });
    expect(s.job.state).toBe(JobStatus.Scheduled);
    const w = await m.rpc.call<Any>("RegisterWorker", { hostname: "h", concurrency: 1 });
    const parked = m.rpc.call<Any>("PollJobs", { worker_id: w.worker_id, count: 1, wait_ms: 20_000 }, 30_000);
    // Answered after the poll on the same connection was handled: the poll is parked now.
    await m.rpc.call("GetStats", {});
    const p = await m.rpc.call<Any>("PromoteJob", { job_id: s.job.id });
    expect(p.job.state).toBe(JobStatus.Pending);
    expect(m.journal.records().some((r) => r.kind === "jobPromoted" && r.jobId === s.job.id)).toBe(true);
    expect((await parked).jobs.map((l: Any) => l.job.id)).toEqual([s.job.id]);
    await rejects(m.rpc.call("PromoteJob", { job_id: s.job.id }), status.FAILED_PRECONDITION, /only scheduled jobs can be promoted/);
    await rejects(m.rpc.call("PromoteJob", { job_id: "missing" }), status.NOT_FOUND, /missing/);
    await rejects(m.rpc.call("PromoteJob", { job_id: "a/b" }), status.INVALID_ARGUMENT, /job_id/);
  });

  test("the SDK deletes and promotes", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const later = await c.submit("t", {}, { delayMs: 60_000 });
      expect((await c.promoteJob(later.job.id)).status).toBe(JobStatus.Pending);
      expect((await c.deleteJob(later.job.id)).id).toBe(later.job.id);
      expect((await c.list()).jobs).toEqual([]);
    } finally {
      c.close();
    }
  });
});
