// The README runs as written: its TypeScript snippets, taken from the README
// text itself, run as `bun` processes against a master on 127.0.0.1 port 0
// (the snippet reads FALCONQ_MASTER), and so do examples/worker.ts and
// examples/producer.ts; the files the "Use" section names exist.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Handler } from "../../src/index.ts";
import { startTestMaster, type TestMaster } from "../helpers/master.ts";
import { waitFor } from "../helpers/wait.ts";

const root = resolve(import.meta.dir, "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const runTimeoutMs = 20_000;

/** The text of one `## `/`### ` section, up to the next heading of any level. */
function section(title: string): string {
  const start = readme.indexOf(`${title}\n`);
  if (start < 0) throw new Error(`README has no section ${title}`);
  const rest = readme.slice(start + title.length + 1);
  const next = rest.search(/^#{2,3} /m);
  return next < 0 ? rest : rest.slice(0, next);
}

function codeBlocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map((m) => m[1] as string);
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a script with the repo's bun; killed after runTimeoutMs, so a hang fails instead of stalling. */
async function runBun(script: string, o: { cwd: string; env?: Record<string, string> }): Promise<Run> {
  const p = Bun.spawn([process.execPath, script], { cwd: o.cwd, stdout: "pipe", stderr: "pipe", env: { ...process.env, ...o.env } });
  const timer = setTimeout(() => p.kill("SIGKILL"), runTimeoutMs);
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

describe("README, From TypeScript", () => {
  let m: TestMaster;
  let dir: string;
  const snippets = codeBlocks(section("### From TypeScript"), "ts");

  beforeAll(async () => {
    m = await startTestMaster();
    // A project beside the clone whose node_modules/falconq is the clone, as after `npm install falconq`.
    dir = mkdtempSync(join(tmpdir(), "falconq-readme-"));
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(root, join(dir, "node_modules", "falconq"));
  });
  afterAll(async () => {
    await m?.[Symbol.asyncDispose]();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("has the client and the embedded snippet", () => {
    expect(snippets).toHaveLength(2);
  });

  test("the client snippet starts its worker, finishes the job and prints it readably", async () => {
    writeFileSync(join(dir, "greet.ts"), snippets[0] as string);
    const r = await runBun("greet.ts", { cwd: dir, env: { FALCONQ_MASTER: m.address } });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\S+ completed after 1 attempt\(s\): \{"hello":"ada"\}$/);
  });

  test("the embedded snippet runs without a master and prints the job readably", async () => {
    writeFileSync(join(dir, "embedded.ts"), snippets[1] as string);
    const r = await runBun("embedded.ts", { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\S+ completed: \{"hello":"ada"\}$/);
  });

  test("examples/worker.ts serves examples/producer.ts, and Ctrl-C drains it", async () => {
    const env = { ...process.env, FALCONQ_MASTER: m.address };
    const worker = Bun.spawn([process.execPath, "examples/worker.ts"], { cwd: root, stdout: "pipe", stderr: "pipe", env });
    const timer = setTimeout(() => worker.kill("SIGKILL"), runTimeoutMs);
    try {
      let out = "";
      const reading = (async () => {
        for await (const chunk of worker.stdout) out += new TextDecoder().decode(chunk);
      })();
      await waitFor(() => out.includes("running; Ctrl-C to stop"), runTimeoutMs, "examples/worker.ts to start");
      const producer = await runBun("examples/producer.ts", { cwd: root, env: { FALCONQ_MASTER: m.address } });
      expect(producer.code).toBe(0);
      const lines = producer.stdout.trim().split("\n");
      expect(lines).toHaveLength(3);
      for (const l of lines) expect(l).toMatch(/^\S+ completed \{"greeting":"hello, \w+","attempt":1\}$/);
      worker.kill("SIGINT");
      expect(await worker.exited).toBe(0);
      await reading;
    } finally {
      clearTimeout(timer);
      worker.kill("SIGKILL");
    }
  });
});

describe("README, Use", () => {
  const use = section("## Use");

  test("every command runs through npx (neither falconq nor bun is on PATH after npm install)", () => {
    const commands = codeBlocks(use, "sh")
      .flatMap((b) => b.split("\n"))
      .map((l) => l.replace(/^# or, instead of both: /, ""))
      .filter((l) => l.trim() !== "" && !l.startsWith("#"));
    expect(commands.length).toBeGreaterThan(10);
    for (const c of commands) expect(c).toMatch(/^(npx falconq |npm |curl )/); // curl: the HTTP API
  });

  test("the files the commands name exist: examples/mail.json is JSON, examples/jobs.ts serves email.send", async () => {
    expect(use).toContain("--payload @examples/mail.json");
    const mail = JSON.parse(readFileSync(join(root, "examples", "mail.json"), "utf8"));
    const { handlers } = await import("../../examples/jobs.ts");
    const send = (handlers as Record<string, Handler>)["email.send"];
    const job = { data: mail } as Parameters<Handler>[0];
    expect(await send?.(job, {} as Parameters<Handler>[1])).toEqual({ sentTo: mail.to, subject: mail.subject });
  });
});
