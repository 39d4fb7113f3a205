import { defineCommand } from "citty";
import { clientArgs, withClient } from "./client-flags.ts";
import { ago, dim, printJson, table, yellow } from "./output.ts";

const list = defineCommand({
  meta: { name: "list", description: "List connected workers (the default)" },
  args: { json: { type: "boolean", description: "print JSON" }, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const ws = await c.workers();
      if (args.json) {
        for (const w of ws) printJson(w);
        return;
      }
      const rows = [["ID", "HOST", "PID", "STATE", "LOAD", "LAST SEEN", "QUEUES", "TYPES"]];
      for (const w of ws) {
        const state = w.quiet ? yellow("quiet") : "active";
        rows.push([w.workerId, w.hostname, String(w.pid), state, `${w.active}/${w.concurrency}`, ago(w.lastSeenAt), w.queues.join(","), w.types.join(",") || "*"]);
      }
      console.log(ws.length === 0 ? dim("no workers connected") : table(rows, { keep: [0] }));
    }),
});

const command = (name: "quiet" | "stop") =>
  defineCommand({
    meta: {
      name,
      description: name === "quiet" ? "Make a worker stop taking jobs (it finishes what it runs)" : "Make a worker drain and exit",
    },
    args: { id: { type: "positional", description: "worker id", required: true }, json: { type: "boolean", description: "print JSON" }, ...clientArgs },
    run: ({ args }) =>
      withClient(args, async (c) => {
        await (name === "quiet" ? c.quietWorker(args.id) : c.stopWorker(args.id));
        if (args.json) printJson({ workerId: args.id, command: name });
        else console.log(`told worker ${args.id} to ${name === "quiet" ? "go quiet" : "stop"} at its next heartbeat`);
      }),
  });

export default defineCommand({
  meta: { name: "workers", description: "List workers; tell one to go quiet or stop" },
  // Declared here too, so `falconq workers --master H:P` parses --master's value as a value, not a subcommand.
  args: list.args,
  subCommands: { list, quiet: command("quiet"), stop: command("stop") },
  default: "list",
});
