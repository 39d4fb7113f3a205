import { readFileSync } from "node:fs";
import { defineCommand } from "citty";
import { Client } from "../client/client.ts";
import { statusNames } from "../core/types.ts";
import { defaultLimits } from "../core/config.ts";
import { CliError, masterArg, parseAddress, parseDuration, parseIntFlag, usage } from "./common.ts";
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

export default defineCommand({
  meta: { name: "submit", description: "Submit one or more jobs" },
  args: {
    type: { type: "string", description: "job type (handler name)", required: true },
    payload: { type: "string", description: "JSON payload, or @file" },
    queue: { type: "string", description: "queue name", default: "default" },
    priority: { type: "string", description: "higher runs first" },
    delay: { type: "string", description: "run no earlier than this from now (5s, 2m)" },
    attempts: { type: "string", description: "max attempts" },
    timeout: { type: "string", description: "per-attempt time limit (30s)" },
    count: { type: "string", description: "how many copies to submit", default: "1" },
    wait: { type: "boolean", description: "wait until all jobs finish; exit 1 if any failed" },
    json: { type: "boolean", description: "one JSON line per accepted job" },
    master: masterArg,
  },
  async run({ args }) {
    const count = parseIntFlag("count", args.count, 1, 10_000_000) ?? 1;
    const spec = {
      type: args.type,
      payload: readPayload(args.payload),
      queue: args.queue,
      priority: parseIntFlag("priority", args.priority, defaultLimits.priorityMin, defaultLimits.priorityMax),
      delayMs: parseDuration("delay", args.delay),
      maxAttempts: parseIntFlag("attempts", args.attempts, 1, defaultLimits.maxAttemptsMax),
      timeoutMs: parseDuration("timeout", args.timeout),
    };
    const client = new Client({ master: parseAddress("master", args.master), retryDeadlineMs: 10_000 });
    const started = Date.now();
    const ids: string[] = [];
    try {
      const waiter = args.wait ? waitForJobs(client, args.queue, count, { json: args.json === true }) : undefined;
      if (waiter) await waiter.ready;
      for (let sent = 0; sent < count; sent += batchSize) {
        const n = Math.min(batchSize, count - sent);
        const res = await client.submitMany(Array.from({ length: n }, () => spec));
        for (const r of res) {
          ids.push(r.job.id);
          if (args.json) printJson({ id: r.job.id, queue: r.job.queue, type: r.job.type, state: statusNames[r.job.status] });
        }
        waiter?.submitted(res.map((r) => r.job.id));
      }
      if (!args.json && !waiter) {
        console.log(count === 1 ? `submitted job ${ids[0]}` : `submitted ${count} jobs to queue ${args.queue} (${ids[0]} … ${ids[ids.length - 1]})`);
      }
      if (waiter === undefined) return;
      const summary = await waiter.done(started);
      if (summary.failed + summary.cancelled > 0) process.exitCode = 1;
    } catch (e) {
      if (ids.length > 0) throw new CliError(`${(e as Error).message} (after ${ids.length} of ${count} jobs were accepted)`);
      throw e;
    } finally {
      client.close();
    }
  },
});
