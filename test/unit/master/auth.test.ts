// The authenticator and authorizer without a transport: token parsing and
// lookup, certificate identities, the per-RPC table, queue scopes, minting
// limits and the failure throttle.

import { describe, expect, test } from "bun:test";
import { checkQueuePatterns, type Identity, patternContains, patternCovers, type roles, type TokenEntry } from "../../../src/core/auth.ts";
import { DomainError } from "../../../src/core/errors.ts";
import {
  Auth,
  authFailuresPerAddressMax,
  authorizeEveryQueue,
  authorizeMint,
  authorizeQueues,
  authorizeRole,
  certificateIdentity,
  newToken,
  parseToken,
  rpcRules,
} from "../../../src/master/auth.ts";

function kindOf(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof DomainError) return e.kind;
    throw e;
  }
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

const warnings: string[] = [];
const log = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };

/** The secret part of "fq_<id>_<secret>" (the secret may itself hold "_"). */
const secretOf = (token: string): string => token.slice(token.indexOf("_", 3) + 1);

function store(entries: TokenEntry[]) {
  const used: string[] = [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  return { used, store: { token: (id: string) => byId.get(id), used: (id: string) => void used.push(id) } };
}

function entry(t: { id: string; hash: Uint8Array }, over: Partial<TokenEntry> = {}): TokenEntry {
  return { id: t.id, name: "ci", role: "producer", queues: ["mail.*"], hash: t.hash, createdAt: 1, expiresAt: 0, lastUsedAt: 0, ...over };
}

describe("tokens", () => {
  test("a new token parses back to its id, and its hash is of the secret only", () => {
    const t = newToken();
    expect(t.token).toMatch(/^fq_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const p = parseToken(t.token);
    expect(p?.id).toBe(t.id);
    expect(t.hash.length).toBe(32);
  });

  test("malformed tokens are refused by shape", () => {
    for (const bad of ["", "fq_", "fq__secretsecretsecret", "xx_0123456789abcdef_secretsecretsecret", "fq_0123_secretsecretsecret", "fq_0123456789abcdef_short"]) {
      expect(parseToken(bad)).toBeUndefined();
    }
  });

  test("a valid token authenticates with its grant and is noted as used", () => {
    const t = newToken();
    const s = store([entry(t)]);
    const auth = new Auth({ required: true, tokens: s.store, now: () => 10, log });
    const who = auth.authenticate({ authorization: `Bearer ${t.token}`, peer: "ipv4:127.0.0.1:5000" });
    expect(who).toMatchObject({ via: "token", key: `token:${t.id}`, tokenId: t.id, grants: [{ role: "producer", queues: ["mail.*"] }] });
    expect(who.name).toContain("ci");
    expect(s.used).toEqual([t.id]);
  });

  test("wrong secret, unknown id, expired, missing and malformed are UNAUTHENTICATED and never echo the secret", () => {
    const t = newToken();
    const other = newToken();
    const expired = newToken();
    const s = store([entry(t), entry(expired, { name: "old", expiresAt: 50 })]);
    const auth = new Auth({ required: true, tokens: s.store, now: () => 100, log });
    const wrongSecret = `fq_${t.id}_${secretOf(other.token)}`;
    const cases = [wrongSecret, other.token, expired.token, "Bearer", "Basic abc"];
    for (const c of cases) {
      const authorization = c.startsWith("fq_") ? `Bearer ${c}` : c;
      expect(kindOf(() => auth.authenticate({ authorization, peer: "ipv4:10.0.0.1:1" }))).toBe("unauthenticated");
      const secret = c.startsWith("fq_") ? secretOf(c) : undefined;
      if (secret !== undefined) expect(messageOf(() => auth.authenticate({ authorization, peer: "ipv4:10.0.0.1:1" }))).not.toContain(secret);
    }
    expect(messageOf(() => auth.authenticate({ authorization: `Bearer ${expired.token}`, peer: "x:1" }))).toMatch(/expired/);
    expect(kindOf(() => auth.authenticate({ peer: "ipv4:127.0.0.1:1" }))).toBe("unauthenticated");
    expect(s.used).toEqual([]);
    expect(warnings.join("\n")).not.toContain(t.token);
  });

  test("without required credentials, no credentials is an anonymous admin but a bad token is still refused", () => {
    const auth = new Auth({ required: false, tokens: store([]).store, now: () => 1, log });
    expect(auth.authenticate({ peer: "ipv4:127.0.0.1:1" })).toMatchObject({ via: "anonymous", grants: [{ role: "admin", queues: ["*"] }] });
    expect(kindOf(() => auth.authenticate({ authorization: `Bearer ${newToken().token}`, peer: "ipv4:127.0.0.1:1" }))).toBe("unauthenticated");
  });

  test("the admin token file's token is an admin over every queue", () => {
    const admin = newToken("admin");
    const auth = new Auth({ required: true, tokens: store([]).store, adminSecretHash: admin.hash, now: () => 1, log });
    expect(auth.authenticate({ authorization: `Bearer ${admin.token}`, peer: "p:1" })).toMatchObject({ via: "admin-token-file", grants: [{ role: "admin", queues: ["*"] }] });
    const forged = newToken("admin");
    expect(kindOf(() => auth.authenticate({ authorization: `Bearer ${forged.token}`, peer: "p:1" }))).toBe("unauthenticated");
    const noFile = new Auth({ required: true, tokens: store([]).store, now: () => 1, log });
    expect(kindOf(() => noFile.authenticate({ authorization: `Bearer ${admin.token}`, peer: "p:1" }))).toBe("unauthenticated");
  });

  test("an address past the failure limit is refused even with a valid token until its window passes; others are not", () => {
    const t = newToken();
    let now = 1000;
    const auth = new Auth({ required: true, tokens: store([entry(t)]).store, now: () => now, log });
    const bad = `Bearer ${newToken().token}`;
    for (let i = 0; i < authFailuresPerAddressMax; i++) kindOf(() => auth.authenticate({ authorization: bad, peer: "ipv4:10.9.9.9:4000" }));
    expect(messageOf(() => auth.authenticate({ authorization: `Bearer ${t.token}`, peer: "ipv4:10.9.9.9:4001" }))).toMatch(/too many failed/);
    expect(auth.authenticate({ authorization: `Bearer ${t.token}`, peer: "ipv4:10.9.9.8:4001" }).via).toBe("token");
    now += 60_001;
    expect(auth.authenticate({ authorization: `Bearer ${t.token}`, peer: "ipv4:10.9.9.9:4002" }).via).toBe("token");
  });
});

describe("certificate identities", () => {
  test("CN names it, OU roles grant, URI SANs scope (none: every queue), unknown OUs grant nothing", () => {
    const w = certificateIdentity({ cn: "worker-1", ou: ["worker", "ops"], uris: ["urn:falconq:queue:mail.*", "https://x"] });
    expect(w).toMatchObject({ via: "certificate", key: "cert:worker-1", grants: [{ role: "worker", queues: ["mail.*"] }] });
    expect(certificateIdentity({ cn: "v", ou: ["viewer"], uris: [] }).grants).toEqual([{ role: "viewer", queues: ["*"] }]);
    const none = certificateIdentity({ cn: "x", ou: ["ops"], uris: [] });
    expect(none.grants).toEqual([]);
    expect(kindOf(() => authorizeRole(none, "GetJob"))).toBe("permission_denied");
  });
});

describe("patterns", () => {
  test("cover and contain", () => {
    expect(patternCovers("*", "anything")).toBe(true);
    expect(patternCovers("mail.*", "mail.eu")).toBe(true);
    expect(patternCovers("mail.*", "mail")).toBe(false);
    expect(patternCovers("mail.*", "mailx")).toBe(false);
    expect(patternCovers("mail", "mail")).toBe(true);
    expect(patternCovers("mail", "mail.eu")).toBe(false);
    expect(patternContains("mail.*", "mail.eu.*")).toBe(true);
    expect(patternContains("mail.*", "mail.eu")).toBe(true);
    expect(patternContains("mail.*", "*")).toBe(false);
    expect(patternContains("mail", "mail.*")).toBe(false);
  });

  test("malformed pattern lists are refused naming the field", () => {
    expect(messageOf(() => checkQueuePatterns("queues", [], 128))).toMatch(/queues must name/);
    expect(messageOf(() => checkQueuePatterns("queues", ["ma*il"], 128))).toMatch(/queues\[0\]/);
    expect(messageOf(() => checkQueuePatterns("queues", ["x".repeat(200)], 128))).toMatch(/queueBytesMax/);
    expect(messageOf(() => checkQueuePatterns("queues", Array(33).fill("a"), 128))).toMatch(/tokenQueuePatternsMax/);
  });
});

describe("the per-RPC table", () => {
  const as = (role: (typeof roles)[number], queues = ["*"]): Identity => ({ via: "token", name: `t-${role}`, key: `token:${role}`, grants: [{ role, queues }] });

  test("every role's reach matches the documented role table", () => {
    const reach = (role: (typeof roles)[number]) =>
      Object.keys(rpcRules)
        .filter((rpc) => kindOf(() => authorizeRole(as(role), rpc as keyof typeof rpcRules)) === "ok")
        .sort();
    expect(reach("producer")).toEqual(["CloseBatch", "CreateBatch", "GetBatch", "GetJob", "ListJobs", "SubmitFlow", "SubmitJob", "SubmitJobs", "WatchJobs", "WhoAmI"]);
    expect(reach("worker")).toEqual(["AcknowledgeJob", "AcknowledgeJobs", "DeregisterWorker", "GetDependencies", "Heartbeat", "PollJobs", "RegisterWorker", "ReportProgress", "WhoAmI"]);
    expect(reach("viewer")).toEqual(["GetBatch", "GetJob", "GetQueueLimits", "GetSchedule", "GetStats", "ListJobs", "ListSchedules", "ListWorkers", "ServerReflection", "WatchJobs", "WhoAmI"]);
    expect(reach("admin")).toEqual(Object.keys(rpcRules).sort());
  });

  test("queue scopes: in scope allowed, out of scope PERMISSION_DENIED naming role and queue", () => {
    const p = as("producer", ["mail.*"]);
    expect(kindOf(() => authorizeQueues(p, "SubmitJob", ["mail.eu"]))).toBe("ok");
    const m = messageOf(() => authorizeQueues(p, "SubmitJob", ["billing"]));
    expect(m).toMatch(/producer on mail\.\*/);
    expect(m).toMatch(/"billing"/);
    expect(kindOf(() => authorizeEveryQueue(p, "ListJobs"))).toBe("permission_denied");
    expect(kindOf(() => authorizeEveryQueue(as("viewer"), "ListJobs"))).toBe("ok");
    expect(kindOf(() => authorizeRole(as("viewer", ["mail.*"]), "GetStats"))).toBe("permission_denied");
  });

  test("an admin mints tokens only within its own scope", () => {
    const a = as("admin", ["mail.*"]);
    expect(kindOf(() => authorizeMint(a, ["mail.eu", "mail.us.*"]))).toBe("ok");
    expect(kindOf(() => authorizeMint(a, ["*"]))).toBe("permission_denied");
    expect(kindOf(() => authorizeMint(as("admin"), ["*"]))).toBe("ok");
  });
});
