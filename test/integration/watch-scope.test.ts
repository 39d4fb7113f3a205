// A watch (WatchJobs over gRPC, /v1/events over HTTP) delivers only the jobs
// of queues its caller may watch: job ids can name jobs of other queues, or
// jobs not submitted yet (ids are a millisecond clock and a counter, so the
// next ones are easy to guess), and SSE channels are shared between callers.

import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "../../src/client/client.ts";
import type { Job } from "../../src/client/job.ts";
import { startTestMaster, type TestMaster } from "../helpers/master.ts";

const dir = mkdtempSync(join(tmpdir(), "falconq-watch-scope-"));
let m: TestMaster;
let admin: Client;
let viewer: Client;
let viewerToken: string;

beforeAll(async () => {
  const tokenFile = join(dir, "admin.token");
  m = await startTestMaster({ http: true, adminTokenFile: tokenFile });
  admin = new Client({ master: m.address, token: readFileSync(tokenFile, "utf8").trim(), retryDeadlineMs: 0 });
  viewerToken = (await admin.createToken({ name: "mail-viewer", role: "viewer", queues: ["mail.*"] })).token;
  viewer = new Client({ master: m.address, token: viewerToken, retryDeadlineMs: 0 });
});

afterAll(async () => {
  viewer.close();
  admin.close();
  await m[Symbol.asyncDispose]();
  rmSync(dir, { recursive: true, force: true });
});

/** The first job id of each millisecond from now on, for `ms` milliseconds (see src/core/ids.ts). */
function nextIds(ms: number): string[] {
  const t = Date.now();
  return Array.from({ length: ms }, (_, i) => `${(t + i).toString(32).padStart(10, "0")}000000`);
}

async function grpcWatch(filter: { jobIds?: string[]; queue?: string }): Promise<{ seen: Job[]; stop: () => void }> {
  const seen: Job[] = [];
  let stop = () => {};
  await new Promise<void>((ready, fail) => {
    stop = viewer.watch(filter, (j) => seen.push(j), { onReady: ready, onEnd: (e) => e && fail(e) });
  });
  return { seen, stop };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await Bun.sleep(25);
}

test("WatchJobs with a queue and job ids of another queue sends only the queue's jobs", async () => {
  const billing = (await admin.submit("charge", { card: "secret" }, { queue: "billing" })).job;
  const mail = (await admin.submit("send", {}, { queue: "mail.eu" })).job;
  const w = await grpcWatch({ queue: "mail.eu", jobIds: [billing.id] });
  try {
    await admin.cancel(billing.id);
    await admin.cancel(mail.id);
    await until(() => w.seen.some((j) => j.id === mail.id));
    expect(w.seen.map((j) => j.queue)).toEqual(["mail.eu"]);
  } finally {
    w.stop();
  }
});

test("WatchJobs on ids not yet submitted sends nothing of a queue the caller may not watch", async () => {
  const mail = (await admin.submit("send", {}, { queue: "mail.eu" })).job;
  const ids = nextIds(5000);
  const w = await grpcWatch({ jobIds: [mail.id, ...ids] });
  try {
    const billing = (await admin.submit("charge", { card: "secret" }, { queue: "billing" })).job;
    expect(ids).toContain(billing.id);
    await admin.cancel(mail.id);
    await until(() => w.seen.some((j) => j.id === mail.id));
    expect(w.seen.map((j) => j.queue)).toEqual(["mail.eu"]);
  } finally {
    w.stop();
  }
});

test("/v1/events on ids not yet submitted sends nothing of a queue the caller may not watch", async () => {
  const mail = (await admin.submit("send", {}, { queue: "mail.eu" })).job;
  const ids = nextIds(600);
  const ac = new AbortController();
  const res = await fetch(`http://127.0.0.1:${m.master.httpPort}/v1/events?jobs=${[mail.id, ...ids].join(",")}`, {
    headers: { authorization: `Bearer ${viewerToken}` },
    signal: ac.signal,
  });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const dec = new TextDecoder();
  let text = "";
  const readUntil = async (s: string) => {
    while (!text.includes(s)) {
      const r = await reader.read();
      if (r.done) throw new Error(`stream ended before ${s}`);
      text += dec.decode(r.value);
    }
  };
  try {
    await readUntil("event: ready");
    const billing = (await admin.submit("charge", { card: "secret" }, { queue: "billing" })).job;
    expect(ids).toContain(billing.id);
    await admin.cancel(mail.id);
    await readUntil(mail.id);
    expect(text).not.toContain(billing.id);
    expect(text).not.toContain('"billing"');
  } finally {
    ac.abort();
  }
});

test("WatchJobs ends with UNAUTHENTICATED once its token has expired, sending nothing after", async () => {
  const { token } = await admin.createToken({ name: "short-lived", role: "viewer", queues: ["mail.*"], expiresInMs: 1000 });
  const short = new Client({ master: m.address, token, retryDeadlineMs: 0 });
  const seen: Job[] = [];
  let ended: (Error & { code?: number }) | undefined;
  try {
    await new Promise<void>((ready) => {
      short.watch({ queue: "mail.exp" }, (j) => seen.push(j), { onReady: ready, onEnd: (e) => (ended = e ?? ended ?? new Error("ended")) });
    });
    await Bun.sleep(1100);
    const j = (await admin.submit("send", {}, { queue: "mail.exp" })).job;
    await admin.cancel(j.id);
    await until(() => ended !== undefined);
    expect(seen).toEqual([]);
    expect(ended?.code).toBe(16); // UNAUTHENTICATED
  } finally {
    short.close();
  }
});
