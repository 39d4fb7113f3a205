// Settings of the long-running commands (master, worker, standalone), each
// from the first of: its flag, its environment variable (FALCONQ_ + the flag
// upper-cased with - as _), the TOML file named by --config (keys are flag
// names), or its default. A bad value is a usage error naming where it came
// from, so `FALCONQ_PORT=abc` is reported as such and not as `--port`.

import { readFileSync } from "node:fs";
import { closest } from "./argv.ts";
import type { ConsolaInstance } from "consola";
import { type CliError, durationMs, logFormats, logger, logLevels, usage } from "./common.ts";

/** One setting as its command declares it; `default` absent means "not set". */
export interface SettingDef {
  type: "string" | "boolean";
  description: string;
  default?: string;
  /** Never printed by --print-config (a token). */
  secret?: boolean;
  /** The value's name in --help (default: the flag name upper-cased). */
  valueHint?: string;
}

export type SettingDefs = Record<string, SettingDef>;
type Value = string | boolean;

export type Source = { kind: "flag" } | { kind: "env"; name: string } | { kind: "file"; path: string } | { kind: "default" };

interface Resolved {
  value: Value | undefined;
  source: Source;
}

/** The citty definitions of `defs`: the default moves into the help text, so an absent flag stays undefined. */
export function asArgs<T extends SettingDefs>(defs: T): { [K in keyof T]: { type: T[K]["type"]; description: string; valueHint?: string } } {
  const out: Record<string, { type: "string" | "boolean"; description: string; valueHint?: string }> = {};
  for (const [name, d] of Object.entries(defs)) {
    const shown = d.default === undefined ? "" : ` (default ${d.default || '""'})`;
    out[name] = { type: d.type, description: `${d.description}${shown}; env ${envName(name)}`, ...(d.valueHint && { valueHint: d.valueHint }) };
  }
  return out as { [K in keyof T]: { type: T[K]["type"]; description: string; valueHint?: string } };
}

export const configArgs = {
  config: { type: "string", description: "a TOML file of settings; keys are flag names (env FALCONQ_CONFIG)" },
  "print-config": { type: "boolean", description: "print the effective settings and where each came from, then exit" },
} as const;

export const envName = (setting: string) => `FALCONQ_${setting.toUpperCase().replaceAll("-", "_")}`;

const booleans: Record<string, boolean> = { "1": true, true: true, yes: true, on: true, "0": false, false: false, no: false, off: false };

export class Settings {
  constructor(
    readonly command: string,
    private readonly defs: SettingDefs,
    private readonly resolved: Map<string, Resolved>,
    readonly file: string | undefined,
  ) {}

  private get(name: string): Resolved {
    const r = this.resolved.get(name);
    if (r === undefined) throw new Error(`setting ${name} is not declared by ${this.command}`);
    return r;
  }

  source(name: string): Source {
    return this.get(name).source;
  }

  /** A usage error about `name` that says where its value came from. */
  bad(name: string, problem: string): CliError {
    const { value, source } = this.get(name);
    const shown = JSON.stringify(String(value));
    switch (source.kind) {
      case "env":
        return usage(`${source.name}=${String(value)}: ${problem}`);
      case "file":
        return usage(`${source.path}: ${name} ${shown} ${problem}`);
      default:
        return usage(`--${name} ${shown} ${problem}`);
    }
  }

  str(name: string): string | undefined {
    const v = this.get(name).value;
    if (v === undefined || v === "") return undefined;
    if (typeof v !== "string") throw this.bad(name, "must be a string");
    return v;
  }

  bool(name: string): boolean {
    const v = this.get(name).value;
    if (v === undefined || typeof v === "boolean") return v === true;
    const b = booleans[v.toLowerCase()];
    if (b === undefined) throw this.bad(name, "must be true or false");
    return b;
  }

  int(name: string, min: number, max: number): number | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw this.bad(name, `must be a whole number from ${min} to ${max}`);
    return n;
  }

  duration(name: string): number | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    const ms = durationMs(v);
    if (ms === undefined) throw this.bad(name, "is not a duration (examples: 500ms, 5s, 2m, 1h)");
    return ms;
  }

  oneOf<T extends string>(name: string, choices: readonly T[]): T {
    const v = this.str(name) ?? "";
    if (!(choices as readonly string[]).includes(v)) {
      throw this.bad(name, `must be ${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`);
    }
    return v as T;
  }

  /** The effective settings as a TOML file (usable as --config), each line saying where its value came from. */
  print(): string {
    const lines = [`# falconq ${this.command}: effective settings (flag > env > ${this.file ?? "config file"} > default)`];
    for (const name of Object.keys(this.defs)) {
      const { value, source } = this.get(name);
      if (value === undefined) {
        lines.push(this.defs[name]?.type === "boolean" ? `${name} = false # default` : `# ${name} is not set`);
        continue;
      }
      if (this.defs[name]?.secret) {
        lines.push(`# ${name} is set (not shown) # ${describeSource(name, source)}`);
        continue;
      }
      const shown = typeof value === "boolean" || /^\d+$/.test(value) ? String(value) : JSON.stringify(value);
      lines.push(`${name} = ${shown} # ${describeSource(name, source)}`);
    }
    return `${lines.join("\n")}\n`;
  }
}

function describeSource(name: string, s: Source): string {
  if (s.kind === "flag") return `--${name}`;
  if (s.kind === "env") return s.name;
  if (s.kind === "file") return s.path;
  return "default";
}

export interface LoadOptions {
  /** Flag values as citty parsed them; undefined when not given. */
  args: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  /** Keys another server command takes: allowed in a shared file, ignored here. */
  otherKeys?: readonly string[];
}

/** Resolves every setting of `command` from flag, env, file and default. */
export function loadSettings(command: string, defs: SettingDefs, o: LoadOptions): Settings {
  const env = o.env ?? process.env;
  const path = stringArg(o.args.config) ?? (env.FALCONQ_CONFIG || undefined);
  const file = path === undefined ? {} : readConfigFile(path, [...Object.keys(defs), ...(o.otherKeys ?? [])]);
  const resolved = new Map<string, Resolved>();
  for (const [name, def] of Object.entries(defs)) {
    const flag = o.args[name];
    const fromEnv = env[envName(name)];
    if (flag !== undefined && flag !== "") resolved.set(name, { value: flag as Value, source: { kind: "flag" } });
    else if (fromEnv !== undefined && fromEnv !== "") resolved.set(name, { value: fromEnv, source: { kind: "env", name: envName(name) } });
    else if (name in file) resolved.set(name, { value: file[name], source: { kind: "file", path: path as string } });
    else resolved.set(name, { value: def.default, source: { kind: "default" } });
  }
  return new Settings(command, defs, resolved, path);
}

const stringArg = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** The file's settings as strings and booleans; an unknown key or a nested table is a usage error. */
function readConfigFile(path: string, known: readonly string[]): Record<string, Value> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw usage(`--config ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = Bun.TOML.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw usage(`${path}: not valid TOML: ${(e as Error).message}`);
  }
  const out: Record<string, Value> = {};
  for (const [key, v] of Object.entries(parsed)) {
    if (!known.includes(key)) {
      const near = closest(key, [...known]);
      throw usage(`${path}: unknown setting ${JSON.stringify(key)}${near ? ` (did you mean ${near}?)` : ""}; settings: ${known.join(", ")}`);
    }
    if (typeof v === "string" || typeof v === "boolean") out[key] = v;
    else if (typeof v === "number" && Number.isFinite(v)) out[key] = String(v);
    else throw usage(`${path}: ${key} must be a string, a number or true/false`);
  }
  return out;
}

/** The command's logger, as --log-format and --log-level say. */
export function settingsLogger(tag: string, s: Settings): ConsolaInstance {
  return logger(tag, { format: s.oneOf("log-format", logFormats), level: s.oneOf("log-level", logLevels) });
}

/** With --print-config: prints the (already checked) settings to stdout and says so; the command then ends with 0. */
export function printedConfig(s: Settings, args: Record<string, unknown>): boolean {
  if (args["print-config"] !== true) return false;
  process.stdout.write(s.print());
  return true;
}
