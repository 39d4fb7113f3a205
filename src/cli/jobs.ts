import { defaultLimits } from "../core/config.ts";
import { defineCommand } from "citty";
import { Client } from "../client/client.ts";
import { type JobView, parseStatus, statusNames } from "../core/types.ts";
import { CliError, masterArg, parseAddress, parseIntFlag, usage } from "./common.ts";
import { ago, bold, dim, green, printJson, red, table, yellow } from "./output.ts";

const jsonArg = { type: "boolean", description: "print JSON" } as const;
const td = new TextDecoder();

function stateText(j: JobView): string {
  const s = statusNames[j.status];
  return s === "completed" ? green(s) : s === "failed" ? red(s) : s === "running" ? yellow(s) : s;
}

/** A job as plain JSON: bytes shown as text (they are JSON by convention). */
export function jobJson(j: JobView) {
  return {
    ...j,
    status: statusNames[j.status],
    payload: td.decode(j.payload),
    result: j.result ? td.decode(j.result) : null,
  };
}

function withClient<T>(master: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ master: parseAddress("master", master), retryDeadlineMs: 3000 });
  return fn(c).finally(() => c.close());
}

const time = (ms: number) => (ms ? new Date(ms).toISOString() : "-");

const list = defineCommand({
  meta: { name: "list", description: "List jobs, newest last" },
  args: {
    state: { type: "string", description: "scheduled|pending|running|completed|failed|cancelled" },
    queue: { type: "string", description: "only this queue" },
    type: { type: "string", description: "only this type" },
    limit: { type: "string", description: "at most this many (1-1000)", default: "50" },
    json: jsonArg,
    master: masterArg,
  },
  run: ({ args }) =>
    withClient(args.master, async (c) => {
      const status = args.state ? parseStatus(args.state) : undefined;
      if (args.state && status === undefined) throw usage(`--state "${args.state}" is not a job state`);
      const limit = parseIntFlag("limit", args.limit, 1, defaultLimits.listLimitMax);
      const { jobs } = await c.list({ status, queue: args.queue, type: args.type, limit });
      if (args.json) {
        for (const j of jobs) printJson(jobJson(j));
        return;
      }
      const rows = [["ID", "QUEUE", "TYPE", "STATE", "ATTEMPT", "CREATED", "ERROR"]];
      for (const j of jobs) {
        rows.push([j.id, j.queue, j.type, stateText(j), `${j.attempt}/${j.maxAttempts}`, ago(j.createdAt), j.error.split("\n")[0]?.slice(0, 60) ?? ""]);
      }
      console.log(jobs.length === 0 ? dim("no jobs") : table(rows));
    }),
});

const get = defineCommand({
  meta: { name: "get", description: "Show one job: payload, result, error, attempts, times, progress" },
  args: { id: { type: "positional", description: "job id", required: true }, json: jsonArg, master: masterArg },
  run: ({ args }) =>
    withClient(args.master, async (c) => {
      const j = await c.get(args.id);
      if (args.json) return printJson(jobJson(j));
      const rows: [string, string][] = [
        ["id", bold(j.id)],
        ["queue / type", `${j.queue} / ${j.type}`],
        ["state", stateText(j)],
        ["attempt", `${j.attempt} of ${j.maxAttempts}`],
        ["priority", String(j.priority)],
        ["created", time(j.createdAt)],
        ["run at", time(j.runAt)],
        ["started", time(j.startedAt)],
        ["finished", time(j.finishedAt)],
        ["worker", j.workerId || "-"],
        ["payload", td.decode(j.payload) || "-"],
        ["progress", j.progress || "-"],
        ["result", j.result ? td.decode(j.result) : "-"],
        ["error", j.error || "-"],
      ];
      console.log(rows.map(([k, v]) => `${dim(k.padEnd(13))} ${v}`).join("\n"));
    }),
});

const cancel = defineCommand({
  meta: { name: "cancel", description: "Cancel a job (a running one is aborted on its worker)" },
  args: { id: { type: "positional", description: "job id", required: true }, json: jsonArg, master: masterArg },
  run: ({ args }) =>
    withClient(args.master, async (c) => {
      const j = await c.cancel(args.id);
      if (args.json) printJson(jobJson(j));
      else console.log(`cancelled ${j.id}`);
    }),
});

const retry = defineCommand({
  meta: { name: "retry", description: "Put a failed or cancelled job back with a fresh attempt budget" },
  args: {
    id: { type: "positional", description: "job id", required: false },
    "all-failed": { type: "boolean", description: "retry every FAILED job (optionally of --queue)" },
    queue: { type: "string", description: "with --all-failed: only this queue" },
    json: jsonArg,
    master: masterArg,
  },
  run: ({ args }) =>
    withClient(args.master, async (c) => {
      if ((args["all-failed"] === true) === Boolean(args.id)) throw usage("give a job id or --all-failed (exactly one of them)");
      if (args.id) {
        const j = await c.retryJob(args.id);
        return args.json ? printJson(jobJson(j)) : console.log(`retrying ${j.id}`);
      }
      const failed = parseStatus("failed");
      let n = 0;
      for (let rounds = 0; rounds < 10_000; rounds++) {
        // Retried jobs leave the FAILED set, so the first page is always fresh.
        const { jobs } = await c.list({ status: failed, queue: args.queue, limit: defaultLimits.listLimitMax });
        if (jobs.length === 0) break;
        for (const j of jobs) {
          await c.retryJob(j.id);
          n++;
        }
      }
      if (args.json) printJson({ retried: n });
      else console.log(`retrying ${n} failed job(s)`);
    }),
});

export default defineCommand({
  meta: { name: "jobs", description: "List, inspect, cancel and retry jobs" },
  subCommands: { list, get, cancel, retry },
  run({ rawArgs }) {
    if (rawArgs.length === 0) throw new CliError("falconq jobs needs a subcommand: list, get ID, cancel ID, retry ID|--all-failed", 2);
  },
});
