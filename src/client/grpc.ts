// A typed, promise-based wrapper around the generated FalconQueueService
// client. Calls that are safe to repeat are retried on UNAVAILABLE with
// capped exponential backoff and full jitter.

import { setTimeout as sleep } from "node:timers/promises";
import * as grpc from "@grpc/grpc-js";
import { packageDefinition } from "../rpc/schema.ts";

export const messageBytesMax = 64 * 1024 * 1024;

export class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    readonly details: string,
  ) {
    super(details);
    this.name = "RpcError";
  }

  get codeName(): string {
    return grpc.status[this.code] ?? String(this.code);
  }
}

/** grpc-js appends an empty "Resolution note:" to connection errors; it says nothing. */
function cleanDetails(d: string): string {
  return d.replace(/\s*Resolution note:\s*$/, "");
}

export interface RetryPolicy {
  /** Give up after this long; 0 = one try. */
  deadlineMs: number;
  baseMs: number;
  maxMs: number;
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

  /** Like call(), retrying UNAVAILABLE (and DEADLINE_EXCEEDED) until the policy's deadline. */
  async callRetry<T>(method: string, req: unknown, policy: RetryPolicy, timeoutMs = 30_000): Promise<T> {
    const giveUpAt = Date.now() + policy.deadlineMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.call<T>(method, req, timeoutMs);
      } catch (e) {
        const retryable =
          e instanceof RpcError && (e.code === grpc.status.UNAVAILABLE || e.code === grpc.status.DEADLINE_EXCEEDED);
        if (!retryable || Date.now() >= giveUpAt) throw e;
        const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 20));
        await sleep(Math.min(Math.random() * cap, Math.max(0, giveUpAt - Date.now())));
      }
    }
  }

  stream(method: string, req: unknown): grpc.ClientReadableStream<unknown> {
    return this.raw[method](req);
  }

  close(): void {
    this.raw.close();
  }
}
