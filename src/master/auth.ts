// Authentication and authorization, for every adapter (gRPC now, HTTP next).
// Two authenticators produce one Identity: a bearer token ("fq_<id>_<secret>",
// looked up by id, its secret's SHA-256 compared in constant time) or a
// verified client certificate (CN = name, OU = role, URI SANs
// "urn:falconq:queue:<pattern>" = queues, none = all). The authorizer decides
// every call from one explicit per-RPC table: which roles may make it and
// whether it touches named queues or the whole master.
//
// With authentication off (a loopback master with no token file and no client
// CA) a caller without credentials is an anonymous admin; a caller that
// presents a token is still held to that token's grants, so a misconfigured
// client finds out on loopback rather than in production.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import {
  type Grant,
  type Identity,
  isRole,
  patternContains,
  patternCovers,
  type Role,
  type TokenEntry,
  tokenIdPattern,
} from "../core/auth.ts";
import { permissionDenied, unauthenticated } from "../core/errors.ts";
import type { Logger } from "../core/log.ts";
import { quote } from "../core/text.ts";

/** What a call's adapter can tell about its caller. */
export interface Credentials {
  /** The value of the `authorization` header, if any. */
  authorization?: string;
  /** The verified client certificate (TLS with a client CA), if any. */
  certificate?: PeerCertificate;
  /** The peer's address, for throttling and logs. */
  peer: string;
}

export interface PeerCertificate {
  /** Subject CN. */
  cn: string;
  /** Subject OU values. */
  ou: readonly string[];
  /** URI subject alternative names. */
  uris: readonly string[];
}

/** How a call touches queues, for the authorizer. */
export type Scope =
  /** The handler names the queues it touches (submit, get, cancel, …). */
  | "queues"
  /** The whole master: needs a grant over "*" (stats, workers, tokens). */
  | "all"
  /** No queue: the caller's own worker (bound by worker id) or itself. */
  | "self";

export interface Rule {
  roles: readonly Role[];
  scope: Scope;
}

const readers: readonly Role[] = ["producer", "viewer", "admin"];
const workerRoles: readonly Role[] = ["worker", "admin"];
const admins: readonly Role[] = ["admin"];
const any: readonly Role[] = ["producer", "worker", "viewer", "admin"];

/** Every RPC of FalconQueueService and who may call it. Health is open; reflection needs viewer. */
export const rpcRules = {
  SubmitJob: { roles: ["producer", "admin"], scope: "queues" },
  SubmitJobs: { roles: ["producer", "admin"], scope: "queues" },
  // docs/workflows.md: every job's queue; a batch's callbacks' queues.
  SubmitFlow: { roles: ["producer", "admin"], scope: "queues" },
  CreateBatch: { roles: ["producer", "admin"], scope: "queues" },
  CloseBatch: { roles: ["producer", "admin"], scope: "queues" },
  GetBatch: { roles: readers, scope: "queues" },
  // Fenced by the lease token of a job the calling worker holds.
  GetDependencies: { roles: workerRoles, scope: "self" },
  RegisterWorker: { roles: workerRoles, scope: "queues" },
  DeregisterWorker: { roles: workerRoles, scope: "self" },
  Heartbeat: { roles: workerRoles, scope: "self" },
  PollJobs: { roles: workerRoles, scope: "self" },
  AcknowledgeJob: { roles: workerRoles, scope: "self" },
  AcknowledgeJobs: { roles: workerRoles, scope: "self" },
  ReportProgress: { roles: workerRoles, scope: "self" },
  GetJob: { roles: readers, scope: "queues" },
  ListJobs: { roles: readers, scope: "queues" },
  WatchJobs: { roles: readers, scope: "queues" },
  CancelJob: { roles: admins, scope: "queues" },
  RetryJob: { roles: admins, scope: "queues" },
  DeleteJob: { roles: admins, scope: "queues" },
  PromoteJob: { roles: admins, scope: "queues" },
  PauseQueue: { roles: admins, scope: "queues" },
  ResumeQueue: { roles: admins, scope: "queues" },
  SetQueueRetention: { roles: admins, scope: "queues" },
  SetQueueLimits: { roles: admins, scope: "queues" },
  GetQueueLimits: { roles: ["viewer", "admin"], scope: "queues" },
  CreateSchedule: { roles: admins, scope: "queues" },
  PauseSchedule: { roles: admins, scope: "queues" },
  ResumeSchedule: { roles: admins, scope: "queues" },
  DeleteSchedule: { roles: admins, scope: "queues" },
  TriggerSchedule: { roles: admins, scope: "queues" },
  GetSchedule: { roles: ["viewer", "admin"], scope: "queues" },
  ListSchedules: { roles: ["viewer", "admin"], scope: "queues" },
  GetStats: { roles: ["viewer", "admin"], scope: "all" },
  ListWorkers: { roles: ["viewer", "admin"], scope: "all" },
  CommandWorker: { roles: admins, scope: "all" },
  CreateToken: { roles: admins, scope: "queues" },
  ListTokens: { roles: admins, scope: "all" },
  RevokeToken: { roles: admins, scope: "all" },
  WhoAmI: { roles: any, scope: "self" },
  ServerReflection: { roles: ["viewer", "admin"], scope: "self" },
  // falconqueue.v1.Replication (docs/ha.md): standby masters, which hold admin on every queue (mTLS: OU=admin).
  ReplicationFollow: { roles: admins, scope: "all" },
  ReplicationAck: { roles: admins, scope: "all" },
  // falconqueue.v1.Cluster (docs/ha.md, "Cluster mode"): `falconq cluster status|step-down`.
  ClusterStatus: { roles: admins, scope: "all" },
  ClusterStepDown: { roles: admins, scope: "all" },
} as const satisfies Record<string, Rule>;

export type RpcName = keyof typeof rpcRules;

const tokenPrefix = "fq_";
export const adminFileTokenId = "admin";
/** Secret part: 32 random bytes, base64url. */
const secretBytes = 32;
/** Failed authentications from one address within failureWindowMs before it is refused without a check. */
export const authFailuresPerAddressMax = 100;
const failureWindowMs = 60_000;
/** Addresses whose failures are tracked at once; the oldest is dropped past this. */
const failureAddressesMax = 10_000;
/** Certificate URI SAN naming a queue pattern. */
export const queueUriPrefix = "urn:falconq:queue:";

export function sha256(s: string): Uint8Array {
  return createHash("sha256").update(s).digest();
}

/** A fresh token: its full text (shown once) and the hash the master keeps. */
export function newToken(id = randomBytes(8).toString("hex")): { id: string; token: string; hash: Uint8Array } {
  const secret = randomBytes(secretBytes).toString("base64url");
  return { id, token: `${tokenPrefix}${id}_${secret}`, hash: sha256(secret) };
}

/** Splits "fq_<id>_<secret>"; undefined when it is not that shape. */
export function parseToken(token: string): { id: string; secret: string } | undefined {
  if (!token.startsWith(tokenPrefix)) return undefined;
  const rest = token.slice(tokenPrefix.length);
  const cut = rest.indexOf("_");
  if (cut <= 0) return undefined;
  const id = rest.slice(0, cut);
  const secret = rest.slice(cut + 1);
  if (secret.length < 16 || secret.length > 256 || (id !== adminFileTokenId && !tokenIdPattern.test(id))) return undefined;
  return { id, secret };
}

/** Where the authenticator finds tokens: the master's durable state. */
export interface TokenStore {
  token(id: string): TokenEntry | undefined;
  /** Remembers that a token was used (written back in batches). */
  used(id: string): void;
}

export interface AuthOptions {
  /** Callers must present credentials. */
  required: boolean;
  tokens: TokenStore;
  /** SHA-256 of the admin token file's secret, if there is one. */
  adminSecretHash?: Uint8Array;
  now: () => number;
  log: Logger;
  /** Called once for every refused authentication (metrics); must not throw. */
  onFailure?: (reason: AuthFailureReason) => void;
}

/**
 * Why an authentication was refused, a fixed set (a metric label):
 * `missing` no credentials where they are required; `malformed` an
 * authorization header that is not "Bearer fq_<id>_<secret>"; `invalid` an
 * unknown, revoked or mistyped token or a wrong admin token; `expired` an
 * expired token; `throttled` refused unchecked after too many failures from
 * the address.
 */
export type AuthFailureReason = "missing" | "malformed" | "invalid" | "expired" | "throttled";
export const authFailureReasons: readonly AuthFailureReason[] = ["missing", "malformed", "invalid", "expired", "throttled"];

const anonymous: Identity = { via: "anonymous", name: "anonymous", key: "anonymous", grants: [{ role: "admin", queues: ["*"] }] };

export class Auth {
  private readonly failures = new Map<string, { count: number; since: number; logged: number }>();

  constructor(private readonly o: AuthOptions) {}

  get required(): boolean {
    return this.o.required;
  }

  /** The caller's identity; UNAUTHENTICATED when credentials are missing (and required) or wrong. */
  authenticate(c: Credentials): Identity {
    const now = this.o.now();
    if (c.authorization !== undefined && c.authorization !== "") return this.byToken(c, now);
    if (c.certificate !== undefined) return certificateIdentity(c.certificate);
    if (!this.o.required) return anonymous;
    this.o.onFailure?.("missing");
    throw unauthenticated(
      "this master requires credentials: a bearer token (--token, FALCONQ_TOKEN) or a client certificate (--tls-cert/--tls-key)",
    );
  }

  private byToken(c: Credentials, now: number): Identity {
    const address = addressOf(c.peer);
    const f = this.failures.get(address);
    if (f !== undefined && now - f.since < failureWindowMs && f.count >= authFailuresPerAddressMax) {
      this.fail(address, now, "throttled", "throttled");
      throw unauthenticated(`too many failed authentications from this address; try again in ${Math.ceil((f.since + failureWindowMs - now) / 1000)} s`);
    }
    const m = /^Bearer ([\x21-\x7e]+)$/.exec(c.authorization as string);
    const parsed = m === null ? undefined : parseToken(m[1] as string);
    if (parsed === undefined) {
      this.fail(address, now, "malformed", "malformed");
      throw unauthenticated('the authorization header must be "Bearer fq_<id>_<secret>"');
    }
    const hash = sha256(parsed.secret);
    if (parsed.id === adminFileTokenId) {
      const want = this.o.adminSecretHash;
      if (want === undefined || !timingSafeEqual(hash, want)) {
        this.fail(address, now, "wrong admin token", "invalid");
        throw unauthenticated("the token is not valid");
      }
      return { via: "admin-token-file", name: "admin (token file)", key: "admin-file", grants: [{ role: "admin", queues: ["*"] }] };
    }
    const t = this.o.tokens.token(parsed.id);
    // Compare even for an unknown id, so timing does not tell which ids exist.
    const ok = timingSafeEqual(hash, t?.hash ?? zeroHash) && t !== undefined;
    if (!ok) {
      this.fail(address, now, `unknown or revoked token ${parsed.id}`, "invalid");
      throw unauthenticated("the token is not valid (unknown, revoked or mistyped)");
    }
    if (t.expiresAt !== 0 && now >= t.expiresAt) {
      this.fail(address, now, `expired token ${quote(t.name)}`, "expired");
      throw unauthenticated(`token ${quote(t.name)} expired at ${new Date(t.expiresAt).toISOString()}`);
    }
    this.o.tokens.used(t.id);
    return { via: "token", name: `token ${quote(t.name)}`, key: `token:${t.id}`, grants: [{ role: t.role, queues: t.queues }], tokenId: t.id };
  }

  /** Counts a failure; logs the first of a window and then one summary per window, never the secret. */
  private fail(address: string, now: number, why: string, reason: AuthFailureReason): void {
    this.o.onFailure?.(reason);
    let f = this.failures.get(address);
    if (f === undefined || now - f.since >= failureWindowMs) {
      if (f !== undefined && f.count > 1) this.o.log.warn(`auth: ${f.count} failed authentications from ${quote(address)} in the last window`);
      if (f === undefined && this.failures.size >= failureAddressesMax) {
        const oldest = this.failures.keys().next().value as string;
        this.failures.delete(oldest);
      }
      this.failures.delete(address);
      f = { count: 0, since: now, logged: 0 };
      this.failures.set(address, f);
    }
    f.count++;
    if (f.logged === 0) {
      f.logged = now;
      this.o.log.warn(`auth: refused a call from ${quote(address)}: ${why}`);
    }
  }

  /** Failed authentications counted so far in the current windows (for metrics). */
  get failuresTracked(): number {
    let n = 0;
    for (const f of this.failures.values()) n += f.count;
    return n;
  }
}

const zeroHash = new Uint8Array(32);

/** "ipv4:1.2.3.4:5678" / "ipv6:[::1]:5678" / "1.2.3.4:5678" → the address without the port. */
function addressOf(peer: string): string {
  const p = peer.replace(/^ipv[46]:/, "");
  const v6 = /^\[([^\]]+)\]:\d+$/.exec(p);
  if (v6 !== null) return v6[1] as string;
  const cut = p.lastIndexOf(":");
  return cut > 0 && p.indexOf(":") === cut ? p.slice(0, cut) : p;
}

/** A verified client certificate's identity: CN, OU roles, URI SAN queue patterns (none: every queue). */
export function certificateIdentity(c: PeerCertificate): Identity {
  const queues = c.uris.filter((u) => u.startsWith(queueUriPrefix)).map((u) => u.slice(queueUriPrefix.length));
  const grants: Grant[] = c.ou.filter(isRole).map((role) => ({ role, queues: queues.length > 0 ? queues : ["*"] }));
  return { via: "certificate", name: `certificate ${quote(c.cn)}`, key: `cert:${c.cn}`, grants };
}

/** Roles of the identity that a rule admits. */
function admitted(who: Identity, rule: Rule): Grant[] {
  return who.grants.filter((g) => (rule.roles as readonly string[]).includes(g.role));
}

function describe(who: Identity): string {
  const g = who.grants.map((x) => `${x.role} on ${x.queues.join(",")}`).join("; ");
  return `${who.name} (${g || "no role"})`;
}

/** First check of every call: the identity holds a role the RPC admits; PERMISSION_DENIED otherwise. */
export function authorizeRole(who: Identity, rpc: RpcName): void {
  const rule: Rule = rpcRules[rpc];
  const grants = admitted(who, rule);
  if (grants.length === 0) throw permissionDenied(`${describe(who)} may not call ${rpc}: it needs role ${rule.roles.join(" or ")}`);
  if (rule.scope === "all" && !grants.some((g) => g.queues.includes("*"))) {
    throw permissionDenied(`${describe(who)} may not call ${rpc}: it needs role ${rule.roles.join(" or ")} on every queue ("*")`);
  }
}

/** The identity may make this RPC on each of these queues (exact names). */
export function authorizeQueues(who: Identity, rpc: RpcName, queues: Iterable<string>): void {
  const grants = admitted(who, rpcRules[rpc]);
  for (const q of queues) {
    if (!grants.some((g) => g.queues.some((p) => patternCovers(p, q)))) {
      throw permissionDenied(`${describe(who)} may not call ${rpc} on queue ${quote(q)}`);
    }
  }
}

/** Whether the identity may make this RPC on `queue` (a filter for streams whose events span queues). */
export function mayCallOn(who: Identity, rpc: RpcName, queue: string): boolean {
  return admitted(who, rpcRules[rpc]).some((g) => g.queues.some((p) => patternCovers(p, queue)));
}

/**
 * A submit whose idempotency key another job holds is answered with that
 * job: the caller must be allowed the RPC on that job's queue too, or it
 * could read jobs of other queues by their keys. The refusal names no queue.
 */
export function authorizeIdempotent(
  who: Identity,
  rpc: RpcName,
  specs: readonly { idempotencyKey?: string }[],
  queueOf: (key: string | undefined) => string | undefined,
  batch: boolean,
): void {
  for (const [i, s] of specs.entries()) {
    const q = queueOf(s.idempotencyKey);
    if (q !== undefined && !mayCallOn(who, rpc, q)) {
      throw permissionDenied(`${batch ? `jobs[${i}]` : "job"}.idempotency_key is held by a job of a queue ${who.name} may not call ${rpc} on`);
    }
  }
}

/** A request that names no queue (ListJobs, WatchJobs over everything) needs a grant over "*". */
export function authorizeEveryQueue(who: Identity, rpc: RpcName): void {
  if (!admitted(who, rpcRules[rpc]).some((g) => g.queues.includes("*"))) {
    throw permissionDenied(`${describe(who)} may not call ${rpc} over every queue: name a queue it may read`);
  }
}

/** An admin may only mint tokens within its own scope. */
export function authorizeMint(who: Identity, patterns: readonly string[]): void {
  const grants = admitted(who, rpcRules.CreateToken);
  for (const p of patterns) {
    if (!grants.some((g) => g.queues.some((o) => patternContains(o, p)))) {
      throw permissionDenied(`${describe(who)} may not call CreateToken for queues ${quote(p)}: beyond its own scope`);
    }
  }
}

/** 127.0.0.0/8, ::1, localhost (and ::ffff:127.x). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  const v4 = h.startsWith("::ffff:") ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith("127.");
}

/**
 * One call's authorization, for every adapter: the role check runs at once;
 * a rule scoped to queues must then name them (`queues` / `everyQueue`)
 * before `done`, or the call fails, so no handler can forget its check.
 */
export interface CallGuard {
  readonly who: Identity;
  /** Authorizes the call on these queues (PERMISSION_DENIED otherwise). */
  queues(names: Iterable<string>): void;
  /** Authorizes the call over every queue (a request that names none). */
  everyQueue(): void;
  /** Throws when a queue-scoped call answered without naming its queues. */
  done(): void;
}

export function guard(who: Identity, rpc: RpcName): CallGuard {
  authorizeRole(who, rpc);
  let scoped = rpcRules[rpc].scope !== "queues";
  return {
    who,
    queues: (names) => {
      authorizeQueues(who, rpc, names);
      scoped = true;
    },
    everyQueue: () => {
      authorizeEveryQueue(who, rpc);
      scoped = true;
    },
    done: () => {
      if (!scoped) throw new Error(`${rpc} answered without a queue authorization`);
    },
  };
}
