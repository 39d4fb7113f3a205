// The gRPC channel to a master: one promise-based call, the same call retried
// through the one retry loop, and server streams. Every client of the
// master (SDK, CLI, worker) goes through this class.
// Invariant: after close() nothing of the channel keeps the process alive:
// calls and streams still open are cancelled, a retry waiting out its
// backoff gives up, and the channel (its sockets and timers) is closed.

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

/** What close() must cancel: an open unary call or stream. */
interface Cancellable {
  cancel(): void;
}

export class RpcClient {
  private readonly raw: grpc.Client;
  private readonly open = new Set<Cancellable>();
  private readonly closing = new AbortController();

  constructor(address: string) {
    this.raw = new grpc.Client(targetOf(address), grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": messageBytesMax,
      "grpc.max_send_message_length": messageBytesMax,
      "grpc.initial_reconnect_backoff_ms": 100,
      "grpc.max_reconnect_backoff_ms": 2000,
      "grpc.keepalive_time_ms": 10_000,
      "grpc.keepalive_timeout_ms": 5_000,
    });
  }

  /** One call; rejects with RpcError. `timeoutMs` bounds the whole call. */
  call<M extends UnaryRpc>(method: M, req: RequestOf<M>, timeoutMs = 30_000): Promise<ResponseOf<M>> {
    const def = serviceMethods()[method] as unknown as MethodDefinition<RequestOf<M>, unknown, unknown, ResponseOf<M>>;
    if (this.closing.signal.aborted) return Promise.reject(new RpcError(grpc.status.CANCELLED, "the client was closed"));
    return new Promise((resolve, reject) => {
      const deadline = new Date(Date.now() + timeoutMs);
      const call = this.raw.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, req, { deadline }, (err, res) => {
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
    const stream = this.raw.makeServerStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, req);
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
