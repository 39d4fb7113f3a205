// Tables fit the width they are given: text cells are cut with "…" (widest
// column first), numbers are right-aligned and never cut.

import { describe, expect, test } from "bun:test";
import { fitWidths, table, truncate, wrap } from "../../../src/cli/output.ts";

const lines = (s: string) => s.split("\n");

describe("table", () => {
  test("a table that fits is left as it is, numbers right-aligned, no trailing spaces", () => {
    const out = table(
      [
        ["QUEUE", "PENDING", "NAME"],
        ["default", "7", "a"],
        ["mail", "1200", "bb"],
      ],
      { width: 80 },
    );
    expect(lines(out)).toEqual(["QUEUE    PENDING  NAME", "default        7  a", "mail        1200  bb"]);
  });

  test("long cells are cut with an ellipsis so every line fits 80 columns", () => {
    const long = "x".repeat(120);
    const rows = [
      ["ID", "QUEUE", "TYPE", "STATE", "ATTEMPT", "ERROR"],
      ["01k8rkbd80000a3f", `q-${long}`, "email", "failed", "3/3", `boom: ${long}`],
      ["01k8rkbd80000a40", "default", `t-${long}`, "pending", "0/3", ""],
    ];
    const out = lines(table(rows, { width: 80, keep: [0] }));
    for (const l of out) expect(l.length).toBeLessThanOrEqual(80);
    expect(out[1]).toMatch(/^01k8rkbd80000a3f {2}q-x+… {2}email +failed +3\/3 {2}boom: x+…$/);
    expect(out[2]).toMatch(/^01k8rkbd80000a40 {2}default +t-x+… {2}pending +0\/3$/);
    // Without `keep` the id column is cut like any other once the rest are as narrow.
    expect(lines(table(rows, { width: 60 }))[1]).toMatch(/^01k8rkbd…/);
  });

  test("number columns are never cut, even when the line cannot fit", () => {
    const rows = [
      ["N", "M"],
      ["1".repeat(50), "2".repeat(50)],
    ];
    const out = lines(table(rows, { width: 40 }));
    expect(out[1]).toBe(`${"1".repeat(50)}  ${"2".repeat(50)}`);
  });

  test("a text column keeps at least its header (or 6 characters)", () => {
    expect(fitWidths([30, 30], ["HEADER_LONG", "X"], [true, true], 10)).toEqual([11, 6]);
  });

  test("coloured cells count by their visible width and lose the colour only when cut", () => {
    const red = (s: string) => `\x1b[31m${s}\x1b[0m`;
    expect(truncate(red("failed"), 10)).toBe(red("failed"));
    expect(truncate(red("failed badly"), 6)).toBe("faile…");
    const out = lines(table([["S", "X"], [red("failed"), "y"]], { width: 80 }));
    expect(out[1]).toBe(`${red("failed")}  y`);
  });
});

describe("wrap", () => {
  test("breaks only between words and keeps every line within the width", () => {
    const text = "snapshot once this much WAL was written since the last one, across restarts";
    const got = wrap(text, 20);
    for (const l of got) expect(l.length).toBeLessThanOrEqual(20);
    expect(got.join(" ")).toBe(text);
  });

  test("a word longer than the width gets a line of its own, uncut", () => {
    expect(wrap("a verylongwordindeed b", 5)).toEqual(["a", "verylongwordindeed", "b"]);
  });
});
