// WatchJobs carries progress updates too (BullMQ's `progress` event), not
// only status changes, once the progress record is durable.

import { expect, test } from "bun:test";
import { Client } from "../../src/index.ts";
import type { JobView } from "../../src/core/types.ts";
import { startTestMaster, waitFor } from "../helpers/master.ts";

// biome-ignore lint/suspicious/noExplicitAny: raw replies
type Any = any;

test("a progress report reaches watchers of the job", async () => {
  await using m = await startTestMaster();
  const c = new Client({ master: m.address });
  try {
    const { job } = await c.submit("report", {});
    const seen: JobView[] = [];
    let ready = false;
    const stop = c.watch({ jobIds: [job.id] }, (j) => seen.push(j), { onReady: () => (ready = true) });
    await waitFor(() => ready, 5000, "the watch");
    const w = (await m.rpc.call<Any>("RegisterWorker", { hostname: "t", concurrency: 1, types: ["report"] })).worker_id;
    const lease = (await m.rpc.call<Any>("PollJobs", { worker_id: w, count: 1 })).jobs[0];
    await m.rpc.call("ReportProgress", { worker_id: w, job_id: job.id, lease_token: lease.lease_token, progress: '{"done":40}' });
    await waitFor(() => seen.some((j) => j.progress === '{"done":40}'), 5000, "the progress event");
    const last = seen.at(-1)!;
    expect(last.status).toBe(3); // still RUNNING: progress is not a status change
    stop();
  } finally {
    c.close();
  }
});
