// The checked-in wire types must be what `npm run gen:types` makes from the
// .proto today: a stale copy would let the code and the wire disagree.

import { expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import pkg from "../../../package.json" with { type: "json" };

const root = resolve(import.meta.dir, "../../..");
const checkedIn = join(root, "src", "rpc", "gen");

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out.sort();
}

test("src/rpc/gen matches the .proto (regenerate with `npm run gen:types`)", () => {
  const script = pkg.scripts["gen:types"];
  expect(script).toContain("-O src/rpc/gen");
  const out = mkdtempSync(join(tmpdir(), "falconq-gen-"));
  try {
    const args = script.split(/\s+/).slice(1).map((a) => (a === "src/rpc/gen" ? out : a));
    const bin = join(root, "node_modules", ".bin", "proto-loader-gen-types");
    const p = Bun.spawnSync([bin, ...args], { cwd: root, stdout: "pipe", stderr: "pipe" });
    expect(p.stderr.toString()).toBe("");
    expect(p.exitCode).toBe(0);
    const fresh = files(out).map((f) => relative(out, f));
    const old = files(checkedIn).map((f) => relative(checkedIn, f));
    expect(old).toEqual(fresh);
    for (const f of fresh) {
      expect({ file: f, text: readFileSync(join(checkedIn, f), "utf8") }).toEqual({
        file: f,
        text: readFileSync(join(out, f), "utf8"),
      });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
