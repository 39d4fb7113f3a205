// Fail-stop with a real disk fault: the compiled master writes its WAL to a
// 256 KiB tmpfs until a write fails with ENOSPC. It must answer UNAVAILABLE,
// exit with code 3 and a message, and have acknowledged only what is on disk:
// a master started on a copy of that data dir holds every acknowledged job.
// Needs root to mount the tmpfs (CI and the dev machines run as root).

import { afterAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "../../src/client/client.ts";
import { RpcError } from "../../src/rpc/errors.ts";
import { binary, ensureBinary } from "../helpers/cluster.ts";

const dir = mkdtempSync(join(tmpdir(), "falconq-diskfull-"));
const tiny = join(dir, "tiny");
mkdirSync(tiny);
const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", tiny]).status === 0;

afterAll(() => {
  if (mounted) spawnSync("umount", ["-l", tiny]);
  rmSync(dir, { recursive: true, force: true });
});

async function startMaster(dataDir: string) {
  const p = Bun.spawn([binary, "master", "--port", "0", "--http-port", "0", "--data-dir", dataDir], { stdout: "pipe", stderr: "pipe" });
  const reader = p.stderr.getReader();
  let text = "";
  const deadline = Date.now() + 10_000;
  while (!/listening on 127\.0\.0\.1:(\d+)/.test(text)) {
    if (Date.now() > deadline) throw new Error(`master did not start:\n${text}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`master exited:\n${text}`);
    text += new TextDecoder().decode(value);
  }
  const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(text)?.[1]);
  const rest = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return text;
      text += new TextDecoder().decode(value);
    }
  })();
  return { p, port, log: rest };
}

test.skipIf(!mounted)(
  "a full disk stops the master (exit 3) and every acknowledged job survives",
  async () => {
    await ensureBinary();
    const m = await startMaster(join(tiny, "data"));
    const client = new Client({ master: `127.0.0.1:${m.port}`, retryDeadlineMs: 0 });
    const acked: string[] = [];
    let failure: unknown;
    try {
      const payload = "x".repeat(4000);
      for (let i = 0; i < 200 && failure === undefined; i++) {
        try {
          const res = await client.submitMany(Array.from({ length: 5 }, () => ({ type: "t", payload })));
          acked.push(...res.map((r) => r.job.id));
        } catch (e) {
          failure = e;
        }
      }
    } finally {
      client.close();
    }
    expect(failure).toBeInstanceOf(RpcError);
    expect((failure as RpcError).codeName).toBe("UNAVAILABLE");
    expect(acked.length).toBeGreaterThan(0);
    expect(await m.p.exited).toBe(3);
    expect(await m.log).toMatch(/storage failed, stopping: .*ENOSPC/);

    // What was acknowledged is on disk: recover a copy of the data dir on a normal disk.
    const copy = join(dir, "copy");
    cpSync(join(tiny, "data"), copy, { recursive: true });
    rmSync(join(copy, "LOCK"), { force: true });
    const again = await startMaster(copy);
    const c2 = new Client({ master: `127.0.0.1:${again.port}` });
    try {
      const have = new Set<string>();
      for (let page = "", k = 0; k < 100; k++) {
        const r = await c2.list({ limit: 1000, pageToken: page });
        for (const j of r.jobs) have.add(j.id);
        if (!r.nextPageToken) break;
        page = r.nextPageToken;
      }
      expect(acked.filter((id) => !have.has(id))).toEqual([]);
    } finally {
      c2.close();
      again.p.kill("SIGTERM");
      await again.p.exited;
    }
  },
  60_000,
);
