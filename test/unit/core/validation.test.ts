import { describe, expect, test } from "bun:test";
import { checkBytes, checkInt, checkName, type JobSpec, JobStatus } from "../../../src/core/index.ts";
import { bytes, expectDomainError, foreignToken, Harness, T0 } from "../../helpers/core.ts";

const limits = {
  typeBytesMax: 8,
  queueBytesMax: 6,
  payloadBytesMax: 4,
  metadataEntriesMax: 2,
  metadataBytesMax: 10,
  idempotencyKeyBytesMax: 5,
  priorityMin: -10,
  priorityMax: 10,
  maxAttemptsMax: 20,
  delayMsMax: 1000,
  timeoutMsMax: 500,
  backoffMsMax: 700,
};

/** Each bad spec, the field/rule its message must name, and nothing is created. */
const badSpecs: [string, JobSpec, string][] = [
  ["empty type", { type: "" }, "type must not be empty"],
  ["missing type", { type: undefined as unknown as string }, "type must not be empty"],
  ["oversized type", { type: "abcdefghi" }, "type is 9 bytes; the limit is 8 bytes"],
  ["type with a space", { type: "a b" }, 'type "a b" may hold only letters, digits'],
  ["oversized queue", { type: "t", queue: "q234567" }, "options.queue is 7 bytes; the limit is 6 bytes"],
  ["queue with a bad character", { type: "t", queue: "q*" }, 'options.queue "q*" may hold only'],
  ["oversized payload", { type: "t", payload: bytes("12345") }, "payload is 5 bytes; the limit is 4 bytes"],
  ["priority above max", { type: "t", priority: 11 }, "options.priority is 11; it must be between -10 and 10"],
  ["priority below min", { type: "t", priority: -11 }, "options.priority is -11"],
  ["fractional priority", { type: "t", priority: 1.5 }, "options.priority must be a whole number, got 1.5"],
  ["max_attempts 0", { type: "t", maxAttempts: 0 }, "options.max_attempts is 0; it must be between 1 and 20"],
  ["max_attempts negative", { type: "t", maxAttempts: -3 }, "options.max_attempts is -3"],
  ["max_attempts over max", { type: "t", maxAttempts: 21 }, "options.max_attempts is 21"],
  ["max_attempts NaN", { type: "t", maxAttempts: Number.NaN }, "options.max_attempts must be a whole number"],
  ["negative delay", { type: "t", delayMs: -1 }, "options.delay_ms is -1; it must be between 0 and 1000"],
  ["delay over max", { type: "t", delayMs: 1001 }, "options.delay_ms is 1001"],
  ["delay and run_at", { type: "t", delayMs: 5, runAt: T0 + 5 }, "options: give delay_ms or run_at_ms, not both"],
  ["run_at too far out", { type: "t", runAt: T0 + 1001 }, "options.run_at_ms is"],
  ["negative run_at", { type: "t", runAt: -5 }, "options.run_at_ms is -5"],
  ["negative timeout", { type: "t", timeoutMs: -1 }, "options.timeout_ms is -1; it must be between 0 and 500"],
  ["negative backoff base", { type: "t", backoffBaseMs: -1 }, "options.backoff_base_ms is -1"],
  ["backoff max over limit", { type: "t", backoffMaxMs: 701 }, "options.backoff_max_ms is 701; it must be between 0 and 700"],
  ["long idempotency key", { type: "t", idempotencyKey: "123456" }, "options.idempotency_key is 6 bytes; the limit is 5 bytes"],
  ["too many metadata entries", { type: "t", metadata: { a: "1", b: "2", c: "3" } }, "options.metadata has 3 entries; the limit is 2"],
  ["metadata too large", { type: "t", metadata: { key: "12345678" } }, "options.metadata is 11 bytes of keys and values; the limit is 10 bytes"],
  ["metadata too large in UTF-8", { type: "t", metadata: { k: "€€€€" } }, "options.metadata is 13 bytes of keys and values; the limit is 10 bytes"],
  ["non-string metadata", { type: "t", metadata: { a: 1 as unknown as string } }, 'options.metadata["a"] must be a string'],
];

describe("bad submit input is INVALID_ARGUMENT naming the field", () => {
  test.each(badSpecs)("%s", (_label, spec, message) => {
    const h = new Harness({ limits });
    const e = expectDomainError(() => h.m.submit(spec), "invalid_argument", `job.${message}`);
    expect(e.name).toBe("DomainError");
    expect(h.records).toEqual([]);
    // the same spec inside a batch names its index
    expectDomainError(() => h.m.submitMany([{ type: "ok" }, spec]), "invalid_argument", `jobs[1].${message}`);
    expect(h.m.list().jobs).toEqual([]);
  });

  test("values exactly at each limit are accepted", () => {
    const h = new Harness({ limits });
    const v = h.m.submit({
      type: "abcdefgh",
      queue: "q-._:/",
      payload: bytes("1234"),
      priority: -10,
      maxAttempts: 20,
      delayMs: 1000,
      timeoutMs: 500,
      backoffBaseMs: 700,
      backoffMaxMs: 0,
      idempotencyKey: "12345",
      metadata: { a: "1234", b: "567" },
    }).job;
    expect(v).toMatchObject({ type: "abcdefgh", queue: "q-._:/", priority: -10, maxAttempts: 20, runAt: T0 + 1000 });
    expect(h.m.submit({ type: "t", maxAttempts: 1, delayMs: 0, runAt: 0 }).job.status).toBe(JobStatus.Pending);
  });
});

describe("other bad input", () => {
  test("empty or bad queue names for pause and resume", () => {
    const h = new Harness({ limits });
    expectDomainError(() => h.m.pause(""), "invalid_argument", "queue must not be empty");
    expectDomainError(() => h.m.resume("q234567"), "invalid_argument", "queue is 7 bytes; the limit is 6 bytes");
    expectDomainError(() => h.m.pause("a b"), "invalid_argument", 'queue "a b"');
    expect(h.records).toEqual([]);
  });

  test("an unknown status number in a list filter", () => {
    const h = new Harness();
    h.submit("t");
    expectDomainError(() => h.m.list({ status: 9 as JobStatus }), "invalid_argument", "status 9 is not a job status");
    expectDomainError(() => h.m.list({ status: -1 as JobStatus }), "invalid_argument", "status -1");
    expect(h.m.list({ status: JobStatus.Pending }).jobs).toHaveLength(1);
  });

  test("unknown job ids are NOT_FOUND for every call that names a job", () => {
    const h = new Harness();
    const calls: [string, () => unknown][] = [
      ["get", () => h.m.get("x1")],
      ["cancel", () => h.m.cancel("x1")],
      ["retry", () => h.m.retry("x1")],
      ["complete", () => h.m.complete("x1", foreignToken)],
      ["fail", () => h.m.fail("x1", foreignToken, "e")],
      ["progress", () => h.m.progress("x1", foreignToken, "p")],
    ];
    for (const [, fn] of calls) expectDomainError(fn, "not_found", 'job "x1" not found');
  });

  test("a stale or foreign lease token is FAILED_PRECONDITION for complete, fail and progress", () => {
    const h = new Harness();
    const a = h.submit("t");
    const b = h.submit("t");
    h.pollOne();
    const lb = h.pollOne();
    for (const fn of [
      () => h.m.complete(a.id, lb.token),
      () => h.m.fail(a.id, lb.token, "e"),
      () => h.m.progress(a.id, lb.token, "p"),
    ]) {
      expectDomainError(fn, "failed_precondition", `stale lease token for job ${a.id}: it does not hold the job's current lease`);
    }
    expect(h.m.get(b.id).status).toBe(JobStatus.Running);
  });
});

describe("check helpers", () => {
  test("checkName", () => {
    expect(checkName("type", "a.b:c-d/e_f9", 20)).toBe("a.b:c-d/e_f9");
    expectDomainError(() => checkName("type", undefined, 5), "invalid_argument", "type must not be empty");
    expectDomainError(() => checkName("queue", "abcdef", 5), "invalid_argument", "queue is 6 bytes; the limit is 5 bytes");
    expectDomainError(() => checkName("queue", "é", 5), "invalid_argument", 'queue "é" may hold only');
  });

  test("checkInt", () => {
    expect(checkInt("n", undefined, 0, 1)).toBeUndefined();
    expect(checkInt("n", 0, 0, 1)).toBe(0);
    expectDomainError(() => checkInt("n", 2, 0, 1), "invalid_argument", "n is 2; it must be between 0 and 1");
    expectDomainError(() => checkInt("n", Number.POSITIVE_INFINITY, 0, 1), "invalid_argument", "n must be a whole number");
  });

  test("checkBytes counts UTF-8 bytes of strings", () => {
    expect(() => checkBytes("p", "€", 3)).not.toThrow();
    expectDomainError(() => checkBytes("p", "€a", 3), "invalid_argument", "p is 4 bytes; the limit is 3");
    expectDomainError(() => checkBytes("p", new Uint8Array(9), 8), "invalid_argument", "p is 9 bytes; the limit is 8");
    expect(() => checkBytes("p", undefined, 0)).not.toThrow();
  });
});
