// `npm run release`: the five platform executables and a SHA256SUMS file in
// dist/release/. Each executable is the CLI compiled around the Bun runtime of
// its platform, taken from the @oven/bun-* npm package pinned to the same
// version as the `bun` devDependency; missing ones are installed with
// `npm install --no-save` (package.json and the lockfile stay as they are).
// Not part of `npm test` or CI: it downloads about 5 × 30 MB.

import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bunVersion, compile, executableName, runtimePath, type Target, targets } from "../build.ts";

const outDir = join("dist", "release");

/** The installed runtime's version, or undefined when the package is absent. */
function installedVersion(t: Target): string | undefined {
  const path = runtimePath(t);
  if (path === undefined) return undefined;
  if (path === process.execPath) return Bun.version;
  const manifest = join("node_modules", t.pkg, "package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** Installs every runtime that is missing or of another version, in one npm call (npm prunes earlier --no-save installs). */
async function ensureRuntimes(): Promise<void> {
  const wanted = targets.filter((t) => installedVersion(t) !== bunVersion).map((t) => `${t.pkg}@${bunVersion}`);
  if (wanted.length === 0) return;
  console.log(`installing ${wanted.join(" ")}`);
  // --force: each package declares its own os/cpu, and npm refuses foreign ones without it.
  const cmd = ["npm", "install", "--no-save", "--force", "--ignore-scripts", "--no-audit", "--no-fund", ...wanted];
  const p = Bun.spawn(cmd, { stdout: "inherit", stderr: "inherit" });
  const code = await p.exited;
  const still = targets.filter((t) => installedVersion(t) !== bunVersion);
  if (code !== 0 || still.length > 0) {
    const names = still.map((t) => `${t.pkg}@${bunVersion}`).join(" ") || wanted.join(" ");
    throw new Error(`cannot get the Bun runtime for ${still.map((t) => t.name).join(", ") || "every target"}: \`npm install ${names}\` failed (exit ${code}); is the npm registry reachable?`);
  }
}

/** `sha256sum -c` format: "<hex>  <file name>", one line per file. */
function sha256sums(names: string[]): string {
  const line = (name: string) => `${new Bun.CryptoHasher("sha256").update(readFileSync(join(outDir, name))).digest("hex")}  ${name}`;
  return `${names.map(line).join("\n")}\n`;
}

async function main(): Promise<void> {
  process.chdir(join(import.meta.dir, ".."));
  await ensureRuntimes();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const names: string[] = [];
  for (const t of targets) {
    const name = executableName(t);
    await compile(join(outDir, name), t);
    names.push(name);
  }
  writeFileSync(join(outDir, "SHA256SUMS"), sha256sums(names));
  for (const name of names) console.log(`${(statSync(join(outDir, name)).size / 2 ** 20).toFixed(1).padStart(7)} MiB  ${outDir}/${name}`);
  console.log(`wrote ${outDir}/SHA256SUMS`);
}

await main().catch((e: unknown) => {
  console.error(`release failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
