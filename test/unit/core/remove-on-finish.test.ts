// Per-job retention: removeOnComplete / removeOnFail drop a job with the
// record that finishes it, so live state and replay agree without a timer.

import { describe, expect, test } from "bun:test";
import { JobStatus, statusNames } from "../../../src/core/index.ts";
import type { WalRecord } from "../../../src/core/records.ts";
import { decodeRecord, encodeRecord, SettingsCache } from "../../../src/storage/codec.ts";
import { PbReader, PbWriter } from "../../../src/storage/pb.ts";
import { expectDomainError, Harness, replay, summarize } from "../../helpers/core.ts";

/** A record through the WAL codec, as recovery reads it back. */
function throughCodec(r: WalRecord): WalRecord {
  const w = new PbWriter(16);
  encodeRecord(w, r);
  return decodeRecord(new PbReader(Buffer.from(w.buf.subarray(0, w.pos)), 0, w.pos), new SettingsCache());
}

describe("removeOnComplete", () => {
  test("the completed record removes the job and frees its idempotency key; no removed record, no timer", () => {
    const h = new Harness();
    const j = h.submit("t", { removeOnComplete: true, idempotencyKey: "k" });
    expect(j.removeOnComplete).toBe(true);
    expect(j.removeOnFail).toBe(false);
    const done = h.m.complete(j.id, h.pollOne().token);
    expect(done.status).toBe(JobStatus.Completed); // the answer still shows the final state
    expect(h.kinds().at(-1)).toBe("completed");
    expectDomainError(() => h.m.get(j.id), "not_found", "not found");
    h.advance(1000); // the finish rate counts whole seconds; it keeps the emptied queue in stats
    expect(h.m.stats()[0]).toMatchObject({ completed: 0, completedTotal: 1 });
    expect(h.m.nextWakeAt()).toBe(Number.POSITIVE_INFINITY);
    const again = h.m.submit({ type: "t", idempotencyKey: "k" });
    expect(again.duplicate).toBe(false);
    expect(again.job.id).not.toBe(j.id);
  });

  test("a job without the flag is kept; a removeOnComplete job that fails is kept FAILED", () => {
    const h = new Harness();
    const kept = h.submit("t");
    h.m.complete(kept.id, h.pollOne().token);
    const failing = h.submit("t", { removeOnComplete: true, maxAttempts: 1 });
    h.m.fail(failing.id, h.pollOne().token, "boom");
    expect(h.m.get(kept.id).status).toBe(JobStatus.Completed);
    expect(h.m.get(failing.id).status).toBe(JobStatus.Failed);
  });

  test("the observer sees the COMPLETED job once the record is applied, after which it is gone", () => {
    const h = new Harness();
    const seen: string[] = [];
    h.m.setObserver((job) => seen.push(`${statusNames[job.status]}:${h.m.state.jobs.has(job.id)}`));
    const j = h.submit("t", { removeOnComplete: true });
    h.m.complete(j.id, h.pollOne().token);
    expect(seen).toEqual(["pending:true", "running:true", "completed:false"]);
  });
});

describe("removeOnFail", () => {
  test("only the final failure removes the job; a failed attempt with attempts left keeps it", () => {
    const h = new Harness({ defaults: { backoffBaseMs: 0 } });
    const j = h.submit("t", { removeOnFail: true, maxAttempts: 2, idempotencyKey: "f" });
    h.m.fail(j.id, h.pollOne().token, "once");
    expect(h.m.get(j.id).status).toBe(JobStatus.Pending);
    h.m.fail(j.id, h.pollOne().token, "twice");
    expectDomainError(() => h.m.get(j.id), "not_found", "not found");
    expect(h.m.state.idempotency.has("f")).toBe(false);
    h.advance(1000);
    expect(h.m.stats()[0]).toMatchObject({ failed: 0, failedTotal: 1 });
  });

  test("a lease lost on the last attempt removes the job too", () => {
    const h = new Harness({ defaults: { leaseMs: 100 } });
    const j = h.submit("t", { removeOnFail: true, maxAttempts: 1 });
    h.pollOne();
    h.advance(100);
    h.m.tick();
    expect(h.m.state.jobs.has(j.id)).toBe(false);
  });

  test("a cancelled job stays (an operator's act), as does a completed one", () => {
    const h = new Harness();
    const c = h.submit("t", { removeOnFail: true });
    h.m.cancel(c.id);
    const d = h.submit("t", { removeOnFail: true });
    h.m.complete(d.id, h.pollOne().token);
    expect(h.m.get(c.id).status).toBe(JobStatus.Cancelled);
    expect(h.m.get(d.id).status).toBe(JobStatus.Completed);
  });
});

describe("replay", () => {
  function history(): Harness {
    const h = new Harness({ retention: { completedCountMax: 1 } });
    for (let i = 0; i < 4; i++) h.submit("t", { removeOnComplete: i % 2 === 0, removeOnFail: i < 2, maxAttempts: 1, idempotencyKey: `k${i}` });
    const leases = h.poll("w1", 4);
    h.m.complete(leases[0]?.job.id as string, leases[0]?.token as string);
    h.m.fail(leases[1]?.job.id as string, leases[1]?.token as string, "x");
    h.m.complete(leases[2]?.job.id as string, leases[2]?.token as string);
    h.m.complete(leases[3]?.job.id as string, leases[3]?.token as string);
    h.advance(1);
    h.m.tick();
    h.submit("t", { removeOnComplete: true, idempotencyKey: "k0" });
    return h;
  }

  test("replaying the records, also through the WAL codec, rebuilds the live state", () => {
    const h = history();
    const live = summarize(h.m.state);
    expect(live.jobs.map((j) => [j.status, j.idempotencyKey])).toEqual([
      [JobStatus.Completed, "k3"],
      [JobStatus.Pending, "k0"],
    ]);
    expect(summarize(replay(h.records))).toEqual(live);
    expect(summarize(replay(h.records.map(throughCodec)))).toEqual(live);
  });
});

test("a removal flag that is not a boolean is INVALID_ARGUMENT naming the field", () => {
  const h = new Harness();
  const spec = { type: "t", removeOnFail: "yes" as unknown as boolean };
  expectDomainError(() => h.m.submit(spec), "invalid_argument", "job.options.remove_on_fail must be true or false");
});
