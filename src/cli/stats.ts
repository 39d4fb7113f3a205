import { defineCommand } from "citty";
import { Client } from "../client/client.ts";
import { masterArg, parseAddress } from "./common.ts";
import { dim, printJson, red, table, yellow } from "./output.ts";

const rate = (x: number) => (x >= 10 ? String(Math.round(x)) : x.toFixed(2).replace(/\.?0+$/, "") || "0");

export default defineCommand({
  meta: { name: "stats", description: "Per-queue job counts and master status" },
  args: {
    master: masterArg,
    json: { type: "boolean", description: "print JSON" },
  },
  async run({ args }) {
    const client = new Client({ master: parseAddress("master", args.master), retryDeadlineMs: 3000 });
    try {
      const s = await client.stats();
      if (args.json) return printJson(s);
      const rows = [["QUEUE", "PENDING", "SCHEDULED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "DONE/S", "FAILED/S", "DONE TOTAL"]];
      for (const q of s.queues) {
        rows.push([
          q.paused ? `${q.queue} ${yellow("(paused)")}` : q.queue,
          String(q.pending),
          String(q.scheduled),
          String(q.running),
          String(q.completed),
          q.failed > 0 ? red(String(q.failed)) : "0",
          String(q.cancelled),
          rate(q.completedPerSec),
          q.failedPerSec > 0 ? red(rate(q.failedPerSec)) : "0",
          String(q.completedTotal),
        ]);
      }
      console.log(table(rows));
      console.log(dim(`${s.jobsTotal} jobs held, ${s.workers} workers, up ${Math.round(s.uptimeMs / 1000)}s, master ${s.version}; rates are per second over the last minute`));
    } finally {
      client.close();
    }
  },
});
