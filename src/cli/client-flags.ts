// How client commands (submit, jobs, stats, workers, queues) and `worker`
// reach a master securely: TLS trust and client certificate, and a bearer
// token. Each setting comes from its flag, its FALCONQ_ variable or the TOML
// file named by --config / FALCONQ_CONFIG, like the server settings.

import { readFileSync } from "node:fs";
import type { Client } from "../client/client.ts";
import type { ClientSecurityOptions } from "../rpc/security.ts";
import { CliError, logSettings, masterArg, parseAddress } from "./common.ts";
import { asArgs, loadSettings, type SettingDefs, type Settings } from "./config.ts";

export const clientSecuritySettings = {
  tls: { type: "boolean", description: "connect over TLS, trusting the system's CAs (implied by --tls-ca and --tls-cert)" },
  "tls-ca": { type: "string", valueHint: "FILE", description: "PEM CA bundle that signed the master's certificate (turns on TLS)" },
  "tls-cert": { type: "string", valueHint: "FILE", description: "PEM client certificate for mTLS (with --tls-key)" },
  "tls-key": { type: "string", valueHint: "FILE", description: "PEM private key of --tls-cert" },
  "tls-server-name": { type: "string", valueHint: "NAME", description: "name the master's certificate must carry, when not the --master host" },
  token: { type: "string", description: "bearer token sent with every call (prefer --token-file or the env variable)", secret: true },
  "token-file": { type: "string", valueHint: "FILE", description: "file holding the bearer token (surrounding whitespace ignored)" },
} as const satisfies SettingDefs;

/** Every other command's settings: allowed in a shared config file, ignored by client commands. */
let sharedKeys: string[] | undefined;
async function otherKeys(): Promise<string[]> {
  if (sharedKeys === undefined) {
    const [{ serverSettings, clusterSettings }, { poolSettings, workerSettings }] = await Promise.all([import("./server-flags.ts"), import("./pool-flags.ts")]);
    sharedKeys = [...Object.keys(serverSettings), ...Object.keys(clusterSettings), ...Object.keys(poolSettings), ...Object.keys(workerSettings), ...Object.keys(logSettings)];
  }
  return sharedKeys;
}

/** The flags of every client command: --master, the security settings and --config. */
export const clientArgs = {
  master: masterArg,
  ...asArgs(clientSecuritySettings),
  config: { type: "string", valueHint: "FILE", description: "a TOML file of settings (tls-ca, tls-cert, tls-key, tls-server-name, token, token-file); env FALCONQ_CONFIG" },
} as const;

/** TLS and token options of resolved settings; a file that cannot be read is an error naming its setting. */
export function securityOf(s: Settings): ClientSecurityOptions {
  const out: ClientSecurityOptions = {};
  const token = s.str("token");
  const tokenFile = s.str("token-file");
  if (token !== undefined && tokenFile !== undefined) throw s.bad("token-file", "cannot be given with a token as well");
  if (token !== undefined) out.token = token;
  if (tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(tokenFile, "utf8");
    } catch (e) {
      throw s.bad("token-file", `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    out.token = text.trim();
    if (out.token === "") throw s.bad("token-file", "is empty");
  }
  if (out.token !== undefined && !/^[\x21-\x7e]+$/.test(out.token)) throw s.bad(token !== undefined ? "token" : "token-file", "must be printable ASCII without spaces");
  const ca = s.str("tls-ca");
  const cert = s.str("tls-cert");
  const key = s.str("tls-key");
  const serverName = s.str("tls-server-name");
  if ((cert === undefined) !== (key === undefined)) throw s.bad(cert === undefined ? "tls-key" : "tls-cert", `needs --${cert === undefined ? "tls-cert" : "tls-key"} too`);
  if (!s.bool("tls") && ca === undefined && cert === undefined && serverName === undefined) return out;
  const read = (name: string, file: string | undefined): Buffer | undefined => {
    if (file === undefined) return undefined;
    try {
      return readFileSync(file);
    } catch (e) {
      throw s.bad(name, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  };
  out.tls = {
    ...(ca !== undefined && { ca: read("tls-ca", ca) }),
    ...(cert !== undefined && { cert: read("tls-cert", cert) }),
    ...(key !== undefined && { key: read("tls-key", key) }),
    ...(serverName !== undefined && { serverName }),
  };
  return out;
}

/** The security settings of a client command's parsed args (flag > env > config file). */
export async function clientSecurity(args: Record<string, unknown>): Promise<ClientSecurityOptions> {
  return securityOf(loadSettings("client", clientSecuritySettings, { args, otherKeys: await otherKeys() }));
}

/** Runs fn with a client of the master named by --master (3 s of retries), closing it afterwards. */
export async function withClient<T>(args: { master: string } & Record<string, unknown>, fn: (c: Client) => Promise<T>): Promise<T> {
  const security = await clientSecurity(args);
  // Loaded here, not at the top: every command imports this file, most never talk to a master.
  const { Client } = await import("../client/client.ts");
  const c = new Client({ master: parseAddress("master", args.master), retryDeadlineMs: 3000, ...security });
  try {
    return await fn(c);
  } catch (e) {
    throw e instanceof Error && /^TLS /.test(e.message) ? new CliError(e.message) : e;
  } finally {
    c.close();
  }
}
