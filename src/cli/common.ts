// Helpers shared by the CLI commands: errors that print as one line, flag
// parsing for durations and sizes, loggers and the version.

import { inspect } from "node:util";
import { type ConsolaInstance, type ConsolaReporter, createConsola, type LogObject } from "consola";
import { DomainError } from "../core/errors.ts";
import pkg from "../../package.json" with { type: "json" };

export const version: string = pkg.version;

/** An error the CLI prints as one line; exitCode 2 for usage mistakes. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export function usage(message: string): CliError {
  return new CliError(message, 2);
}

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "250ms", "5s", "2m", "1h", "1d", or a bare number of milliseconds; undefined when it is none of these. */
export function durationMs(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  return m === null ? undefined : Math.round(Number(m[1]) * (units[m[2] ?? "ms"] as number));
}

export function parseDuration(flag: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const ms = durationMs(value);
  if (ms === undefined) throw usage(`--${flag} "${value}" is not a duration (examples: 500ms, 5s, 2m, 1h)`);
  return ms;
}

export function parseIntFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw usage(`--${flag} "${value}" must be a whole number from ${min} to ${max}`);
  }
  return n;
}

export function parseList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** host:port, [v6]:port, or a bare port (loopback). */
export function parseAddress(flag: string, value: string): string {
  // A cluster: every master, comma-separated; calls follow the leader (docs/ha.md).
  if (value.includes(",")) return value.split(",").map((v) => parseAddress(flag, v.trim())).join(",");
  if (/^\d+$/.test(value)) return `127.0.0.1:${value}`;
  if (!/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d+$/.test(value)) {
    throw usage(`--${flag} "${value}" must be host:port (example: 127.0.0.1:50051)`);
  }
  return value;
}

export const masterArg = {
  type: "string",
  description: "master address host:port (a cluster: every master, comma-separated)",
  default: process.env.FALCONQ_MASTER ?? "127.0.0.1:50051",
} as const;

export const logFormats = ["pretty", "json"] as const;
export const logLevels = ["debug", "info", "warn", "error"] as const;
export type LogFormat = (typeof logFormats)[number];
export type LogLevelName = (typeof logLevels)[number];

export const logSettings = {
  "log-format": { type: "string", description: "pretty | json (one JSON object per line)", default: "pretty" },
  "log-level": { type: "string", description: "debug | info | warn | error", default: defaultLogLevel() },
} as const;

/** FALCONQ_LOG=debug|quiet, the older switch, still sets the default level. */
function defaultLogLevel(): LogLevelName {
  return process.env.FALCONQ_LOG === "debug" ? "debug" : process.env.FALCONQ_LOG === "quiet" ? "warn" : "info";
}

/** consola's numbers for our level names; a message is shown when its number is at most the logger's. */
const consolaLevels: Record<LogLevelName, number> = { error: 0, warn: 1, info: 3, debug: 4 };

export interface LogOptions {
  format?: LogFormat;
  level?: LogLevelName;
  /** Where log lines go; stderr, so stdout stays for command output. */
  stream?: NodeJS.WriteStream;
}

/**
 * A tagged logger writing to stderr. `pretty` on a terminal is consola's own
 * look; off a terminal every line starts with an ISO timestamp. `json` writes
 * {ts, level, tag, msg} per line. Messages are logged as the caller built
 * them: client strings in them were quoted and escaped there.
 */
export function logger(tag: string, o: LogOptions = {}): ConsolaInstance {
  const stream = o.stream ?? process.stderr;
  const level = consolaLevels[o.level ?? defaultLogLevel()];
  const format = o.format ?? "pretty";
  const reporters = format === "json" ? [lineReporter(stream, jsonLine)] : stream.isTTY ? undefined : [lineReporter(stream, plainLine)];
  return createConsola({ level, stderr: stream, stdout: stream, ...(reporters && { reporters }) }).withTag(tag);
}

function lineReporter(stream: NodeJS.WritableStream, format: (o: LogObject) => string): ConsolaReporter {
  return { log: (o) => void stream.write(`${format(o)}\n`) };
}

/** consola's log types folded into our four level names. */
function levelName(o: LogObject): LogLevelName {
  if (o.level <= 0) return "error";
  if (o.level === 1) return "warn";
  return o.level >= 4 ? "debug" : "info";
}

const message = (o: LogObject) =>
  o.args.map((a) => (typeof a === "string" ? a : a instanceof Error ? (a.stack ?? a.message) : inspect(a))).join(" ");

export const jsonLine = (o: LogObject) => JSON.stringify({ ts: o.date.toISOString(), level: levelName(o), tag: o.tag, msg: message(o) });

export const plainLine = (o: LogObject) =>
  `${o.date.toISOString()} ${levelName(o).toUpperCase().padEnd(5)} ${o.tag ? `[${o.tag}] ` : ""}${message(o)}`;

/** The line for a connection that failed in TLS (or failed where TLS is the likely cause), else undefined. */
function tlsTrouble(message: string): string | undefined {
  const last = /Last error: (?:Error: )?(.*?)(?: \(\d{4}-[^)]*\))?\.?$/.exec(message)?.[1];
  if (last === undefined || /ECONNREFUSED/.test(last)) return undefined;
  const hint = "check --tls-ca, --tls-cert and --tls-key against the master's --tls-cert and --tls-client-ca";
  if (/certificate|SSL|TLS|handshake|altnames|self.signed/i.test(last)) {
    const reason = last.replace(/^error:[0-9a-f]+:SSL routines:[A-Za-z_]*:/, "").toLowerCase().replaceAll("_", " ");
    return `cannot reach the master over TLS (${reason}); ${hint}`;
  }
  if (/^Failed to connect$/.test(last)) {
    return `cannot reach the master: the connection was closed while being set up (a plaintext client against a TLS master, or a client certificate it refused?); ${hint}`;
  }
  return undefined;
}

/** The one line printed for an error that ends the CLI. */
export function describeError(e: unknown): { line: string; exitCode: number } {
  if (e instanceof CliError) return { line: e.message, exitCode: e.exitCode };
  // citty's own usage errors (missing argument, unknown command).
  if (e instanceof Error && e.name === "CLIError") return { line: `${e.message} (see --help)`, exitCode: 2 };
  if (e instanceof DomainError) return { line: e.message, exitCode: 1 };
  if (e instanceof Error && e.name === "RpcError") {
    const code = (e as Error & { codeName?: string }).codeName;
    if (code === "UNAVAILABLE") {
      const tls = tlsTrouble(e.message);
      if (tls !== undefined) return { line: tls, exitCode: 1 };
    }
    if (code === "UNAVAILABLE" && /ECONNREFUSED|No connection established/.test(e.message)) {
      return { line: "cannot reach the master (connection refused); is `falconq master` running there? (--master)", exitCode: 1 };
    }
    return { line: `${code}: ${e.message}`, exitCode: 1 };
  }
  if (e instanceof Error) {
    const line = process.env.FALCONQ_DEBUG ? (e.stack ?? e.message) : e.message;
    return { line, exitCode: 1 };
  }
  return { line: String(e), exitCode: 1 };
}
