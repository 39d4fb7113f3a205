import { readFileSync } from "node:fs";
import { defineCommand } from "citty";
import { Client, type Submitted, type WorkerSummary } from "../client/client.ts";
import type { JobSpec } from "../core/validate.ts";
import { statusNames } from "../core/types.ts";
import { defaultLimits } from "../core/config.ts";
import { CliError, parseAddress, parseDuration, parseIntFlag, usage } from "./common.ts";
import { clientArgs, clientSecurity } from "./client-flags.ts";
import { printJson } from "./output.ts";
import { waitForJobs } from "./wait.ts";

/** Jobs per SubmitJobs call: well under the master's batch limit, and a steady stream of calls. */
const batchSize = Math.min(1000, defaultLimits.submitBatchMax);

/** The payload flag: JSON text, or @file holding JSON. Checked here so a typo fails before anything is sent. */
export function readPayload(value: string | undefined): Uint8Array {
  if (value === undefined || value === "") return new Uint8Array(0);
  let text = value;
  if (value.startsWith("@")) {
    try {
      text = readFileSync(value.slice(1), "utf8");
    } catch (e) {
      throw usage(`--payload ${value}: cannot read file: ${(e as Error).message}`);
    }
  }
  try {
    JSON.parse(text);
  } catch (e) {
    throw usage(`--payload is not valid JSON: ${(e as Error).message}`);
  }
  return new TextEncoder().encode(text);
}

/** One stderr line when no registered worker takes this type from this queue: the jobs would wait unseen. */
function warnIfUnserved(workers: readonly WorkerSummary[], type: string, queue: string): void {
  const serves = (w: WorkerSummary) => w.queues.includes(queue) && (w.types.length === 0 || w.types.includes(type));
  if (workers.some(serves)) return;
  const why =
    workers.length === 0 ? "no worker is registered" : `none of the ${workers.length} registered workers takes type "${type}" from queue "${queue}"`;
  process.stderr.write(`falconq: warning: ${why}; the jobs stay queued until one does (falconq worker --queues ${queue}, with a handler for ${type})\n`);
}

/** --unique-* and --debounce* as the spec's unique and debounce options; checked here so a stray flag fails before anything is sent. */
export function keyFlags(args: Record<string, unknown>): Pick<JobSpec, "unique" | "debounce"> {
  const str = (k: string) => (typeof args[k] === "string" && args[k] !== "" ? (args[k] as string) : undefined);
  const out: Pick<JobSpec, "unique" | "debounce"> = {};
  const unique = str("unique-key");
  const ttlMs = parseDuration("unique-ttl", str("unique-ttl"));
  if (unique === undefined && (ttlMs !== undefined || args["unique-reject"] === true)) throw usage("--unique-ttl and --unique-reject need --unique-key");
  if (unique !== undefined) {
    if (ttlMs === 0) throw usage("--unique-ttl must be longer than 0");
    out.unique = { key: unique, ...(ttlMs ? { scope: "ttl" as const, ttlMs } : {}), onConflict: args["unique-reject"] === true ? "reject" : "return" };
  }
  const debounce = str("debounce-key");
  const delayMs = parseDuration("debounce", str("debounce"));
  if (debounce === undefined && (delayMs !== undefined || args["debounce-extend"] === true)) throw usage("--debounce and --debounce-extend need --debounce-key");
  if (debounce !== undefined) {
    if (unique !== undefined) throw usage("give --unique-key or --debounce-key, not both");
    if (str("delay") !== undefined) throw usage("--debounce sets the start of a debounced job; leave out --delay");
    out.debounce = { key: debounce, delayMs: delayMs ?? 0, mode: args["debounce-extend"] === true ? "extend" : "replace" };
  }
  return out;
}

/** --depends-on, --on-dependency-failure and --batch as the spec's links (docs/workflows.md). */
export function linkFlags(args: Record<string, unknown>): Pick<JobSpec, "dependsOn" | "onDependencyFailure" | "batchId"> {
  const str = (k: string) => (typeof args[k] === "string" && args[k] !== "" ? (args[k] as string) : undefined);
  const out: Pick<JobSpec, "dependsOn" | "onDependencyFailure" | "batchId"> = {};
  const deps = str("depends-on");
  if (deps !== undefined) out.dependsOn = deps.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const policy = str("on-dependency-failure");
  if (policy !== undefined) {
    if (deps === undefined) throw usage("--on-dependency-failure needs --depends-on");
    if (policy !== "fail" && policy !== "cancel" && policy !== "run_anyway") throw usage(`--on-dependency-failure must be fail, cancel or run_anyway, got "${policy}"`);
    out.onDependencyFailure = policy;
  }
  const batch = str("batch");
  if (batch !== undefined) out.batchId = batch;
  return out;
}

export default defineCommand({
  meta: { name: "submit", description: "Submit one or more jobs" },
  args: {
    type: { type: "string", description: "job type (handler name)", required: true },
    payload: { type: "string", description: "JSON payload, or @file" },
    queue: { type: "string", description: "queue name", default: "default" },
    priority: { type: "string", description: "higher runs first" },
    group: { type: "string", description: "group key (fair scheduling and group limits, e.g. customer-42)" },
    delay: { type: "string", description: "run no earlier than this from now (5s, 2m)" },
    attempts: { type: "string", description: "max attempts" },
    timeout: { type: "string", description: "per-attempt time limit (30s)" },
    count: { type: "string", description: "how many copies to submit", default: "1" },
    "remove-on-complete": { type: "boolean", description: "remove each job as soon as it completes (watchers and --wait still see it)" },
    "remove-on-fail": { type: "boolean", description: "remove each job as soon as it fails for good" },
    "unique-key": { type: "string", description: "at most one job of the queue holds this key: while one is unfinished, a submit returns it instead of adding one" },
    "unique-ttl": { type: "string", description: "with --unique-key: hold the key this long after the job finished too (1h)" },
    "unique-reject": { type: "boolean", description: "with --unique-key: fail (exit 1) when the key is held, instead of returning the holder" },
    "debounce-key": { type: "string", description: "at most one not-yet-started job of the queue per key: a submit while one waits updates it" },
    debounce: { type: "string", description: "with --debounce-key: start the job this long after the latest submit (5s)" },
    "debounce-extend": { type: "boolean", description: "with --debounce-key: keep the waiting job's payload, only push its start back" },
    "depends-on": { type: "string", description: "comma-separated job ids: the job waits until they all finished (docs/workflows.md)" },
    "on-dependency-failure": { type: "string", description: "with --depends-on, when one fails or is cancelled: fail (default), cancel or run_anyway" },
    batch: { type: "string", description: "join this open batch (falconq batches create)" },
    wait: { type: "boolean", description: "wait until all jobs finish; exit 1 if any failed, 130 on Ctrl-C" },
    "wait-timeout": { type: "string", description: "with --wait: give up after this long (exit 1; the jobs stay queued); implies --wait" },
    json: { type: "boolean", description: "one JSON line per accepted job" },
    ...clientArgs,
  },
  async run({ args }) {
    const count = parseIntFlag("count", args.count, 1, 10_000_000) ?? 1;
    const spec = {
      type: args.type,
      payload: readPayload(args.payload),
      queue: args.queue,
      group: args.group || undefined,
      priority: parseIntFlag("priority", args.priority, defaultLimits.priorityMin, defaultLimits.priorityMax),
      delayMs: parseDuration("delay", args.delay),
      maxAttempts: parseIntFlag("attempts", args.attempts, 1, defaultLimits.maxAttemptsMax),
      timeoutMs: parseDuration("timeout", args.timeout),
      removeOnComplete: args["remove-on-complete"] === true,
      removeOnFail: args["remove-on-fail"] === true,
      ...keyFlags(args),
      ...linkFlags(args),
    };
    if (count > 1 && (spec.unique || spec.debounce)) throw usage("--count with --unique-key or --debounce-key would submit one job over and over; leave out --count");
    const waitTimeoutMs = parseDuration("wait-timeout", args["wait-timeout"]);
    const master = parseAddress("master", args.master);
    const client = new Client({ master, retryDeadlineMs: 10_000, ...(await clientSecurity(args)) });
    const ids: string[] = [];
    const duplicates: Submitted[] = [];
    const wait = args.wait === true || waitTimeoutMs !== undefined;
    const waiter = wait ? waitForJobs(client, args.queue, count, { json: args.json === true, timeoutMs: waitTimeoutMs ?? 0, master }) : undefined;
    // Only when waiting: then unserved jobs would look like a hang. Asked beside the first submit, not
    // before it, so an unreachable master costs one retry deadline, not two.
    const served = waiter ? client.workers().then((ws) => warnIfUnserved(ws, args.type, args.queue), () => {}) : undefined;
    const race = <T>(p: Promise<T>): Promise<T> => (waiter ? Promise.race([p, waiter.aborted]) : p);
    try {
      if (waiter) {
        await race(waiter.ready);
        await race(served ?? Promise.resolve());
        waiter.begin();
      }
      for (let sent = 0; sent < count; sent += batchSize) {
        const n = Math.min(batchSize, count - sent);
        const res = await race(client.submitMany(Array.from({ length: n }, () => spec)));
        for (const r of res) {
          ids.push(r.job.id);
          if (r.duplicate) duplicates.push(r);
          const dup = r.duplicate ? { duplicate: true, reason: r.reason ?? "" } : {};
          if (args.json) printJson({ id: r.job.id, queue: r.job.queue, type: r.job.type, state: statusNames[r.job.status], ...dup });
        }
        waiter?.submitted(res.map((r) => r.job.id));
      }
      if (!args.json && !waiter) {
        const first = duplicates[0];
        if (count === 1 && first !== undefined) console.log(`job ${first.job.id}: ${first.reason ?? "duplicate"} (no new job)`);
        else console.log(count === 1 ? `submitted job ${ids[0]}` : `submitted ${count} jobs to queue ${args.queue} (${ids[0]} … ${ids[ids.length - 1]})`);
      }
      if (waiter === undefined) return;
      const summary = await waiter.done();
      if (summary.failed + summary.cancelled > 0) process.exitCode = 1;
    } catch (e) {
      waiter?.cleanup();
      if (e instanceof CliError) throw e;
      if (ids.length > 0) throw new CliError(`${(e as Error).message} (after ${ids.length} of ${count} jobs were accepted)`);
      throw e;
    } finally {
      client.close();
    }
  },
});
