import { defineCommand } from "citty";
import { Client } from "../client/client.ts";
import { masterArg, parseAddress } from "./common.ts";
import { ago, dim, printJson, table } from "./output.ts";

export default defineCommand({
  meta: { name: "workers", description: "List connected workers" },
  args: { json: { type: "boolean", description: "print JSON" }, master: masterArg },
  async run({ args }) {
    const c = new Client({ master: parseAddress("master", args.master), retryDeadlineMs: 3000 });
    try {
      const ws = await c.workers();
      if (args.json) {
        for (const w of ws) printJson(w);
        return;
      }
      const rows = [["ID", "HOST", "PID", "QUEUES", "LOAD", "LAST HEARTBEAT", "TYPES"]];
      for (const w of ws) {
        rows.push([w.workerId, w.hostname, String(w.pid), w.queues.join(","), `${w.active}/${w.concurrency}`, ago(w.lastHeartbeatMs), w.types.join(",") || "*"]);
      }
      console.log(ws.length === 0 ? dim("no workers connected") : table(rows));
    } finally {
      c.close();
    }
  },
});
