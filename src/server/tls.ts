// TLS for the master's gRPC port: server credentials whose certificate, key
// and client CA are re-read from disk when they change, so a renewed
// certificate is served to new connections without a restart. Client
// certificates are not asked for ("none"), asked for and verified when given
// ("optional"), or required ("require").
//
// Two things about @grpc/grpc-js 1.14 this file relies on:
// - ServerCredentials.createSsl(..., false) never requests a client
//   certificate, so optional mTLS goes through
//   experimental.createCertificateProviderServerCredentials. Its exported
//   type names the parameters (caProvider, identityProvider) but the code
//   uses the FIRST as the identity (server certificate) provider and the
//   second as the CA provider; we pass them in the order the code uses.
// - The credentials subscribe to the provider before they register the
//   server's watcher, so a provider that calls its listener synchronously is
//   not heard and the server keeps no TLS context (every handshake fails).
//   Listeners here are always called from a later macrotask.

import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { createSecureContext } from "node:tls";
import * as grpc from "@grpc/grpc-js";
import type { Logger } from "../core/log.ts";
import { quote } from "../core/text.ts";

export const clientAuthModes = ["none", "optional", "require"] as const;
export type ClientAuth = (typeof clientAuthModes)[number];

export interface TlsServerOptions {
  /** PEM certificate (chain) the master presents. */
  certFile: string;
  /** PEM private key of certFile. */
  keyFile: string;
  /** PEM CA bundle client certificates must chain to; needed unless clientAuth is "none". */
  clientCaFile?: string;
  /** Default "none" (no client certificate asked for); "optional" and "require" need clientCaFile. */
  clientAuth?: ClientAuth;
  /** How often the files are checked for changes (mtime, size, inode); default 5000 ms. */
  reloadIntervalMs?: number;
}

interface Material {
  cert: Buffer;
  key: Buffer;
  ca: Buffer | undefined;
}

type Stamp = string;

export function stamp(file: string): Stamp {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch (e) {
    return `error:${(e as NodeJS.ErrnoException).code ?? "?"}`;
  }
}

function readPem(what: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(`${what} ${quote(file)}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Reads and checks the files; the error names the file at fault and never carries key material. */
export function loadTlsMaterial(o: TlsServerOptions): Material {
  const cert = readPem("TLS certificate", o.certFile);
  const key = readPem("TLS key", o.keyFile);
  const ca = o.clientCaFile === undefined ? undefined : readPem("TLS client CA", o.clientCaFile);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new Error(`TLS certificate ${quote(o.certFile)}: not a PEM certificate`);
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new Error(`TLS key ${quote(o.keyFile)}: not a PEM private key (an encrypted key is not supported)`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new Error(`TLS key ${quote(o.keyFile)}: does not belong to the certificate in ${quote(o.certFile)}`);
  }
  if (ca !== undefined && o.clientCaFile !== undefined) {
    try {
      new X509Certificate(ca);
    } catch {
      throw new Error(`TLS client CA ${quote(o.clientCaFile)}: not a PEM certificate`);
    }
  }
  try {
    createSecureContext({ cert, key, ...(ca && { ca }) });
  } catch (e) {
    throw new Error(`TLS certificate ${quote(o.certFile)} and key ${quote(o.keyFile)}: unusable (${(e as Error).message})`);
  }
  return { cert, key, ca };
}

/** Checks the options' shape (not the files). */
export function checkTlsOptions(o: TlsServerOptions): void {
  const auth = o.clientAuth ?? "none";
  if (!clientAuthModes.includes(auth)) throw new Error(`TLS client auth must be none, optional or require, got ${quote(String(auth))}`);
  if (auth !== "none" && o.clientCaFile === undefined) throw new Error(`TLS client auth "${auth}" needs a client CA file`);
}

type IdentityListener = grpc.experimental.IdentityCertificateUpdateListener;
type CaListener = grpc.experimental.CaCertificateUpdateListener;

/**
 * A grpc-js certificate provider over three files. It polls their stamps
 * while anyone listens; a change that loads cleanly replaces the material, a
 * change that does not keeps the old one and logs a warning once per change.
 */
export class ReloadingCertificateProvider implements grpc.experimental.CertificateProvider {
  private material: Material;
  private stamps: Stamp[];
  private readonly identityListeners = new Set<IdentityListener>();
  private readonly caListeners = new Set<CaListener>();
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Stamps of the last change that failed to load, so it is warned about once. */
  private failedStamps = "";
  /** Times the material was replaced (for tests and logs). */
  reloads = 0;
  private markDelivered: () => void = () => {};
  /** Resolves once an identity listener (the server) has been handed the certificate: handshakes work from then on. */
  readonly delivered = new Promise<void>((r) => (this.markDelivered = r));

  constructor(
    private readonly o: TlsServerOptions,
    private readonly log: Logger,
  ) {
    this.stamps = this.currentStamps();
    this.material = loadTlsMaterial(o);
  }

  private files(): string[] {
    return [this.o.certFile, this.o.keyFile, ...(this.o.clientCaFile === undefined ? [] : [this.o.clientCaFile])];
  }

  private currentStamps(): Stamp[] {
    return this.files().map(stamp);
  }

  /** Re-reads the files if they changed; true when new material is now served. */
  check(): boolean {
    const now = this.currentStamps();
    if (now.every((s, i) => s === this.stamps[i])) return false;
    const key = now.join("|");
    let next: Material;
    try {
      next = loadTlsMaterial(this.o);
    } catch (e) {
      // A renewal written file by file passes through states where cert and key do not match: warn once, retry next tick.
      if (key !== this.failedStamps) this.log.warn(`TLS reload failed, still serving the previous certificate: ${(e as Error).message}`);
      this.failedStamps = key;
      return false;
    }
    this.stamps = now;
    this.failedStamps = "";
    const caChanged = !buffersEqual(next.ca, this.material.ca);
    const idChanged = !next.cert.equals(this.material.cert) || !next.key.equals(this.material.key);
    this.material = next;
    if (!caChanged && !idChanged) return false;
    this.reloads++;
    this.log.info(`TLS ${idChanged ? "certificate" : "client CA"} reloaded from ${quote(idChanged ? this.o.certFile : (this.o.clientCaFile ?? ""))}`);
    if (idChanged) for (const l of this.identityListeners) this.emitIdentity(l);
    if (caChanged) for (const l of this.caListeners) this.emitCa(l);
    return true;
  }

  private emitIdentity(l: IdentityListener): void {
    const { cert, key } = this.material;
    // Never synchronously: see the note at the top of the file.
    setImmediate(() => {
      if (!this.identityListeners.has(l)) return;
      l({ certificate: cert, privateKey: key });
      this.markDelivered();
    });
  }

  private emitCa(l: CaListener): void {
    const ca = this.material.ca;
    setImmediate(() => {
      if (this.caListeners.has(l)) l(ca === undefined ? null : { caCertificate: ca });
    });
  }

  private watch(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.check(), this.o.reloadIntervalMs ?? 5000);
    this.timer.unref?.();
  }

  private unwatch(): void {
    if (this.identityListeners.size > 0 || this.caListeners.size > 0 || this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  addCaCertificateListener(l: CaListener): void {
    this.caListeners.add(l);
    this.watch();
    this.emitCa(l);
  }

  removeCaCertificateListener(l: CaListener): void {
    this.caListeners.delete(l);
    this.unwatch();
  }

  addIdentityCertificateListener(l: IdentityListener): void {
    this.identityListeners.add(l);
    this.watch();
    this.emitIdentity(l);
  }

  removeIdentityCertificateListener(l: IdentityListener): void {
    this.identityListeners.delete(l);
    this.unwatch();
  }

  /** Stops polling (the server's close removes its listeners too). */
  close(): void {
    this.identityListeners.clear();
    this.caListeners.clear();
    this.unwatch();
  }
}

function buffersEqual(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

export interface TlsServerCredentials {
  credentials: grpc.ServerCredentials;
  provider: ReloadingCertificateProvider;
}

/**
 * Server credentials over the files of `o`. Throws a one-line error naming
 * the file when one is missing or unusable at start.
 */
export function tlsServerCredentials(o: TlsServerOptions, log: Logger): TlsServerCredentials {
  checkTlsOptions(o);
  const auth = o.clientAuth ?? "none";
  const provider = new ReloadingCertificateProvider(o, log);
  // The exported type calls the first parameter the CA provider; grpc-js uses it as the identity provider.
  const create = grpc.experimental.createCertificateProviderServerCredentials as (
    identity: grpc.experimental.CertificateProvider,
    ca: grpc.experimental.CertificateProvider | null,
    requireClientCertificate: boolean,
  ) => grpc.ServerCredentials;
  const credentials = create(provider, auth === "none" ? null : provider, auth === "require");
  return { credentials, provider };
}

/** The verified client certificate's identity, as a handler sees it. */
export interface PeerCertificate {
  /** Subject common name ("" when absent). */
  commonName: string;
  /** Subject organisational units. */
  organizationalUnits: string[];
  /** URI subject alternative names (e.g. spiffe://…). */
  uris: string[];
  /** DNS subject alternative names. */
  dnsNames: string[];
  /** SHA-256 fingerprint, colon-separated hex as Node prints it. */
  fingerprint256: string;
}

interface AuthContextLike {
  transportSecurityType?: string;
  sslPeerCertificate?: {
    subject?: Record<string, string | string[] | undefined>;
    subjectaltname?: string;
    fingerprint256?: string;
  };
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The names of one kind ("URI", "DNS") in a subjectaltname string: `DNS:a, URI:spiffe://x, URI:"quoted, escaped"`. */
export function altNames(san: string | undefined, kind: string): string[] {
  if (!san) return [];
  const out: string[] = [];
  const re = /(?:^|,\s*)([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)/g;
  for (let m = re.exec(san); m !== null; m = re.exec(san)) {
    if (m[1] !== kind) continue;
    const v = m[2] as string;
    if (v.startsWith('"')) {
      try {
        out.push(JSON.parse(v) as string);
      } catch {
        out.push(v.slice(1, -1));
      }
    } else out.push(v.trim());
  }
  return out;
}

/**
 * The client certificate the TLS layer verified for this call, or undefined
 * on plaintext, without a client certificate, or with one that did not
 * verify (grpc-js reports only authorized peers).
 */
export function peerCertificate(call: { getAuthContext?: () => unknown }): PeerCertificate | undefined {
  const ctx = call.getAuthContext?.() as AuthContextLike | undefined;
  const cert = ctx?.sslPeerCertificate;
  if (ctx?.transportSecurityType !== "ssl" || cert === undefined || cert.subject === undefined) return undefined;
  return {
    commonName: list(cert.subject.CN)[0] ?? "",
    organizationalUnits: list(cert.subject.OU),
    uris: altNames(cert.subjectaltname, "URI"),
    dnsNames: altNames(cert.subjectaltname, "DNS"),
    fingerprint256: cert.fingerprint256 ?? "",
  };
}
