// The HTTP API of the compiled binary: a master started with --http-port 0
// names both ports in its start-up line; a job submitted with fetch runs on a
// worker process and is seen by the CLI (gRPC) and over HTTP; server-sent
// events report it finishing; --http-port off turns the listener off.

import { expect, test } from "bun:test";
import { fixtureHandlers, withCluster } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";

test("submit over HTTP, run on a worker, see it with the CLI and over HTTP", async () => {
  await withCluster({ workers: 1, workerArgs: ["--handlers", fixtureHandlers] }, async (c) => {
    expect(c.master.lines.join("\n")).toMatch(new RegExp(`listening on 127\\.0\\.0\\.1:${c.port} \\(gRPC\\), HTTP on port ${c.httpPort} `));
    const base = `http://127.0.0.1:${c.httpPort}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const events = await fetch(`${base}/v1/events?queue=default`);
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    let seen = "";
    const read = async (re: RegExp) => {
      while (!re.test(seen)) seen += new TextDecoder().decode((await reader.read()).value);
    };
    await read(/event: ready/);
    const r = await fetch(`${base}/v1/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "stamp", payload: { from: "http" } }),
    });
    expect(r.status).toBe(201);
    const { job } = (await r.json()) as { job: { id: string } };
    await read(new RegExp(`"id":"${job.id}"[^\\n]*"state":"completed"`));
    await reader.cancel();
    const cli = await c.cli(["jobs", "get", job.id]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(job.id);
    expect(cli.stdout).toMatch(/completed/);
    expect(cli.stdout).toContain('{"from":"http"}');
    const got = (await (await fetch(`${base}/v1/jobs/${job.id}`)).json()) as { job: { state: string; payload: unknown; result: { startedAtMs: number } } };
    expect(got.job.state).toBe("completed");
    expect(got.job.payload).toEqual({ from: "http" });
    expect(got.job.result.startedAtMs).toBeGreaterThan(0);
    await waitFor(async () => ((await (await fetch(`${base}/v1/workers`)).json()) as { workers: unknown[] }).workers.length === 1, 5000, "the worker");
  });
});

test("--http-port off: no HTTP listener, and the start-up line says so", async () => {
  await withCluster({ workers: 0, masterArgs: ["--http-port", "off"] }, async (c) => {
    expect(c.httpPort).toBe(-1);
    expect(c.master.lines.join("\n")).toMatch(/\(gRPC\), HTTP off /);
  });
});
