// A submit whose idempotency key is held by a job of another queue is
// answered with that job, so the caller must be allowed on that queue too:
// a producer scoped to one queue must not read other queues' jobs by
// guessing their keys (gRPC SubmitJob/SubmitJobs and HTTP POST /v1/jobs).

import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status } from "@grpc/grpc-js";
import { Client } from "../../src/client/client.ts";
import { RpcError } from "../../src/rpc/errors.ts";
import { startTestMaster, type TestMaster } from "../helpers/master.ts";

const dir = mkdtempSync(join(tmpdir(), "falconq-idem-scope-"));
let m: TestMaster;
let admin: Client;
let producer: Client;
let producerToken: string;

beforeAll(async () => {
  const tokenFile = join(dir, "admin.token");
  m = await startTestMaster({ http: true, adminTokenFile: tokenFile });
  admin = new Client({ master: m.address, token: readFileSync(tokenFile, "utf8").trim(), retryDeadlineMs: 0 });
  producerToken = (await admin.createToken({ name: "mail-producer", role: "producer", queues: ["mail.*"] })).token;
  producer = new Client({ master: m.address, token: producerToken, retryDeadlineMs: 0 });
  await admin.submit("charge", { card: "4111" }, { queue: "billing", idempotencyKey: "order-17", metadata: { customer: "acme" } });
});

afterAll(async () => {
  producer.close();
  admin.close();
  await m[Symbol.asyncDispose]();
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<RpcError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof RpcError)) throw new Error(`expected an RpcError, got ${JSON.stringify(e)}`);
  return e;
}

test("gRPC: a key held in a queue the producer may not submit to is PERMISSION_DENIED, naming no job or queue", async () => {
  const e = await rejection(producer.submit("send", {}, { queue: "mail.eu", idempotencyKey: "order-17" }));
  expect(status[e.code]).toBe("PERMISSION_DENIED");
  expect(e.details).not.toContain("billing");
  const b = await rejection(producer.submitMany([{ type: "send", queue: "mail.eu", idempotencyKey: "order-17" }]));
  expect(status[b.code]).toBe("PERMISSION_DENIED");
  // Its own keys still answer duplicates.
  const first = await producer.submit("send", {}, { queue: "mail.eu", idempotencyKey: "mail-1" });
  const again = await producer.submit("send", {}, { queue: "mail.eu", idempotencyKey: "mail-1" });
  expect(again.duplicate).toBe(true);
  expect(again.job.id).toBe(first.job.id);
});

test("HTTP: the same, for one job and for a batch", async () => {
  const post = async (body: object) => {
    const r = await fetch(`http://127.0.0.1:${m.master.httpPort}/v1/jobs`, {
      method: "POST",
      headers: { authorization: `Bearer ${producerToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: r.status, text: await r.text() };
  };
  for (const body of [
    { type: "send", queue: "mail.eu", idempotencyKey: "order-17" },
    { jobs: [{ type: "send", queue: "mail.eu", idempotencyKey: "order-17" }] },
  ]) {
    const r = await post(body);
    expect(r.status).toBe(403);
    expect(r.text).not.toContain("billing");
    expect(r.text).not.toContain("acme");
  }
});
