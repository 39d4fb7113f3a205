import { defaultLimits } from "../core/config.ts";
import { defineCommand } from "citty";
import { firstLine } from "../core/text.ts";
import { type JobView, parseStatus, policyNames, statusNames } from "../core/types.ts";
import { parseIntFlag, usage } from "./common.ts";
import { clientArgs, withClient } from "./client-flags.ts";
import { ago, bold, dim, green, printJson, red, table, yellow } from "./output.ts";

const jsonArg = { type: "boolean", description: "print JSON" } as const;
const td = new TextDecoder();

function stateText(j: JobView): string {
  const s = statusNames[j.status] ?? `state ${j.status}`;
  return s === "completed" ? green(s) : s === "failed" ? red(s) : s === "running" ? yellow(s) : s;
}

/** A job as plain JSON: bytes shown as text (they are JSON by convention). */
export function jobJson(j: JobView) {
  // A client Job also carries decoded `state`, `data` and `returnValue`: print each thing once.
  const { state: _state, data: _data, returnValue: _ret, ...v } = j as JobView & Record<string, unknown>;
  return {
    ...v,
    status: statusNames[j.status],
    payload: td.decode(j.payload),
    result: j.result ? td.decode(j.result) : null,
  };
}

const time = (ms: number) => (ms ? new Date(ms).toISOString() : "-");

const list = defineCommand({
  meta: { name: "list", description: "List jobs, newest first (--reverse: oldest first), a page at a time" },
  args: {
    state: { type: "string", description: "scheduled, pending, running, waiting, completed, failed or cancelled" },
    queue: { type: "string", description: "only this queue" },
    type: { type: "string", description: "only this type" },
    search: { type: "string", description: "only jobs whose id, type, metadata or payload contains this text" },
    limit: { type: "string", description: "at most this many (1-1000)", default: "50" },
    reverse: { type: "boolean", description: "oldest first" },
    after: { type: "string", description: "start after this job id (in list order)" },
    "page-token": { type: "string", description: "the next page, as the previous list printed it" },
    json: { type: "boolean", description: "print JSON: one line per job, then {nextPageToken} when more follow" },
    ...clientArgs,
  },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const status = args.state ? parseStatus(args.state) : undefined;
      if (args.state && status === undefined) throw usage(`--state "${args.state}" is not a job state`);
      const limit = parseIntFlag("limit", args.limit, 1, defaultLimits.listLimitMax);
      if (args.after && args["page-token"]) throw usage("give --after or --page-token, not both");
      const pageToken = args["page-token"] || args.after || undefined;
      const newestFirst = args.reverse !== true;
      const page = await c.list({ status, queue: args.queue, type: args.type, search: args.search, limit, pageToken, newestFirst });
      if (args.json) {
        for (const j of page.jobs) printJson(jobJson(j));
        const { nextPageToken, partial, remaining } = page;
        if (nextPageToken) printJson({ nextPageToken, partial, remaining });
        return;
      }
      printTable(page.jobs, page.partial);
      if (page.nextPageToken) console.error(dim(moreHint(page.remaining, nextCommand(args, page.nextPageToken))));
    }),
});

function printTable(jobs: readonly JobView[], partial: boolean): void {
  const rows = [["ID", "QUEUE", "TYPE", "STATE", "ATTEMPT", "CREATED", "ERROR"]];
  for (const j of jobs) {
    rows.push([j.id, j.queue, j.type, stateText(j), `${j.attempt}/${j.maxAttempts}`, ago(j.createdAt), firstLine(j.error).slice(0, 60)]);
  }
  if (jobs.length > 0) console.log(table(rows, { keep: [0] }));
  else if (!partial) console.log(dim("no jobs"));
  if (partial) {
    console.log(dim(`examined ${defaultLimits.listScanMax.toLocaleString("en-US")} jobs without filling the page; the next page goes on from there`));
  }
}

function moreHint(remaining: number, command: string): string {
  return `${remaining > 0 ? `${remaining} more` : "more"}: ${command}`;
}

/** The command that lists the next page with the same filters. */
function nextCommand(args: Record<string, unknown>, token: string): string {
  const parts = ["falconq", "jobs", "list"];
  for (const flag of ["state", "queue", "type", "search"]) {
    const v = args[flag];
    if (typeof v === "string" && v !== "") parts.push(`--${flag}`, shellQuote(v));
  }
  if (args.limit !== "50") parts.push("--limit", shellQuote(String(args.limit)));
  if (args.reverse === true) parts.push("--reverse");
  parts.push("--page-token", token);
  return parts.join(" ");
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_.:/=@%+-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

const get = defineCommand({
  meta: { name: "get", description: "Show one job: payload, result, error, attempts, times, progress, log lines" },
  args: { id: { type: "positional", description: "job id", required: true }, json: jsonArg, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
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
      // Workflows (docs/workflows.md): the flow's tree and the jobs this one waits for.
      if (j.flowId) rows.push(["flow", j.flowId === j.id ? `${j.flowId} (this job is its root)` : j.flowId]);
      if (j.parentId) rows.push(["parent", j.parentId]);
      if (j.dependsOn.length > 0) {
        const shown = j.dependsOn.slice(0, 10).join(", ");
        const more = j.dependsOn.length > 10 ? ` … ${j.dependsOn.length - 10} more` : "";
        rows.push([j.flowId ? "children/deps" : "depends on", `${j.dependsOn.length}: ${shown}${more}`]);
        rows.push(["on dep. fail", policyNames[j.dependencyPolicy] ?? String(j.dependencyPolicy)]);
        if (j.dependenciesUnfinished > 0) rows.push(["waiting on", `${j.dependenciesUnfinished} unfinished`]);
        if (j.flowId) rows.push(["tree", `falconq jobs tree ${j.flowId}`]);
      }
      if (j.batchId) rows.push(["batch", `${j.batchId} (falconq batches get ${j.batchId})`]);
      console.log(rows.map(([k, v]) => `${dim(k.padEnd(13))} ${v}`).join("\n"));
      // The last attempt's ctx.log lines, one per line under the job.
      if (j.logs.length > 0) console.log(`${dim("logs")}\n${j.logs.map((l) => `  ${l}`).join("\n")}`);
    }),
});

const cancel = defineCommand({
  meta: { name: "cancel", description: "Cancel a job (a running one is aborted on its worker)" },
  args: { id: { type: "positional", description: "job id", required: true }, json: jsonArg, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const j = await c.cancel(args.id);
      if (args.json) printJson(jobJson(j));
      else console.log(`cancelled ${j.id}`);
    }),
});

const del = defineCommand({
  meta: { name: "delete", description: "Remove a job that is not running (cancel a running one first)" },
  args: { id: { type: "positional", description: "job id", required: true }, json: jsonArg, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const j = await c.deleteJob(args.id);
      if (args.json) printJson(jobJson(j));
      else console.log(`deleted ${j.id} (was ${statusNames[j.status]})`);
    }),
});

const promote = defineCommand({
  meta: { name: "promote", description: "Run a scheduled job now: it is pending at once" },
  args: { id: { type: "positional", description: "job id", required: true }, json: jsonArg, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const j = await c.promoteJob(args.id);
      if (args.json) printJson(jobJson(j));
      else console.log(`promoted ${j.id}: ${statusNames[j.status]}`);
    }),
});

const retry = defineCommand({
  meta: { name: "retry", description: "Put a failed or cancelled job back with a fresh attempt budget" },
  args: {
    id: { type: "positional", description: "job id", required: false },
    "all-failed": { type: "boolean", description: "retry every FAILED job (optionally of --queue)" },
    queue: { type: "string", description: "with --all-failed: only this queue" },
    json: jsonArg,
    ...clientArgs,
  },
  run: ({ args }) =>
    withClient(args, async (c) => {
      if ((args["all-failed"] === true) === Boolean(args.id)) throw usage("give a job id or --all-failed (exactly one of them)");
      if (args.id) {
        const j = await c.retryJob(args.id);
        return args.json ? printJson(jobJson(j)) : console.log(`retrying ${j.id}`);
      }
      const failed = parseStatus("failed");
      let n = 0;
      // Page by id: a page may hold no job yet carry a token when the master's scan bound ended it.
      let pageToken: string | undefined;
      do {
        const page = await c.list({ status: failed, queue: args.queue, limit: defaultLimits.listLimitMax, pageToken });
        for (const j of page.jobs) {
          await c.retryJob(j.id);
          n++;
        }
        pageToken = page.nextPageToken || undefined;
      } while (pageToken !== undefined);
      if (args.json) printJson({ retried: n });
      else console.log(`retrying ${n} failed job(s)`);
    }),
});

/** Nodes `jobs tree` prints at most (one GetJob each). */
const treeNodesMax = 500;

const tree = defineCommand({
  meta: { name: "tree", description: "Show a flow as a tree: each job over its children, with states" },
  args: { id: { type: "positional", description: "a job id (the flow's root, or any node)", required: true }, json: jsonArg, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const root = await c.get(args.id);
      const lines: string[] = [];
      const nodes: ReturnType<typeof jobJson>[] = [];
      let fetched = 1;
      let cut = 0;
      // Depth first with an explicit stack; a node's children are its dependencies whose parent it is.
      const stack: [JobView, string][] = [[root, ""]];
      while (stack.length > 0) {
        const [j, indent] = stack.pop() as [JobView, string];
        nodes.push(jobJson(j));
        const waits = j.dependenciesUnfinished > 0 ? dim(` (waiting on ${j.dependenciesUnfinished})`) : "";
        lines.push(`${indent}${j.id}  ${j.type}  ${stateText(j)}${waits}${j.error ? dim(`  ${firstLine(j.error).slice(0, 60)}`) : ""}`);
        const kids: JobView[] = [];
        for (const id of j.dependsOn) {
          if (fetched >= treeNodesMax) {
            cut++;
            continue;
          }
          fetched++;
          const d = await c.get(id).catch(() => undefined);
          if (d === undefined) lines.push(`${indent}  ${id}  ${dim("(gone)")}`);
          else if (d.parentId === j.id) kids.push(d);
          else lines.push(`${indent}  ${dim(`after ${d.id} (${d.type}, ${statusNames[d.status]})`)}`);
        }
        for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i] as JobView, `${indent}  `]);
      }
      if (args.json) {
        for (const n of nodes) printJson(n);
        return;
      }
      console.log(lines.join("\n"));
      if (cut > 0) console.log(dim(`… ${cut} more dependencies not shown (at most ${treeNodesMax} jobs)`));
    }),
});

export default defineCommand({
  meta: { name: "jobs", description: "List, inspect, cancel, retry, delete and promote jobs" },
  subCommands: { list, get, cancel, retry, delete: del, promote, tree },
});
