// Starting the master from the CLI: gRPC's own log lines go to our logger at
// debug (unless GRPC_VERBOSITY asks for them), and a failed listen becomes
// one line that says what to do, without gRPC's wording.

import * as grpc from "@grpc/grpc-js";
import type { ConsolaInstance } from "consola";
import { type MasterConfig, type RunningMaster, startMaster } from "../server/master.ts";
import { CliError } from "./common.ts";

const reasons: [RegExp, string][] = [
  [/EADDRINUSE/, "the port is in use (is another master running?)"],
  [/EACCES/, "permission denied (ports below 1024 need privileges)"],
  [/EADDRNOTAVAIL/, "no interface of this machine has that address"],
];

/** The one line for a listen failure, or undefined when `e` is some other error. */
export function listenFailure(e: unknown, address: string): CliError | undefined {
  const text = e instanceof Error ? e.message : String(e);
  if (!text.startsWith("cannot listen on")) return undefined;
  const reason = reasons.find(([re]) => re.test(text))?.[1];
  return reason === undefined ? undefined : new CliError(`cannot listen on ${address}: ${reason}`);
}

export async function listen(cfg: MasterConfig, log: ConsolaInstance): Promise<RunningMaster> {
  if (!process.env.GRPC_VERBOSITY && !process.env.GRPC_NODE_VERBOSITY) {
    const debug = (...args: unknown[]) => log.debug(`grpc: ${args.join(" ")}`);
    grpc.setLogger({ error: debug, info: debug, debug } as unknown as Console);
  }
  try {
    return await startMaster(cfg);
  } catch (e) {
    // A certificate, key or CA file that is missing or unusable: its one line names the file.
    if (e instanceof Error && /^TLS /.test(e.message)) throw new CliError(e.message);
    const http = e instanceof Error && e.message.includes("(HTTP)");
    throw listenFailure(e, http ? `${cfg.host}:${cfg.httpPort} (--http-port)` : `${cfg.host}:${cfg.port}`) ?? e;
  }
}

/** The start-up line's mention of the HTTP port: " (gRPC), HTTP on :8080" or "" when it is off. */
export function httpPart(httpPort: number | undefined): string {
  return httpPort === undefined ? " (gRPC), HTTP off" : ` (gRPC), HTTP on port ${httpPort}`;
}
