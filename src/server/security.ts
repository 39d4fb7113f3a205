// Secure by default: which binds need TLS and authentication, and the
// bootstrap admin token file. A master on loopback without credentials stays
// easy for development; any other address needs TLS and a way to
// authenticate (an admin token file or client certificates), or an explicit
// --insecure that is logged on every start.

import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import type { Logger } from "../core/log.ts";
import { adminFileTokenId, isLoopback, newToken, parseToken, sha256 } from "../master/auth.ts";

export { isLoopback };

export interface ExposureInput {
  host: string;
  /** The master serves TLS. */
  tls: boolean;
  /** Callers must authenticate (admin token file or client CA). */
  authRequired: boolean;
  insecure: boolean;
}

/** Throws one line naming what to add when a non-loopback bind lacks TLS or authentication; warns under --insecure. */
export function checkExposure(e: ExposureInput, log: Logger): void {
  if (isLoopback(e.host)) return;
  const missing = [
    e.tls ? undefined : "TLS (--tls-cert and --tls-key)",
    e.authRequired ? undefined : "authentication (--admin-token-file, or --tls-client-ca with --tls-client-auth require)",
  ].filter((x) => x !== undefined);
  if (missing.length === 0) return;
  if (e.insecure) {
    log.warn(`--insecure: listening on ${e.host} without ${missing.join(" and ")}; anyone who can reach this port can read, submit and run jobs`);
    return;
  }
  throw new Error(`refusing to listen on ${e.host} without ${missing.join(" and ")}; add them, or pass --insecure to accept the risk`);
}

/** Creates the admin token file (0600) when missing; returns the SHA-256 of its secret. */
export function loadAdminToken(path: string, log: Logger): Uint8Array {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`cannot read --admin-token-file ${path}: ${(e as Error).message}`);
    const t = newToken(adminFileTokenId);
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o600);
    } catch (err) {
      throw new Error(`cannot create --admin-token-file ${path}: ${(err as Error).message}`);
    }
    try {
      writeSync(fd, `${t.token}\n`);
    } finally {
      closeSync(fd);
    }
    chmodSync(path, 0o600); // in case the umask took bits away from 0600
    log.info(`wrote a new admin token to ${path} (mode 0600); clients use it with --token-file ${path}`);
    return t.hash;
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(`--admin-token-file ${path} is readable by others (mode ${mode.toString(8).padStart(4, "0")}); chmod 600 it`);
  }
  const parsed = parseToken(text.trim());
  if (parsed === undefined || parsed.id !== adminFileTokenId) {
    throw new Error(`--admin-token-file ${path} does not hold an admin token ("fq_admin_<secret>"); delete it to have a new one written`);
  }
  return sha256(parsed.secret);
}
