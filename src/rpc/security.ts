// Client-side security settings as the SDK, workers and the CLI take them:
// TLS material as file paths or PEM buffers, and a bearer token. Files are
// read once, when the client is built; an unreadable one is an error naming it.

import { readFileSync } from "node:fs";
import { quote } from "../core/text.ts";
import type { ChannelSecurity } from "./channel.ts";

export interface ClientTlsOptions {
  /** PEM CA bundle that signed the master's certificate; default: the system's roots. */
  caFile?: string;
  /** PEM client certificate (mTLS); needs keyFile/key. */
  certFile?: string;
  /** PEM private key of the client certificate. */
  keyFile?: string;
  /** Like caFile, given as PEM. */
  ca?: Buffer | string;
  cert?: Buffer | string;
  key?: Buffer | string;
  /** The name the master's certificate must carry, when it differs from the address's host. */
  serverName?: string;
}

export interface ClientSecurityOptions {
  /** Connect over TLS (mTLS with a client certificate); plaintext when absent. */
  tls?: ClientTlsOptions;
  /** Sent as `authorization: Bearer <token>` on every call. */
  token?: string;
}

function pem(what: string, file: string | undefined, given: Buffer | string | undefined): Buffer | undefined {
  if (given !== undefined) return Buffer.isBuffer(given) ? given : Buffer.from(given);
  if (file === undefined || file === "") return undefined;
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(`TLS ${what} ${quote(file)}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** The channel's security of these options; throws naming the file that cannot be read. */
export function channelSecurity(o: ClientSecurityOptions): ChannelSecurity {
  const out: ChannelSecurity = {};
  if (o.token !== undefined && o.token !== "") out.token = o.token;
  const t = o.tls;
  if (t === undefined) return out;
  const ca = pem("CA", t.caFile, t.ca);
  const cert = pem("client certificate", t.certFile, t.cert);
  const key = pem("client key", t.keyFile, t.key);
  if ((cert === undefined) !== (key === undefined)) {
    throw new Error(cert === undefined ? "a TLS client key needs its certificate (certFile)" : "a TLS client certificate needs its key (keyFile)");
  }
  out.tls = { ...(ca && { ca }), ...(cert && { cert }), ...(key && { key }), ...(t.serverName && { serverName: t.serverName }) };
  return out;
}
