import { describe, expect, test } from "bun:test";
import { parseRate } from "../../../src/cli/queues.ts";

describe("--rate N/period", () => {
  test("reads a count per duration, with an optional burst", () => {
    expect(parseRate("rate", "50/1m", undefined)).toEqual({ count: 50, periodMs: 60_000 });
    expect(parseRate("rate", "5/1s", 10)).toEqual({ count: 5, periodMs: 1000, burst: 10 });
    expect(parseRate("rate", "100/500ms", undefined)).toEqual({ count: 100, periodMs: 500 });
    expect(parseRate("rate", undefined, undefined)).toBeUndefined();
  });

  test("refuses what is not a rate, naming the flag", () => {
    expect(() => parseRate("group-rate", "5/xx", undefined)).toThrow(/--group-rate "5\/xx" is not a rate/);
    expect(() => parseRate("rate", "50", undefined)).toThrow(/is not a rate/);
    expect(() => parseRate("rate", "0/1s", undefined)).toThrow(/count must be from 1/);
    expect(() => parseRate("rate", "5/2d", undefined)).toThrow(/period must be from 1ms to 1d/);
  });
});
