// Builds the single executable. `bun build.ts` writes dist/falconq for this
// host; `bun build.ts --all` also cross-compiles the other targets from the
// matching @oven/bun-* packages (offline; each must be installed).

import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pkg from "./package.json" with { type: "json" };

const bunVersion = pkg.devDependencies.bun;
const others = [
  { target: "bun-linux-arm64", pkg: "@oven/bun-linux-aarch64", out: "falconq-linux-arm64", exe: "bin/bun" },
  { target: "bun-darwin-x64", pkg: "@oven/bun-darwin-x64", out: "falconq-darwin-x64", exe: "bin/bun" },
  { target: "bun-darwin-arm64", pkg: "@oven/bun-darwin-aarch64", out: "falconq-darwin-arm64", exe: "bin/bun" },
  { target: "bun-windows-x64", pkg: "@oven/bun-windows-x64", out: "falconq-windows-x64.exe", exe: "bin/bun.exe" },
];

// --compile-autoload-package-json: a handler module (`worker --handlers`) is
// loaded from disk at run time, and without package.json the executable's
// resolver sees only node_modules/<name>/index.js, ignoring "main", "exports"
// and "type", so most npm packages beside the module could not be imported.
const compileFlags = ["--compile", "--compile-autoload-package-json", "--minify", "--sourcemap"];

async function compile(outfile: string, extra: string[]): Promise<void> {
  const cmd = [process.execPath, "build", "src/main.ts", ...compileFlags, "--outfile", outfile, ...extra];
  const p = Bun.spawn(cmd, { stdout: "inherit", stderr: "inherit" });
  if ((await p.exited) !== 0) throw new Error(`bun build failed for ${outfile}`);
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

mkdirSync("dist", { recursive: true });
await compile(join("dist", "falconq"), []);
console.log(`built dist/falconq ${pkg.version} (bun ${bunVersion})`);
if (!process.argv.includes("--binary-only")) {
  await buildSdk();
  console.log("built dist/sdk (ESM bundle + types)");
}

if (process.argv.includes("--all")) {
  const missing = others.filter((o) => !existsSync(join("node_modules", o.pkg, o.exe)));
  if (missing.length > 0) {
    const names = missing.map((o) => `${o.pkg}@${bunVersion}`).join(" ");
    console.error(`cannot cross-compile: missing ${names}\ninstall them with: npm install --no-save --force ${names}`);
    process.exit(1);
  }
  for (const o of others) {
    await compile(join("dist", o.out), ["--target", o.target, "--compile-executable-path", join("node_modules", o.pkg, o.exe)]);
    console.log(`built dist/${o.out}`);
  }
}
