// `falconq certs init` makes a private CA, the master's certificate and
// client certificates in one directory; `falconq certs issue` signs another
// client certificate with that CA. Certificates and keys are built in
// certs-x509.ts; this file checks flags and writes the files: the directory
// 0700, every file 0600 from its creation, and nothing overwritten without
// --force. docs/certificates.md has the identity convention and the openssl
// and cert-manager equivalents.

import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { defineCommand } from "citty";
import { CliError, parseIntFlag, parseList, usage } from "./common.ts";
import type { ClientSpec, Ca, KeyPairPem } from "./certs-x509.ts";
import * as certs from "./certs-x509.ts";

const daysMax = 36_500;
const defaultDays = 825;

/** One file to write: its name in the directory and its text. */
interface OutFile {
  name: string;
  text: string;
}

const pair = (base: string, p: KeyPairPem): OutFile[] => [
  { name: `${base}.pem`, text: p.certPem },
  { name: `${base}-key.pem`, text: p.keyPem },
];

/** The directory, created 0700 when missing; refuses a path that is not a directory. */
function ensureDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new CliError(`--dir ${dir} exists and is not a directory`);
    const mode = statSync(dir).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      process.stderr.write(`falconq: warning: ${dir} is mode ${mode.toString(8).padStart(4, "0")}; private keys belong in a directory only you can read (chmod 700 ${dir})\n`);
    }
    return;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Refuses, before anything is generated, when one of the files exists and --force is not given. */
function checkFree(dir: string, names: string[], force: boolean): void {
  if (force) return;
  for (const n of names) {
    const path = join(dir, n);
    if (existsSync(path)) throw new CliError(`${path} exists; not overwriting it (--force replaces it)`);
  }
}

/**
 * Writes each file 0600 from its creation: into a temporary file opened with
 * O_EXCL and that mode, then moved into place, by link (fails if the name
 * appeared meanwhile) or, with --force, by rename (replaces it).
 */
function writeFiles(dir: string, files: OutFile[], force: boolean): string[] {
  const written: string[] = [];
  for (const f of files) {
    const path = join(dir, f.name);
    const tmp = join(dir, `.${f.name}.${process.pid}.tmp`);
    const fd = openSync(tmp, "wx", 0o600);
    try {
      writeSync(fd, f.text);
    } finally {
      closeSync(fd);
    }
    try {
      if (force) renameSync(tmp, path);
      else linkSync(tmp, path);
    } catch (e) {
      throw (e as NodeJS.ErrnoException).code === "EEXIST" ? new CliError(`${path} exists; not overwriting it (--force replaces it)`) : e;
    } finally {
      if (!force || existsSync(tmp)) unlinkSync(tmp);
    }
    written.push(path);
  }
  return written;
}

function parseDays(value: string | undefined): number {
  return parseIntFlag("days", value, 1, daysMax) ?? defaultDays;
}

function readCa(dir: string): Promise<Ca> {
  const certPath = join(dir, "ca.pem");
  const keyPath = join(dir, "ca-key.pem");
  let certPem: string;
  let keyPem: string;
  try {
    certPem = readFileSync(certPath, "utf8");
    keyPem = readFileSync(keyPath, "utf8");
  } catch (e) {
    throw new CliError(`cannot read the CA in ${dir}: ${(e as Error).message} (falconq certs init makes one)`);
  }
  return certs.loadCa(certPem, keyPem).catch((e: Error) => {
    throw new CliError(`${certPath} / ${keyPath}: ${e.message}`);
  });
}

function clientFlags(dir: string, name: string): string {
  return `--tls-ca ${join(dir, "ca.pem")} --tls-cert ${join(dir, `${name}.pem`)} --tls-key ${join(dir, `${name}-key.pem`)}`;
}

const describeClient = (c: ClientSpec) => `${c.name} (${c.role}, ${c.queues.length === 0 ? "every queue" : `queues ${c.queues.join(",")}`})`;

const dirArg = { type: "string", description: "directory of the CA and the certificates", valueHint: "DIR" } as const;
const daysArg = { type: "string", description: "days the certificates are valid", default: String(defaultDays) } as const;

function requireDir(dir: string | undefined): string {
  if (dir === undefined || dir === "") throw usage("--dir is required: the directory of the CA and the certificates");
  return dir;
}

const init = defineCommand({
  meta: { name: "init", description: "Make a private CA, the master's certificate and client certificates" },
  args: {
    dir: dirArg,
    hosts: { type: "string", description: "the master's host names and IP addresses, comma-separated (its certificate's SAN)" },
    clients: { type: "string", description: "client certificates to make: NAME or NAME:ROLE, comma-separated (no role: worker)" },
    days: daysArg,
    force: { type: "boolean", description: "overwrite files that exist" },
  },
  async run({ args }) {
    const dir = requireDir(args.dir);
    if (args.hosts === undefined) throw usage("--hosts is required: the master's host names and IP addresses (example: --hosts localhost,127.0.0.1,::1)");
    const hosts = certs.parseHosts("--hosts", parseList(args.hosts));
    const clients = parseList(args.clients).map((s) => certs.parseClientSpec("--clients", s));
    const seen = new Set<string>();
    for (const c of clients) {
      if (seen.has(c.name)) throw usage(`--clients names ${c.name} twice`);
      seen.add(c.name);
    }
    const days = parseDays(args.days);
    const force = args.force === true;
    const names = ["ca", "server", ...clients.map((c) => c.name)].flatMap((b) => [`${b}.pem`, `${b}-key.pem`]);
    ensureDir(dir);
    checkFree(dir, names, force);

    const now = new Date();
    const ca = await certs.createCa(days, now);
    const files: OutFile[] = [...pair("ca", ca), ...pair("server", await certs.createServerCert(ca, hosts, days, now))];
    for (const c of clients) files.push(...pair(c.name, await certs.createClientCert(ca, c, days, now)));
    const written = writeFiles(dir, files, force);

    console.log(`wrote ${written.join(", ")}`);
    console.log(`CA: ${ca.cert.subject}, valid until ${ca.cert.notAfter.toISOString()}; keep ${join(dir, "ca-key.pem")} secret`);
    console.log(`master (${[...hosts.dns, ...hosts.ips].join(", ")}, valid ${days} days):`);
    console.log(`  falconq master --tls-cert ${join(dir, "server.pem")} --tls-key ${join(dir, "server-key.pem")} --tls-client-ca ${join(dir, "ca.pem")}`);
    for (const c of clients) {
      console.log(`client ${describeClient(c)}:`);
      console.log(`  ${clientFlags(dir, c.name)}`);
    }
    console.log(`more clients: falconq certs issue NAME --dir ${dir} --role ROLE [--queues PATTERNS]`);
  },
});

const issue = defineCommand({
  meta: { name: "issue", description: "Sign another client certificate with the CA made by certs init" },
  args: {
    name: { type: "positional", description: "the client's name (the certificate's CN; files NAME.pem and NAME-key.pem)", required: true },
    dir: dirArg,
    role: { type: "string", description: "producer | worker | viewer | admin", valueHint: "ROLE" },
    queues: { type: "string", description: "queue patterns it may use, comma-separated: a name, a prefix ending in *, or * (default: every queue)" },
    days: daysArg,
    force: { type: "boolean", description: "overwrite NAME.pem and NAME-key.pem if they exist" },
  },
  async run({ args }) {
    const dir = requireDir(args.dir);
    const name = certs.checkClientName("NAME", args.name);
    if (args.role === undefined || args.role === "") throw usage(`--role is required: one of producer, worker, viewer, admin`);
    const client: ClientSpec = {
      name,
      role: certs.checkRole("--role", args.role),
      queues: certs.parseQueuePatterns("--queues", parseList(args.queues)),
    };
    const days = parseDays(args.days);
    const force = args.force === true;
    checkFree(dir, [`${name}.pem`, `${name}-key.pem`], force);
    const ca = await readCa(dir);
    const now = new Date();
    const p = await certs.createClientCert(ca, client, days, now);
    const written = writeFiles(dir, pair(name, p), force);
    console.log(`wrote ${written.join(", ")}`);
    const clipped = p.cert.notAfter.getTime() < now.getTime() + days * 86_400_000 - 1000;
    console.log(`client ${describeClient(client)}, valid until ${p.cert.notAfter.toISOString()}${clipped ? " (the CA's own end)" : ""}:`);
    console.log(`  ${clientFlags(dir, name)}`);
  },
});

export default defineCommand({
  meta: { name: "certs", description: "Make a private CA and TLS certificates for a master and its clients" },
  subCommands: { init, issue },
});
