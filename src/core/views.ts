// Read-side views the master reports and clients show: plain data, the same
// in process and on either side of the wire.

import type { QueueStatsView } from "./queries.ts";
import type { JobView } from "./types.ts";

/** A registered worker as the master sees it. */
export interface WorkerView {
  workerId: string;
  hostname: string;
  pid: number;
  queues: string[];
  types: string[];
  concurrency: number;
  version: string;
  /** Jobs running, as of its last heartbeat. */
  active: number;
  /** Last heartbeat, poll or ack (epoch ms). */
  lastSeenAt: number;
  registeredAt: number;
  /** Told to go quiet or stop: it takes no new jobs. */
  quiet: boolean;
}

export interface StatsView {
  queues: QueueStatsView[];
  jobsTotal: number;
  workers: number;
  uptimeMs: number;
  version: string;
  /** Submit-to-start (start − run_at) over the master's most recent starts (up to 1000), in ms. */
  waitMs: { samples: number; p50: number; p95: number; p99: number };
}

/** About how many bytes a job takes in a reply (for bounding a page). */
export function jobBytes(j: JobView, withPayload: boolean): number {
  let n = 128 + j.id.length + j.queue.length + j.type.length + j.error.length + j.progress.length + j.idempotencyKey.length;
  for (const k in j.metadata) n += k.length + (j.metadata[k] as string).length + 4;
  // A flow's parent may name 10,000 dependencies: they count even without payloads.
  n += j.dependsOn.length * 20 + j.parentId.length + j.flowId.length + j.batchId.length;
  if (!withPayload) return n;
  n += j.payload.byteLength + (j.result?.byteLength ?? 0);
  for (const line of j.logs) n += line.length + 2;
  return n;
}
