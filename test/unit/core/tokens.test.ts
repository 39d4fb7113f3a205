// API tokens as core state: create, revoke and note use through JobManager,
// every refusal before anything is written, and replay giving the same tokens.

import { describe, expect, test } from "bun:test";
import { apply, JobTable, restore, type TokenEntry, tokenNameBytesMax, tokenQueuePatternsMax, tokensMax } from "../../../src/core/index.ts";
import { expectDomainError, Harness, replay, T0 } from "../../helpers/core.ts";

const hash = (fill: number) => new Uint8Array(32).fill(fill);

function entry(over: Partial<TokenEntry> = {}): TokenEntry {
  return { id: "0123456789abcdef", name: "deploy", role: "producer", queues: ["mail.*"], hash: hash(7), createdAt: T0, expiresAt: 0, lastUsedAt: 0, ...over };
}

/** Hex id number n, 16 chars. */
const idOf = (n: number) => n.toString(16).padStart(16, "0");

/** Tokens as plain data, for toEqual across states. */
const dump = (s: JobTable) => [...s.tokens.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((t) => ({ ...t, hash: [...t.hash] }));

describe("createToken", () => {
  test("stores a copy, writes one tokenCreated record, and lists and looks it up", () => {
    const h = new Harness();
    const e = entry({ queues: ["mail.*", "video"] });
    const out = h.m.createToken(e);
    expect(out).toEqual(e);
    expect(h.kinds()).toEqual(["tokenCreated"]);
    // Neither the caller's object nor the returned one is the stored entry.
    e.queues.push("x");
    e.hash[0] = 0;
    out.name = "changed";
    const stored = h.m.token(e.id) as TokenEntry;
    expect(stored).toMatchObject({ name: "deploy", queues: ["mail.*", "video"], hash: hash(7) });
    expect(h.m.tokens()).toEqual([stored]);
    expect(h.m.token("ffffffffffffffff")).toBeUndefined();
  });

  test("tokens() is sorted by name and hands out copies", () => {
    const h = new Harness();
    for (const [i, name] of ["b", "c", "a"].entries()) h.m.createToken(entry({ id: idOf(i + 1), name }));
    const list = h.m.tokens();
    expect(list.map((t) => t.name)).toEqual(["a", "b", "c"]);
    (list[0] as TokenEntry).queues.push("zzz");
    expect(h.m.token(idOf(3))?.queues).toEqual(["mail.*"]);
  });

  const invalid: [string, Partial<TokenEntry>, RegExp | string][] = [
    ["an id that is not 16 hex chars", { id: "0123" }, "16 lowercase hex"],
    ["an upper-case id", { id: "0123456789ABCDEF" }, "16 lowercase hex"],
    ["an empty name", { name: "" }, `name must be 1 to ${tokenNameBytesMax} bytes (tokenNameBytesMax)`],
    ["a name over the limit", { name: "é".repeat(tokenNameBytesMax / 2 + 1) }, `(tokenNameBytesMax), not ${tokenNameBytesMax + 2}`],
    ["a name with a control character", { name: "a\nb" }, "control characters"],
    ["a name shaped like an id", { name: "aaaaaaaaaaaaaaaa" }, "looks like a token id"],
    ["an unknown role", { role: "root" as TokenEntry["role"] }, "producer, worker, viewer, admin"],
    ["no queues", { queues: [] }, "queues must name at least one"],
    ["too many patterns", { queues: Array.from({ length: tokenQueuePatternsMax + 1 }, (_, i) => `q${i}`) }, "(tokenQueuePatternsMax)"],
    ["a star inside a pattern", { queues: ["a*b"] }, 'queues[0] may hold "*" only at its end'],
    ["a pattern over queueBytesMax + 1", { queues: ["ok", "q".repeat(130)] }, "queues[1] must be 1 to 129 bytes (queueBytesMax + 1)"],
    ["a short hash", { hash: new Uint8Array(31) }, "hash must be 32 bytes"],
    ["expiry before creation", { expiresAt: T0 }, "expires_at"],
    ["a negative expiry", { expiresAt: -1 }, "expires_at must be a whole number"],
    ["a fractional created_at", { createdAt: 1.5 }, "created_at must be a whole number"],
  ];

  test.each(invalid)("refuses %s with INVALID_ARGUMENT and writes nothing", (_n, over, message) => {
    const h = new Harness();
    expectDomainError(() => h.m.createToken(entry(over)), "invalid_argument", message);
    expect(h.records).toEqual([]);
    expect(h.m.state.tokens.size).toBe(0);
  });

  test("a used id or name is refused, naming it, and writes nothing", () => {
    const h = new Harness();
    h.m.createToken(entry());
    h.records.length = 0;
    expectDomainError(() => h.m.createToken(entry({ name: "other" })), "already_exists", "id 0123456789abcdef exists already");
    expectDomainError(() => h.m.createToken(entry({ id: idOf(9) })), "already_exists", 'named "deploy" exists already');
    expect(h.records).toEqual([]);
  });

  test(`refuses the token after tokensMax (${tokensMax}) with RESOURCE_EXHAUSTED`, () => {
    const s = new JobTable();
    for (let i = 1; i < tokensMax; i++) apply(s, { kind: "tokenCreated", token: entry({ id: idOf(i), name: `t${i}` }) });
    const h = new Harness({ state: s });
    h.m.createToken(entry({ id: idOf(tokensMax), name: "last" })); // the tokensMax-th
    expectDomainError(() => h.m.createToken(entry({ id: idOf(tokensMax + 1), name: "one more" })), "resource_exhausted", `at most ${tokensMax} (tokensMax)`);
    expect(h.kinds()).toEqual(["tokenCreated"]);
    h.m.revokeToken("t1", T0);
    expect(h.m.createToken(entry({ id: idOf(tokensMax + 1), name: "one more" })).name).toBe("one more");
  });
});

describe("revokeToken", () => {
  test("by id or by name; returns the entry as it was; the id then answers undefined", () => {
    const h = new Harness();
    h.m.createToken(entry({ id: idOf(1), name: "one" }));
    h.m.createToken(entry({ id: idOf(2), name: "two" }));
    h.m.noteTokensUsed([idOf(1)], T0 + 5);
    expect(h.m.revokeToken(idOf(1), T0 + 9)).toMatchObject({ id: idOf(1), name: "one", lastUsedAt: T0 + 5 });
    expect(h.m.revokeToken("two", T0 + 9).id).toBe(idOf(2));
    expect(h.records.slice(-2)).toEqual([
      { kind: "tokenRevoked", id: idOf(1), at: T0 + 9 },
      { kind: "tokenRevoked", id: idOf(2), at: T0 + 9 },
    ]);
    expect(h.m.token(idOf(1))).toBeUndefined();
    expect(h.m.tokens()).toEqual([]);
  });

  test("NOT_FOUND when neither an id nor a name matches; INVALID_ARGUMENT when empty; nothing written", () => {
    const h = new Harness();
    h.m.createToken(entry());
    h.records.length = 0;
    expectDomainError(() => h.m.revokeToken("nobody", T0), "not_found", 'no token has the id or name "nobody"');
    expectDomainError(() => h.m.revokeToken("", T0), "invalid_argument", "token must name");
    expect(h.records).toEqual([]);
  });
});

describe("noteTokensUsed", () => {
  test("one record for the ids that exist, each once; only ever raises lastUsedAt", () => {
    const h = new Harness();
    h.m.createToken(entry({ id: idOf(1), name: "one" }));
    h.m.createToken(entry({ id: idOf(2), name: "two" }));
    h.records.length = 0;
    h.m.noteTokensUsed([idOf(1), idOf(7), idOf(1), idOf(2)], T0 + 100);
    expect(h.records).toEqual([{ kind: "tokensUsed", ids: [idOf(1), idOf(2)], at: T0 + 100 }]);
    h.m.noteTokensUsed([idOf(1)], T0 + 50); // a late batch does not move it back
    expect(h.m.token(idOf(1))?.lastUsedAt).toBe(T0 + 100);
    h.m.noteTokensUsed([idOf(2)], T0 + 200);
    expect(h.m.tokens().map((t) => t.lastUsedAt)).toEqual([T0 + 100, T0 + 200]);
  });

  test("no known id, no record", () => {
    const h = new Harness();
    h.m.noteTokensUsed([], T0);
    h.m.noteTokensUsed([idOf(3)], T0);
    expect(h.records).toEqual([]);
  });

  test("an entry a reader holds is replaced, not changed, by a later use", () => {
    const h = new Harness();
    h.m.createToken(entry());
    const held = h.m.token(entry().id) as TokenEntry;
    h.m.noteTokensUsed([held.id], T0 + 1);
    expect(held.lastUsedAt).toBe(0);
    expect(h.m.token(held.id)?.lastUsedAt).toBe(T0 + 1);
  });
});

describe("apply on replay", () => {
  test("ids a tokensUsed or tokenRevoked record names that are gone are ignored", () => {
    const s = new JobTable();
    apply(s, { kind: "tokenCreated", token: entry() });
    apply(s, { kind: "tokenRevoked", id: entry().id, at: T0 + 1 });
    apply(s, { kind: "tokensUsed", ids: [entry().id], at: T0 + 2 });
    apply(s, { kind: "tokenRevoked", id: entry().id, at: T0 + 3 });
    expect(s.tokens.size).toBe(0);
  });

  test("a second tokenCreated for one id does not apply", () => {
    const s = new JobTable();
    apply(s, { kind: "tokenCreated", token: entry() });
    expect(() => apply(s, { kind: "tokenCreated", token: entry({ name: "x" }) })).toThrow("token 0123456789abcdef exists already");
  });

  test("replaying a live manager's records gives equal tokens, and new commands behave the same", () => {
    const h = new Harness();
    const m = h.m;
    for (let i = 1; i <= 6; i++) {
      h.advance(10);
      m.createToken(entry({ id: idOf(i), name: `n${i}`, role: i % 2 ? "worker" : "admin", queues: i % 3 ? ["*"] : ["a", "b.*"], hash: hash(i), createdAt: h.now, expiresAt: i % 2 ? 0 : h.now + 1000 }));
      h.submit("t");
    }
    h.advance(60_000);
    m.noteTokensUsed([idOf(1), idOf(2), idOf(3)], h.now);
    m.revokeToken("n2", h.now);
    h.advance(60_000);
    m.noteTokensUsed([idOf(3), idOf(4), idOf(2)], h.now);
    m.revokeToken(idOf(6), h.now);
    expect(new Set(h.kinds())).toEqual(new Set(["tokenCreated", "submitted", "tokensUsed", "tokenRevoked"]));
    const replayed = replay(h.records);
    expect(dump(replayed)).toEqual(dump(m.state));
    expect(dump(replayed).map((t) => [t.id, t.lastUsedAt])).toEqual([
      [idOf(1), T0 + 60_060],
      [idOf(3), T0 + 120_060],
      [idOf(4), T0 + 120_060],
      [idOf(5), 0],
    ]);
    const twin = new Harness({ state: replayed });
    twin.now = h.now;
    for (const x of [h, twin]) {
      x.records.length = 0;
      x.m.noteTokensUsed([idOf(5), idOf(6)], x.now);
      expect(() => x.m.createToken(entry({ id: idOf(9), name: "n1" }))).toThrow("exists already");
      x.m.revokeToken("n3", x.now);
    }
    expect(twin.records).toEqual(h.records);
    expect(dump(twin.m.state)).toEqual(dump(h.m.state));
  });

  test("restore() from snapshot copies gives the same tokens and shares nothing with them", () => {
    const h = new Harness();
    h.m.createToken(entry({ id: idOf(1), name: "one" }));
    h.m.noteTokensUsed([idOf(1)], T0 + 3);
    const copies = [...h.m.state.tokens.values()].map((t) => ({ ...t, queues: [...t.queues], hash: t.hash.slice() }));
    const s = new JobTable();
    restore(s, [], [], [], copies);
    expect(dump(s)).toEqual(dump(h.m.state));
    (copies[0] as TokenEntry).hash[0] = 99;
    expect(s.tokens.get(idOf(1))?.hash).toEqual(hash(7));
  });
});
