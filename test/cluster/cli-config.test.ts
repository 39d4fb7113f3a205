// Settings and logs of the long-running commands, as an operator meets them:
// `falconq master|worker` run as processes (from source, no build needed)
// with flags, FALCONQ_* variables and a TOML file; `--print-config` shows
// which won. A real master with --log-format json writes only JSON lines.

import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "../../src/client/client.ts";
import { root } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";

const main = join(root, "src", "main.ts");
const dir = mkdtempSync(join(tmpdir(), "falconq-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The environment without any FALCONQ_* of the machine running the tests, plus `env`. */
function cleanEnv(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { NO_COLOR: "1" };
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("FALCONQ_") && v !== undefined) out[k] = v;
  return { ...out, ...env };
}

async function run(args: string[], env: Record<string, string> = {}) {
  const p = Bun.spawn([process.execPath, main, ...args], { cwd: dir, stdout: "pipe", stderr: "pipe", env: cleanEnv(env) });
  const timer = setTimeout(() => p.kill("SIGKILL"), 20_000);
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

/** `key = value # source` lines of --print-config, as [value, source]. */
function printed(stdout: string): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  for (const m of stdout.matchAll(/^([a-z-]+) = (.+) # (.+)$/gm)) out[m[1] as string] = [m[2] as string, m[3] as string];
  return out;
}

describe("settings: flag > env > file > default", () => {
  test("master --print-config shows each setting's winner and exits 0 without starting", async () => {
    const toml = file("prec.toml", 'port = 7001\nfsync = "batch"\nlease = "40s"\nheartbeat-interval = "3s"\nconcurrency = 3\n');
    const r = await run(["master", "--config", toml, "--lease", "60s", "--print-config"], {
      FALCONQ_FSYNC: "never",
      FALCONQ_LEASE: "50s",
    });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const s = printed(r.stdout);
    expect(s.lease).toEqual(['"60s"', "--lease"]); // flag beats env and file
    expect(s.fsync).toEqual(['"never"', "FALCONQ_FSYNC"]); // env beats file
    expect(s.port).toEqual(["7001", toml]); // file beats default
    expect(s["heartbeat-interval"]).toEqual(['"3s"', toml]);
    expect(s["worker-timeout"]).toEqual(['"6s"', "default"]);
    expect(s.concurrency).toBeUndefined(); // a worker key in a shared file: allowed, not the master's
    // The output is itself a config file.
    expect(Bun.TOML.parse(r.stdout)).toMatchObject({ port: 7001, fsync: "never", lease: "60s", repair: false });
  });

  test("worker: FALCONQ_CONFIG names the file, FALCONQ_MASTER and flags override it", async () => {
    const toml = file("worker.toml", 'master = "127.0.0.5:50051"\nconcurrency = 3\nqueues = "a,b"\nport = 7001\n');
    const r = await run(["worker", "--queues", "c", "--print-config"], { FALCONQ_CONFIG: toml, FALCONQ_CONCURRENCY: "5" });
    expect(r.code).toBe(0);
    const s = printed(r.stdout);
    expect([s.master, s.concurrency, s.queues]).toEqual([
      ['"127.0.0.5:50051"', toml],
      ["5", "FALCONQ_CONCURRENCY"],
      ['"c"', "--queues"],
    ]);
  });
});

describe("bad settings are usage errors naming their source", () => {
  const expectUsage = (r: { code: number; stdout: string; stderr: string }, line: string) => {
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: "", stderr: `falconq: ${line}\n` });
  };

  test("a bad environment value", async () => {
    expectUsage(await run(["master", "--print-config"], { FALCONQ_PORT: "abc" }), "FALCONQ_PORT=abc: must be a whole number from 0 to 65535");
    expectUsage(await run(["worker", "--print-config"], { FALCONQ_MASTER: "nowhere" }), "FALCONQ_MASTER=nowhere: must be host:port (example: 127.0.0.1:50051)");
  });

  test("a bad file value, and the flag that overrides it is fine", async () => {
    const toml = file("bad-value.toml", 'fsync = "sometimes"\n');
    expectUsage(await run(["master", "--config", toml, "--print-config"]), `${toml}: fsync "sometimes" must be always, batch or never`);
    expect((await run(["master", "--config", toml, "--fsync", "batch", "--print-config"])).code).toBe(0);
  });

  test("an unknown file key, with a did-you-mean hint; a missing file", async () => {
    const toml = file("typo.toml", "prot = 7001\n");
    const r = await run(["master", "--config", toml, "--print-config"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toStartWith(`falconq: ${toml}: unknown setting "prot" (did you mean port?); settings: host, port,`);
    const missing = await run(["master", "--config", "nope.toml"]);
    expect(missing).toMatchObject({ code: 2, stderr: "falconq: --config nope.toml: cannot read it (ENOENT)\n" });
  });
});

describe("logs", () => {
  test("--log-format json: every line of a real master is a JSON object; debug shows job transitions", async () => {
    const dataDir = join(dir, "data-json");
    const p = Bun.spawn(
      [process.execPath, main, "master", "--port", "0", "--http-port", "0", "--data-dir", dataDir, "--log-format", "json"],
      { cwd: dir, stdout: "pipe", stderr: "pipe", env: cleanEnv({ FALCONQ_LOG_LEVEL: "debug" }) },
    );
    let text = "";
    const reading = (async () => {
      for await (const chunk of p.stderr.pipeThrough(new TextDecoderStream())) text += chunk;
    })();
    try {
      await waitFor(() => /listening on 127\.0\.0\.1:\d+/.test(text), 15_000, "the start-up line");
      const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(text)?.[1]);
      const client = new Client({ master: `127.0.0.1:${port}` });
      const { job } = await client.submit("mail", { to: "x" }, { queue: "q1" });
      client.close();
      await waitFor(() => text.includes(`job ${job.id} new -> pending`), 5000, "the transition line");
    } finally {
      p.kill("SIGTERM");
    }
    expect(await p.exited).toBe(0);
    await reading;
    const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l));
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(["ts", "level", "tag", "msg"]);
      expect(new Date(l.ts).toISOString()).toBe(l.ts);
    }
    expect(lines).toContainEqual(expect.objectContaining({ level: "debug", tag: "master", msg: expect.stringMatching(/ queue q1 type mail$/) }));
    expect(lines.at(-1)).toMatchObject({ level: "info", msg: "stopped; WAL flushed" });
  });

  test("pretty logs off a terminal start with an ISO timestamp and the level", async () => {
    const args = ["master", "--port", "0", "--http-port", "0", "--data-dir", join(dir, "data-pretty")];
    const p = Bun.spawn([process.execPath, main, ...args], { cwd: dir, stdout: "pipe", stderr: "pipe", env: cleanEnv({}) });
    let text = "";
    const reading = (async () => {
      for await (const chunk of p.stderr.pipeThrough(new TextDecoderStream())) text += chunk;
    })();
    await waitFor(() => text.includes("listening on"), 15_000, "the start-up line");
    p.kill("SIGTERM");
    expect(await p.exited).toBe(0);
    await reading;
    for (const line of text.trimEnd().split("\n")) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO {2}\[master\] /);
    expect(text).not.toContain("DEBUG"); // info is the default level
  });
});
