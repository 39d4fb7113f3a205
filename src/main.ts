// The falconq executable: wires the subcommands together. This is the only
// place that calls process.exit.

import { defineCommand, runCommand } from "citty";
import { type AnyCommand, checkCommandLine, parseCommandLine, rewriteMode } from "./cli/argv.ts";
import { describeError, version } from "./cli/common.ts";
import { onStdoutClosed, outputFlushed } from "./cli/flush.ts";
import { helpStyle, renderHelp, rewriteHelp } from "./cli/help.ts";

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
    tokens: lazy(() => import("./cli/tokens.ts")),
    schedules: lazy(() => import("./cli/schedules.ts")),
    whoami: lazy(() => import("./cli/tokens.ts").then((m) => ({ default: m.whoami }))),
    certs: lazy(() => import("./cli/certs.ts")),
    batches: lazy(() => import("./cli/batches.ts")),
    cluster: lazy(() => import("./cli/cluster.ts")),
  },
});

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) {
    process.stderr.write(await renderHelp(cli, [], helpStyle(process.stderr)));
    return 2;
  }
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    console.log(version);
    return 0;
  }
  const line = await parseCommandLine(cli, rewriteHelp(rewriteMode(argv)));
  if (line.help) {
    process.stdout.write(await renderHelp(line.cmd, line.path, helpStyle()));
    return 0;
  }
  await checkCommandLine(line);
  // citty drops a subcommand's return value, so commands report failure through process.exitCode.
  await runCommand(cli, { rawArgs: line.argv });
  return typeof process.exitCode === "number" ? process.exitCode : 0;
}

/** Exits only after stdout and stderr drained: a script reading `--json` through a pipe gets every line. */
async function exit(code: number): Promise<never> {
  await outputFlushed();
  process.exit(code);
}

if (import.meta.main) {
  onStdoutClosed((line) => {
    process.stderr.write(`falconq: ${line}\n`);
    process.exit(1);
  });
  main(process.argv.slice(2)).then(
    (code) => exit(code),
    (e) => {
      const { line, exitCode } = describeError(e);
      process.stderr.write(`falconq: ${line}\n`);
      return exit(exitCode);
    },
  );
}
