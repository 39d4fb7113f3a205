// The gRPC channel to a master: one promise-based call, the same call retried
// through the one retry loop, and server streams. Every client of the
// master (SDK, CLI, worker) goes through this class.

import * as grpc from "@grpc/grpc-js";
import { messageBytesMax } from "../core/config.ts";
import { isRetryable, RpcError } from "./errors.ts";
import { type BackoffPolicy, retrying } from "./retry.ts";
import { packageDefinition } from "./schema.ts";

export interface RetryPolicy extends BackoffPolicy {
  /** Give up after this long; 0 = one try. */
  deadlineMs: number;
}

/** grpc-js appends an empty "Resolution note:" to connection errors; it says nothing. */
function cleanDetails(d: string): string {
  return d.replace(/\s*Resolution note:\s*$/, "");
}

// biome-ignore lint/suspicious/noExplicitAny: generated client methods are untyped
type AnyClient = any;

let ctor: grpc.ServiceClientConstructor | undefined;

function serviceCtor(): grpc.ServiceClientConstructor {
  if (ctor === undefined) {
    const pkg = grpc.loadPackageDefinition(packageDefinition()) as AnyClient;
    ctor = pkg.falconqueue.v1.FalconQueueService as grpc.ServiceClientConstructor;
  }
  return ctor;
}

/** Normalises "host:port", "http://host:port" or a bare port to a grpc target. */
export function targetOf(address: string): string {
  const a = address.replace(/^(grpc|http):\/\//, "");
  return /^\d+$/.test(a) ? `127.0.0.1:${a}` : a;
}

export class RpcClient {
  private readonly raw: AnyClient;

  constructor(address: string) {
    const Ctor = serviceCtor();
    this.raw = new Ctor(targetOf(address), grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": messageBytesMax,
      "grpc.max_send_message_length": messageBytesMax,
      "grpc.initial_reconnect_backoff_ms": 100,
      "grpc.max_reconnect_backoff_ms": 2000,
      "grpc.keepalive_time_ms": 10_000,
      "grpc.keepalive_timeout_ms": 5_000,
    });
  }

  /** One call; rejects with RpcError. `timeoutMs` bounds the whole call. */
  call<T>(method: string, req: unknown, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const deadline = new Date(Date.now() + timeoutMs);
      this.raw[method](req, { deadline }, (err: grpc.ServiceError | null, res: T) => {
        if (err) reject(new RpcError(err.code ?? grpc.status.UNKNOWN, cleanDetails(err.details || err.message)));
        else resolve(res);
      });
    });
  }

  /** Like call(), retried while the master is unreachable, until the policy's deadline. */
  callRetry<T>(method: string, req: unknown, policy: RetryPolicy, timeoutMs = 30_000): Promise<T> {
    return retrying(() => this.call<T>(method, req, timeoutMs), {
      policy,
      retryable: isRetryable,
      giveUpAt: Date.now() + policy.deadlineMs,
    });
  }

  stream(method: string, req: unknown): grpc.ClientReadableStream<unknown> {
    return this.raw[method](req);
  }

  close(): void {
    this.raw.close();
  }
}
