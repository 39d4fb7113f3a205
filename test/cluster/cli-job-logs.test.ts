// `falconq jobs get` shows a job's ctx.log lines under the job, as a user
// runs it: the compiled binary, a real master and worker process, and the
// same through `standalone` (the in-process LocalJobSource path).

import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type Cluster, root, withCluster } from "../helpers/cluster.ts";

const handlers = join(root, "test", "fixtures", "cluster", "log-handlers.ts");
const stamp = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

async function talkAndGet(c: Cluster): Promise<void> {
  const { job } = await c.client.submit("talk");
  const done = await c.client.wait(job.id, 20_000);
  expect(done.state).toBe("completed");
  const r = await c.cli(["jobs", "get", job.id]);
  expect(r.code).toBe(0);
  const after = r.stdout.slice(r.stdout.indexOf("\nlogs\n") + 1).trimEnd().split("\n");
  expect(after[0]).toBe("logs");
  expect(after.slice(1)).toHaveLength(3);
  expect(after[1]).toMatch(new RegExp(`^  ${stamp} INFO fetching page$`));
  expect(after[2]).toMatch(new RegExp(`^  ${stamp} WARN slow response$`));
  expect(after[3]).toMatch(new RegExp(`^  ${stamp} ERROR retrying once$`));
  const json = JSON.parse((await c.cli(["jobs", "get", job.id, "--json"])).stdout);
  expect(json.logs).toEqual(after.slice(1).map((l) => l.slice(2)));
}

describe("falconq jobs get shows the job's log lines", () => {
  test("master + worker", async () => {
    await withCluster({ workers: 1, workerArgs: ["--handlers", handlers], env: { NO_COLOR: "1" } }, talkAndGet);
  }, 60_000);

  test("standalone", async () => {
    await withCluster({ workers: 0, standalone: true, standaloneArgs: ["--handlers", handlers], env: { NO_COLOR: "1" } }, talkAndGet);
  }, 60_000);
});
