// Dependencies, flows and batches on the live path (docs/workflows.md): the
// checks and the records. apply.ts does the rest: a WAITING job's count of
// unfinished dependencies and the reverse edges, so the record that finishes
// a job wakes exactly its dependents, and batch counts.

import { batchCallbackMetadataEntries } from "./config.ts";
import { failedPrecondition, invalidArgument, notFound, resourceExhausted } from "./errors.ts";
import type { JobManager } from "./job-manager.ts";
import { checkId, checkLabel } from "./input.ts";
import { fenced } from "./leases.ts";
import { removalFlags } from "./settings.ts";
import { quote } from "./text.ts";
import { type Batch, DependencyPolicy, isTerminal, Job, type JobLinks, type JobStatus, type JobView, viewOf } from "./types.ts";
import { type CheckedSpec, checkName, checkSpec, type JobSpec } from "./validate.ts";

/** What a submit adds to jobs that already exist, counted over a whole request before anything is appended. */
export class LinkBudget {
  /** Dependents each existing unfinished job gains. */
  readonly dependents = new Map<Job, number>();
  /** Jobs each batch gains. */
  readonly batches = new Map<Batch, number>();
}

/**
 * Checks a spec's dependencies on existing jobs and its batch: every id
 * names a job (INVALID_ARGUMENT otherwise), no job gets more than
 * dependentsMax waiting dependents, the batch exists, is open and has room.
 */
export function checkLinks(m: JobManager, c: CheckedSpec, path: string, budget: LinkBudget): void {
  const o = `${path}.options`;
  for (let i = 0; i < c.dependsOn.length; i++) {
    const id = c.dependsOn[i] as string;
    const d = m.state.jobs.get(id);
    if (d === undefined) throw invalidArgument(`${o}.depends_on[${i}]: job ${quote(id)} not found`);
    if (isTerminal(d.status)) continue; // finished: counts at once, waits on nothing
    const n = (budget.dependents.get(d) ?? 0) + 1;
    const have = d.dependents?.length ?? 0;
    if (have + n > m.limits.dependentsMax) {
      throw resourceExhausted(`${o}.depends_on[${i}]: job ${id} has ${have} waiting dependents; the limit is ${m.limits.dependentsMax}`);
    }
    budget.dependents.set(d, n);
  }
  if (c.batchId) {
    const b = m.state.batches.get(c.batchId);
    if (b === undefined) throw notFound(`${o}.batch_id: batch ${quote(c.batchId)} not found`);
    if (b.closed) throw failedPrecondition(`${o}.batch_id: batch ${b.id} is closed; no more jobs may join it`);
    const n = (budget.batches.get(b) ?? 0) + 1;
    if (b.total + n > m.limits.batchJobsMax) {
      throw resourceExhausted(`${o}.batch_id: batch ${b.id} holds ${b.total} jobs; the limit is ${m.limits.batchJobsMax}`);
    }
    budget.batches.set(b, n);
  }
}

/** The links of a new job, or undefined when it has none. */
export function linksOf(c: CheckedSpec, dependsOn: readonly string[], parentId: string, flowId: string): JobLinks | undefined {
  if (dependsOn.length === 0 && !c.batchId && !flowId) return undefined;
  // Without dependencies the policy means nothing; kept at the default so a decoded copy is equal.
  const policy = dependsOn.length > 0 ? c.policy : DependencyPolicy.Fail;
  return { dependsOn, policy, parentId, flowId, batchId: c.batchId, waitingOn: 0 };
}

// ---- flows ------------------------------------------------------------------

/** A flow node: a job spec, its children (which it runs after) and other nodes it runs after, by ref. */
export interface FlowNode extends JobSpec {
  /** A name other nodes of the flow use to depend on this one. */
  ref?: string;
  children?: FlowNode[];
  /** Refs of other nodes of this flow this one runs after (a DAG; a cycle is refused). */
  dependsOnRefs?: string[];
}

export interface FlowResult {
  flowId: string;
  /** Every job of the flow in request pre-order: the root first, then each node before its children. */
  jobs: JobView[];
  /** The root's idempotency key matched an existing job: nothing was added and `jobs` holds that job only. */
  duplicate: boolean;
}

interface Node {
  spec: FlowNode;
  path: string;
  parent: number;
  checked: CheckedSpec;
  /** Indexes of flow nodes this one runs after: its children, then its refs. */
  after: number[];
  id: string;
}

/**
 * Accepts a whole tree (or DAG) of jobs in one flow_submitted record, or
 * none of it: every node is checked, refs resolved and the graph proved
 * acyclic before anything is appended. A parent runs after all its
 * children; a child's queue defaults to its parent's. The flow's id is the
 * root job's id.
 */
export function submitFlow(m: JobManager, root: FlowNode): FlowResult {
  if (root === undefined || root === null || typeof root !== "object") throw invalidArgument("flow must hold a root job");
  if (root.idempotencyKey) {
    // A producer's retry of a flow it sent before: the root's key names it.
    const seen = m.state.idempotency.get(root.idempotencyKey);
    if (seen !== undefined) return { flowId: seen.links?.flowId || seen.id, jobs: [viewOf(seen)], duplicate: true };
  }
  const now = m.clock();
  const lim = m.limits;
  const nodes: Node[] = [];
  const refs = new Map<string, number>();
  // Pre-order walk with an explicit stack: no recursion over client input.
  const stack: { spec: FlowNode; path: string; parent: number; depth: number; queue: string | undefined }[] = [
    { spec: root, path: "root", parent: -1, depth: 1, queue: undefined },
  ];
  while (stack.length > 0) {
    const e = stack.pop() as (typeof stack)[number];
    if (nodes.length >= lim.flowJobsMax) throw invalidArgument(`flow has more than ${lim.flowJobsMax} jobs; the limit is ${lim.flowJobsMax}`);
    if (e.depth > lim.flowDepthMax) throw invalidArgument(`${e.path}: flow is nested deeper than ${lim.flowDepthMax} levels`);
    const spec = e.spec;
    if (spec === null || typeof spec !== "object") throw invalidArgument(`${e.path} must be a job`);
    if ((spec.idempotencyKey && e.parent >= 0) || spec.unique?.key || spec.debounce?.key) {
      throw invalidArgument(`${e.path}: flow jobs cannot have a unique_key or debounce_key, nor an idempotency_key but on the root`);
    }
    const withQueue = spec.queue || e.queue === undefined ? spec : { ...spec, queue: e.queue };
    const checked = checkSpec(withQueue, now, lim, m.defaults, e.path);
    const i = nodes.length;
    nodes.push({ spec, path: e.path, parent: e.parent, checked, after: [], id: "" });
    if (e.parent >= 0) (nodes[e.parent] as Node).after.push(i);
    if (spec.ref !== undefined && spec.ref !== "") {
      const ref = checkName(`${e.path}.ref`, spec.ref, lim.flowRefBytesMax);
      const other = refs.get(ref);
      if (other !== undefined) throw invalidArgument(`${e.path}.ref ${quote(ref)} is also the ref of ${(nodes[other] as Node).path}`);
      refs.set(ref, i);
    }
    const kids = spec.children ?? [];
    if (!Array.isArray(kids)) throw invalidArgument(`${e.path}.children must be a list`);
    for (let k = kids.length - 1; k >= 0; k--) {
      stack.push({ spec: kids[k] as FlowNode, path: `${e.path}.children[${k}]`, parent: i, depth: e.depth + 1, queue: checked.queue });
    }
  }
  for (const n of nodes) {
    const rs = n.spec.dependsOnRefs ?? [];
    if (!Array.isArray(rs)) throw invalidArgument(`${n.path}.depends_on_refs must be a list`);
    const seen = new Set<number>(n.after);
    for (let k = 0; k < rs.length; k++) {
      const j = refs.get(rs[k] as string);
      if (j === undefined) throw invalidArgument(`${n.path}.depends_on_refs[${k}]: no node of the flow has ref ${quote(String(rs[k]))}`);
      if (seen.has(j)) continue;
      seen.add(j);
      n.after.push(j);
    }
    const total = n.after.length + n.checked.dependsOn.length;
    if (total > lim.dependenciesMax) throw invalidArgument(`${n.path} depends on ${total} jobs; the limit is ${lim.dependenciesMax}`);
  }
  let bytes = 0;
  for (const n of nodes) {
    bytes += n.checked.payload.byteLength;
    for (const k in n.checked.metadata) bytes += k.length + (n.checked.metadata[k] as string).length;
  }
  if (bytes > lim.flowBytesMax) throw invalidArgument(`flow holds ${bytes} bytes of payloads and metadata; the limit is ${lim.flowBytesMax} bytes`);
  const order = topoOrder(nodes);
  // Existing jobs, batches and queue room: checked over the whole flow before anything is appended.
  const budget = new LinkBudget();
  const adds = new Map<string, number>();
  for (const n of nodes) {
    checkLinks(m, n.checked, n.path, budget);
    adds.set(n.checked.queue, (adds.get(n.checked.queue) ?? 0) + 1);
  }
  for (const [queue, n] of adds) {
    const have = m.state.queues.get(queue)?.unfinished ?? 0;
    if (have + n > lim.queueJobsMax) {
      throw resourceExhausted(`queue ${queue} holds ${have} unfinished jobs; adding ${n} passes the limit of ${lim.queueJobsMax}`);
    }
  }
  // Ids in dependency order, so a job's flow dependencies have smaller ids (and the root the largest).
  for (const i of order) (nodes[i] as Node).id = m.ids.jobId(now);
  const flowId = (nodes[0] as Node).id;
  const jobs: Job[] = new Array(nodes.length);
  for (const i of order) {
    const n = nodes[i] as Node;
    const c = n.checked;
    const deps = n.after.map((j) => (nodes[j] as Node).id);
    for (const id of c.dependsOn) deps.push(id);
    const settings = m.settings.get(c.maxAttempts, c.timeoutMs, c.backoffBaseMs, c.backoffMaxMs, c.metadata, removalFlags(c));
    const job = new Job(n.id, c.queue, c.type, c.payload, c.priority, now, c.runAt, settings);
    job.links = linksOf(c, deps, n.parent >= 0 ? (nodes[n.parent] as Node).id : "", flowId);
    if (c.idempotencyKey) job.ensureExtra().idempotencyKey = c.idempotencyKey;
    jobs[i] = job;
  }
  m.emit({ kind: "flowSubmitted", jobs: order.map((i) => jobs[i] as Job) });
  return { flowId, jobs: jobs.map(viewOf), duplicate: false };
}

/**
 * Node indexes with every node after the nodes it depends on (iterative
 * depth-first post-order from the root, children in request order), or
 * INVALID_ARGUMENT naming a cycle.
 */
function topoOrder(nodes: readonly Node[]): number[] {
  const state = new Uint8Array(nodes.length); // 0 new, 1 on the path, 2 done
  const out: number[] = [];
  const path: number[] = [];
  const next: number[] = [];
  for (let start = 0; start < nodes.length; start++) {
    if (state[start] !== 0) continue;
    path.push(start);
    next.push(0);
    state[start] = 1;
    while (path.length > 0) {
      const top = path.length - 1;
      const i = path[top] as number;
      const after = (nodes[i] as Node).after;
      const k = next[top] as number;
      if (k < after.length) {
        next[top] = k + 1;
        const j = after[k] as number;
        if (state[j] === 1) {
          const cycle = path.slice(path.indexOf(j)).concat(j).map((x) => nameOf(nodes[x] as Node));
          throw invalidArgument(`flow has a dependency cycle: ${cycle.join(" -> ")}`);
        }
        if (state[j] === 0) {
          state[j] = 1;
          path.push(j);
          next.push(0);
        }
        continue;
      }
      state[i] = 2;
      out.push(i);
      path.pop();
      next.pop();
    }
  }
  return out;
}

function nameOf(n: Node): string {
  return n.spec.ref ? `${quote(n.spec.ref)} (${n.path})` : n.path;
}

// ---- batches ----------------------------------------------------------------

export interface BatchSpec {
  onComplete?: JobSpec;
  onSuccess?: JobSpec;
  description?: string;
}

/** A batch as clients see it. */
export interface BatchView {
  id: string;
  description: string;
  createdAt: number;
  closed: boolean;
  closedAt: number;
  total: number;
  completed: number;
  failed: number;
  cancelled: number;
  /** Jobs that joined and have not finished. */
  unfinished: number;
  firedAt: number;
  onCompleteType: string;
  onCompleteQueue: string;
  onSuccessType: string;
  onSuccessQueue: string;
  onCompleteJobId: string;
  onSuccessJobId: string;
}

export function batchViewOf(b: Batch): BatchView {
  return {
    id: b.id,
    description: b.description,
    createdAt: b.createdAt,
    closed: b.closed,
    closedAt: b.closedAt,
    total: b.total,
    completed: b.completed,
    failed: b.failed,
    cancelled: b.cancelled,
    unfinished: b.firedAt !== 0 ? 0 : b.total - b.completed - b.failed - b.cancelled,
    firedAt: b.firedAt,
    onCompleteType: b.onComplete?.type ?? "",
    onCompleteQueue: b.onComplete?.queue ?? "",
    onSuccessType: b.onSuccess?.type ?? "",
    onSuccessQueue: b.onSuccess?.queue ?? "",
    onCompleteJobId: b.onCompleteJobId,
    onSuccessJobId: b.onSuccessJobId,
  };
}

/** A callback spec as a template job: id "", created at 0, run_at the delay after the fire. */
function template(m: JobManager, field: string, spec: JobSpec | undefined, now: number): Job | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (spec.idempotencyKey || spec.unique?.key || spec.debounce?.key || spec.dependsOn?.length || spec.batchId) {
    throw invalidArgument(`${field}: a batch callback cannot have an idempotency_key, unique_key, debounce_key, depends_on or batch_id`);
  }
  const entries = Object.keys(spec.metadata ?? {}).length;
  const room = m.limits.metadataEntriesMax - batchCallbackMetadataEntries;
  if (entries > room) {
    throw invalidArgument(`${field}.options.metadata has ${entries} entries; a batch callback may have ${room} (the batch adds ${batchCallbackMetadataEntries})`);
  }
  const c = checkSpec(spec, now, m.limits, m.defaults, field);
  const settings = m.settings.get(c.maxAttempts, c.timeoutMs, c.backoffBaseMs, c.backoffMaxMs, c.metadata, removalFlags(c));
  return new Job("", c.queue, c.type, c.payload, c.priority, 0, c.runAt - now, settings);
}

/** Creates an open, empty batch; RESOURCE_EXHAUSTED past batchesOpenMax unfired batches. */
export function createBatch(m: JobManager, spec: BatchSpec): BatchView {
  const now = m.clock();
  const onComplete = template(m, "on_complete", spec.onComplete, now);
  const onSuccess = template(m, "on_success", spec.onSuccess, now);
  const description = checkLabel("description", spec.description, m.limits.batchDescriptionBytesMax);
  if (m.state.unfiredBatches >= m.limits.batchesOpenMax) {
    throw resourceExhausted(`${m.state.unfiredBatches} batches have not fired yet; the limit is ${m.limits.batchesOpenMax}`);
  }
  const batch: Batch = {
    id: `b${m.ids.jobId(now)}`,
    description,
    onComplete,
    onSuccess,
    createdAt: now,
    closed: false,
    closedAt: 0,
    total: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
    firedAt: 0,
    onCompleteJobId: "",
    onSuccessJobId: "",
  };
  m.emit({ kind: "batchCreated", batch });
  return batchViewOf(m.state.batches.get(batch.id) as Batch);
}

export function getBatch(m: JobManager, batchId: string): Batch {
  checkId("batch_id", batchId);
  const b = m.state.batches.get(batchId);
  if (b === undefined) throw notFound(`batch ${quote(batchId)} not found`);
  return b;
}

/** No more jobs join; a batch whose jobs all finished fires at once (in the same call). Closing a closed batch changes nothing. */
export function closeBatch(m: JobManager, batchId: string): BatchView {
  const b = getBatch(m, batchId);
  if (!b.closed) m.emit({ kind: "batchClosed", batchId, at: m.clock() });
  return batchViewOf(b);
}

/**
 * Writes a batch_fired record for every due batch (closed, all its jobs
 * finished, not fired): right after the record that made it due, and at
 * start-up for one a crash left due. The record creates the callback jobs,
 * so they exist once however often this runs. Returns records written.
 */
export function fireDueBatches(m: JobManager): number {
  const s = m.state;
  let n = 0;
  while (s.batchesDue.size > 0) {
    const due = [...s.batchesDue].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const b of due) {
      const now = m.clock();
      const meta = {
        batch_id: b.id,
        batch_total: String(b.total),
        batch_completed: String(b.completed),
        batch_failed: String(b.failed),
        batch_cancelled: String(b.cancelled),
      };
      const onComplete = b.onComplete === undefined ? undefined : callback(m, b.onComplete, meta, now);
      const onSuccess = b.onSuccess === undefined || b.completed !== b.total ? undefined : callback(m, b.onSuccess, meta, now);
      m.emit({ kind: "batchFired", batchId: b.id, at: now, onComplete, onSuccess, dropped: toDrop(m, b) });
      n++;
    }
  }
  return n;
}

function callback(m: JobManager, t: Job, meta: Record<string, string>, now: number): Job {
  const st = t.settings;
  const metadata = { ...st.metadata, ...meta };
  const flags = removalFlags(st);
  const settings = m.settings.get(st.maxAttempts, st.timeoutMs, st.backoffBaseMs, st.backoffMaxMs, metadata, flags);
  return new Job(m.ids.jobId(now), t.queue, t.type, t.payload, t.priority, now, now + t.runAt, settings);
}

/** The oldest fired batches to forget so that at most batchesKeptMax stay once `b` fired. */
function toDrop(m: JobManager, b: Batch): string[] {
  const fired: Batch[] = [];
  for (const x of m.state.batches.values()) if (x.firedAt !== 0) fired.push(x);
  const over = fired.length + 1 - m.limits.batchesKeptMax;
  if (over <= 0) return [];
  fired.sort((x, y) => x.firedAt - y.firedAt || (x.id < y.id ? -1 : 1));
  return fired.slice(0, over).map((x) => x.id).filter((id) => id !== b.id);
}

// ---- dependency results -----------------------------------------------------

export interface DependencyResult {
  id: string;
  /** "" when the job is gone (removed by retention or deleted). */
  type: string;
  /** 0 when the job is gone. */
  status: JobStatus | 0;
  result: Uint8Array | undefined;
  error: string;
  /** The result (and error) did not fit the answer's byte limit (dependencyResultsBytesMax). */
  resultOmitted: boolean;
}

/**
 * The jobs a running job waited for, in its depends_on order, with their
 * results, for the lease holder only. Results stop at
 * dependencyResultsBytesMax bytes; the rest are marked result_omitted.
 */
export function dependencyResults(m: JobManager, jobId: string, token: string): DependencyResult[] {
  const job = fenced(m, jobId, token);
  const out: DependencyResult[] = [];
  let budget = m.limits.dependencyResultsBytesMax;
  for (const id of job.links?.dependsOn ?? []) {
    const d = m.state.jobs.get(id);
    if (d === undefined) {
      out.push({ id, type: "", status: 0, result: undefined, error: "", resultOmitted: false });
      continue;
    }
    const r = d.extra?.result;
    const error = d.extra?.error ?? "";
    const size = (r?.byteLength ?? 0) + error.length;
    const fits = size <= budget;
    if (fits) budget -= size;
    out.push({ id, type: d.type, status: d.status, result: fits ? r : undefined, error: fits ? error : "", resultOmitted: !fits });
  }
  return out;
}
