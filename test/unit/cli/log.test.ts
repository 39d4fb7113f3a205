// The CLI logger: JSON lines, timestamped plain lines off a terminal, levels.

import { describe, expect, test } from "bun:test";
import { logger } from "../../../src/cli/common.ts";

/** A stderr stand-in that keeps what was written. */
function sink(isTTY = false) {
  const chunks: string[] = [];
  const stream = { isTTY, write: (s: string) => chunks.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, lines: () => chunks.join("").trimEnd().split("\n").filter((l) => l !== "") };
}

describe("logger", () => {
  test("json: one object per line with ts, level, tag and msg, escaped by JSON", () => {
    const out = sink();
    const log = logger("master", { format: "json", level: "debug", stream: out.stream });
    log.info('job "a"\nb');
    log.withTag("worker").warn("w");
    log.debug("d");
    log.error(new Error("boom"));
    const lines = out.lines().map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.level, l.tag, l.msg.split("\n")[0]])).toEqual([
      ["info", "master", 'job "a"'],
      ["warn", "master:worker", "w"],
      ["debug", "master", "d"],
      ["error", "master", "Error: boom"],
    ]);
    expect(lines[0].msg).toBe('job "a"\nb');
    expect(Date.parse(lines[0].ts)).toBeGreaterThan(0);
  });

  test("pretty off a terminal: ISO timestamp, level, tag", () => {
    const out = sink(false);
    logger("master", { stream: out.stream }).info("listening");
    expect(out.lines()).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}\[master\] listening$/)]);
  });

  test("levels: each hides everything below it", () => {
    const seen = (level: "debug" | "info" | "warn" | "error") => {
      const out = sink();
      const log = logger("t", { format: "json", level, stream: out.stream });
      log.debug("d");
      log.info("i");
      log.warn("w");
      log.error("e");
      return out.lines().map((l) => JSON.parse(l).msg).join("");
    };
    expect([seen("debug"), seen("info"), seen("warn"), seen("error")]).toEqual(["diwe", "iwe", "we", "e"]);
  });

  test("the logger's level tells the broker whether to build debug lines", () => {
    expect(logger("t", { level: "debug", stream: sink().stream }).level).toBeGreaterThanOrEqual(4);
    expect(logger("t", { level: "info", stream: sink().stream }).level).toBeLessThan(4);
  });
});
