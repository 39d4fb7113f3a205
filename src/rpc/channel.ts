// The gRPC channel to a master: one promise-based call, the same call retried
// through the one retry loop, and server streams. Every client of the
// master (SDK, CLI, worker) goes through this class.
// Invariant: after close() nothing of the channel keeps the process alive:
// calls and streams still open are cancelled, a retry waiting out its
// backoff gives up, and the channel (its sockets and timers) is closed.

import { isIP } from "node:net";
import { checkServerIdentity, type PeerCertificate } from "node:tls";
import * as grpc from "@grpc/grpc-js";
import { messageBytesMax } from "../core/config.ts";
import { isRetryable, RpcError } from "./errors.ts";
import { type BackoffPolicy, retrying } from "./retry.ts";
import type { MethodDefinition } from "@grpc/proto-loader";
import type { FalconQueueServiceDefinition } from "./gen/falconqueue/v1/FalconQueueService";
import { packageDefinition } from "./schema.ts";
import type { RequestOf, ResponseOf, UnaryRpc } from "./wire.ts";

export interface RetryPolicy extends BackoffPolicy {
  /** Give up after this long; 0 = one try. */
  deadlineMs: number;
}

/** grpc-js appends an empty "Resolution note:" to connection errors; it says nothing. */
function cleanDetails(d: string): string {
  return d.replace(/\s*Resolution note:\s*$/, "");
}

let methods: FalconQueueServiceDefinition | undefined;

/** The service's method definitions: path and (de)serializers of each RPC. */
function serviceMethods(): FalconQueueServiceDefinition {
  methods ??= packageDefinition()["falconqueue.v1.FalconQueueService"] as unknown as FalconQueueServiceDefinition;
  return methods;
}

/** Normalises "host:port", "http://host:port" or a bare port to a grpc target. */
export function targetOf(address: string): string {
  const a = address.replace(/^(grpc|http):\/\//, "");
  return /^\d+$/.test(a) ? `127.0.0.1:${a}` : a;
}

/** How a client reaches the master: TLS (with an optional client certificate) and a bearer token. */
export interface ChannelSecurity {
  /** TLS when set; `ca` absent means the system's roots. */
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer; serverName?: string };
  /** Sent as `authorization: Bearer <token>` on every call, plaintext loopback included. */
  token?: string;
}

/** The SNI name sent when the master is addressed by IP (the certificate is still checked against the IP). */
const ipSniPlaceholder = "falconq-master";

/** The IP literal of a "host:port" target, if its host is one. */
export function ipOf(target: string): string | undefined {
  const host = target.startsWith("[") ? target.slice(1, target.indexOf("]")) : target.replace(/:\d+$/, "");
  return isIP(host) === 0 ? undefined : host;
}

/**
 * Channel credentials (and channel options) for `target`: plaintext without
 * `tls`. Bun's tls.connect refuses an IP address as SNI server name, which
 * grpc-js sends for an IP target, so then a placeholder name is sent and the
 * certificate is still checked against the IP.
 */
export function channelCredentials(target: string, tls: ChannelSecurity["tls"]): { credentials: grpc.ChannelCredentials; options: grpc.ChannelOptions } {
  if (tls === undefined) return { credentials: grpc.credentials.createInsecure(), options: {} };
  const ip = tls.serverName ? undefined : ipOf(target);
  const verify = ip === undefined ? {} : { checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(ip, cert) };
  const nameOverride = tls.serverName || (ip === undefined ? undefined : ipSniPlaceholder);
  return {
    credentials: grpc.credentials.createSsl(tls.ca ?? null, tls.key ?? null, tls.cert ?? null, verify),
    options: {
      ...(nameOverride && { "grpc.ssl_target_name_override": nameOverride }),
      ...(tls.serverName && { "grpc.default_authority": tls.serverName }),
    },
  };
}

/** What close() must cancel: an open unary call or stream. */
interface Cancellable {
  cancel(): void;
}

/** The trailing metadata key a standby master answers UNAVAILABLE with: the leader's host:port. */
export const leaderHintKey = "falconq-leader";

/** "a:1,b:2" or ["a:1", "b:2"] to grpc targets, in order, without repeats. */
export function addressList(address: string | readonly string[]): string[] {
  const parts = (typeof address === "string" ? address.split(",") : address).map((a) => a.trim()).filter((a) => a !== "");
  if (parts.length === 0) throw new Error("no master address given");
  return [...new Set(parts.map(targetOf))];
}

export class RpcClient {
  /** The configured masters (one, or the members of a cluster). */
  readonly targets: readonly string[];
  /** One channel per address, made when first used. */
  private readonly channels = new Map<string, grpc.Client>();
  /** The address calls go to now: a configured one, or the leader a standby named. */
  private current: string;
  private readonly credentialsOf: (target: string) => { credentials: grpc.ChannelCredentials; options: grpc.ChannelOptions };
  private readonly open = new Set<Cancellable>();
  private readonly closing = new AbortController();

  private readonly token: string | undefined;

  constructor(address: string | readonly string[], security: ChannelSecurity = {}) {
    const tls = security.tls;
    if (tls !== undefined && (tls.cert === undefined) !== (tls.key === undefined)) {
      throw new Error("a TLS client certificate needs its key, and a key its certificate");
    }
    if (security.token !== undefined && !/^[\x21-\x7e]+$/.test(security.token)) {
      throw new Error("the token must be printable ASCII without spaces");
    }
    this.token = security.token;
    this.targets = addressList(address);
    this.current = this.targets[0] as string;
    this.credentialsOf = (target) => channelCredentials(target, tls);
    this.channel(this.current);
  }

  /** The address calls go to now (the leader, once a standby named it). */
  get address(): string {
    return this.current;
  }

  private channel(target: string): grpc.Client {
    let c = this.channels.get(target);
    if (c === undefined) {
      const { credentials, options } = this.credentialsOf(target);
      c = new grpc.Client(target, credentials, {
        ...options,
        "grpc.max_receive_message_length": messageBytesMax,
        "grpc.max_send_message_length": messageBytesMax,
        "grpc.initial_reconnect_backoff_ms": 100,
        "grpc.max_reconnect_backoff_ms": 2000,
        "grpc.keepalive_time_ms": 10_000,
        "grpc.keepalive_timeout_ms": 5_000,
      });
      this.channels.set(target, c);
    }
    return c;
  }

  /**
   * After a failed call to `target`: a standby's leader hint moves calls to
   * the leader; with several masters configured, a master that could not be
   * reached (or did not answer in time) without a hint moves them to the
   * next one. One configured master and no hint: nothing changes.
   */
  private redirect(target: string, err: grpc.ServiceError): void {
    if (target !== this.current) return; // another call moved on already
    const hint = err.code === grpc.status.UNAVAILABLE ? err.metadata?.get(leaderHintKey)[0] : undefined;
    if (typeof hint === "string" && hint !== "") {
      this.current = targetOf(hint);
      return;
    }
    if (err.code !== grpc.status.UNAVAILABLE && err.code !== grpc.status.DEADLINE_EXCEEDED) return;
    if (this.targets.length === 1) {
      this.current = this.targets[0] as string;
      return;
    }
    const i = this.targets.indexOf(target);
    this.current = this.targets[(i + 1) % this.targets.length] as string;
  }

  /** Per call: the bearer token rides in metadata (call credentials are refused on plaintext channels). */
  private metadata(): grpc.Metadata {
    const md = new grpc.Metadata();
    if (this.token !== undefined) md.set("authorization", `Bearer ${this.token}`);
    return md;
  }

  /** One call; rejects with RpcError. `timeoutMs` bounds the whole call. */
  call<M extends UnaryRpc>(method: M, req: RequestOf<M>, timeoutMs = 30_000): Promise<ResponseOf<M>> {
    const def = serviceMethods()[method] as unknown as MethodDefinition<RequestOf<M>, unknown, unknown, ResponseOf<M>>;
    return this.unary(def, req, timeoutMs);
  }

  /** One call of any unary method (other services: falconqueue.v1.Cluster); rejects with RpcError. */
  unary<Req, Res>(def: MethodDefinition<Req, unknown, unknown, Res>, req: Req, timeoutMs = 30_000): Promise<Res> {
    if (this.closing.signal.aborted) return Promise.reject(new RpcError(grpc.status.CANCELLED, "the client was closed"));
    const target = this.current;
    return new Promise((resolve, reject) => {
      const deadline = new Date(Date.now() + timeoutMs);
      const call = this.channel(target).makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, req, this.metadata(), { deadline }, (err, res) => {
        this.open.delete(call);
        if (err) {
          this.redirect(target, err);
          reject(new RpcError(err.code ?? grpc.status.UNKNOWN, cleanDetails(err.details || err.message)));
        } else resolve(res as Res);
      });
      this.open.add(call);
    });
  }

  /** unary(), retried like callRetry(). */
  unaryRetry<Req, Res>(def: MethodDefinition<Req, unknown, unknown, Res>, req: Req, policy: RetryPolicy, timeoutMs = 30_000): Promise<Res> {
    return retrying(() => this.unary(def, req, timeoutMs), {
      policy,
      retryable: isRetryable,
      giveUpAt: Date.now() + policy.deadlineMs,
      signal: this.closing.signal,
    });
  }

  /** Like call(), retried while the master is unreachable, until the policy's deadline. */
  callRetry<M extends UnaryRpc>(method: M, req: RequestOf<M>, policy: RetryPolicy, timeoutMs = 30_000): Promise<ResponseOf<M>> {
    return retrying(() => this.call(method, req, timeoutMs), {
      policy,
      retryable: isRetryable,
      giveUpAt: Date.now() + policy.deadlineMs,
      signal: this.closing.signal,
    });
  }

  /** The one server stream: state changes of jobs. */
  watch(req: RequestOf<"WatchJobs">): grpc.ClientReadableStream<ResponseOf<"WatchJobs">> {
    const def = serviceMethods().WatchJobs;
    const target = this.current;
    const stream = this.channel(target).makeServerStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, req, this.metadata());
    this.open.add(stream);
    stream.on("status", () => this.open.delete(stream));
    stream.on("error", (err: grpc.ServiceError) => this.redirect(target, err));
    if (this.closing.signal.aborted) stream.cancel();
    return stream;
  }

  /** Cancels what is still open (those calls reject with CANCELLED) and closes the channel. Idempotent. */
  close(): void {
    this.closing.abort();
    for (const c of [...this.open]) c.cancel();
    this.open.clear();
    for (const c of this.channels.values()) c.close();
  }
}
