// The executor keeps a handler's ctx.log lines within the bounds the master
// checks, dropping the newest past them behind a marker.

import { describe, expect, test } from "bun:test";
import { defaultLimits } from "../../../src/core/config.ts";
import { checkLogs } from "../../../src/core/validate.ts";
import { Job, viewOf } from "../../../src/core/types.ts";
import { execute } from "../../../src/worker/executor.ts";
import { cutBytes } from "../../../src/core/text.ts";
import { AttemptLog, jobLogLineBytesMax } from "../../../src/worker/job-log.ts";
import type { Handler } from "../../../src/worker/handler.ts";

const T = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const settings = Object.freeze({ maxAttempts: 3, timeoutMs: 0, backoffBaseMs: 1000, backoffMaxMs: 60_000, metadata: Object.freeze({}), removeOnComplete: false, removeOnFail: false });
const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const bytesOf = (lines: string[]) => lines.reduce((n, l) => n + Buffer.byteLength(l), 0);

describe("AttemptLog", () => {
  test("prefixes each line with the worker's time and the level", () => {
    const l = new AttemptLog();
    l.add("info", "hello", T);
    l.add("debug", "ünïcode", T + 1);
    expect(l.lines()).toEqual(["2026-01-02T03:04:05.678Z INFO hello", "2026-01-02T03:04:05.679Z DEBUG ünïcode"]);
  });

  test("past the line bound the newest are dropped behind a marker; the result is within the bound", () => {
    const l = new AttemptLog();
    for (let i = 0; i < 120; i++) l.add("info", `line ${i}`, T);
    const lines = l.lines();
    expect(lines).toHaveLength(defaultLimits.jobLogLinesMax);
    expect(lines[0]).toEndWith("INFO line 0");
    expect(lines.at(-2)).toEndWith(`INFO line ${defaultLimits.jobLogLinesMax - 2}`);
    expect(lines.at(-1)).toBe(`… ${120 - (defaultLimits.jobLogLinesMax - 1)} more lines dropped`);
    expect(() => checkLogs(lines, defaultLimits)).not.toThrow();
  });

  test("past the byte bound the newest are dropped behind a marker; a huge line is cut", () => {
    const l = new AttemptLog();
    for (let i = 0; i < 10; i++) l.add("warn", "€".repeat(3000), T); // 9000 bytes each, cut to 4 KiB
    const lines = l.lines();
    expect(Buffer.byteLength(lines[0] as string)).toBeLessThanOrEqual(jobLogLineBytesMax);
    expect(lines[0]).toEndWith("€…");
    expect(bytesOf(lines)).toBeLessThanOrEqual(defaultLimits.jobLogBytesMax);
    expect(lines.at(-1)).toBe(`… ${10 - (lines.length - 1)} more lines dropped`);
    expect(lines.length).toBeGreaterThan(1);
    expect(() => checkLogs(lines, defaultLimits)).not.toThrow();
  });

  test("exactly at the bound nothing is dropped", () => {
    const l = new AttemptLog(3, 1000);
    l.add("info", "a", T);
    l.add("info", "b", T);
    expect(l.lines()).toHaveLength(2);
    l.add("info", "c", T);
    expect(l.lines().at(-1)).toBe("… 1 more lines dropped");
  });

  test("cutBytes stays on a character boundary", () => {
    expect(cutBytes("abc", 3)).toBe("abc");
    expect(cutBytes("€€€", 7, "…")).toBe("€…");
    expect(cutBytes("€€€", 7)).toBe("€€");
  });
});

describe("execute", () => {
  const lease = () => {
    const j = new Job("0001abcdef000001", "default", "t", new Uint8Array(0), 0, T, T, settings);
    j.attempt = 1;
    return { job: viewOf(j), token: "tok", deadline: T + 30_000 };
  };
  const deps = { progress: async () => {}, log: quiet, abortGraceMs: 100 };

  test("the ack carries the attempt's lines, on success and on failure", async () => {
    const ok: Handler = (_j, ctx) => {
      ctx.log.info("one");
      ctx.log.error("two");
      return 1;
    };
    const okAck = await execute(lease(), ok, deps).outcome;
    expect(okAck.success).toBe(true);
    expect(okAck.logs?.map((l) => l.replace(/^\S+ /, ""))).toEqual(["INFO one", "ERROR two"]);
    const bad: Handler = (_j, ctx) => {
      for (let i = 0; i < 80; i++) ctx.log.warn(`w${i}`);
      throw new Error("no");
    };
    const badAck = await execute(lease(), bad, deps).outcome;
    expect(badAck.success).toBe(false);
    expect(badAck.logs).toHaveLength(defaultLimits.jobLogLinesMax);
    expect(badAck.logs?.at(-1)).toBe("… 31 more lines dropped");
  });

  test("an attempt that logged nothing sends no logs field", async () => {
    const ack = await execute(lease(), () => 1, deps).outcome;
    expect(ack.logs).toBeUndefined();
  });
});
