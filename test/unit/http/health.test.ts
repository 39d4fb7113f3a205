// Health of the HTTP listener through a master's life: recovering (the
// broker is not there yet), serving, storage failed, shutting down.

import { expect, test } from "bun:test";
import { unavailable } from "../../../src/core/errors.ts";
import { startHttp } from "../../../src/http/server.ts";
import { startTestMaster } from "../../helpers/master.ts";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

test("recovering: healthz and readyz 503, /v1 calls 503 UNAVAILABLE", async () => {
  const recovering = () => {
    throw unavailable("master is recovering its data; try again shortly");
  };
  const h = await startHttp({ host: "127.0.0.1", port: 0, broker: recovering, auth: recovering, log: quiet, version: "t" });
  try {
    const base = `http://127.0.0.1:${h.port}`;
    const r = await fetch(`${base}/healthz`);
    expect([r.status, await r.json()]).toEqual([503, { status: "recovering" }]);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    const call = await fetch(`${base}/v1/stats`);
    expect([call.status, await call.json()]).toEqual([503, { error: { code: "UNAVAILABLE", message: "master is recovering its data; try again shortly" } }]);
  } finally {
    await h.close();
  }
});

test("storage failed: the write is 503 and so is healthz", async () => {
  await using m = await startTestMaster({ http: true });
  const base = `http://127.0.0.1:${m.master.httpPort}`;
  expect((await fetch(`${base}/readyz`)).status).toBe(200);
  m.journal.failNextSync(new Error("fdatasync: EIO: i/o error"));
  const submit = await fetch(`${base}/v1/jobs`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"type":"t"}' });
  expect(submit.status).toBe(503);
  const r = await fetch(`${base}/healthz`);
  expect([r.status, ((await r.json()) as { status: string }).status]).toEqual([503, "failed"]);
});

test("stopping: readyz 503, healthz 200", async () => {
  await using m = await startTestMaster({ http: true });
  const b = m.master.broker;
  const h = await startHttp({ host: "127.0.0.1", port: 0, broker: () => b, auth: () => { throw new Error("unused"); }, log: quiet, version: "t" });
  try {
    h.stopping();
    const base = `http://127.0.0.1:${h.port}`;
    expect([(await fetch(`${base}/readyz`)).status, (await fetch(`${base}/healthz`)).status]).toEqual([503, 200]);
  } finally {
    await h.close();
  }
});
