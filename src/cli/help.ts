// Help text for every command, rendered here rather than by citty so it
// carries no colour off a terminal (or with NO_COLOR), wraps only between
// words, and ends with an example line. `falconq help jobs list` is the same
// as `falconq jobs list --help`.

import type { ArgDef, ArgsDef } from "citty";
import type { AnyCommand } from "./argv.ts";
import { wrap } from "./output.ts";

type Resolvable<T> = T | Promise<T> | (() => T) | (() => Promise<T>);
const resolve = async <T>(v: Resolvable<T> | undefined): Promise<T | undefined> =>
  typeof v === "function" ? (v as () => T | Promise<T>)() : v;

/** One example per command path ("" is falconq itself); a test checks every command has one. */
export const examples: Record<string, string> = {
  "": "falconq standalone --port 0 --handlers ./handlers.ts",
  help: "falconq help jobs list",
  master: "falconq master --data-dir /var/lib/falconq --port 50051",
  worker: "falconq worker --master 10.0.0.5:50051 --handlers ./jobs.ts --concurrency 20",
  standalone: "falconq standalone --handlers ./handlers.ts --queues default,mail",
  submit: [
    `falconq submit --type email --payload '{"to":"a@b.c"}' --wait`,
    "  falconq submit --type report --unique-key report:2026-01 --unique-ttl 1h",
    "  falconq submit --type reindex --debounce-key user:42 --debounce 5s",
    "  falconq submit --type publish --depends-on 01k8rkbd80000a3f,01k8rkbd80000a40",
  ].join("\n"),
  jobs: "falconq jobs list --state failed",
  "jobs list": "falconq jobs list --state failed --queue mail --limit 20",
  "jobs get": "falconq jobs get 01k8rkbd80000a3f",
  "jobs cancel": "falconq jobs cancel 01k8rkbd80000a3f",
  "jobs retry": "falconq jobs retry --all-failed --queue mail",
  "jobs delete": "falconq jobs delete 01k8rkbd80000a3f",
  "jobs promote": "falconq jobs promote 01k8rkbd80000a3f",
  "jobs tree": "falconq jobs tree 01k8rkbd80000a3f",
  batches: "falconq batches get b01k8rkbd80000a3f",
  "batches create": "falconq batches create --on-complete import.done --on-success import.ok",
  "batches close": "falconq batches close b01k8rkbd80000a3f",
  "batches get": "falconq batches get b01k8rkbd80000a3f --json",
  cluster: "falconq cluster status --master a:50051,b:50051,c:50051",
  "cluster status": "falconq cluster status --master a:50051,b:50051,c:50051 --json",
  "cluster step-down": "falconq cluster step-down --master a:50051,b:50051,c:50051",
  stats: "falconq stats --master 10.0.0.5:50051",
  workers: "falconq workers",
  "workers list": "falconq workers list --json",
  "workers quiet": "falconq workers quiet w-3f2a9c1d0b7e",
  "workers stop": "falconq workers stop w-3f2a9c1d0b7e",
  queues: "falconq queues pause mail",
  "queues pause": "falconq queues pause mail",
  "queues resume": "falconq queues resume mail",
  "queues retention": "falconq queues retention mail --completed-count 1000 --failed-age 2d",
  "queues limit": "falconq queues limit mail --rate 50/1m --concurrency 10 --group-concurrency 2",
  "queues limits": "falconq queues limits mail",
  tokens: "falconq tokens list --token-file admin.token",
  "tokens create": "falconq tokens create --name ci --role producer --queues 'mail.*'",
  "tokens list": "falconq tokens list --json",
  "tokens revoke": "falconq tokens revoke ci",
  whoami: "falconq whoami --token-file ci.token",
  certs: "falconq certs init --dir certs --hosts localhost,127.0.0.1 --clients worker-1",
  "certs init": "falconq certs init --dir certs --hosts localhost,127.0.0.1 --clients worker-1",
  "certs issue": "falconq certs issue w2 --dir certs --role worker --queues 'mail.*'",
  schedules: "falconq schedules list",
  "schedules create": [
    "falconq schedules create daily --cron '0 3 * * *' --tz Europe/Berlin --type t",
    "  falconq schedules create tick --every 30s --type ping --missed run-once",
  ].join("\n"),
  "schedules list": "falconq schedules list --queue reports",
  "schedules get": "falconq schedules get nightly-report",
  "schedules pause": "falconq schedules pause nightly-report",
  "schedules resume": "falconq schedules resume nightly-report",
  "schedules delete": "falconq schedules delete nightly-report",
  "schedules trigger": "falconq schedules trigger nightly-report",
  demo: "falconq demo",
};

export interface HelpStyle {
  colour: boolean;
  /** Columns to wrap at. */
  width: number;
}

/** Colour only on a terminal without NO_COLOR; the terminal's width, else 80. */
export function helpStyle(stream: NodeJS.WriteStream = process.stdout): HelpStyle {
  const tty = stream.isTTY === true;
  return { colour: tty && !process.env.NO_COLOR, width: tty && stream.columns ? Math.max(40, stream.columns) : 80 };
}

/** Two columns: names padded to the widest, descriptions wrapped into the rest of the width. */
function columns(rows: [string, string][], width: number): string[] {
  const left = Math.min(Math.max(...rows.map(([n]) => n.length)), 28);
  const rest = Math.max(20, width - left - 4);
  const out: string[] = [];
  for (const [name, text] of rows) {
    const lines = wrap(text, rest);
    if (name.length > left) out.push(`  ${name}`);
    else out.push(`  ${name.padEnd(left)}  ${lines.shift() ?? ""}`.trimEnd());
    for (const l of lines) out.push(`  ${" ".repeat(left)}  ${l}`);
  }
  return out;
}

function flagRow(name: string, def: ArgDef): [string, string] {
  const value = def.type === "string" ? ` ${(def as { valueHint?: string }).valueHint ?? name.toUpperCase().replaceAll("-", "_")}` : "";
  const dflt = "default" in def && def.default !== undefined && def.default !== "" && def.type !== "boolean" ? ` (default ${def.default})` : "";
  return [`--${name}${value}`, `${def.description ?? ""}${dflt}`];
}

/** The help of the command at `path` (["jobs", "list"]), as plain text or with bold headings. */
export async function renderHelp(cmd: AnyCommand, path: string[], style: HelpStyle): Promise<string> {
  const b = (s: string) => (style.colour ? `\x1b[1m${s}\x1b[22m` : s);
  const name = ["falconq", ...path].join(" ");
  const meta = (await resolve(cmd.meta)) ?? {};
  const args: ArgsDef = (await resolve(cmd.args)) ?? {};
  const subs: Record<string, Resolvable<AnyCommand>> = (await resolve(cmd.subCommands)) ?? {};
  const subNames = Object.keys(subs);
  const positionals = Object.entries(args).filter(([, d]) => d.type === "positional");
  const flags = Object.entries(args).filter(([, d]) => d.type !== "positional");
  const out: string[] = [...wrap(`${name}: ${meta.description ?? ""}`, style.width), ""];

  const operands = positionals.map(([n, d]) => (d.required === false ? `[${n.toUpperCase()}]` : n.toUpperCase()));
  const usageLine = [name];
  if (subNames.length > 0) usageLine.push(cmd.run === undefined && cmd.default === undefined ? "COMMAND" : "[COMMAND]");
  if (flags.length > 0) usageLine.push("[flags]");
  usageLine.push(...operands);
  out.push(b("Usage:"), `  ${usageLine.join(" ")}`);

  if (subNames.length > 0) {
    const rows: [string, string][] = [];
    for (const n of subNames) {
      const sub = await resolve(subs[n]);
      rows.push([n, (await resolve(sub?.meta))?.description ?? ""]);
    }
    if (path.length === 0) rows.push(["help", "Show the help of a command (falconq help jobs list)"]);
    out.push("", b("Commands:"), ...columns(rows, style.width));
  }
  if (positionals.length > 0) {
    out.push("", b("Arguments:"), ...columns(positionals.map(([n, d]) => [n.toUpperCase(), d.description ?? ""]), style.width));
  }
  if (flags.length > 0) out.push("", b("Flags:"), ...columns(flags.map(([n, d]) => flagRow(n, d)), style.width));
  const example = examples[path.join(" ")];
  if (example !== undefined) out.push("", b("Example:"), `  ${example}`);
  if (subNames.length > 0) out.push("", ...wrap(`Run ${name} COMMAND --help for a command's flags.`, style.width));
  return `${out.join("\n")}\n`;
}

/** `falconq help [cmd [sub]]` is `falconq [cmd [sub]] --help`. */
export function rewriteHelp(argv: string[]): string[] {
  if (argv[0] !== "help") return argv;
  return argv[1] === "help" ? ["--help"] : [...argv.slice(1), "--help"];
}
