// Secure by default, as a user meets it: a master asked to listen beyond
// loopback without TLS and authentication refuses to start with one line
// naming what to add (before it touches the data dir); --insecure is the
// logged escape (that run binds 0.0.0.0 and is stopped at once).

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBinary, Proc } from "../helpers/cluster.ts";

let dir: string;

beforeAll(async () => {
  await ensureBinary();
  dir = mkdtempSync(join(tmpdir(), "falconq-secure-"));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refused(args: string[]): Promise<string> {
  const data = join(dir, `data-${Math.random().toString(36).slice(2)}`);
  const p = new Proc("master", ["master", "--port", "0", "--http-port", "0", "--data-dir", data, ...args]);
  const code = await p.exited;
  await p.output();
  expect(code).not.toBe(0);
  expect(existsSync(data)).toBe(false);
  const errors = p.stderr.filter((l) => l.includes("refusing"));
  expect(errors.length).toBe(1);
  return errors[0] as string;
}

describe("a master beyond loopback", () => {
  test("without TLS and authentication it refuses, naming both", async () => {
    const line = await refused(["--host", "0.0.0.0"]);
    expect(line).toContain("refusing to listen on 0.0.0.0 without TLS (--tls-cert and --tls-key) and authentication");
    expect(line).toContain("--insecure");
  });

  test("with authentication but no TLS it names TLS alone", async () => {
    const line = await refused(["--host", "::", "--admin-token-file", join(dir, "admin.token")]);
    expect(line).toMatch(/refusing to listen on :: without TLS \(--tls-cert and --tls-key\); add them/);
    expect(existsSync(join(dir, "admin.token"))).toBe(false);
  });

  test("--insecure starts it with a warning naming what is missing", async () => {
    const p = new Proc("master", ["master", "--host", "0.0.0.0", "--port", "0", "--http-port", "0", "--data-dir", join(dir, "insecure"), "--insecure"]);
    try {
      await p.waitForLog(/listening on 0\.0\.0\.0:\d+/, 15_000);
      expect(p.lines.join("\n")).toMatch(/--insecure: listening on 0\.0\.0\.0 without TLS .* and authentication/);
    } finally {
      p.signal("SIGTERM");
      await p.exited;
    }
  });
});
