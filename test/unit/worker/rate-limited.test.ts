// RateLimitedError: a handler's "too many requests" becomes an ack that
// reschedules the job with its attempt refunded, optionally holding its group.

import { describe, expect, test } from "bun:test";
import { ackFromWire, ackToWire } from "../../../src/rpc/convert.ts";
import { ackOfError } from "../../../src/worker/executor.ts";
import { RateLimitedError, rateLimitOf } from "../../../src/worker/handler.ts";

/** A RateLimitedError from another copy of the SDK: not our class, same brand. */
class ForeignRateLimited extends Error {
  readonly retryAfterMs = 250.4;
  readonly pauseGroup = true;
  get [Symbol.for("falconq.RateLimitedError")]() {
    return true;
  }
}

describe("RateLimitedError", () => {
  test("maps to an ack with retry_after_ms and pause_group, over the wire and back", () => {
    const a = ackOfError("j", "t", new RateLimitedError(5000, { pauseGroup: true }));
    expect(a).toMatchObject({ success: false, retryable: true, retryAfterMs: 5000, pauseGroup: true });
    const w = ackToWire("w1", a);
    expect([w.retry_after_ms, w.pause_group]).toEqual([5000, true]);
    const back = ackFromWire({ ...w, result: Buffer.alloc(0), logs: [] } as never);
    expect([back.retryAfterMs, back.pauseGroup]).toEqual([5000, true]);
  });

  test("another copy of the SDK counts by its brand; waits round up to whole ms; other errors are plain failures", () => {
    expect(rateLimitOf(new ForeignRateLimited())).toEqual({ retryAfterMs: 251, pauseGroup: true });
    expect(rateLimitOf(new RateLimitedError(0))).toEqual({ retryAfterMs: 1, pauseGroup: false });
    expect(rateLimitOf(new Error("x"))).toBeUndefined();
    expect(ackOfError("j", "t", new Error("x")).retryAfterMs).toBeUndefined();
  });
});
