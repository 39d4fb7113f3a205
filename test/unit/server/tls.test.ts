// The master's TLS credentials on Bun: optional and required client
// certificates, the peer identity a handler sees, start-up errors naming the
// file, and certificates reloaded from disk while serving.

import { afterAll, describe, expect, test } from "bun:test";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:tls";
import * as grpc from "@grpc/grpc-js";
import { channelCredentials } from "../../../src/rpc/channel.ts";
import { altNames, loadTlsMaterial, type PeerCertificate, peerCertificate, type TlsServerOptions, tlsServerCredentials } from "../../../src/server/tls.ts";
import { testPki } from "../../helpers/certs.ts";
import { waitFor } from "../../helpers/wait.ts";

const pki = testPki();
afterAll(() => pki[Symbol.dispose]());

const raw = (b: Buffer) => b;
const def = {
  Who: { path: "/t.T/Who", requestStream: false, responseStream: false, requestSerialize: raw, requestDeserialize: raw, responseSerialize: raw, responseDeserialize: raw },
} as unknown as grpc.ServiceDefinition;

interface Warned {
  warnings: string[];
  infos: string[];
  log: { debug(): void; info(m: string): void; warn(m: string): void; error(m: string): void };
}
function recorder(): Warned {
  const w: Warned = { warnings: [], infos: [], log: { debug() {}, info: (m) => w.infos.push(m), warn: (m) => w.warnings.push(m), error: (m) => w.warnings.push(m) } };
  return w;
}

/** A server with one method answering the caller's peerCertificate() as JSON. */
async function serve(o: TlsServerOptions, log = recorder().log) {
  const { credentials, provider } = tlsServerCredentials(o, log);
  const server = new grpc.Server();
  server.addService(def, {
    Who: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => cb(null, Buffer.from(JSON.stringify(peerCertificate(call) ?? null))),
  });
  const port = await new Promise<number>((r, j) => server.bindAsync("127.0.0.1:0", credentials, (e, p) => (e ? j(e) : r(p))));
  await provider.delivered;
  return { port, provider, [Symbol.dispose]: () => server.forceShutdown() };
}

const rd = (f: string) => readFileSync(f);

/** One Who call with these client settings: the peer seen by the server, or the error. */
async function who(port: number, tls: Parameters<typeof channelCredentials>[1]): Promise<{ peer?: PeerCertificate | null; error?: grpc.ServiceError }> {
  const target = `127.0.0.1:${port}`;
  const { credentials, options } = channelCredentials(target, tls);
  const c = new grpc.Client(target, credentials, options);
  try {
    return await new Promise((resolve) =>
      c.makeUnaryRequest("/t.T/Who", raw, raw, Buffer.alloc(0), { deadline: Date.now() + 5000 }, (e, v) =>
        resolve(e ? { error: e } : { peer: JSON.parse((v as Buffer).toString()) }),
      ),
    );
  } finally {
    c.close();
  }
}

const ca = () => rd(pki.ca);
const client = () => ({ ca: ca(), cert: rd(pki.client.cert), key: rd(pki.client.key) });
const intruder = () => ({ ca: ca(), cert: rd(pki.otherClient.cert), key: rd(pki.otherClient.key) });

describe("client auth", () => {
  test("none: TLS without asking for a client certificate", async () => {
    using s = await serve({ certFile: pki.server.cert, keyFile: pki.server.key });
    expect(await who(s.port, { ca: ca() })).toEqual({ peer: null });
    expect(await who(s.port, client())).toEqual({ peer: null });
  });

  test("optional: the verified client certificate's CN, OU and URI SANs; none or another CA's is anonymous", async () => {
    using s = await serve({ certFile: pki.server.cert, keyFile: pki.server.key, clientCaFile: pki.ca, clientAuth: "optional" });
    expect(await who(s.port, { ca: ca() })).toEqual({ peer: null });
    const { peer } = await who(s.port, client());
    expect(peer).toMatchObject({ commonName: "worker-1", organizationalUnits: ["admin", "batch"], uris: ["spiffe://falconq.test/worker/1"], dnsNames: [] });
    expect(peer?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // Not refused under optional, but not an identity either: grpc-js reports only authorized peers.
    expect(await who(s.port, intruder())).toEqual({ peer: null });
  });

  test("require: no client certificate, or one from another CA, is refused", async () => {
    using s = await serve({ certFile: pki.server.cert, keyFile: pki.server.key, clientCaFile: pki.ca, clientAuth: "require" });
    expect((await who(s.port, { ca: ca() })).error?.code).toBe(grpc.status.UNAVAILABLE);
    expect((await who(s.port, intruder())).error?.code).toBe(grpc.status.UNAVAILABLE);
    expect((await who(s.port, client())).peer?.commonName).toBe("worker-1");
  });

  test("a client that does not trust the server's CA, or speaks plaintext, fails with UNAVAILABLE", async () => {
    using s = await serve({ certFile: pki.server.cert, keyFile: pki.server.key });
    const wrongCa = await who(s.port, { ca: rd(pki.otherCa) });
    expect(wrongCa.error?.code).toBe(grpc.status.UNAVAILABLE);
    expect(wrongCa.error?.details).toMatch(/certificate/);
    expect((await who(s.port, undefined)).error?.code).toBe(grpc.status.UNAVAILABLE);
  });

  test("serverName: the certificate is checked against the given name, not the IP", async () => {
    using s = await serve({ certFile: pki.server.cert, keyFile: pki.server.key });
    expect(await who(s.port, { ca: ca(), serverName: "localhost" })).toEqual({ peer: null });
    const wrong = await who(s.port, { ca: ca(), serverName: "elsewhere.example" });
    expect(wrong.error?.code).toBe(grpc.status.UNAVAILABLE);
  });
});

describe("start-up errors name the file", () => {
  test("missing, not PEM, key of another certificate, client auth without a CA", () => {
    const missing = `${pki.dir}/nope.pem`;
    expect(() => loadTlsMaterial({ certFile: missing, keyFile: pki.server.key })).toThrow(/^TLS certificate ".*nope\.pem": cannot read it \(ENOENT\)$/);
    writeFileSync(`${pki.dir}/junk.pem`, "hello\n");
    expect(() => loadTlsMaterial({ certFile: `${pki.dir}/junk.pem`, keyFile: pki.server.key })).toThrow(/junk\.pem": not a PEM certificate/);
    expect(() => loadTlsMaterial({ certFile: pki.server.cert, keyFile: `${pki.dir}/junk.pem` })).toThrow(/TLS key ".*junk\.pem": not a PEM private key/);
    expect(() => loadTlsMaterial({ certFile: pki.server.cert, keyFile: pki.client.key })).toThrow(/client\.key": does not belong to the certificate/);
    expect(() => tlsServerCredentials({ certFile: pki.server.cert, keyFile: pki.server.key, clientAuth: "require" }, recorder().log)).toThrow(
      /needs a client CA file/,
    );
  });

  test("no key material in errors", () => {
    const key = readFileSync(pki.server.key, "utf8");
    try {
      loadTlsMaterial({ certFile: pki.server.key, keyFile: pki.server.key });
    } catch (e) {
      expect((e as Error).message).not.toContain(key.split("\n")[1] as string);
      return;
    }
    throw new Error("expected a throw");
  });
});

/** The subject CN of the certificate the server presents to a new connection. */
function servedCn(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: "127.0.0.1", port, servername: "localhost", ca: ca(), ALPNProtocols: ["h2"] }, () => {
      const cn = sock.getPeerCertificate().subject?.CN;
      sock.destroy();
      resolve(String(cn));
    });
    sock.on("error", reject);
  });
}

describe("reload", () => {
  test("a renewed certificate is served to new connections; a broken one is skipped with a warning", async () => {
    const first = pki.issue("reload-1", { cn: "master-one", server: true });
    const second = pki.issue("reload-2", { cn: "master-two", server: true });
    const live = { cert: `${pki.dir}/live.pem`, key: `${pki.dir}/live.key` };
    copyFileSync(first.cert, live.cert);
    copyFileSync(first.key, live.key);
    const rec = recorder();
    using s = await serve({ certFile: live.cert, keyFile: live.key, clientCaFile: pki.ca, clientAuth: "optional", reloadIntervalMs: 50 }, rec.log);
    expect(await servedCn(s.port)).toBe("master-one");
    expect((await who(s.port, client())).peer?.commonName).toBe("worker-1");

    // Half a renewal: the new certificate without its key. The old pair stays.
    copyFileSync(second.cert, live.cert);
    await waitFor(() => rec.warnings.length > 0, 5000, "a reload warning");
    expect(rec.warnings[0]).toMatch(/^TLS reload failed, still serving the previous certificate: TLS key ".*live\.key": does not belong/);
    expect(rec.warnings.join("\n")).not.toContain("PRIVATE KEY");
    expect(await servedCn(s.port)).toBe("master-one");

    copyFileSync(second.key, live.key);
    await waitFor(() => s.provider.reloads === 1, 5000, "the reload");
    await waitFor(async () => (await servedCn(s.port)) === "master-two", 5000, "the new certificate to be served");
    expect(rec.warnings).toHaveLength(1);
    expect(rec.infos.some((m) => /TLS certificate reloaded/.test(m))).toBe(true);
    expect((await who(s.port, client())).peer?.commonName).toBe("worker-1");
  });
});

test("altNames: kinds, several values, quoted values with commas", () => {
  const san = 'DNS:a.example, URI:spiffe://x/y, IP Address:127.0.0.1, URI:"spiffe://q/a,b", DNS:b.example';
  expect(altNames(san, "URI")).toEqual(["spiffe://x/y", "spiffe://q/a,b"]);
  expect(altNames(san, "DNS")).toEqual(["a.example", "b.example"]);
  expect(altNames(undefined, "URI")).toEqual([]);
});

test("peerCertificate: plaintext and unauthorized peers have none", () => {
  expect(peerCertificate({ getAuthContext: () => ({}) })).toBeUndefined();
  expect(peerCertificate({})).toBeUndefined();
});
