import { defineCommand } from "citty";
import { clientArgs, withClient } from "./client-flags.ts";
import { dim, failures, printJson, red, table, terminalWidth, wrap, yellow } from "./output.ts";

const rate = (x: number) => (x >= 10 ? String(Math.round(x)) : x.toFixed(2).replace(/\.?0+$/, "") || "0");

export default defineCommand({
  meta: { name: "stats", description: "Per-queue job counts and master status" },
  args: {
    ...clientArgs,
    json: { type: "boolean", description: "print JSON" },
  },
  async run({ args }) {
    await withClient(args, async (client) => {
      const s = await client.stats();
      if (args.json) return printJson(s);
      const rows = [["QUEUE", "PENDING", "SCHED", "RUNNING", "DONE", "FAILED", "CANCELLED", "DONE/S", "FAIL/S", "TOTAL"]];
      for (const q of s.queues) {
        const failedRate = rate(q.failedPerSec);
        rows.push([
          q.paused ? `${q.queue} ${yellow("(paused)")}` : q.heldBy !== "" ? `${q.queue} ${yellow(`(held: ${q.heldBy})`)}` : q.queue,
          String(q.pending),
          String(q.scheduled),
          String(q.running),
          String(q.completed),
          failures(q.failed, String(q.failed)),
          String(q.cancelled),
          rate(q.completedPerSec),
          failedRate === "0" ? "0" : red(failedRate),
          String(q.completedTotal),
        ]);
      }
      const width = terminalWidth();
      if (s.queues.length > 0) console.log(table(rows, { width }));
      else console.log(dim("no queues hold jobs"));
      const footer = `${s.jobsTotal} jobs held, ${s.workers} ${s.workers === 1 ? "worker" : "workers"}, up ${Math.round(s.uptimeMs / 1000)}s, master ${s.version}; DONE/S and FAIL/S are per second over the last minute, TOTAL is every job completed`;
      console.log(dim(wrap(footer, width).join("\n")));
    });
  },
});
