import { describe, expect, test } from "bun:test";
import type { WalRecord } from "../../../src/core/records.ts";
import { Job, JobStatus } from "../../../src/core/types.ts";
import { messageType } from "../../../src/rpc/schema.ts";
import { decodeJob, decodeRecord, encodeJob, encodeRecord, SettingsCache } from "../../../src/storage/codec.ts";
import { PbReader, PbWriter } from "../../../src/storage/pb.ts";

const T0 = 1_700_000_000_123;
const settings = Object.freeze({ maxAttempts: 3, timeoutMs: 5000, backoffBaseMs: 1000, backoffMaxMs: 60_000, metadata: Object.freeze({ a: "1", "é": "ü" }) });

function job(): Job {
  const j = new Job("0001abcdef000001", "mail", "email.send", new Uint8Array([1, 2, 3]), -7, T0, T0 + 500, settings);
  j.ensureExtra().idempotencyKey = "key-1";
  return j;
}

const records: WalRecord[] = [
  { kind: "submitted", job: job() },
  { kind: "promoted", at: T0 + 1 },
  { kind: "leased", jobId: "j1", token: "tok", workerId: "w1", deadline: T0 + 30_000, attempt: 2, at: T0 },
  { kind: "extended", jobIds: ["j1", "j2", ""], deadline: T0 + 9 },
  { kind: "completed", jobId: "j1", token: "tok", result: new Uint8Array([9, 9]), at: T0 },
  { kind: "completed", jobId: "j1", token: "tok", result: undefined, at: T0 },
  { kind: "attemptFailed", jobId: "j1", token: "tok", error: "bad ✗", at: T0, retryAt: T0 + 1000 },
  { kind: "attemptFailed", jobId: "j1", token: "tok", error: "", at: T0, retryAt: 0 },
  { kind: "cancelled", jobId: "j1", at: T0 },
  { kind: "retried", jobId: "j1", at: T0 },
  { kind: "removed", jobIds: ["a", "b"] },
  { kind: "queuePaused", queue: "mail", paused: true },
  { kind: "queuePaused", queue: "mail", paused: false },
  { kind: "progress", jobId: "j1", progress: '{"p":1}', at: T0 },
];

function roundTrip(r: WalRecord): WalRecord {
  const w = new PbWriter(16);
  encodeRecord(w, r);
  return decodeRecord(new PbReader(w.buf, 0, w.pos), new SettingsCache());
}

function plain(r: WalRecord): unknown {
  if (r.kind !== "submitted") return r;
  return { kind: r.kind, job: { ...r.job, payload: [...r.job.payload] } };
}

describe("WAL record codec", () => {
  test.each(records.map((r) => [r.kind, r] as const))("%s survives encode + decode", (_k, r) => {
    expect(plain(roundTrip(r))).toEqual(plain(r));
  });

  test("bytes decode with protobufjs as the WalRecord of the .proto", () => {
    const T = messageType("WalRecord");
    const w = new PbWriter();
    encodeRecord(w, records[2] as WalRecord);
    const o = T.toObject(T.decode(w.buf.subarray(0, w.pos)), { longs: Number }) as Record<string, Record<string, unknown>>;
    expect(o.leased).toEqual({ job_id: "j1", lease_token: "tok", worker_id: "w1", deadline_ms: T0 + 30_000, attempt: 2, at_ms: T0 });
    const w2 = new PbWriter();
    encodeRecord(w2, records[0] as WalRecord);
    const s = T.toObject(T.decode(w2.buf.subarray(0, w2.pos)), { longs: Number, bytes: Array }) as { submitted: { job: Record<string, unknown> } };
    expect(s.submitted.job).toMatchObject({
      id: "0001abcdef000001",
      queue: "mail",
      type: "email.send",
      priority: -7,
      max_attempts: 3,
      created_at_ms: T0,
      run_at_ms: T0 + 500,
      idempotency_key: "key-1",
      metadata: { a: "1", "é": "ü" },
    });
  });

  test("bytes protobufjs writes decode with the hand-written reader", () => {
    const T = messageType("WalRecord");
    const bytes = T.encode(
      T.fromObject({ attempt_failed: { job_id: "x", lease_token: "t", error: "e", at_ms: T0, retry_at_ms: T0 + 5 } }),
    ).finish();
    const r = decodeRecord(new PbReader(Buffer.from(bytes), 0, bytes.length), new SettingsCache());
    expect(r).toEqual({ kind: "attemptFailed", jobId: "x", token: "t", error: "e", at: T0, retryAt: T0 + 5 });
  });

  test("a job keeps every field a snapshot needs, lease token included", () => {
    const j = job();
    j.status = JobStatus.Running;
    j.attempt = 2;
    j.stamp = 12345;
    j.leaseToken = "lt-9";
    j.leaseDeadline = T0 + 99;
    j.workerId = "w7";
    j.updatedAt = T0 + 3;
    Object.assign(j.ensureExtra(), { startedAt: T0 + 1, finishedAt: 0, result: new Uint8Array([4]), error: "e", progress: "p" });
    const w = new PbWriter(8);
    encodeJob(w, j, 3);
    const r = new PbReader(w.buf, 0, w.pos);
    r.uvarint(); // tag
    const back = decodeJob(r, new SettingsCache());
    expect({ ...back, payload: [...back.payload] }).toEqual({ ...j, payload: [...j.payload] });
  });

  test("an unknown record type is refused, not skipped", () => {
    const w = new PbWriter();
    const m = w.begin(15);
    w.int(1, 5);
    w.end(m);
    expect(() => decodeRecord(new PbReader(w.buf, 0, w.pos), new SettingsCache())).toThrow(/unknown record type/);
  });

  test("large and negative varints round-trip", () => {
    for (const v of [0, 1, 127, 128, 2 ** 31, 2 ** 32 + 5, 2 ** 53 - 1, -1, -(2 ** 31), -1_000_000]) {
      const w = new PbWriter(1);
      w.int(1, v);
      const r = new PbReader(w.buf, 0, w.pos);
      if (v !== 0) {
        r.uvarint();
        expect(r.svarint()).toBe(v);
      }
    }
  });
});
