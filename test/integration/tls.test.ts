// The master over TLS and mTLS in-process: the SDK Client and Worker with
// file paths, the bearer token in metadata, a plaintext client against a TLS
// master, require-mode refusals, and a plain Node grpc-js client (run with
// `node`) against the Bun master.

import { afterAll, expect, test } from "bun:test";
import { join } from "node:path";
import { status } from "@grpc/grpc-js";
import { Client } from "../../src/client/client.ts";
import { RpcError } from "../../src/rpc/errors.ts";
import { Worker } from "../../src/worker/worker.ts";
import { root } from "../helpers/cluster.ts";
import { testPki } from "../helpers/certs.ts";
import { startTestMaster } from "../helpers/master.ts";

const pki = testPki();
afterAll(() => pki[Symbol.dispose]());

const mtls = () => ({ certFile: pki.server.cert, keyFile: pki.server.key, clientCaFile: pki.ca, clientAuth: "require" as const });
const clientTls = () => ({ caFile: pki.ca, certFile: pki.client.cert, keyFile: pki.client.key });

async function rejection(p: Promise<unknown>): Promise<RpcError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(e)}`);
  return e;
}

test("SDK client and worker over mTLS run a job end to end", async () => {
  await using m = await startTestMaster({ tls: mtls() });
  const client = new Client({ master: m.address, retryDeadlineMs: 0, tls: clientTls() });
  const worker = new Worker({ master: m.address, tls: clientTls(), handlers: { greet: async (job) => ({ hi: (job.data as { n: string }).n }) } });
  try {
    await worker.start();
    const { job } = await client.submit("greet", { n: "tls" });
    const done = await client.wait(job.id, { timeoutMs: 10_000, rejectOnFailure: true });
    expect(done.returnValue).toEqual({ hi: "tls" });
  } finally {
    await worker.close();
    client.close();
  }
});

test("a client certificate authenticates: its OU is the role, its queue URIs the scope", async () => {
  await using m = await startTestMaster({ tls: mtls() });
  const mail = pki.issue("mail-producer", { cn: "mail-producer", ou: ["producer"], uri: "urn:falconq:queue:mail.*" });
  const client = new Client({ master: m.address, retryDeadlineMs: 0, tls: { caFile: pki.ca, certFile: mail.cert, keyFile: mail.key } });
  try {
    expect(await client.whoAmI()).toEqual({
      name: 'certificate "mail-producer"',
      via: "certificate",
      grants: [{ role: "producer", queues: ["mail.*"] }],
      authRequired: true,
    });
    const { job } = await client.submit("send", { to: "x" }, { queue: "mail.eu" });
    expect(job.queue).toBe("mail.eu");
    const denied = await rejection(client.submit("send", {}, { queue: "billing" }));
    expect(status[denied.code]).toBe("PERMISSION_DENIED");
    expect(denied.details).toContain('certificate "mail-producer" (producer on mail.*) may not call SubmitJobs on queue "billing"');
    expect(status[(await rejection(client.stats())).code]).toBe("PERMISSION_DENIED");
  } finally {
    client.close();
  }
});

test("a plaintext client against a TLS master fails cleanly with UNAVAILABLE", async () => {
  await using m = await startTestMaster({ tls: { certFile: pki.server.cert, keyFile: pki.server.key } });
  const plain = new Client({ master: m.address, retryDeadlineMs: 0 });
  try {
    const e = await rejection(plain.stats());
    expect(e.code).toBe(status.UNAVAILABLE);
  } finally {
    plain.close();
  }
  // TLS with the CA only (no client certificate) works when none is asked for.
  const tls = new Client({ master: m.address, retryDeadlineMs: 0, tls: { caFile: pki.ca } });
  try {
    expect((await tls.stats()).version).toBe("test");
  } finally {
    tls.close();
  }
});

test("require: no client certificate, or one from another CA, is refused", async () => {
  await using m = await startTestMaster({ tls: mtls() });
  for (const tls of [{ caFile: pki.ca }, { caFile: pki.ca, certFile: pki.otherClient.cert, keyFile: pki.otherClient.key }]) {
    const c = new Client({ master: m.address, retryDeadlineMs: 0, tls });
    try {
      expect((await rejection(c.stats())).code).toBe(status.UNAVAILABLE);
    } finally {
      c.close();
    }
  }
});

test("the master's certificate is checked: another CA, or a name it does not carry, is refused", async () => {
  await using m = await startTestMaster({ tls: { certFile: pki.server.cert, keyFile: pki.server.key } });
  for (const tls of [{ caFile: pki.otherCa }, { caFile: pki.ca, serverName: "not-the-master.example" }]) {
    const c = new Client({ master: m.address, retryDeadlineMs: 0, tls });
    try {
      expect((await rejection(c.stats())).code).toBe(status.UNAVAILABLE);
    } finally {
      c.close();
    }
  }
  const byName = new Client({ master: `localhost:${m.master.port}`, retryDeadlineMs: 0, tls: { caFile: pki.ca } });
  try {
    expect((await byName.stats()).version).toBe("test");
  } finally {
    byName.close();
  }
});

test("unreadable client TLS files are an error naming the file", () => {
  expect(() => new Client({ tls: { caFile: "/nonexistent/ca.pem" } })).toThrow('TLS CA "/nonexistent/ca.pem": cannot read it (ENOENT)');
  expect(() => new Client({ tls: { certFile: pki.client.cert } })).toThrow(/needs its key/);
});

test("a bad certificate file at start is one line naming it", async () => {
  const e = await startTestMaster({ tls: { certFile: join(pki.dir, "missing.pem"), keyFile: pki.server.key } }).then(
    () => undefined,
    (err: Error) => err,
  );
  expect(e?.message).toMatch(/^TLS certificate ".*missing\.pem": cannot read it \(ENOENT\)$/);
});

async function nodeClient(address: string, ...files: string[]): Promise<{ ok: boolean; version?: string; code?: number }> {
  if (Bun.which("node") === null) throw new Error("node is not installed");
  const p = Bun.spawn(["node", join(root, "test", "fixtures", "tls", "node-client.mjs"), address, ...files], { stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => p.kill("SIGKILL"), 30_000);
  try {
    const [out, err] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text()]);
    await p.exited;
    const line = out.trim().split("\n").at(-1) ?? "";
    if (!line.startsWith("{")) throw new Error(`node client printed no result: ${out}${err}`);
    return JSON.parse(line);
  } finally {
    clearTimeout(timer);
  }
}

test("a plain Node grpc-js client calls GetStats on the Bun master over TLS and mTLS", async () => {
  {
    await using m = await startTestMaster({ tls: { certFile: pki.server.cert, keyFile: pki.server.key } });
    expect(await nodeClient(`localhost:${m.master.port}`, pki.ca)).toMatchObject({ ok: true, version: "test" });
  }
  await using m = await startTestMaster({ tls: mtls() });
  expect(await nodeClient(`localhost:${m.master.port}`, pki.ca, pki.client.cert, pki.client.key)).toMatchObject({ ok: true, version: "test" });
  expect(await nodeClient(`localhost:${m.master.port}`, pki.ca)).toMatchObject({ ok: false, code: status.UNAVAILABLE });
}, 60_000);

test("the token rides as authorization metadata on unary calls and WatchJobs, plaintext loopback included", async () => {
  const grpc = await import("@grpc/grpc-js");
  const { packageDefinition } = await import("../../src/rpc/schema.ts");
  const { RpcClient } = await import("../../src/rpc/channel.ts");
  const seen: string[] = [];
  const server = new grpc.Server();
  const svc = packageDefinition()["falconqueue.v1.FalconQueueService"] as import("@grpc/grpc-js").ServiceDefinition;
  server.addService(svc, {
    GetStats: (call: { metadata: import("@grpc/grpc-js").Metadata }, cb: (e: null, r: object) => void) => {
      seen.push(`GetStats ${String(call.metadata.get("authorization")[0])}`);
      cb(null, {});
    },
    WatchJobs: (call: { metadata: import("@grpc/grpc-js").Metadata; end(): void }) => {
      seen.push(`WatchJobs ${String(call.metadata.get("authorization")[0])}`);
      call.end();
    },
  });
  const port = await new Promise<number>((r, j) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? j(e) : r(p))));
  const rpc = new RpcClient(`127.0.0.1:${port}`, { token: "fq_abc.def" });
  try {
    await rpc.call("GetStats", {});
    const stream = rpc.watch({ jobIds: [] } as never);
    await new Promise((r) => stream.on("status", r));
    expect(seen).toEqual(["GetStats Bearer fq_abc.def", "WatchJobs Bearer fq_abc.def"]);
    expect(() => new RpcClient("127.0.0.1:1", { token: "has space" })).toThrow(/printable ASCII/);
  } finally {
    rpc.close();
    server.forceShutdown();
  }
});
