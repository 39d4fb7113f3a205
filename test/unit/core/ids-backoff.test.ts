import { describe, expect, test } from "bun:test";
import { backoffMs, isLeaseToken, LeaseTokens, leaseTokenBytesMax, leaseTokenPattern, MonotonicIds } from "../../../src/core/index.ts";
import { T0 } from "../../helpers/core.ts";

describe("MonotonicIds", () => {
  test("job ids are 16 base-32 characters that start with the millisecond", () => {
    const ids = new MonotonicIds();
    const id = ids.jobId(T0);
    expect(id).toMatch(/^[0-9a-v]{16}$/);
    expect(Number.parseInt(id.slice(0, 10), 32)).toBe(T0);
  });

  test("ids are unique and sortable within a millisecond and across milliseconds", () => {
    const ids = new MonotonicIds();
    const out: string[] = [];
    for (let ms = 0; ms < 5; ms++) for (let i = 0; i < 40; i++) out.push(ids.jobId(T0 + ms));
    expect(new Set(out).size).toBe(out.length);
    expect([...out].sort()).toEqual(out);
  });

  test("a clock that goes backwards still gives later-sorting ids", () => {
    const ids = new MonotonicIds();
    const a = ids.jobId(T0 + 1000);
    const b = ids.jobId(T0);
    const c = ids.jobId(T0 + 500);
    expect(a < b && b < c).toBe(true);
  });

  test("observe() makes later ids sort after the observed one, even at an earlier clock", () => {
    const old = new MonotonicIds();
    const seen = old.jobId(T0 + 60_000);
    for (const now of [T0, T0 + 60_000, T0 + 60_001]) {
      const fresh = new MonotonicIds();
      fresh.observe(seen);
      const next = fresh.jobId(now);
      expect(next > seen).toBe(true);
      expect(fresh.jobId(now) > next).toBe(true);
    }
  });

  test("observe() of an older id changes nothing", () => {
    const ids = new MonotonicIds();
    const a = ids.jobId(T0);
    ids.observe("0000000001000000");
    expect(ids.jobId(T0) > a).toBe(true);
    expect(ids.jobId(T0).slice(0, 10)).toBe(a.slice(0, 10));
  });

});

describe("lease tokens", () => {
  test("carry 128 random bits as 22 base64url characters and never repeat", () => {
    const a = new MonotonicIds();
    const b = new MonotonicIds();
    const ta = Array.from({ length: 2000 }, () => a.leaseToken());
    const tb = Array.from({ length: 10 }, () => b.leaseToken());
    expect(new Set(ta).size).toBe(ta.length);
    for (const t of tb) expect(ta).not.toContain(t);
    for (const t of [...ta, ...tb]) {
      expect(t).toHaveLength(leaseTokenBytesMax);
      expect(t).toMatch(leaseTokenPattern);
      expect(isLeaseToken(t)).toBe(true);
      expect(Buffer.from(t, "base64url")).toHaveLength(16);
    }
    // No counter or shared prefix to guess from: consecutive tokens share no structure.
    const prefixes = new Set(ta.map((t) => t.slice(0, 4)));
    expect(prefixes.size).toBeGreaterThan(ta.length * 0.9);
  });

  test("draw random bytes in bulk: one fill per 256 tokens of a 4 KiB pool", () => {
    let fills = 0;
    let next = 0;
    const tokens = new LeaseTokens((buf) => {
      fills++;
      for (let i = 0; i < buf.length; i++) buf[i] = next++ & 0xff;
    });
    const out = Array.from({ length: 600 }, () => tokens.next());
    expect(fills).toBe(3);
    expect(out[0]).toBe(Buffer.from(Array.from({ length: 16 }, (_, i) => i)).toString("base64url"));
    expect(out[1]).toBe(Buffer.from(Array.from({ length: 16 }, (_, i) => 16 + i)).toString("base64url"));
  });

  test("isLeaseToken accepts exactly the token form", () => {
    const t = new MonotonicIds().leaseToken();
    expect(isLeaseToken(t)).toBe(true);
    for (const bad of ["", "x", `${t}A`, t.slice(1), `${t.slice(0, 21)}B`, `${t.slice(0, 20)}+A`, `${t.slice(0, 20)}=A`, "0123456789abcdefghijkl"]) {
      expect(isLeaseToken(bad)).toBe(false);
    }
    // The last character holds 2 bits; the 4 bits after them are zero in every token.
    expect(isLeaseToken(`${t.slice(0, 21)}w`)).toBe(true);
  });
});

describe("backoffMs", () => {
  test("stays within [d/2, d] for d = base * 2^(attempt-1)", () => {
    for (const r of [0, 0.25, 0.5, 0.999999]) {
      for (let attempt = 1; attempt <= 6; attempt++) {
        const d = 100 * 2 ** (attempt - 1);
        const v = backoffMs(attempt, 100, 1_000_000, () => r);
        expect(v).toBeGreaterThanOrEqual(d / 2);
        expect(v).toBeLessThanOrEqual(d);
      }
    }
  });

  test("the extremes of the random draw hit the ends of the range", () => {
    expect(backoffMs(3, 1000, 1e9, () => 0)).toBe(2000);
    expect(backoffMs(3, 1000, 1e9, () => 1)).toBe(4000);
    expect(backoffMs(1, 1000, 1e9, () => 0.5)).toBe(750);
  });

  test("is capped at max, also for huge attempt numbers", () => {
    expect(backoffMs(10, 1000, 5000, () => 1)).toBe(5000);
    expect(backoffMs(10, 1000, 5000, () => 0)).toBe(2500);
    const v = backoffMs(10_000, 1000, 3_600_000, () => 0.5);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBe(2_700_000);
  });

  test("zero base or zero max means no delay", () => {
    expect(backoffMs(4, 0, 1000, () => 0.9)).toBe(0);
    expect(backoffMs(4, 1000, 0, () => 0.9)).toBe(0);
  });
});
