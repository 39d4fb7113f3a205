import { defineCommand } from "citty";
import { Client } from "../client/client.ts";
import { masterArg, parseAddress } from "./common.ts";
import { printJson } from "./output.ts";

const toggle = (paused: boolean) =>
  defineCommand({
    meta: { name: paused ? "pause" : "resume", description: paused ? "Stop handing out jobs of a queue (submits still accepted)" : "Hand out jobs of a paused queue again" },
    args: {
      queue: { type: "positional", description: "queue name", required: true },
      json: { type: "boolean", description: "print JSON" },
      master: masterArg,
    },
    async run({ args }) {
      const c = new Client({ master: parseAddress("master", args.master), retryDeadlineMs: 3000 });
      try {
        await (paused ? c.pause(args.queue) : c.resume(args.queue));
        if (args.json) printJson({ queue: args.queue, paused });
        else console.log(`${paused ? "paused" : "resumed"} queue ${args.queue}`);
      } finally {
        c.close();
      }
    },
  });

export default defineCommand({
  meta: { name: "queues", description: "Pause or resume a queue" },
  subCommands: { pause: toggle(true), resume: toggle(false) },
});
