// The command line is checked before any command runs: `--mode X`, flags
// placed before a subcommand, unknown subcommands and unknown flags. Every
// mistake is a usage error (exit 2) with a suggestion, so a typo never
// reaches the master. citty itself accepts any flag and drops flags written
// before a nested subcommand, hence this pass.

import type { ArgsDef, CommandDef } from "citty";
import { usage } from "./common.ts";

// biome-ignore lint/suspicious/noExplicitAny: each command has its own args type
export type AnyCommand = CommandDef<any>;
type Resolvable<T> = T | Promise<T> | (() => T) | (() => Promise<T>);

const resolve = async <T>(v: Resolvable<T>): Promise<T> => (typeof v === "function" ? (v as () => T | Promise<T>)() : v);

const modes = ["master", "worker", "standalone"];

/** `--mode X` (the plan's spelling) is an alias for the subcommand X. */
export function rewriteMode(argv: string[]): string[] {
  for (let i = 0; i < argv.length && argv[i] !== "--"; i++) {
    const a = argv[i] as string;
    let mode: string | undefined;
    let width = 0;
    if (a === "--mode") [mode, width] = [argv[i + 1], 2];
    else if (a.startsWith("--mode=")) [mode, width] = [a.slice(7), 1];
    if (width === 0) continue;
    if (mode === undefined || !modes.includes(mode)) {
      throw usage(`--mode must be master, worker or standalone, got "${mode ?? ""}"`);
    }
    return [mode, ...argv.slice(0, i), ...argv.slice(i + width)];
  }
  return argv;
}

/** Flags every client command takes, also accepted before the subcommand (`falconq --json stats`). */
const globalArgs: ArgsDef = {
  master: { type: "string" },
  json: { type: "boolean" },
  tls: { type: "boolean" },
  "tls-ca": { type: "string" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  "tls-server-name": { type: "string" },
  token: { type: "string" },
  "token-file": { type: "string" },
  config: { type: "string" },
};

export interface CommandLine {
  /** The command that runs (the last subcommand) and its parent, for --help. */
  cmd: AnyCommand;
  parent: AnyCommand | undefined;
  /** Subcommand names from the top, e.g. ["jobs", "list"]. */
  path: string[];
  /** What citty gets: the path first, then every flag and argument. */
  argv: string[];
  help: boolean;
}

interface Token {
  flag?: string;
  raw: string[];
}

/** Splits args into flags (with their value) and positionals; `defs` says which flags take a value. */
function tokenize(args: string[], defs: ArgsDef): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      out.push({ raw: args.slice(i) });
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      out.push({ raw: [a] });
      continue;
    }
    const name = a.replace(/^--?/, "").split("=")[0] as string;
    const takesValue = !a.includes("=") && (defs[name] ?? globalArgs[name])?.type === "string" && i + 1 < args.length;
    out.push({ flag: name, raw: takesValue ? [a, args[++i] as string] : [a] });
  }
  return out;
}

const isHelp = (t: Token) => t.flag === "help" || t.flag === "h";

/** Finds the command to run, moving flags written before a subcommand name after it. */
export async function parseCommandLine(root: AnyCommand, argv: string[]): Promise<CommandLine> {
  let cmd = root;
  let parent: AnyCommand | undefined;
  const path: string[] = [];
  const hoisted: Token[] = [];
  let rest = argv;
  for (;;) {
    const subs = await resolve(cmd.subCommands ?? {});
    if (Object.keys(subs).length === 0) break;
    const defs = await resolve(cmd.args ?? {});
    const tokens = tokenize(rest, defs);
    const at = tokens.findIndex((t) => t.flag === undefined);
    // `falconq workers --help` is the help of `workers`, not of its default subcommand.
    const name = at >= 0 ? tokens[at]?.raw[0] : tokens.some(isHelp) ? "" : await resolve(cmd.default ?? "");
    if (!name || name === "--") {
      if (cmd.run === undefined && !tokens.some(isHelp)) throw usage(`${["falconq", ...path].join(" ")} needs a command: ${Object.keys(subs).join(", ")}`);
      break;
    }
    const before = at < 0 ? tokens : tokens.slice(0, at);
    const known = { ...globalArgs, ...defs };
    checkFlags(before.filter((t) => !isHelp(t)), known, ["falconq", ...path].join(" "));
    const sub = subs[name];
    if (sub === undefined) throw unknownCommand(name, Object.keys(subs), ["falconq", ...path].join(" "));
    hoisted.push(...before);
    rest = at < 0 ? [] : tokens.slice(at + 1).flatMap((t) => t.raw);
    parent = cmd;
    cmd = await resolve(sub);
    path.push(name);
  }
  const tokens = tokenize(rest, await resolve(cmd.args ?? {}));
  const all = [...hoisted, ...tokens];
  const help = all.some(isHelp);
  const dashdash = tokens.findIndex((t) => t.raw[0] === "--");
  const ordered = dashdash < 0 ? [...tokens, ...hoisted] : [...tokens.slice(0, dashdash), ...hoisted, ...tokens.slice(dashdash)];
  return { cmd, parent, path, argv: [...path, ...ordered.filter((t) => !isHelp(t)).flatMap((t) => t.raw)], help };
}

/** Throws a usage error naming every flag `line.cmd` does not declare, or a stray argument. */
export async function checkCommandLine(line: CommandLine): Promise<void> {
  const defs: ArgsDef = await resolve(line.cmd.args ?? {});
  const tokens = tokenize(line.argv.slice(line.path.length), defs);
  const where = ["falconq", ...line.path].join(" ");
  checkFlags(tokens, defs, where);
  const positionals = Object.values(defs).filter((d) => d.type === "positional").length;
  const extra = tokens.filter((t) => t.flag === undefined && t.raw[0] !== "--").slice(positionals);
  if (extra.length > 0) throw usage(`unexpected argument "${extra[0]?.raw[0]}" for ${where} (see ${where} --help)`);
  for (const t of tokens) {
    const def = t.flag === undefined ? undefined : defs[t.flag];
    if (def?.type === "string" && t.raw.length === 1 && !(t.raw[0] as string).includes("=")) throw usage(`--${t.flag} needs a value`);
  }
}

function checkFlags(tokens: Token[], defs: ArgsDef, where: string): void {
  const names = Object.entries(defs)
    .filter(([, d]) => d.type !== "positional")
    .map(([n]) => n);
  const known = (f: string) => names.includes(f) || (f.startsWith("no-") && defs[f.slice(3)]?.type === "boolean");
  const unknown = tokens.filter((t) => t.flag !== undefined && !known(t.flag)).map((t) => t.raw[0]?.split("=")[0] as string);
  if (unknown.length === 0) return;
  const described = unknown.map((f) => {
    const near = closest(f.replace(/^--?/, ""), names);
    return near ? `${f} (did you mean --${near}?)` : f;
  });
  const valid = names.length > 0 ? `; its flags: ${names.map((n) => `--${n}`).join(", ")}` : "; it takes no flags";
  throw usage(`unknown flag${unknown.length > 1 ? "s" : ""} for ${where}: ${described.join(", ")}${valid}`);
}

function unknownCommand(name: string, valid: string[], where: string) {
  const near = closest(name, valid);
  return usage(`unknown command "${name}" for ${where}${near ? ` (did you mean ${near}?)` : ""}; commands: ${valid.join(", ")}`);
}

/** The candidate within a third of the word's length in edits (at least 1, at most 3), if any. */
export function closest(word: string, candidates: string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((d[i - 1] as number[])[j] as number + 1, (row[j - 1] as number) + 1, ((d[i - 1] as number[])[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}
