// `falconq batches create|close|get` (docs/workflows.md).

import { defineCommand } from "citty";
import type { Batch } from "../client/client.ts";
import { clientArgs, withClient } from "./client-flags.ts";
import { usage } from "./common.ts";
import { bold, dim, printJson } from "./output.ts";
import { readPayload } from "./submit.ts";

const jsonArg = { type: "boolean", description: "print JSON" } as const;
const time = (ms: number) => (ms ? new Date(ms).toISOString() : "-");

function printBatch(b: Batch): void {
  const done = b.completed + b.failed + b.cancelled;
  const state = b.firedAt ? "fired" : b.closed ? "closed, waiting for its jobs" : "open";
  const rows: [string, string][] = [
    ["id", bold(b.id)],
    ["description", b.description || "-"],
    ["state", state],
    ["progress", `${done} of ${b.total} finished: ${b.completed} completed, ${b.failed} failed, ${b.cancelled} cancelled, ${b.unfinished} unfinished`],
    ["created", time(b.createdAt)],
    ["closed", time(b.closedAt)],
    ["fired", time(b.firedAt)],
    ["on complete", b.onCompleteType ? `${b.onCompleteQueue} / ${b.onCompleteType}${b.onCompleteJobId ? ` → job ${b.onCompleteJobId}` : ""}` : "-"],
    ["on success", b.onSuccessType ? `${b.onSuccessQueue} / ${b.onSuccessType}${b.onSuccessJobId ? ` → job ${b.onSuccessJobId}` : b.firedAt ? " (not fired: not every job completed)" : ""}` : "-"],
  ];
  console.log(rows.map(([k, v]) => `${dim(k.padEnd(12))} ${v}`).join("\n"));
}

const create = defineCommand({
  meta: { name: "create", description: "Create an open batch; jobs join it with submit --batch ID until it is closed" },
  args: {
    "on-complete": { type: "string", description: "callback job type, run once when the closed batch's jobs all finished" },
    "on-complete-payload": { type: "string", description: "its JSON payload, or @file" },
    "on-success": { type: "string", description: "callback job type, run once only when every job completed" },
    "on-success-payload": { type: "string", description: "its JSON payload, or @file" },
    queue: { type: "string", description: "queue of the callback jobs", default: "default" },
    description: { type: "string", description: "shown by batches get" },
    json: jsonArg,
    ...clientArgs,
  },
  run: ({ args }) =>
    withClient(args, async (c) => {
      if (args["on-complete-payload"] && !args["on-complete"]) throw usage("--on-complete-payload needs --on-complete");
      if (args["on-success-payload"] && !args["on-success"]) throw usage("--on-success-payload needs --on-success");
      const cb = (type: string | undefined, payload: string | undefined) =>
        type ? { type, queue: args.queue, payload: readPayload(payload) } : undefined;
      const b = await c.createBatch({
        onComplete: cb(args["on-complete"], args["on-complete-payload"]),
        onSuccess: cb(args["on-success"], args["on-success-payload"]),
        description: args.description,
      });
      if (args.json) printJson(b);
      else console.log(`created batch ${b.id}: submit jobs with --batch ${b.id}, then falconq batches close ${b.id}`);
    }),
});

const close = defineCommand({
  meta: { name: "close", description: "Close a batch: no more jobs join; its callbacks fire once they all finished" },
  args: { id: { type: "positional", description: "batch id", required: true }, json: jsonArg, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const b = await c.closeBatch(args.id);
      if (args.json) printJson(b);
      else console.log(`closed batch ${b.id}${b.firedAt ? ": every job had finished, its callbacks fired" : `: ${b.unfinished} job(s) to go`}`);
    }),
});

const get = defineCommand({
  meta: { name: "get", description: "Show a batch: progress, state and callbacks" },
  args: { id: { type: "positional", description: "batch id", required: true }, json: jsonArg, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const b = await c.getBatch(args.id);
      if (args.json) printJson(b);
      else printBatch(b);
    }),
});

export default defineCommand({
  meta: { name: "batches", description: "Create, close and inspect batches of jobs with callbacks" },
  subCommands: { create, close, get },
});
