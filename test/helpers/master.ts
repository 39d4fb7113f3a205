// An in-process master on 127.0.0.1 port 0 with an in-memory store, and a
// raw RpcClient to call it. `await using m = await startTestMaster()` cleans up.

import { expect } from "bun:test";
import { status } from "@grpc/grpc-js";
import { type ChannelSecurity, RpcClient } from "../../src/rpc/channel.ts";
import { RpcError } from "../../src/rpc/errors.ts";
import type { Limits } from "../../src/core/index.ts";
import { type MasterConfig, type RunningMaster, startMaster, type TlsServerOptions } from "../../src/server/master.ts";
import type { MemoryJournal } from "../../src/storage/index.ts";
import { testStore } from "./test-journal.ts";

export { waitFor } from "./wait.ts";

export interface TestMaster extends AsyncDisposable {
  master: RunningMaster;
  rpc: LooseRpc;
  journal: MemoryJournal;
  address: string;
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export async function startTestMaster(
  o: {
    heartbeatIntervalMs?: number;
    workerTimeoutMs?: number;
    leaseMs?: number;
    limits?: Partial<Limits>;
    /** Serve TLS; `security` is then what the helper's own rpc client uses. */
    tls?: TlsServerOptions;
    security?: ChannelSecurity;
    /** Serve the HTTP API too (on a free port; `master.httpPort` says which). */
    http?: boolean;
    /** Require credentials; the admin token is written here. */
    adminTokenFile?: string;
    /** Extra MasterConfig fields (HTTP limits, metrics …). */
    extra?: Partial<MasterConfig>;
  } = {},
): Promise<TestMaster> {
  const store = testStore();
  const master = await startMaster({
    host: "127.0.0.1",
    port: 0,
    dataDir: "",
    fsync: "always",
    fsyncBatchMs: 10,
    repair: false,
    heartbeatIntervalMs: o.heartbeatIntervalMs ?? 2000,
    workerTimeoutMs: o.workerTimeoutMs ?? 6000,
    leaseMs: o.leaseMs ?? 30_000,
    version: "test",
    log: quiet,
    limits: o.limits,
    store: async () => store,
    ...(o.tls && { tls: o.tls }),
    ...(o.http && { httpPort: 0 }),
    ...(o.adminTokenFile !== undefined && { adminTokenFile: o.adminTokenFile }),
    ...o.extra,
  });
  const address = `127.0.0.1:${master.port}`;
  const rpc = new LooseRpc(address, o.security);
  return {
    master,
    rpc,
    journal: store.journal,
    address,
    async [Symbol.asyncDispose]() {
      rpc.close();
      await master.close();
    },
  };
}


/** Awaits `p`, expecting an RpcError with this status and a message matching `text`. */
export async function rejects(p: Promise<unknown>, code: status, text: RegExp): Promise<void> {
  const e = await p.then(
    () => undefined,
    (err) => err,
  );
  expect(e).toBeInstanceOf(RpcError);
  expect(status[(e as RpcError).code]).toBe(status[code]);
  expect((e as RpcError).details).toMatch(text);
}

/**
 * The typed RpcClient with its types loosened, for tests that send what no
 * typed caller could (wrong enums, missing fields) and read replies freely.
 */
export class LooseRpc {
  readonly typed: RpcClient;

  constructor(address: string, security?: ChannelSecurity) {
    this.typed = new RpcClient(address, security);
  }

  // biome-ignore lint/suspicious/noExplicitAny: tests read replies as they come
  call<T = any>(method: string, req: unknown, timeoutMs?: number): Promise<T> {
    return (this.typed.call as (m: string, r: unknown, t?: number) => Promise<T>)(method, req, timeoutMs);
  }

  stream(_method: "WatchJobs", req: unknown) {
    return this.typed.watch(req as Parameters<RpcClient["watch"]>[0]);
  }

  close(): void {
    this.typed.close();
  }
}
