// Registered workers: identity, liveness and pending commands. A worker that
// has not been heard from (heartbeat, poll or ack) for timeoutMs is expired;
// the broker then releases its leases.

import { randomUUID } from "node:crypto";

export interface WorkerInfo {
  workerId: string;
  hostname: string;
  pid: number;
  queues: string[];
  types: string[];
  concurrency: number;
  version: string;
  active: number;
  lastSeenAt: number;
  registeredAt: number;
}

export type WorkerCommand = { cancelJobId: string } | { quiet: true } | { shutdown: true };

export class WorkerRegistry {
  private readonly workers = new Map<string, WorkerInfo>();
  private readonly commands = new Map<string, WorkerCommand[]>();

  constructor(readonly timeoutMs: number) {}

  register(info: Omit<WorkerInfo, "workerId" | "lastSeenAt" | "registeredAt" | "active"> & { workerId?: string }, now: number): WorkerInfo {
    const workerId = info.workerId || `w-${randomUUID().slice(0, 12)}`;
    const prev = this.workers.get(workerId);
    const w: WorkerInfo = { ...info, workerId, active: prev?.active ?? 0, lastSeenAt: now, registeredAt: prev?.registeredAt ?? now };
    this.workers.set(workerId, w);
    return w;
  }

  get(workerId: string): WorkerInfo | undefined {
    return this.workers.get(workerId);
  }

  /** Marks the worker alive; false when it is not registered. */
  touch(workerId: string, now: number): boolean {
    const w = this.workers.get(workerId);
    if (w === undefined) return false;
    w.lastSeenAt = now;
    return true;
  }

  remove(workerId: string): boolean {
    this.commands.delete(workerId);
    return this.workers.delete(workerId);
  }

  /** Workers silent for longer than the timeout, removed from the registry. */
  expire(now: number): WorkerInfo[] {
    const gone: WorkerInfo[] = [];
    for (const w of this.workers.values()) if (now - w.lastSeenAt > this.timeoutMs) gone.push(w);
    for (const w of gone) this.remove(w.workerId);
    return gone;
  }

  /** When the next worker would expire if it stays silent. */
  nextExpiryAt(): number {
    let t = Number.POSITIVE_INFINITY;
    for (const w of this.workers.values()) t = Math.min(t, w.lastSeenAt + this.timeoutMs + 1);
    return t;
  }

  command(workerId: string, c: WorkerCommand): void {
    if (!this.workers.has(workerId)) return;
    let list = this.commands.get(workerId);
    if (list === undefined) this.commands.set(workerId, (list = []));
    list.push(c);
  }

  takeCommands(workerId: string): WorkerCommand[] {
    const list = this.commands.get(workerId) ?? [];
    this.commands.delete(workerId);
    return list;
  }

  list(): WorkerInfo[] {
    return [...this.workers.values()];
  }

  get size(): number {
    return this.workers.size;
  }
}
