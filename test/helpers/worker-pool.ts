// Builds WorkerPools over a TestMaster and stops every one of them (and the
// masters) after each test, so a failing test leaves nothing running.

import { afterEach } from "bun:test";
import type { Logger as GrpcSourceLog } from "../../src/core/log.ts";
import { GrpcJobSource } from "../../src/worker/grpc-source.ts";
import { LocalJobSource } from "../../src/master/local-source.ts";
import { WorkerPool, type WorkerPoolOptions } from "../../src/worker/pool.ts";
import { type MasterOptions, quietLog, TestMaster } from "./worker-master.ts";

const pools: WorkerPool[] = [];
const masters: TestMaster[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.abort()));
  await Promise.all(masters.splice(0).map((m) => m.close()));
});

export function newMaster(o?: MasterOptions): TestMaster {
  const m = new TestMaster(o);
  masters.push(m);
  return m;
}

export type PoolOptions = Omit<WorkerPoolOptions, "source">;

/** A started pool on an in-process LocalJobSource. */
export async function localPool(m: TestMaster, o: PoolOptions = {}): Promise<WorkerPool> {
  const pool = new WorkerPool({ log: quietLog, pollWaitMs: 1000, abortGraceMs: 1000, ...o, source: new LocalJobSource(m.broker) });
  pools.push(pool);
  await pool.start();
  return pool;
}

/** A started pool talking gRPC to the master (which must be serving). */
export async function grpcPool(
  m: TestMaster,
  o: PoolOptions = {},
  sourceLog: GrpcSourceLog = quietLog,
): Promise<{ pool: WorkerPool; source: GrpcJobSource }> {
  const source = new GrpcJobSource({ address: m.address, backoff: { baseMs: 20, maxMs: 200 }, closeFlushMs: 2000, log: sourceLog });
  const pool = new WorkerPool({ log: quietLog, pollWaitMs: 1000, abortGraceMs: 1000, ...o, source });
  pools.push(pool);
  await pool.start();
  return { pool, source };
}
