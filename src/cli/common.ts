// Helpers shared by the CLI commands: errors that print as one line, flag
// parsing for durations and sizes, loggers and the version.

import { type ConsolaInstance, createConsola } from "consola";
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

/** "250ms", "5s", "2m", "1h", "1d", or a bare number of milliseconds. */
export function parseDuration(flag: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  if (m === null) throw usage(`--${flag} "${value}" is not a duration (examples: 500ms, 5s, 2m, 1h)`);
  return Math.round(Number(m[1]) * (units[m[2] ?? "ms"] as number));
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
  if (/^\d+$/.test(value)) return `127.0.0.1:${value}`;
  if (!/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d+$/.test(value)) {
    throw usage(`--${flag} "${value}" must be host:port (example: 127.0.0.1:50051)`);
  }
  return value;
}

export const masterArg = {
  type: "string",
  description: "master address host:port",
  default: process.env.FALCONQ_MASTER ?? "127.0.0.1:50051",
} as const;

export function logger(tag: string): ConsolaInstance {
  const level = process.env.FALCONQ_LOG === "debug" ? 4 : process.env.FALCONQ_LOG === "quiet" ? 1 : 3;
  return createConsola({ level, stderr: process.stderr, stdout: process.stderr }).withTag(tag);
}

/** The one line printed for an error that ends the CLI. */
export function describeError(e: unknown): { line: string; exitCode: number } {
  if (e instanceof CliError) return { line: e.message, exitCode: e.exitCode };
  // citty's own usage errors (missing argument, unknown command).
  if (e instanceof Error && e.name === "CLIError") return { line: `${e.message} (see --help)`, exitCode: 2 };
  if (e instanceof DomainError) return { line: e.message, exitCode: 1 };
  if (e instanceof Error && e.name === "RpcError") {
    const code = (e as Error & { codeName?: string }).codeName;
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
