// The SDK as a Node.js user gets it: the ESM bundle in dist/sdk (what the npm
// package's "default" export points at), imported by a plain `node` process,
// submitting a job, running it in a Worker and waiting for the result against
// a master on 127.0.0.1 port 0.

import { beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBinary, root } from "../helpers/cluster.ts";
import { startTestMaster } from "../helpers/master.ts";

const bundle = join(root, "dist", "sdk", "index.js");

beforeAll(async () => {
  await ensureBinary(); // builds the binary and dist/sdk when a source is newer
}, 180_000);

const script = `
import { Client, Worker } from ${JSON.stringify(bundle)};
const master = process.env.FALCONQ_MASTER;
const worker = new Worker({ master, concurrency: 2, handlers: { greet: async (job) => ({ hello: job.data.name }) } });
await worker.start();
const client = new Client({ master });
const { job } = await client.submit("greet", { name: "node" });
const done = await client.wait(job.id, { timeoutMs: 10000, rejectOnFailure: true });
console.log(JSON.stringify({ state: done.state, result: done.returnValue, attempt: done.attempt }));
await worker.close();
client.close();
`;

test("a plain Node process imports the bundled SDK and runs a job end to end", async () => {
  if (Bun.which("node") === null) throw new Error("node is not installed: the SDK's Node bundle cannot be tested");
  await using m = await startTestMaster();
  const dir = mkdtempSync(join(tmpdir(), "falconq-node-"));
  try {
    const file = join(dir, "main.mjs");
    writeFileSync(file, script);
    const p = Bun.spawn(["node", file], {
      env: { ...process.env, FALCONQ_MASTER: m.address },
      stdout: "pipe",
      stderr: "pipe",
    });
    const killer = setTimeout(() => p.kill("SIGKILL"), 30_000);
    const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
    clearTimeout(killer);
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(JSON.parse(out.trim())).toEqual({ state: "completed", result: { hello: "node" }, attempt: 1 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
