import { expect, test } from "bun:test";
import { cookieValue, csrfMatches, Sessions } from "../../../src/http/sessions.ts";

test("sessions expire, are bounded (oldest dropped) and check CSRF tokens exactly", () => {
  let now = 1000;
  const s = new Sessions(() => now, 2, 100);
  const a = s.create("fq_a");
  const b = s.create("fq_b");
  expect(a.cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(s.get(a.cookie)?.token).toBe("fq_a");
  const c = s.create("fq_c");
  expect([s.get(a.cookie), s.get(b.cookie)?.token, s.get(c.cookie)?.token]).toEqual([undefined, "fq_b", "fq_c"]);
  expect(csrfMatches(c.session, c.session.csrf)).toBe(true);
  expect(csrfMatches(c.session, `${c.session.csrf}x`)).toBe(false);
  expect(csrfMatches(c.session, null)).toBe(false);
  now += 100;
  expect(s.get(c.cookie)).toBeUndefined();
  expect(s.size).toBe(1);
});

test("cookieValue finds one cookie among several", () => {
  expect(cookieValue("a=1; falconq_session=xyz; b=2", "falconq_session")).toBe("xyz");
  expect(cookieValue("falconq_sessionx=1", "falconq_session")).toBeUndefined();
  expect(cookieValue(null, "falconq_session")).toBeUndefined();
});

test("one token logging in again and again drops only its own oldest sessions, never another token's", () => {
  const s = new Sessions(() => 0, 100, 1000, 3);
  const victim = s.create("fq_victim");
  const mine = Array.from({ length: 50 }, () => s.create("fq_attacker"));
  expect(s.get(victim.cookie)?.token).toBe("fq_victim");
  expect(s.size).toBe(4); // the victim's one and the attacker's last three
  expect(mine.slice(0, 47).every((m) => s.get(m.cookie) === undefined)).toBe(true);
  expect(mine.slice(47).every((m) => s.get(m.cookie)?.token === "fq_attacker")).toBe(true);
  s.delete(victim.cookie);
  expect(s.size).toBe(3);
});
