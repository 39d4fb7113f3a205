import { describe, expect, test } from "bun:test";
import { quote, quotedCharsMax, SettingsInterner } from "../../../src/core/index.ts";
import { Harness } from "../../helpers/core.ts";

describe("quote", () => {
  test("plain short input is only put in quotes", () => {
    expect(quote("job-1")).toBe('"job-1"');
    expect(quote("")).toBe('""');
    expect(quote("héllo wörld ✓ 😀")).toBe('"héllo wörld ✓ 😀"');
  });

  test("escapes quotes, backslashes, controls, ANSI, bidi and other invisible characters", () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote("a\nb\tc\r")).toBe('"a\\nb\\tc\\r"');
    expect(quote("\u001b[31mred\u001b[0m")).toBe('"\\u001b[31mred\\u001b[0m"');
    expect(quote("\u0000\u007f\u0085\u009b")).toBe('"\\u0000\\u007f\\u0085\\u009b"');
    expect(quote("abc\u202edef\u2066\u200b\ufeff")).toBe('"abc\\u202edef\\u2066\\u200b\\ufeff"');
    expect(quote("\u2028\u2029")).toBe('"\\u2028\\u2029"');
    expect(quote("x\ud800y\udc00")).toBe('"x\\ud800y\\udc00"'); // lone surrogates
    const out = quote("\u001b]8;;http://evil\u0007link");
    expect(out).toBe('"\\u001b]8;;http://evil\\u0007link"');
    expect([...out].every((c) => c.charCodeAt(0) >= 0x20 && (c.charCodeAt(0) < 0x7f || c.charCodeAt(0) > 0x9f))).toBe(true);
  });

  test("cuts long input to a short prefix with an ellipsis, never inside an escape or a surrogate pair", () => {
    const long = quote("x".repeat(10_000));
    expect(long).toBe(`"${"x".repeat(quotedCharsMax)}"…`);
    const escapes = quote("\u001b".repeat(100));
    expect(escapes).toBe(`"${"\\u001b".repeat(10)}"…`);
    const emoji = quote(`${"x".repeat(quotedCharsMax - 1)}😀`);
    expect(emoji).toBe(`"${"x".repeat(quotedCharsMax - 1)}"…`);
    expect(quote("x".repeat(quotedCharsMax))).toBe(`"${"x".repeat(quotedCharsMax)}"`);
  });

  test("names in validation errors are quoted", () => {
    const h = new Harness();
    expect(() => h.submit(`bad\u001b[2J${"y".repeat(200)}`)).toThrow(/^job.type is 207 bytes; the limit is 128 bytes$/);
    expect(() => h.submit("a\u001b[2Jb")).toThrow('type "a\\u001b[2Jb" may hold only letters, digits and _ . : - /');
    expect(() => h.submit("t", { metadata: { "k\u001b": 1 as unknown as string } })).toThrow('metadata["k\\u001b"] must be a string');
    expect(() => h.m.get(`\u001b${"z".repeat(500)}`)).toThrow(`job "\\u001b${"z".repeat(quotedCharsMax - 6)}"… not found`);
  });
});

describe("SettingsInterner", () => {
  test("equal settings without metadata share one frozen object, also when profiles alternate", () => {
    const s = new SettingsInterner();
    const a = s.get(3, 0, 1000, 60_000);
    const b = s.get(5, 0, 1000, 60_000);
    expect(s.get(3, 0, 1000, 60_000)).toBe(a);
    expect(s.get(5, 0, 1000, 60_000, {})).toBe(b);
    expect(a).not.toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.metadata)).toBe(true);
    expect(a).toEqual({ maxAttempts: 3, timeoutMs: 0, backoffBaseMs: 1000, backoffMaxMs: 60_000, metadata: {}, removeOnComplete: false, removeOnFail: false });
  });

  test("settings with metadata get their own frozen copy", () => {
    const s = new SettingsInterner();
    const meta = { to: "x" };
    const a = s.get(3, 0, 1000, 60_000, meta);
    meta.to = "changed";
    expect(a.metadata).toEqual({ to: "x" });
    expect(Object.isFrozen(a.metadata)).toBe(true);
    expect(s.get(3, 0, 1000, 60_000, { to: "x" })).not.toBe(a);
  });

  test("the live path shares settings between submitted jobs", () => {
    const h = new Harness();
    const ids = [h.submit("t").id, h.submit("t", { maxAttempts: 9 }).id, h.submit("t").id, h.submit("t", { metadata: { a: "1" } }).id];
    const settings = ids.map((id) => h.m.state.jobs.get(id)?.settings);
    expect(settings[0]).toBe(settings[2]);
    expect(settings[1]).not.toBe(settings[0]);
    expect(settings[3]?.metadata).toEqual({ a: "1" });
  });
});
