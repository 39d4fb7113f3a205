// Requests the generated encoder cannot produce, and one shape for every
// answer. Protobuf is hand-encoded here (varints, length-delimited fields),
// so a test can send a length that runs past the end of the message or
// invalid UTF-8 in a string field; RawClient sends such bytes as a unary call
// with identity (de)serializers and a stock grpc-js channel (default 4 MiB
// receive limit, unlike RpcClient's 64 MiB).

import * as grpc from "@grpc/grpc-js";
import type { LooseRpc as RpcClient } from "./master.ts";
import { RpcError } from "../../src/rpc/errors.ts";

export const servicePath = "/falconqueue.v1.FalconQueueService/";

// ---- hand-encoded protobuf --------------------------------------------------

type Part = Uint8Array | number[] | string;

const utf8 = new TextEncoder();

function toBytes(p: Part): Uint8Array {
  if (typeof p === "string") return utf8.encode(p);
  return p instanceof Uint8Array ? p : Uint8Array.from(p);
}

/** The parts back to back; strings as UTF-8, number arrays as raw bytes (e.g. `["key-", [0xff]]`). */
export function bytes(...parts: Part[]): Buffer {
  return Buffer.concat(parts.map(toBytes));
}

/** Base-128 varint of a non-negative integer below 2^53 (at most 8 groups). */
export function varint(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`varint: ${n} is not a non-negative safe integer`);
  const out: number[] = [];
  for (let i = 0; i < 8 && n >= 0x80; i++) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

/** Wire type 0 (varint) field. */
export function varintField(field: number, n: number): Buffer {
  return bytes(varint(field * 8), varint(n));
}

/** Wire type 2 (length-delimited) field; `declaredLength` lies about the length when given. */
export function lenField(field: number, body: Part, declaredLength?: number): Buffer {
  const b = toBytes(body);
  return bytes(varint(field * 8 + 2), varint(declaredLength ?? b.length), b);
}

// ---- one shape for every answer -------------------------------------------

/** A call's result: code 0 with the response, or the status the master answered. */
export interface Outcome<T = unknown> {
  code: grpc.status;
  details: string;
  value?: T;
}

export function codeName(code: number): string {
  return grpc.status[code] ?? String(code);
}

/** An RpcClient call as an Outcome; never rejects with an RpcError. */
export async function settle<T>(p: Promise<T>): Promise<Outcome<T>> {
  try {
    return { code: grpc.status.OK, details: "", value: await p };
  } catch (e) {
    if (e instanceof RpcError) return { code: e.code, details: e.details };
    throw e;
  }
}

/**
 * Opens a WatchJobs stream: OK once the master sends headers (the
 * subscription is in place; the stream is then cancelled), or the status the
 * stream ended with. An error-only answer carries no headers.
 */
export function watchOutcome(rpc: RpcClient, req: object, timeoutMs: number): Promise<Outcome> {
  const stream = rpc.stream("WatchJobs", req);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve({ code: grpc.status.DEADLINE_EXCEEDED, details: `test: no headers and no status within ${timeoutMs} ms` });
      stream.cancel();
    }, timeoutMs);
    stream.on("data", () => {});
    stream.on("metadata", () => {
      clearTimeout(timer);
      resolve({ code: grpc.status.OK, details: "" });
      stream.cancel();
    });
    stream.on("error", (e: grpc.ServiceError) => {
      clearTimeout(timer);
      resolve({ code: e.code, details: e.details });
    });
  });
}

// ---- a stock grpc-js client for raw bytes ----------------------------------

const identity = (b: Buffer) => b;

export class RawClient {
  readonly client: grpc.Client;

  /** No channel options: grpc-js defaults, including the 4 MiB receive limit. */
  constructor(address: string) {
    this.client = new grpc.Client(address, grpc.credentials.createInsecure());
  }

  /** Starts a unary call with `body` as the request bytes; `done` never rejects. */
  start(method: string, body: Uint8Array, timeoutMs: number): { call: grpc.ClientUnaryCall; done: Promise<Outcome<Buffer>> } {
    let call: grpc.ClientUnaryCall | undefined;
    const done = new Promise<Outcome<Buffer>>((resolve) => {
      const deadline = new Date(Date.now() + timeoutMs);
      call = this.client.makeUnaryRequest(servicePath + method, identity, identity, Buffer.from(body), { deadline }, (err, value) =>
        resolve(err ? { code: err.code, details: err.details } : { code: grpc.status.OK, details: "", value }),
      );
    });
    return { call: call as grpc.ClientUnaryCall, done };
  }

  unary(method: string, body: Uint8Array, timeoutMs = 10_000): Promise<Outcome<Buffer>> {
    return this.start(method, body, timeoutMs).done;
  }

  close(): void {
    this.client.close();
  }
}
