// Read-only views of flow state (flow.ts) for stats and GetQueueLimits.

import { flowTopGroupsMax } from "./config.ts";
import { checkInt, checkName } from "./validate.ts";
import type { FlowGroup, QueueFlow, QueueLimits } from "./flow.ts";
import { noQueueLimits } from "./flow.ts";
import type { JobManager } from "./job-manager.ts";
import type { QueueState } from "./state.ts";
import { JobStatus } from "./types.ts";

/** Why no job of a queue (or group) starts now, or "" when jobs may start. */
export type HeldBy = "paused" | "concurrency" | "rate" | "";

export interface GroupFlowView {
  group: string;
  running: number;
  pending: number;
  heldBy: HeldBy;
  /** End of a pause or of a wait for a rate token; 0 if none. */
  heldUntil: number;
}

export interface QueueFlowView {
  queue: string;
  limits: QueueLimits;
  heldBy: HeldBy;
  heldUntil: number;
  /** Tokens in the queue's rate bucket now; -1 without a rate. */
  tokens: number;
  /** Groups the queue knows now (with jobs pending or running, held, or with a bucket not yet full). */
  groups: number;
  /** Groups with at least one PENDING job. */
  readyGroups: number;
  /** Groups held now (paused, at their concurrency limit, out of tokens). */
  heldGroups: number;
  /** The busiest groups: most running, then most pending, then by name; at most `top`. */
  topGroups: GroupFlowView[];
}

export function queueHeldBy(q: QueueState): HeldBy {
  if (q.paused) return "paused";
  const f = q.flow;
  if (f === undefined) return "";
  if (f.limits.concurrency > 0 && q.counts[JobStatus.Running] >= f.limits.concurrency) return "concurrency";
  return f.heldUntil > 0 ? "rate" : "";
}

function groupHeldBy(g: FlowGroup): HeldBy {
  if (g.pausedUntil > 0 && g.heldUntil > 0) return "paused";
  const gc = g.flow.limits.groupConcurrency;
  if (gc > 0 && g.running >= gc) return "concurrency";
  return g.heldUntil > 0 ? "rate" : "";
}

/** Walks every group of the queue (an operator's read, not the poll path). */
export function queueFlowView(m: JobManager, queue: string, top = flowTopGroupsMax): QueueFlowView {
  checkName("queue", queue, m.limits.queueBytesMax);
  const n = checkInt("top_groups", top, 0, flowTopGroupsMax) ?? flowTopGroupsMax;
  const q = m.state.queues.get(queue);
  const f: QueueFlow | undefined = q?.flow;
  const view: QueueFlowView = {
    queue,
    limits: { ...(f?.limits ?? noQueueLimits) },
    heldBy: q === undefined ? "" : queueHeldBy(q),
    heldUntil: f?.heldUntil ?? 0,
    tokens: f?.rate !== undefined && f.bucket !== undefined ? f.bucket.tokens(f.rate, m.now()) : -1,
    groups: f?.groups.size ?? 0,
    readyGroups: f?.readyGroups ?? 0,
    heldGroups: 0,
    topGroups: [],
  };
  if (f === undefined) return view;
  const all: GroupFlowView[] = [];
  for (const g of f.groups.values()) {
    const heldBy = groupHeldBy(g);
    if (heldBy !== "") view.heldGroups++;
    all.push({ group: g.name, running: g.running, pending: g.pending, heldBy, heldUntil: g.heldUntil });
  }
  all.sort((a, b) => b.running - a.running || b.pending - a.pending || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  view.topGroups = all.slice(0, n);
  return view;
}
