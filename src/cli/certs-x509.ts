// Certificates for `falconq certs`: a private CA, the master's server
// certificate and client certificates carrying a FalconQueue identity, built
// with @peculiar/x509 over WebCrypto (globalThis.crypto). Keys are ECDSA
// P-256, written as PKCS#8 PEM. No file I/O here; src/cli/certs.ts writes.
//
// The identity in a client certificate (the master's authorizer reads it):
//   subject  OU=<role>, CN=<name>   one OU, role one of core/auth.ts `roles`
//   SAN      URI urn:falconq:queue:<pattern>, one per queue pattern; none = every queue

import type * as X509 from "@peculiar/x509";
import { isIP } from "node:net";
import { isRole, type Role, roles, tokenQueuePatternsMax } from "../core/auth.ts";
import { defaultLimits } from "../core/config.ts";
import { usage } from "./common.ts";

// tsyringe, a dependency of @peculiar/x509, throws when it loads without a
// Reflect metadata polyfill. Static imports did not guarantee the polyfill ran
// first (Bun sometimes evaluated tsyringe before it, from source and in the
// compiled binary), so both are loaded here in sequence.
await import("reflect-metadata");
const x509: typeof X509 = await import("@peculiar/x509");
x509.cryptoProvider.set(globalThis.crypto);

export const queueUriPrefix = "urn:falconq:queue:";
export const nameBytesMax = 128;
const keyAlgorithm = { name: "ECDSA", namedCurve: "P-256" } as const;
const signingAlgorithm = { name: "ECDSA", hash: "SHA-256" } as const;
/** Certificates start 5 minutes in the past, for clocks a little behind. */
const backdateMs = 5 * 60_000;
const dayMs = 86_400_000;
/** A CA outlives its certificates: at least this long, or --days if longer. */
export const caDaysMin = 3650;

export interface KeyPairPem {
  cert: X509.X509Certificate;
  certPem: string;
  keyPem: string;
}

export interface Ca {
  cert: X509.X509Certificate;
  key: CryptoKey;
}

/** A client as `--clients` names it: `name` or `name:role`. */
export interface ClientSpec {
  name: string;
  role: Role;
  queues: string[];
}

// ---- validation: every mistake is a usage error naming the flag ----

/** 1..128 printable ASCII bytes, no comma, equals sign or backslash, no space at either end; also a file name. */
export function checkClientName(flag: string, name: string): string {
  const what = `${flag} ${JSON.stringify(name)}`;
  if (name.length === 0 || name.length > nameBytesMax) throw usage(`${what}: a client name is 1 to ${nameBytesMax} bytes`);
  if (!/^[\x20-\x7e]+$/.test(name)) throw usage(`${what}: a client name holds only printable ASCII characters`);
  if (/[,=\\]/.test(name)) throw usage(`${what}: a client name may not hold a comma, an equals sign or a backslash`);
  if (name.trim() !== name) throw usage(`${what}: a client name may not start or end with a space`);
  // NAME.pem and NAME-key.pem are written in --dir.
  if (name.includes("/") || name === "." || name === ".." || name.startsWith("-")) {
    throw usage(`${what}: a client name is also a file name: no "/", not "." or "..", no leading "-"`);
  }
  if (["ca", "ca-key", "server", "server-key"].includes(name)) throw usage(`${what}: ${name}.pem is the CA's or the master's file; pick another name`);
  return name;
}

export function checkRole(flag: string, role: string): Role {
  if (!isRole(role)) throw usage(`${flag} "${role}" is not a role; roles: ${roles.join(", ")}`);
  return role;
}

const queueNamePattern = /^[A-Za-z0-9_.:\-/]+$/; // the characters core/validate.ts allows in a queue name

/** A queue name, a prefix ending in one `*`, or `*`: the same rule as a token's --queues. */
export function checkQueuePattern(flag: string, pattern: string): string {
  const max = defaultLimits.queueBytesMax;
  const base = pattern === "*" ? "" : pattern.endsWith("*") ? pattern.slice(0, -1) : pattern;
  const ok = pattern === "*" || (base.length > 0 && base.length <= max && queueNamePattern.test(base));
  if (!ok) {
    throw usage(
      `${flag} ${JSON.stringify(pattern)} is not a queue pattern: a queue name (letters, digits, _ . : - /, at most ${max} bytes), a prefix ending in one "*" (mail.*), or "*"`,
    );
  }
  return pattern;
}

export function parseQueuePatterns(flag: string, list: string[]): string[] {
  const out = [...new Set(list.map((p) => checkQueuePattern(flag, p)))];
  if (out.length > tokenQueuePatternsMax) throw usage(`${flag} holds ${out.length} patterns; at most ${tokenQueuePatternsMax}`);
  return out;
}

/** `name` (a worker) or `name:role`; the role is after the last colon. */
export function parseClientSpec(flag: string, spec: string): ClientSpec {
  const colon = spec.lastIndexOf(":");
  if (colon === -1) return { name: checkClientName(flag, spec), role: "worker", queues: [] };
  const role = spec.slice(colon + 1);
  if (!isRole(role)) throw usage(`${flag} "${spec}": "${role}" after the colon is not a role; write NAME or NAME:ROLE with a role of ${roles.join(", ")}`);
  return { name: checkClientName(flag, spec.slice(0, colon)), role, queues: [] };
}

export interface Hosts {
  dns: string[];
  ips: string[];
}

const dnsPattern = /^(\*\.)?[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*$/;

/** Host names and IP addresses (v4 or v6, without brackets) for the master's SAN. */
export function parseHosts(flag: string, list: string[]): Hosts {
  if (list.length === 0) throw usage(`${flag} needs at least one host name or IP address (example: ${flag} localhost,127.0.0.1,::1)`);
  const hosts: Hosts = { dns: [], ips: [] };
  for (const h of list) {
    const bare = h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
    if (isIP(bare) !== 0) hosts.ips.push(bare);
    else if (h.length <= 253 && dnsPattern.test(h)) hosts.dns.push(h.toLowerCase());
    else throw usage(`${flag} "${h}" is neither a host name nor an IP address`);
  }
  hosts.dns = [...new Set(hosts.dns)];
  hosts.ips = [...new Set(hosts.ips)];
  return hosts;
}

// ---- certificates ----

/** 16 random bytes, positive and without a leading zero byte (RFC 5280: at most 20 octets). */
function serialNumber(): string {
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  b[0] = ((b[0] as number) & 0x7f) | 0x40;
  return Buffer.from(b).toString("hex");
}

const generateKeys = () => globalThis.crypto.subtle.generateKey(keyAlgorithm, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await globalThis.crypto.subtle.exportKey("pkcs8", key);
  return `${x509.PemConverter.encode(der, "PRIVATE KEY")}\n`;
}

function validity(now: Date, days: number, notAfterMax?: Date): { notBefore: Date; notAfter: Date } {
  const notAfter = new Date(now.getTime() + days * dayMs);
  return {
    notBefore: new Date(now.getTime() - backdateMs),
    notAfter: notAfterMax !== undefined && notAfter > notAfterMax ? notAfterMax : notAfter,
  };
}

async function finish(cert: X509.X509Certificate, key: CryptoKey): Promise<KeyPairPem> {
  return { cert, certPem: `${cert.toString("pem")}\n`, keyPem: await keyPem(key) };
}

/** A self-signed CA that may sign leaf certificates only (path length 0). */
export async function createCa(days: number, now = new Date()): Promise<KeyPairPem & Ca> {
  const keys = await generateKeys();
  const tag = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(4))).toString("hex");
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: new x509.Name([{ O: [{ utf8String: "FalconQueue" }] }, { CN: [{ utf8String: `FalconQueue CA ${tag}` }] }]),
    keys,
    signingAlgorithm,
    ...validity(now, Math.max(days, caDaysMin)),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { ...(await finish(cert, keys.privateKey)), key: keys.privateKey };
}

async function issue(
  ca: Ca,
  subject: X509.Name,
  days: number,
  now: Date,
  extensions: X509.Extension[],
): Promise<KeyPairPem> {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject,
    issuer: ca.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm,
    ...validity(now, days, ca.cert.notAfter),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      ...extensions,
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
    ],
  });
  return finish(cert, keys.privateKey);
}

/**
 * The master's certificate: CN = the first host, SAN DNS and IP entries, EKU
 * serverAuth and clientAuth (cluster members present it to each other when
 * client certificates are required).
 */
export function createServerCert(ca: Ca, hosts: Hosts, days: number, now = new Date()): Promise<KeyPairPem> {
  const cn = hosts.dns[0] ?? hosts.ips[0] ?? "falconq master";
  const san: X509.JsonGeneralName[] = [
    ...hosts.dns.map((value) => ({ type: "dns" as const, value })),
    ...hosts.ips.map((value) => ({ type: "ip" as const, value })),
  ];
  return issue(ca, new x509.Name([{ CN: [{ utf8String: cn }] }]), days, now, [
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth], false),
    new x509.SubjectAlternativeNameExtension(san, false),
  ]);
}

/** A client certificate: OU=<role>, CN=<name>, one SAN URI per queue pattern, EKU clientAuth. */
export function createClientCert(ca: Ca, client: ClientSpec, days: number, now = new Date()): Promise<KeyPairPem> {
  const extensions: X509.Extension[] = [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false)];
  if (client.queues.length > 0) {
    const uris = client.queues.map((p) => ({ type: "url" as const, value: `${queueUriPrefix}${p}` }));
    extensions.push(new x509.SubjectAlternativeNameExtension(uris, false));
  }
  return issue(ca, new x509.Name([{ OU: [{ utf8String: client.role }] }, { CN: [{ utf8String: client.name }] }]), days, now, extensions);
}

/** The CA of `falconq certs init`, from its two PEM files; refuses a key that is not the certificate's. */
export async function loadCa(certPem: string, keyPemText: string): Promise<Ca> {
  let cert: X509.X509Certificate;
  try {
    cert = new x509.X509Certificate(certPem);
  } catch (e) {
    throw new Error(`not a PEM certificate: ${(e as Error).message}`);
  }
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  if (basic?.ca !== true) throw new Error("the certificate is not a CA (no basicConstraints CA:TRUE)");
  let key: CryptoKey;
  try {
    const der = x509.PemConverter.decodeFirst(keyPemText);
    key = await globalThis.crypto.subtle.importKey("pkcs8", der, keyAlgorithm, true, ["sign"]);
  } catch (e) {
    throw new Error(`the key is not a PKCS#8 ECDSA P-256 private key: ${(e as Error).message}`);
  }
  // The private JWK carries the public point: compare it with the certificate's.
  const priv = await globalThis.crypto.subtle.exportKey("jwk", key);
  const pub = await globalThis.crypto.subtle.exportKey("jwk", await cert.publicKey.export(keyAlgorithm, ["verify"]));
  if (priv.x !== pub.x || priv.y !== pub.y) throw new Error("the key does not belong to the CA certificate");
  return { cert, key };
}
