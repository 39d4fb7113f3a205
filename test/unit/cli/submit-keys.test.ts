// `falconq submit --unique-key/--unique-ttl/--unique-reject/--debounce-key/--debounce/--debounce-extend`
// as the spec's unique and debounce options.

import { describe, expect, test } from "bun:test";
import { keyFlags } from "../../../src/cli/submit.ts";

describe("submit key flags", () => {
  test("none given: no options", () => {
    expect(keyFlags({})).toEqual({});
  });

  test("--unique-key, with --unique-ttl and --unique-reject", () => {
    expect(keyFlags({ "unique-key": "report:1" })).toEqual({ unique: { key: "report:1", onConflict: "return" } });
    expect(keyFlags({ "unique-key": "k", "unique-ttl": "1h", "unique-reject": true })).toEqual({
      unique: { key: "k", scope: "ttl", ttlMs: 3_600_000, onConflict: "reject" },
    });
  });

  test("--debounce-key with --debounce and --debounce-extend", () => {
    expect(keyFlags({ "debounce-key": "user:42", debounce: "5s" })).toEqual({ debounce: { key: "user:42", delayMs: 5000, mode: "replace" } });
    expect(keyFlags({ "debounce-key": "k", "debounce-extend": true })).toEqual({ debounce: { key: "k", delayMs: 0, mode: "extend" } });
  });

  test.each([
    [{ "unique-ttl": "1h" }, "--unique-ttl and --unique-reject need --unique-key"],
    [{ "unique-key": "k", "unique-ttl": "0" }, "--unique-ttl must be longer than 0"],
    [{ "unique-key": "k", "unique-ttl": "soon" }, '--unique-ttl "soon" is not a duration'],
    [{ debounce: "5s" }, "--debounce and --debounce-extend need --debounce-key"],
    [{ "debounce-key": "k", "unique-key": "k" }, "give --unique-key or --debounce-key, not both"],
    [{ "debounce-key": "k", delay: "5s" }, "leave out --delay"],
  ])("%j is a usage error", (args, message) => {
    expect(() => keyFlags(args)).toThrow(message);
  });
});
