#!/usr/bin/env node
// The `falconq` command of the npm package. The CLI is TypeScript for Bun
// (src/main.ts, shipped in the package), so this launcher, which Node or Bun
// may run, hands over to Bun: the one running it, else $FALCONQ_BUN, else
// `bun` on PATH. Without Bun it says so and exits 127. The single-file
// executables of a release (docs/release.md) need neither.

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const bun = process.versions.bun ? process.execPath : process.env.FALCONQ_BUN || "bun";
const child = spawn(bun, [main, ...process.argv.slice(2)], { stdio: "inherit" });

// A terminal's Ctrl-C already reaches the child (same process group), and the
// CLI treats a second signal as "abort now", so SIGINT is not forwarded.
process.on("SIGINT", () => {});
for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));

child.on("error", (e) => {
  if (e.code !== "ENOENT") throw e;
  process.stderr.write(
    `falconq: the falconq command needs Bun (https://bun.sh), and "${bun}" was not found.\n` +
      "Install Bun, set FALCONQ_BUN to its path, or use a release executable (see docs/release.md in this package).\n",
  );
  process.exit(127);
});
child.on("exit", (code, signal) => {
  if (signal === null) process.exit(code ?? 1);
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
