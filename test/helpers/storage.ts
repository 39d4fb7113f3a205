// Shared pieces of the storage tests: temp dirs, a seeded random workload
// that drives JobManager through every record kind, and a canonical dump of
// JobTable for comparing live state with recovered state.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { JobManager, type ManagerOptions } from "../../src/core/job-manager.ts";
import type { Logger } from "../../src/core/log.ts";
import type { JobTable } from "../../src/core/state.ts";
import { JobStatus, viewOf } from "../../src/core/types.ts";
import type { JobSpec } from "../../src/core/validate.ts";

export function tempDir(prefix = "falconq-storage-"): { dir: string; [Symbol.dispose](): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, [Symbol.dispose]: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A Logger that keeps every line as `level: message`. */
export function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string) => void lines.push(`${level}: ${msg}`);
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** mulberry32: small, seedable, good enough for test workloads. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FakeClock {
  constructor(public t = 1_700_000_000_000) {}
  now = (): number => this.t;
}

export function manager(o: ManagerOptions & { seed?: number }): JobManager {
  return new JobManager({ random: rng(o.seed ?? 1), limits: { queueJobsMax: 10_000_000 }, ...o });
}

const enc = new TextEncoder();

/** One random operation on the manager; over time it produces every record kind. */
export function randomOp(m: JobManager, r: () => number, clock: FakeClock): void {
  const x = r();
  clock.t += Math.floor(r() * 50);
  const queues = ["default", "mail", "video"];
  const q = queues[Math.floor(r() * queues.length)] as string;
  try {
    if (x < 0.4) {
      const n = 1 + Math.floor(r() * 3);
      const specs = Array.from({ length: n }, () => ({
        type: r() < 0.5 ? "a" : "b",
        payload: enc.encode(JSON.stringify({ v: r() })),
        queue: q,
        priority: Math.floor(r() * 5) - 2,
        delayMs: r() < 0.2 ? Math.floor(r() * 500) : 0,
        maxAttempts: 1 + Math.floor(r() * 3),
        idempotencyKey: r() < 0.1 ? `k${Math.floor(r() * 20)}` : undefined,
        metadata: r() < 0.2 ? { who: "t", n: String(Math.floor(r() * 9)) } : undefined,
        ...keyOptions(r),
      }));
      m.submitMany(specs);
    } else if (x < 0.6) {
      const leases = m.poll({ workerId: `w${Math.floor(r() * 3)}`, queues: [q], count: 1 + Math.floor(r() * 3), leaseMs: 200 + Math.floor(r() * 800) });
      for (const l of leases) {
        const y = r();
        if (y < 0.4) m.complete(l.job.id, l.token, r() < 0.5 ? enc.encode("ok") : undefined);
        else if (y < 0.6) m.fail(l.job.id, l.token, "boom", r() < 0.8);
        else if (y < 0.7) m.progress(l.job.id, l.token, `{"p":${Math.floor(r() * 100)}}`);
      }
    } else if (x < 0.7) {
      const w = `w${Math.floor(r() * 3)}`;
      const ids = m.leasesOf(w);
      m.heartbeat(w, ids, 1000, ids.map((id) => m.state.jobs.get(id)?.leaseToken ?? ""));
    } else if (x < 0.78) {
      const id = pick(m.state, r, (s) => s < JobStatus.Completed);
      if (id) m.cancel(id);
    } else if (x < 0.85) {
      const id = pick(m.state, r, (s) => s === JobStatus.Failed || s === JobStatus.Cancelled);
      if (id) m.retry(id);
    } else if (x < 0.88) {
      if (r() < 0.5) m.pause(q);
      else m.resume(q);
    } else if (x < 0.9) {
      m.releaseWorker(`w${Math.floor(r() * 3)}`, "worker gone");
    } else if (x < 0.93) {
      tokenOp(m, r, clock);
    } else {
      m.tick();
    }
  } catch (e) {
    if ((e as Error).name !== "DomainError") throw e;
  }
}

/** Now and then a unique key (either scope) or a debounce key, from a few, so they collide. */
function keyOptions(r: () => number): Pick<JobSpec, "unique" | "debounce" | "delayMs"> {
  const y = r();
  if (y < 0.1) return { unique: { key: `u${Math.floor(r() * 4)}`, ...(r() < 0.5 ? { ttlMs: 100 + Math.floor(r() * 400) } : {}) } };
  if (y < 0.2) return { debounce: { key: `d${Math.floor(r() * 4)}`, delayMs: Math.floor(r() * 300), mode: r() < 0.5 ? "replace" : "extend" }, delayMs: 0 };
  return {};
}

/** Creates, uses or revokes an API token (duplicate names are refused and ignored, as any DomainError). */
function tokenOp(m: JobManager, r: () => number, clock: FakeClock): void {
  const ids = [...m.state.tokens.keys()];
  const y = r();
  if (ids.length < 4 || y < 0.4) {
    const hex = () => Math.floor(r() * 2 ** 32).toString(16).padStart(8, "0");
    const id = hex() + hex();
    m.createToken({
      id,
      name: `tok-${Math.floor(r() * 30)}`,
      role: r() < 0.5 ? "producer" : "worker",
      queues: r() < 0.5 ? ["*"] : ["mail", "video.*"],
      hash: new Uint8Array(32).fill(Math.floor(r() * 256)),
      createdAt: clock.t,
      expiresAt: r() < 0.5 ? 0 : clock.t + 60_000,
      lastUsedAt: 0,
    });
  } else if (y < 0.8) {
    m.noteTokensUsed([ids[Math.floor(r() * ids.length)] as string, ids[Math.floor(r() * ids.length)] as string, "0000000000000000"], clock.t);
  } else {
    m.revokeToken(ids[Math.floor(r() * ids.length)] as string, clock.t);
  }
}

function pick(s: JobTable, r: () => number, want: (status: number) => boolean): string | undefined {
  let n = Math.floor(r() * 20);
  for (const j of s.jobs.values()) if (want(j.status) && n-- <= 0) return j.id;
  return undefined;
}

/**
 * Everything observable about a state, without raw order stamps: jobs are
 * listed in stamp order (which fixes lane, timer and retention order), each
 * with its fields, lease and status.
 */
export function dumpState(s: JobTable): string {
  const jobs = [...s.jobs.values()].sort((a, b) => a.stamp - b.stamp);
  const lines = jobs.map((j) => {
    const v = viewOf(j);
    return JSON.stringify({
      ...v,
      payload: Buffer.from(v.payload).toString("hex"),
      result: v.result && v.result.length > 0 ? Buffer.from(v.result).toString("hex") : "",
      token: j.leaseToken,
    });
  });
  const keys = (m: Map<string, { id: string }>) => [...m.entries()].map(([k, j]) => `${k}:${j.id}`).sort().join(",");
  const queues = [...s.queues.values()]
    .map((q) => `${q.name} paused=${q.paused} counts=${q.counts.join(",")} unique=${keys(q.unique)} debounce=${keys(q.debounce)}`)
    .sort();
  const tokens = [...s.tokens.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((t) => `token ${JSON.stringify({ ...t, hash: Buffer.from(t.hash).toString("hex") })}`);
  const batches = [...s.batches.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((b) => `batch ${JSON.stringify({ ...b, onComplete: b.onComplete?.type, onSuccess: b.onSuccess?.type })}`);
  const waiting = jobs.filter((j) => j.links !== undefined && j.status === 7).map((j) => `waiting ${j.id} on ${j.links?.waitingOn}`);
  return [`lastJobId=${s.lastJobId} counts=${s.counts.join(",")}`, ...queues, ...tokens, ...batches, ...waiting, ...lines].join("\n");
}

/** The ids a manager hands out when drained in lease order; a functional check of lane order. */
export function drainOrder(m: JobManager, queues: string[]): string[] {
  const out: string[] = [];
  for (const q of queues) m.resume(q);
  for (let i = 0; i < 100_000; i++) {
    const got = m.poll({ workerId: "drain", queues, count: 100 });
    if (got.length === 0) break;
    for (const l of got) out.push(l.job.id);
    for (const l of got) m.complete(l.job.id, l.token);
  }
  return out;
}
