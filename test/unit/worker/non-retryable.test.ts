// NonRetryableError is recognised by its registered-symbol brand, not by
// `instanceof`: a handler may throw one built by another copy of the SDK.

import { describe, expect, test } from "bun:test";
import { JobStatus } from "../../../src/core/types.ts";
import { ackOfError } from "../../../src/worker/executor.ts";
import { isNonRetryable, NonRetryableError } from "../../../src/worker/handler.ts";
import { localPool, newMaster } from "../../helpers/worker-pool.ts";

/** What another, independent copy of the SDK defines: its own class, the same registered brand. */
class ForeignNonRetryableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NonRetryableError";
  }
}
Object.defineProperty(ForeignNonRetryableError.prototype, Symbol.for("falconq.NonRetryableError"), { value: true });

class SubclassedError extends NonRetryableError {}

describe("NonRetryableError recognition", () => {
  test("the brand decides, for our class, a subclass and a foreign class; the name alone does not", () => {
    const foreign = new ForeignNonRetryableError("bad input");
    expect(foreign instanceof NonRetryableError).toBe(false);
    expect(isNonRetryable(foreign)).toBe(true);
    expect(isNonRetryable(new NonRetryableError("x"))).toBe(true);
    expect(isNonRetryable(new SubclassedError("x"))).toBe(true);
    const named = new Error("x");
    named.name = "NonRetryableError";
    expect(isNonRetryable(named)).toBe(false);
    expect(isNonRetryable({ [Symbol.for("falconq.NonRetryableError")]: "yes" })).toBe(false);
    for (const v of [undefined, null, "NonRetryableError", 1]) expect(isNonRetryable(v)).toBe(false);
  });

  test("ackOfError marks branded errors not retryable and every other error retryable", () => {
    expect(ackOfError("j", "t", new ForeignNonRetryableError("no")).retryable).toBe(false);
    expect(ackOfError("j", "t", new NonRetryableError("no")).retryable).toBe(false);
    expect(ackOfError("j", "t", new Error("again")).retryable).toBe(true);
  });

  test("a job whose handler throws a foreign NonRetryableError fails after one attempt", async () => {
    const m = newMaster();
    const handlers = {
      foreign: () => {
        throw new ForeignNonRetryableError("payload cannot be fixed by retrying");
      },
      plain: (job: { attempt: number }) => {
        if (job.attempt < 2) throw new Error("transient");
        return "ok";
      },
    };
    const pool = await localPool(m, { handlers, builtins: false });
    try {
      const f = await m.submit("foreign", {}, { maxAttempts: 5 });
      const p = await m.submit("plain", {}, { maxAttempts: 5, backoffBaseMs: 1, backoffMaxMs: 1 });
      const failed = await m.waitStatus(f.id, JobStatus.Failed);
      expect(failed.attempt).toBe(1);
      expect(failed.error).toContain("payload cannot be fixed by retrying");
      expect((await m.waitStatus(p.id, JobStatus.Completed)).attempt).toBe(2);
    } finally {
      await pool.stop();
    }
  });
});
