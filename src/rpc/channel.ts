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

export class RpcClient {
  private readonly raw: grpc.Client;
  private readonly open = new Set<Cancellable>();
  private readonly closing = new AbortController();

  private readonly token: string | undefined;

  constructor(address: string, security: ChannelSecurity = {}) {
    const tls = security.tls;
    if (tls !== undefined && (tls.cert === undefined) !== (tls.key === undefined)) {
      throw new Error("a TLS client certificate needs its key, and a key its certificate");
    }
    if (security.token !== undefined && !/^[\x21-\x7e]+$/.test(security.token)) {
      throw new Error("the token must be printable ASCII without spaces");
    }
    this.token = security.token;
    const target = targetOf(address);
    const { credentials, options } = channelCredentials(target, tls);
    this.raw = new grpc.Client(target, credentials, {
      ...options,
      "grpc.max_receive_message_length": messageBytesMax,
      "grpc.max_send_message_length": messageBytesMax,
      "grpc.initial_reconnect_backoff_ms": 100,
      "grpc.max_reconnect_backoff_ms": 2000,
      "grpc.keepalive_time_ms": 10_000,
      "grpc.keepalive_timeout_ms": 5_000,
    });
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
    if (this.closing.signal.aborted) return Promise.reject(new RpcError(grpc.status.CANCELLED, "the client was closed"));
    return new Promise((resolve, reject) => {
      const deadline = new Date(Date.now() + timeoutMs);
      const call = this.raw.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, req, this.metadata(), { deadline }, (err, res) => {
        this.open.delete(call);
        if (err) reject(new RpcError(err.code ?? grpc.status.UNKNOWN, cleanDetails(err.details || err.message)));
        else resolve(res as ResponseOf<M>);
      });
      this.open.add(call);
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
    const stream = this.raw.makeServerStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, req, this.metadata());
    this.open.add(stream);
    stream.on("status", () => this.open.delete(stream));
    if (this.closing.signal.aborted) stream.cancel();
    return stream;
  }

  /** Cancels what is still open (those calls reject with CANCELLED) and closes the channel. Idempotent. */
  close(): void {
    this.closing.abort();
    for (const c of [...this.open]) c.cancel();
    this.open.clear();
    this.raw.close();
  }
}
