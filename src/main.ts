// The falconq executable: wires the subcommands together. This is the only
// place that calls process.exit.

import { type CommandDef, defineCommand, runCommand, showUsage } from "citty";
import { describeError, version } from "./cli/common.ts";

// biome-ignore lint/suspicious/noExplicitAny: each command has its own args type
type AnyCommand = CommandDef<any>;
const lazy = (load: () => Promise<{ default: AnyCommand }>) => () => load().then((m) => m.default);

export const cli = defineCommand({
  meta: { name: "falconq", version, description: "FalconQueue: a durable distributed job queue in one binary" },
  subCommands: {
    master: lazy(() => import("./cli/master.ts")),
    worker: lazy(() => import("./cli/worker.ts")),
    standalone: lazy(() => import("./cli/standalone.ts")),
    submit: lazy(() => import("./cli/submit.ts")),
    jobs: lazy(() => import("./cli/jobs.ts")),
    stats: lazy(() => import("./cli/stats.ts")),
    workers: lazy(() => import("./cli/workers.ts")),
    queues: lazy(() => import("./cli/queues.ts")),
    demo: lazy(() => import("./cli/demo.ts")),
  },
});

const modes = new Set(["master", "worker", "standalone"]);

/** `--mode X` (the plan's spelling) is an alias for the subcommand X. */
export function rewriteMode(argv: string[]): string[] {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    let mode: string | undefined;
    let width = 0;
    if (a === "--mode") [mode, width] = [argv[i + 1], 2];
    else if (a.startsWith("--mode=")) [mode, width] = [a.slice(7), 1];
    if (width === 0) continue;
    if (mode === undefined || !modes.has(mode)) {
      throw new Error(`--mode must be master, worker or standalone, got "${mode ?? ""}"`);
    }
    return [mode, ...argv.slice(0, i), ...argv.slice(i + width)];
  }
  return argv;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") {
    await showUsage(cli);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    console.log(version);
    return 0;
  }
  const args = rewriteMode(argv);
  if (args.includes("--help") || args.includes("-h")) {
    const sub = (cli.subCommands as Record<string, () => Promise<AnyCommand>>)[args[0] as string];
    await showUsage(sub ? await sub() : cli, cli);
    return 0;
  }
  // citty drops a subcommand's return value, so commands report failure through process.exitCode.
  await runCommand(cli, { rawArgs: args });
  return typeof process.exitCode === "number" ? process.exitCode : 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      const { line, exitCode } = describeError(e);
      process.stderr.write(`falconq: ${line}\n`);
      process.exit(exitCode);
    },
  );
}
