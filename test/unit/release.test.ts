// What a user gets from the npm package and a release: the packed file list
// (SDK, sources for the `bun` export condition, proto, docs; no executable),
// the `falconq` launcher run by Node, and the release targets.
// `npm run release` itself is not run here: it downloads ~150 MB.

import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executableName, targets } from "../../build.ts";
import pkg from "../../package.json" with { type: "json" };
import { ensureBinary, root } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";

type PackEntry = { path: string; size: number };

async function run(cmd: string[], env: Record<string, string | undefined> = {}) {
  const p = Bun.spawn(cmd, { cwd: root, stdout: "pipe", stderr: "pipe", env: { ...process.env, ...env } });
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  return { stdout, stderr, code };
}

/** `npm pack --dry-run` lists what exists, so dist/sdk is built first (the full build, shared with the cluster tests). */
async function packedFiles(): Promise<PackEntry[]> {
  await ensureBinary();
  if (!(await Bun.file(join(root, "dist/sdk/index.js")).exists())) {
    expect((await run([process.execPath, "build.ts", "--sdk-only"])).code).toBe(0);
  }
  const r = await run(["npm", "pack", "--dry-run", "--json", "--ignore-scripts"]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { files: PackEntry[] }[])[0]!.files;
}

const node = Bun.which("node");
const launcher = join(root, pkg.bin.falconq);

describe("npm package", () => {
  test("carries the SDK, src, proto, README, LICENSE and the launcher, and no executable", async () => {
    const files = await packedFiles();
    const paths = files.map((f) => f.path);
    for (const p of [
      "package.json",
      "README.md",
      "LICENSE",
      "docs/release.md",
      "bin/falconq.js",
      "dist/sdk/index.js",
      "dist/sdk/types/index.d.ts",
      "src/index.ts",
      "src/main.ts",
      "proto/falconqueue/v1/service.proto",
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.filter((p) => p.startsWith("dist/") && !p.startsWith("dist/sdk/"))).toEqual([]);
    expect(paths.filter((p) => /^(test|bench|scripts|node_modules)\//.test(p))).toEqual([]);
    const bytesPerFileMax = 1024 * 1024;
    expect(files.filter((f) => f.size > bytesPerFileMax).map((f) => f.path)).toEqual([]);
  }, 120_000);

  test("bin is the launcher, an ESM script Node can run; LICENSE is the MIT text", () => {
    expect(pkg.bin).toEqual({ falconq: "bin/falconq.js" });
    expect(readFileSync(launcher, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(pkg.license).toBe("MIT");
    expect(readFileSync(join(root, "LICENSE"), "utf8")).toStartWith("MIT License\n");
  });
});

describe.if(node !== null)("falconq launcher under Node", () => {
  test("hands the command line to Bun", async () => {
    const r = await run([node!, launcher, "--version"], { FALCONQ_BUN: process.execPath });
    expect(r).toEqual({ stdout: `${pkg.version}\n`, stderr: "", code: 0 });
  });

  test("without Bun: a clear message and exit 127", async () => {
    const r = await run([node!, launcher, "--version"], { FALCONQ_BUN: join(root, "no-such-bun") });
    expect(r.code).toBe(127);
    expect(r.stderr).toContain("needs Bun (https://bun.sh)");
    expect(r.stderr).toContain("docs/release.md");
  });

  test("SIGTERM reaches the master, which stops cleanly", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "falconq-launcher-"));
    try {
      const p = Bun.spawn([node!, launcher, "master", "--data-dir", dataDir, "--port", "0", "--http-port", "0", "--log-format", "json"], {
        stdout: "pipe",
        stderr: "pipe",
        env: { ...process.env, FALCONQ_BUN: process.execPath },
      });
      let stderr = "";
      const reading = (async () => {
        for await (const chunk of p.stderr.pipeThrough(new TextDecoderStream())) stderr += chunk;
      })();
      await waitFor(() => stderr.includes("listening"), 20_000, "the master's start-up line");
      p.kill("SIGTERM");
      expect(await p.exited).toBe(0);
      await reading;
      expect(stderr).toContain("stopped; WAL flushed");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});

test("a release holds five platform executables", () => {
  expect(targets.map(executableName)).toEqual([
    "falconq-linux-x64",
    "falconq-linux-arm64",
    "falconq-darwin-x64",
    "falconq-darwin-arm64",
    "falconq-windows-x64.exe",
  ]);
});
