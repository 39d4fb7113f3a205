// The architecture as a table of allowed folder -> folder imports, checked
// for every file under src/: static imports, `import type`, re-exports and
// dynamic import(). Folder names are the architecture (docs/architecture.md).

import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const src = resolve(import.meta.dir, "../../../src");

/** Which folders of src/ each folder may import from ("." = the files at src/ itself). */
const allowed: Record<string, readonly string[]> = {
  core: [],
  storage: ["core"],
  rpc: ["core"],
  master: ["core", "storage"],
  server: ["core", "rpc", "master", "storage", "http", "cluster"],
  // Leadership and etcd's API (its own gRPC stubs from proto/etcd): the integrator wires it into server.
  cluster: ["core"],
  // The HTTP adapter: over the master runtime like server's gRPC, never the wire or the disk.
  http: ["core", "master"],
  worker: ["core", "rpc"],
  client: ["core", "rpc"],
  // The dashboard: a browser bundle (talks to the HTTP API only) and the server-side file that serves it.
  dashboard: [],
  cli: ["core", "rpc", "client", "server", "master", "worker", "storage", "dashboard"],
  types: [],
  // src/embedded.ts runs the master runtime (server, master) and a pool in the
  // application's process: the SDK root composes, like cli, so it may reach them.
  ".": ["core", "rpc", "client", "worker", "cli", "server", "master"],
};

const specifiers = [
  /\b(?:import|export)\s+(?:type\s+)?[^;]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\bimport\s+["']([^"']+)["']/g,
];

/** The folder of src/ a path is in ("." for src/ itself), or undefined outside src/. */
function folderOf(path: string): string | undefined {
  const rel = relative(src, path);
  if (rel.startsWith("..")) return undefined;
  const parts = rel.split(sep);
  return parts.length === 1 ? "." : parts[0];
}

/** Every import of `text` (as file `file`) that the table forbids, as "from -> to (specifier)". */
export function violations(file: string, text: string): string[] {
  const from = folderOf(file);
  if (from === undefined) return [];
  const ok = allowed[from];
  if (ok === undefined) return [`${relative(src, file)}: folder ${from} is not in the table`];
  const out: string[] = [];
  for (const re of specifiers) {
    for (const m of text.matchAll(re)) {
      const spec = m[1] as string;
      if (!spec.startsWith(".")) continue; // a package
      const target = resolve(dirname(file), spec);
      const to = folderOf(target);
      if (to === undefined) {
        if (!target.startsWith(resolve(src, "..", "proto")) && !target.endsWith("package.json")) {
          out.push(`${relative(src, file)} imports ${spec}, outside src/`);
        }
        continue;
      }
      if (to !== from && !ok.includes(to)) out.push(`${relative(src, file)}: ${from} -> ${to} (${spec})`);
    }
  }
  return out;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}

describe("architecture", () => {
  test("every import under src/ follows the folder table", () => {
    const files = sources(src);
    expect(files.length).toBeGreaterThan(50);
    const bad = files.flatMap((f) => violations(f, readFileSync(f, "utf8")));
    expect(bad).toEqual([]);
  });

  test("the check catches worker -> server, import type, dynamic import() and re-exports", () => {
    const f = join(src, "worker", "x.ts");
    expect(violations(f, `import type { Broker } from "../server/broker.ts";`)).toEqual([
      "worker/x.ts: worker -> server (../server/broker.ts)",
    ]);
    expect(violations(f, `const m = await import("../master/broker.ts");`)).toHaveLength(1);
    expect(violations(f, `export { X } from "../storage/index.ts";`)).toHaveLength(1);
    expect(violations(join(src, "core", "y.ts"), `import {\n  a,\n} from "../rpc/errors.ts";`)).toHaveLength(1);
    expect(violations(f, `import { a } from "../core/types.ts";\nimport { b } from "./pool.ts";`)).toEqual([]);
  });
});
