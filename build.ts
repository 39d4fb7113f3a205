// Builds the single executable. `bun build.ts` writes dist/falconq for this
// host and the Node SDK bundle in dist/sdk; `--binary-only` and `--sdk-only`
// build one of them. The other platforms are `npm run release`
// (scripts/release.ts), which uses `targets` and `compile` below.

import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pkg from "./package.json" with { type: "json" };

export const bunVersion: string = pkg.devDependencies.bun;

export type Target = { name: string; target: string; pkg: string; exe: string };

/** Every platform a release ships; `pkg` holds the Bun runtime the executable is built around. */
export const targets: Target[] = [
  { name: "linux-x64", target: "bun-linux-x64", pkg: "@oven/bun-linux-x64", exe: "bin/bun" },
  { name: "linux-arm64", target: "bun-linux-arm64", pkg: "@oven/bun-linux-aarch64", exe: "bin/bun" },
  { name: "darwin-x64", target: "bun-darwin-x64", pkg: "@oven/bun-darwin-x64", exe: "bin/bun" },
  { name: "darwin-arm64", target: "bun-darwin-arm64", pkg: "@oven/bun-darwin-aarch64", exe: "bin/bun" },
  { name: "windows-x64", target: "bun-windows-x64", pkg: "@oven/bun-windows-x64", exe: "bin/bun.exe" },
];

export const executableName = (t: Target): string => `falconq-${t.name}${t.name.startsWith("windows") ? ".exe" : ""}`;
const hostName = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;

/**
 * The Bun runtime to build `t` around: the executable in its @oven package, or,
 * for this host's target, the Bun running now when it is the pinned version
 * (npm's `bun` package moves the host runtime out of its @oven package).
 */
export function runtimePath(t: Target): string | undefined {
  const path = join("node_modules", t.pkg, t.exe);
  if (existsSync(path)) return path;
  return t.name === hostName && Bun.version === bunVersion ? process.execPath : undefined;
}

// --compile-autoload-package-json: a handler module (`worker --handlers`) is
// loaded from disk at run time, and without package.json the executable's
// resolver sees only node_modules/<name>/index.js, ignoring "main", "exports"
// and "type", so most npm packages beside the module could not be imported.
const compileFlags = ["--compile", "--compile-autoload-package-json", "--minify", "--sourcemap"];

/** Compiles src/main.ts into `outfile`; `t` cross-compiles with that target's runtime. Runs in the repository root. */
export async function compile(outfile: string, t?: Target): Promise<void> {
  const runtime = t && runtimePath(t);
  if (t && !runtime) throw new Error(`no Bun runtime for ${t.name}: install ${t.pkg}@${bunVersion}`);
  const extra = t ? ["--target", t.target, "--compile-executable-path", runtime!] : [];
  await run([process.execPath, "build", "src/main.ts", ...compileFlags, "--outfile", outfile, ...extra]);
  // The executable embeds its source map (stack traces name src/ files); the copy beside it is not needed.
  rmSync(`${outfile}.map`, { force: true });
}

async function run(cmd: string[]): Promise<void> {
  const p = Bun.spawn(cmd, { stdout: "inherit", stderr: "inherit" });
  if ((await p.exited) !== 0) throw new Error(`failed: ${cmd.join(" ")}`);
}

/** The SDK for Node consumers: one ESM bundle plus type declarations (Bun consumers import src/ directly). */
async function buildSdk(): Promise<void> {
  rmSync("dist/sdk", { recursive: true, force: true });
  await run([process.execPath, "build", "src/index.ts", "--target", "node", "--format", "esm", "--splitting", "--packages", "external", "--outdir", "dist/sdk"]);
  const tsconfig = {
    extends: "../tsconfig.json",
    compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: "sdk/types", rootDir: "../src", types: ["bun-types"], typeRoots: ["../node_modules"] },
    include: ["../src/index.ts", "../src/types"],
  };
  writeFileSync("dist/tsconfig.sdk.json", JSON.stringify(tsconfig));
  await run([join("node_modules", ".bin", "tsc"), "-p", "dist/tsconfig.sdk.json"]);
  rmSync("dist/tsconfig.sdk.json");
}

async function main(argv: string[]): Promise<void> {
  mkdirSync("dist", { recursive: true });
  if (!argv.includes("--sdk-only")) {
    await compile(join("dist", "falconq"));
    console.log(`built dist/falconq ${pkg.version} (bun ${bunVersion})`);
  }
  if (!argv.includes("--binary-only")) {
    await buildSdk();
    console.log("built dist/sdk (ESM bundle + types)");
  }
}

if (import.meta.main) await main(process.argv.slice(2));
