// A small typed etcd v3 client over gRPC: KV (Range, Put, DeleteRange, Txn),
// Watch, Lease (Grant, Revoke, KeepAlive, TimeToLive) and the v3election
// service, with etcd's protos embedded as text (like src/rpc/schema.ts), so
// the compiled binary needs no file beside it. Not the `etcd3` package.
//
// Endpoints: one grpc-js channel per endpoint, made lazily; calls go to the
// current endpoint and move on to the next one when it is UNAVAILABLE.
// Every unary call has a deadline; a retried call stays within it. Only
// idempotent requests are retried (all of ours are: a put of the same
// value, a delete, a guarded txn whose put is the same put, a grant whose
// duplicate lease expires by itself).
//
// Invariants: after close() no call, stream or timer of this client keeps
// the process alive. Lease ids are int64 and travel as decimal strings
// (etcd picks them from the whole 63-bit range); revisions fit in 2^53 and
// are numbers.

import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import protobuf from "protobufjs";
import rpcText from "../../proto/etcd/etcdserverpb/rpc.proto" with { type: "text" };
import kvText from "../../proto/etcd/mvccpb/kv.proto" with { type: "text" };
import electionText from "../../proto/etcd/v3electionpb/v3election.proto" with { type: "text" };
import type { Logger } from "../core/log.ts";
import { silentLogger } from "../core/log.ts";

/** The embedded etcd protos by their import paths. */
export const etcdProtoFiles: Readonly<Record<string, string>> = {
  "etcd/mvccpb/kv.proto": kvText,
  "etcd/etcdserverpb/rpc.proto": rpcText,
  "etcd/v3electionpb/v3election.proto": electionText,
};

const loaderOptions: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
};

let definition: protoLoader.PackageDefinition | undefined;

/** proto-loader's definition of the embedded protos (parsed once). */
export function etcdDefinition(): protoLoader.PackageDefinition {
  if (definition === undefined) {
    const root = new protobuf.Root();
    for (const text of Object.values(etcdProtoFiles)) protobuf.parse(text, root, { keepCase: true });
    root.resolveAll();
    definition = protoLoader.fromJSON(root.toJSON(), loaderOptions);
  }
  return definition;
}

function method(service: string, name: string): protoLoader.MethodDefinition<object, object> {
  const svc = etcdDefinition()[service] as protoLoader.ServiceDefinition | undefined;
  const m = svc?.[name];
  if (m === undefined) throw new Error(`etcd proto has no ${service}.${name}`);
  return m as protoLoader.MethodDefinition<object, object>;
}

// ---- wire shapes (as proto-loader decodes them with loaderOptions) ----------

interface PbHeader {
  revision: string;
}
interface PbKeyValue {
  key: Buffer;
  create_revision: string;
  mod_revision: string;
  version: string;
  value: Buffer;
  lease: string;
}
interface PbLeaderKey {
  name: Buffer;
  key: Buffer;
  rev: string;
  lease: string;
}

/** A key-value pair as etcd stores it. */
export interface Kv {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
  version: number;
  /** "0" when the key has no lease. */
  lease: LeaseId;
}

/** An etcd lease id: an int64, kept as its decimal string. */
export type LeaseId = string;

/** Who holds an election (v3election's LeaderKey): pass it back to resign or proclaim. */
export interface LeaderKey {
  name: string;
  /** The key holding the leadership, `<name>/<lease in hex>`. */
  key: string;
  /** The key's create revision. */
  rev: number;
  lease: LeaseId;
}

export interface WatchEvent {
  type: "PUT" | "DELETE";
  kv: Kv;
}

export type Compare =
  | { key: string; target: "CREATE"; result?: "EQUAL" | "NOT_EQUAL" | "GREATER" | "LESS"; createRevision: number }
  | { key: string; target: "VALUE"; result?: "EQUAL" | "NOT_EQUAL"; value: string };

export type TxnOp = { put: { key: string; value: string; lease?: LeaseId } } | { deleteKey: string } | { range: string };

function kvOf(k: PbKeyValue): Kv {
  return {
    key: k.key.toString("utf8"),
    value: k.value.toString("utf8"),
    createRevision: Number(k.create_revision),
    modRevision: Number(k.mod_revision),
    version: Number(k.version),
    lease: String(k.lease),
  };
}

function leaderKeyOf(l: PbLeaderKey): LeaderKey {
  return { name: l.name.toString("utf8"), key: l.key.toString("utf8"), rev: Number(l.rev), lease: String(l.lease) };
}

function pbLeaderKey(l: LeaderKey): object {
  return { name: Buffer.from(l.name), key: Buffer.from(l.key), rev: l.rev, lease: l.lease };
}

/** The end of the range holding every key that starts with `prefix`. */
export function prefixEnd(prefix: string): Buffer {
  const b = Buffer.from(prefix);
  for (let i = b.length - 1; i >= 0; i--) {
    if ((b[i] as number) < 0xff) {
      const end = Buffer.from(b.subarray(0, i + 1));
      end[i] = (b[i] as number) + 1;
      return end;
    }
  }
  return Buffer.from([0]); // all keys
}

function pbOp(op: TxnOp): object {
  if ("put" in op) return { request_put: { key: Buffer.from(op.put.key), value: Buffer.from(op.put.value), lease: op.put.lease ?? "0" } };
  if ("deleteKey" in op) return { request_delete_range: { key: Buffer.from(op.deleteKey) } };
  return { request_range: { key: Buffer.from(op.range) } };
}

function pbCompare(c: Compare): object {
  const base = { key: Buffer.from(c.key), target: c.target, result: c.result ?? "EQUAL" };
  return c.target === "CREATE" ? { ...base, create_revision: c.createRevision } : { ...base, value: Buffer.from(c.value) };
}

// ---- errors ------------------------------------------------------------------

/** A failed etcd call: the gRPC status code and etcd's message. */
export class EtcdError extends Error {
  constructor(
    readonly code: grpc.status,
    readonly details: string,
    readonly endpoint: string,
  ) {
    super(`etcd ${endpoint}: ${grpc.status[code] ?? code}: ${details}`);
    this.name = "EtcdError";
  }
}

/** True when the call ran out of its deadline. */
export function isDeadline(err: unknown): boolean {
  return err instanceof EtcdError && err.code === grpc.status.DEADLINE_EXCEEDED;
}

/** True for the errors a call to another endpoint (or later) may not have. */
export function isUnavailable(err: unknown): boolean {
  return err instanceof EtcdError && err.code === grpc.status.UNAVAILABLE;
}

function toEtcdError(err: grpc.ServiceError | Error, endpoint: string): EtcdError {
  if (err instanceof EtcdError) return err;
  const code = (err as grpc.ServiceError).code ?? grpc.status.UNKNOWN;
  const details = (err as grpc.ServiceError).details ?? err.message;
  return new EtcdError(code, details.replace(/\s*Resolution note:\s*$/, ""), endpoint);
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

// ---- the client --------------------------------------------------------------

export interface EtcdOptions {
  /** "host:port" (or "http://host:port", "etcd://host:port") of every etcd member. */
  endpoints: string[];
  /** Deadline of each unary call, retries included. Default 2000 ms. */
  callTimeoutMs?: number;
  log?: Logger;
}

/** A call close() must cancel. */
interface Cancellable {
  cancel(): void;
}

/** "etcd://a:2379,b:2379", "http://a:2379" or "a:2379" to grpc targets. */
export function parseEndpoints(spec: string | string[]): string[] {
  const parts = (Array.isArray(spec) ? spec : [spec]).flatMap((s) => s.replace(/^etcd:\/\//, "").split(","));
  return parts.map((p) => p.trim().replace(/^(https?|etcd):\/\//, "").replace(/\/+$/, "")).filter((p) => p !== "");
}

/**
 * Stream metadata asking etcd to refuse (and later cancel) the stream while
 * the member it reached has no raft leader, as etcd's own client does for
 * watches and keepalives: a partitioned member would otherwise keep the
 * stream open and silent.
 */
function requireLeader(): grpc.Metadata {
  const md = new grpc.Metadata();
  md.set("hasleader", "true");
  return md;
}

const channelOptions: grpc.ChannelOptions = {
  // etcd restarts in about a second: reconnect within that, not after grpc's default 1 s .. 120 s backoff.
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
  "grpc.max_receive_message_length": 16 * 1024 * 1024,
};

export class EtcdClient {
  readonly endpoints: readonly string[];
  readonly callTimeoutMs: number;
  readonly log: Logger;
  private readonly channels = new Map<string, grpc.Client>();
  private current = 0;
  private readonly open = new Set<Cancellable>();
  private closed = false;

  constructor(o: EtcdOptions) {
    this.endpoints = parseEndpoints(o.endpoints);
    if (this.endpoints.length === 0) throw new Error("etcd: no endpoints");
    this.callTimeoutMs = o.callTimeoutMs ?? 2000;
    this.log = o.log ?? silentLogger;
  }

  /** The endpoint calls go to now. */
  get endpoint(): string {
    return this.endpoints[this.current % this.endpoints.length] as string;
  }

  private channel(endpoint: string): grpc.Client {
    let c = this.channels.get(endpoint);
    if (c === undefined) {
      c = new grpc.Client(endpoint, grpc.credentials.createInsecure(), channelOptions);
      this.channels.set(endpoint, c);
    }
    return c;
  }

  /** Moves to the next endpoint if `endpoint` is still the current one. */
  failover(endpoint: string): void {
    if (this.endpoints.length > 1 && this.endpoint === endpoint) {
      this.current = (this.current + 1) % this.endpoints.length;
      this.log.debug(`etcd: ${endpoint} unavailable, trying ${this.endpoint}`);
    }
  }

  private once<Res>(endpoint: string, service: string, name: string, req: object, deadline: Date, signal?: AbortSignal): Promise<Res> {
    const m = method(service, name);
    return new Promise<Res>((resolve, reject) => {
      if (this.closed) return reject(new EtcdError(grpc.status.CANCELLED, "client closed", endpoint));
      if (signal?.aborted) return reject(new EtcdError(grpc.status.CANCELLED, "aborted", endpoint));
      const call = this.channel(endpoint).makeUnaryRequest(
        m.path,
        m.requestSerialize,
        m.responseDeserialize,
        req,
        new grpc.Metadata(),
        { deadline },
        (err, res) => {
          this.open.delete(call);
          signal?.removeEventListener("abort", abort);
          if (err) reject(toEtcdError(err, endpoint));
          else resolve(res as Res);
        },
      );
      const abort = () => call.cancel();
      signal?.addEventListener("abort", abort, { once: true });
      this.open.add(call);
    });
  }

  /**
   * One unary call with a deadline of `timeoutMs` (default callTimeoutMs);
   * UNAVAILABLE moves to the next endpoint and retries (backoff 50 ms
   * doubling to 400 ms) while the deadline allows, at most 3 rounds of the list.
   */
  async call<Res>(service: string, name: string, req: object, o: { timeoutMs?: number; retry?: boolean; signal?: AbortSignal } = {}): Promise<Res> {
    const until = Date.now() + (o.timeoutMs ?? this.callTimeoutMs);
    const attempts = o.retry === false ? 1 : 3 * this.endpoints.length + 1;
    for (let n = 0; ; n++) {
      const endpoint = this.endpoint;
      try {
        return await this.once<Res>(endpoint, service, name, req, new Date(until), o.signal);
      } catch (err) {
        if (!isUnavailable(err) || this.closed || o.signal?.aborted) throw err;
        this.failover(endpoint);
        const wait = Math.min(400, 50 * 2 ** n);
        if (n + 1 >= attempts || Date.now() + wait >= until) throw err;
        await sleep(wait, o.signal);
      }
    }
  }

  // ---- KV ----

  async range(key: string, o: { prefix?: boolean; limit?: number; sortByCreate?: boolean; timeoutMs?: number } = {}): Promise<{ revision: number; kvs: Kv[] }> {
    const res = await this.call<{ header: PbHeader; kvs: PbKeyValue[] }>(
      "etcdserverpb.KV",
      "Range",
      {
        key: Buffer.from(key),
        // Absent for one key: an empty Buffer reached etcd as "\0" (every key from `key` on) under Bun.
        ...(o.prefix && { range_end: prefixEnd(key) }),
        limit: o.limit ?? 0,
        ...(o.sortByCreate && { sort_order: "ASCEND", sort_target: "CREATE" }),
      },
      { timeoutMs: o.timeoutMs },
    );
    return { revision: Number(res.header.revision), kvs: res.kvs.map(kvOf) };
  }

  async get(key: string): Promise<Kv | undefined> {
    return (await this.range(key)).kvs[0];
  }

  async put(key: string, value: string, lease: LeaseId = "0"): Promise<number> {
    const res = await this.call<{ header: PbHeader }>("etcdserverpb.KV", "Put", { key: Buffer.from(key), value: Buffer.from(value), lease });
    return Number(res.header.revision);
  }

  async deleteRange(key: string, o: { prefix?: boolean } = {}): Promise<number> {
    const res = await this.call<{ deleted: string }>("etcdserverpb.KV", "DeleteRange", {
      key: Buffer.from(key),
      ...(o.prefix && { range_end: prefixEnd(key) }),
    });
    return Number(res.deleted);
  }

  /** If every compare holds, applies `success`, else `failure`; `revision` is the store's after the txn. */
  async txn(compare: Compare[], success: TxnOp[], failure: TxnOp[] = []): Promise<{ succeeded: boolean; revision: number }> {
    const res = await this.call<{ header: PbHeader; succeeded: boolean }>("etcdserverpb.KV", "Txn", {
      compare: compare.map(pbCompare),
      success: success.map(pbOp),
      failure: failure.map(pbOp),
    });
    return { succeeded: res.succeeded, revision: Number(res.header.revision) };
  }

  // ---- Lease ----

  /** A new lease; `ttlSec` is etcd's (it raises values under its minimum, about 2 s by default). */
  async leaseGrant(ttlSec: number): Promise<{ id: LeaseId; ttlSec: number }> {
    const res = await this.call<{ ID: string; TTL: string; error: string }>("etcdserverpb.Lease", "LeaseGrant", { TTL: ttlSec, ID: 0 });
    if (res.error) throw new EtcdError(grpc.status.UNKNOWN, res.error, this.endpoint);
    return { id: String(res.ID), ttlSec: Number(res.TTL) };
  }

  /** Revokes a lease, deleting its keys; a lease already gone is no error. */
  async leaseRevoke(id: LeaseId, o: { timeoutMs?: number } = {}): Promise<void> {
    try {
      await this.call("etcdserverpb.Lease", "LeaseRevoke", { ID: id }, o);
    } catch (err) {
      if (err instanceof EtcdError && err.code === grpc.status.NOT_FOUND) return;
      throw err;
    }
  }

  /** Remaining seconds of a lease (-1 when it expired or never existed) and its granted TTL. */
  async leaseTimeToLive(id: LeaseId): Promise<{ ttlSec: number; grantedTtlSec: number }> {
    const res = await this.call<{ TTL: string; grantedTTL: string }>("etcdserverpb.Lease", "LeaseTimeToLive", { ID: id, keys: false });
    return { ttlSec: Number(res.TTL), grantedTtlSec: Number(res.grantedTTL) };
  }

  /** Keeps lease `id` alive: see LeaseKeeper. */
  keepAlive(id: LeaseId, o: KeeperOptions): LeaseKeeper {
    return new LeaseKeeper(this, id, o);
  }

  // ---- Election ----

  /**
   * Waits until lease `lease`'s key under election `name` is the oldest
   * (etcd's server-side Campaign), at most `timeoutMs`. When the call ends
   * unelected (deadline, abort) etcd deletes the key it made. No retries.
   */
  async campaign(name: string, lease: LeaseId, value: string, timeoutMs: number, signal?: AbortSignal): Promise<LeaderKey> {
    const res = await this.call<{ leader: PbLeaderKey }>(
      "v3electionpb.Election",
      "Campaign",
      { name: Buffer.from(name), lease, value: Buffer.from(value) },
      { timeoutMs, retry: false, signal },
    );
    return leaderKeyOf(res.leader);
  }

  async proclaim(leader: LeaderKey, value: string): Promise<void> {
    await this.call("v3electionpb.Election", "Proclaim", { leader: pbLeaderKey(leader), value: Buffer.from(value) });
  }

  /** The election's leader key (its value is what the leader proclaimed), or undefined when nobody leads. */
  async leader(name: string): Promise<Kv | undefined> {
    return (await this.leaderAt(name)).kv;
  }

  /** Like leader(), with the store revision of the read (0 when etcd reported no leader, which carries none). */
  async leaderAt(name: string): Promise<{ kv: Kv | undefined; revision: number }> {
    try {
      const res = await this.call<{ header: PbHeader | null; kv: PbKeyValue | null }>("v3electionpb.Election", "Leader", { name: Buffer.from(name) });
      return { kv: res.kv ? kvOf(res.kv) : undefined, revision: Number(res.header?.revision ?? 0) };
    } catch (err) {
      // etcd answers "election: no leader" (code UNKNOWN) when the election has no key.
      if (err instanceof EtcdError && /election: no leader/.test(err.details)) return { kv: undefined, revision: 0 };
      throw err;
    }
  }

  async resign(leader: LeaderKey): Promise<void> {
    await this.call("v3electionpb.Election", "Resign", { leader: pbLeaderKey(leader) });
  }

  /**
   * Election.Observe: every leader (and proclamation) in order, until the
   * stream ends; etcd never reports "no leader" here. `onEnd` gets the error
   * that ended it (undefined after cancel()). Returns cancel.
   */
  observeElection(name: string, onLeader: (kv: Kv) => void, onEnd: (err?: EtcdError) => void): () => void {
    const m = method("v3electionpb.Election", "Observe");
    const endpoint = this.endpoint;
    const stream = this.channel(endpoint).makeServerStreamRequest(m.path, m.requestSerialize, m.responseDeserialize, { name: Buffer.from(name) }, requireLeader());
    return this.track(stream, endpoint, (res: { kv: PbKeyValue | null }) => res.kv && onLeader(kvOf(res.kv)), onEnd);
  }

  // ---- Watch ----

  /**
   * Watches `key` (every key with that prefix when `prefix`) from
   * `startRevision` (inclusive; 0 = now). `onEvents` gets each batch with
   * the store revision it brings the watcher to. The watch ends with
   * `onEnd(err)`: a stream error, or a cancel by etcd (e.g. a compacted
   * start revision). Returns cancel (then `onEnd` is not called).
   */
  watch(key: string, o: { prefix?: boolean; startRevision?: number }, onEvents: (events: WatchEvent[], revision: number) => void, onEnd: (err?: EtcdError) => void): () => void {
    const m = method("etcdserverpb.Watch", "Watch");
    const endpoint = this.endpoint;
    const stream = this.channel(endpoint).makeBidiStreamRequest(m.path, m.requestSerialize, m.responseDeserialize, requireLeader());
    stream.write({
      create_request: {
        key: Buffer.from(key),
        // Absent for one key: an empty Buffer reached etcd as "\0" (every key from `key` on) under Bun.
        ...(o.prefix && { range_end: prefixEnd(key) }),
        start_revision: o.startRevision ?? 0,
      },
    });
    let ended = false;
    const cancel = this.track(
      stream,
      endpoint,
      (res: { header: PbHeader; canceled: boolean; compact_revision: string; cancel_reason: string; events: { type: "PUT" | "DELETE"; kv: PbKeyValue }[] }) => {
        if (res.canceled) {
          ended = true;
          cancel();
          onEnd(new EtcdError(grpc.status.CANCELLED, `watch canceled by etcd: ${res.cancel_reason || `compacted at ${res.compact_revision}`}`, endpoint));
          return;
        }
        if (res.events.length > 0) onEvents(res.events.map((e) => ({ type: e.type, kv: kvOf(e.kv) })), Number(res.header.revision));
      },
      (err) => {
        if (!ended) onEnd(err);
      },
    );
    return cancel;
  }

  /** Registers a stream for close(), wires its events; returns an idempotent cancel that silences it. */
  private track<T>(stream: grpc.ClientReadableStream<object> | grpc.ClientDuplexStream<object, object>, endpoint: string, onData: (v: T) => void, onEnd: (err?: EtcdError) => void): () => void {
    let done = false;
    const finish = (err?: EtcdError) => {
      if (done) return;
      done = true;
      this.open.delete(stream);
      if (err && isUnavailable(err)) this.failover(endpoint);
      onEnd(err);
    };
    this.open.add(stream);
    stream.on("data", (v: object) => {
      if (!done) onData(v as T);
    });
    stream.on("error", (err: grpc.ServiceError) => finish(toEtcdError(err, endpoint)));
    stream.on("end", () => finish(new EtcdError(grpc.status.UNAVAILABLE, "stream ended", endpoint)));
    if (this.closed) queueMicrotask(() => stream.cancel());
    return () => {
      if (done) return;
      done = true;
      this.open.delete(stream);
      stream.cancel();
    };
  }

  /** Opens a LeaseKeepAlive stream (used by LeaseKeeper). */
  keepAliveStream(onData: (ttlSec: number) => void, onEnd: (err?: EtcdError) => void): { send(id: LeaseId): void; cancel(): void } {
    const m = method("etcdserverpb.Lease", "LeaseKeepAlive");
    const endpoint = this.endpoint;
    const stream = this.channel(endpoint).makeBidiStreamRequest(m.path, m.requestSerialize, m.responseDeserialize, requireLeader());
    const cancel = this.track(stream, endpoint, (res: { TTL: string }) => onData(Number(res.TTL)), onEnd);
    return { send: (id) => stream.write({ ID: id }), cancel };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Cancels open calls and streams and closes every channel. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const c of [...this.open]) c.cancel();
    this.open.clear();
    for (const ch of this.channels.values()) ch.close();
    this.channels.clear();
  }
}

// ---- keepalive ---------------------------------------------------------------

export interface KeeperOptions {
  /** The lease's TTL as this process counts it: renewals go out every ttlMs / 3. */
  ttlMs: number;
  /** performance.now() when the lease was granted (the grant request was sent), the first renewal. */
  grantedAt: number;
  /** The lease is gone at etcd (a keepalive answered TTL 0): it will not come back. */
  onExpired(reason: string): void;
  /** Each successful renewal (its request's send time, performance.now()). */
  onRenewed?(at: number): void;
}

/**
 * Renews a lease over a LeaseKeepAlive stream every ttlMs / 3. A request
 * unanswered after ttlMs / 3 (etcd stopped, a dead connection) or a stream
 * error drops the stream; the next one opens on the current endpoint after
 * a backoff of 50 ms doubling to ttlMs / 6 and renews at once. `renewedAt`
 * is the send time (monotonic) of the last answered request: etcd's expiry
 * is at least ttl after it, whatever the network did.
 */
export class LeaseKeeper {
  renewedAt: number;
  private stream: { send(id: LeaseId): void; cancel(): void } | undefined;
  /** Send times of requests not answered yet, oldest first. */
  private pending: number[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private stopped = false;
  private paused = false;
  private readonly intervalMs: number;

  constructor(
    private readonly etcd: EtcdClient,
    readonly id: LeaseId,
    private readonly o: KeeperOptions,
  ) {
    this.renewedAt = o.grantedAt;
    this.intervalMs = Math.max(50, Math.floor(o.ttlMs / 3));
    this.schedule(this.intervalMs);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (!this.stopped) this.timer = setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    if (this.stopped) return;
    if (this.paused) {
      this.schedule(this.intervalMs);
      return;
    }
    const now = performance.now();
    if (this.stream && this.pending.length > 0 && now - (this.pending[0] as number) >= this.intervalMs) {
      this.etcd.log.debug(`etcd: lease ${this.id} keepalive unanswered for ${Math.round(now - (this.pending[0] as number))} ms, reconnecting`);
      this.drop(true);
    }
    if (this.stream === undefined) {
      if (this.etcd.isClosed) return;
      this.stream = this.etcd.keepAliveStream(
        (ttl) => this.answered(ttl),
        (err) => {
          this.etcd.log.debug(`etcd: lease ${this.id} keepalive stream ended: ${err?.message ?? "cancelled"}`);
          this.drop(false);
          this.schedule(this.backoff());
        },
      );
    }
    this.pending.push(now);
    this.stream.send(this.id);
    this.schedule(this.intervalMs);
  }

  private backoff(): number {
    const ms = Math.min(Math.max(50, Math.floor(this.o.ttlMs / 6)), 50 * 2 ** this.failures);
    this.failures = Math.min(this.failures + 1, 10);
    return ms;
  }

  private drop(cancel: boolean): void {
    if (cancel) this.stream?.cancel();
    this.stream = undefined;
    this.pending = [];
  }

  private answered(ttlSec: number): void {
    const sentAt = this.pending.shift();
    if (this.stopped || this.paused || sentAt === undefined) return;
    if (ttlSec <= 0) {
      this.stop();
      this.o.onExpired(`lease ${this.id} expired at etcd`);
      return;
    }
    this.failures = 0;
    if (sentAt > this.renewedAt) this.renewedAt = sentAt;
    this.o.onRenewed?.(sentAt);
  }

  /** For tests: stop renewing (as a stalled process or a cut network would) until resume(). */
  pause(): void {
    this.paused = true;
    this.drop(true);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.schedule(0);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.drop(true);
  }
}
