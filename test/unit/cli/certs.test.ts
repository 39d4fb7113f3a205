// `falconq certs` run from source: the CA, server and client certificates
// verify with node:crypto (signature, host and IP, subject CN/OU, queue URIs,
// EKU), files are 0600 in a 0700 directory, nothing is overwritten without
// --force, bad input is a usage error naming the flag, and the files work for
// a real mutual-TLS handshake while a certificate of another CA is refused.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { X509Certificate, createPrivateKey } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { handshake } from "../../helpers/tls.ts";

const root = resolve(import.meta.dir, "../../..");
const serverAuth = "1.3.6.1.5.5.7.3.1";
const clientAuthEku = "1.3.6.1.5.5.7.3.2";
const clientAuth = "1.3.6.1.5.5.7.3.2";

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = Bun.spawn([process.execPath, join(root, "src", "main.ts"), ...args], { cwd: root, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => p.kill("SIGKILL"), 30_000);
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

const mode = (path: string) => statSync(path).mode & 0o777;
const cert = (dir: string, name: string) => new X509Certificate(readFileSync(join(dir, `${name}.pem`)));

let tmp: string;
let dir: string;
let other: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "falconq-certs-"));
  dir = join(tmp, "pki", "certs");
  other = join(tmp, "other");
  const init = await run(["certs", "init", "--dir", dir, "--hosts", "localhost,127.0.0.1,::1,master.example", "--clients", "worker-1,ci:producer,ops:admin"]);
  expect(init).toMatchObject({ code: 0, stderr: "" });
  const issue = await run(["certs", "issue", "billing", "--dir", dir, "--role", "worker", "--queues", "mail.*,billing", "--days", "30"]);
  expect(issue).toMatchObject({ code: 0, stderr: "" });
  expect((await run(["certs", "init", "--dir", other, "--hosts", "localhost,127.0.0.1", "--clients", "worker-1"])).code).toBe(0);
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("falconq certs init", () => {
  test("writes the CA, the master's and the clients' files, 0600 in a 0700 directory", () => {
    const files = ["ca", "server", "worker-1", "ci", "ops", "billing"].flatMap((n) => [`${n}.pem`, `${n}-key.pem`]);
    expect(readdirSync(dir).sort()).toEqual(files.sort());
    expect(mode(dir)).toBe(0o700);
    for (const f of files) expect({ f, mode: mode(join(dir, f)) }).toEqual({ f, mode: 0o600 });
  });

  test("prints what it wrote and the flags of the master and of each client", async () => {
    const d = join(tmp, "printed");
    const { stdout } = await run(["certs", "init", "--dir", d, "--hosts", "localhost", "--clients", "w1"]);
    expect(stdout).toContain(`wrote ${join(d, "ca.pem")}`);
    expect(stdout).toContain(`--tls-cert ${d}/server.pem --tls-key ${d}/server-key.pem --tls-client-ca ${d}/ca.pem`);
    expect(stdout).toContain(`--tls-ca ${d}/ca.pem --tls-cert ${d}/w1.pem --tls-key ${d}/w1-key.pem`);
  });

  test("the CA is a self-signed CA with a P-256 key", () => {
    const ca = cert(dir, "ca");
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.checkIssued(ca)).toBe(true);
    const key = createPrivateKey(readFileSync(join(dir, "ca-key.pem")));
    expect(key.asymmetricKeyType).toBe("ec");
    expect(key.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    expect(ca.checkPrivateKey(key)).toBe(true);
  });

  test("the master's certificate: signed by the CA, every host in its SAN, serverAuth and clientAuth", () => {
    const ca = cert(dir, "ca");
    const server = cert(dir, "server");
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.verify(cert(other, "ca").publicKey)).toBe(false);
    expect(server.checkHost("localhost")).toBe("localhost");
    expect(server.checkHost("master.example")).toBe("master.example");
    expect(server.checkHost("evil.example")).toBeUndefined();
    expect(server.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(server.checkIP("::1")).toBe("::1");
    expect(server.checkIP("10.0.0.1")).toBeUndefined();
    expect(server.keyUsage).toEqual([serverAuth, clientAuthEku]); // clientAuth: cluster members present it to each other
    expect(server.checkPrivateKey(createPrivateKey(readFileSync(join(dir, "server-key.pem"))))).toBe(true);
  });

  test("client certificates: CN = name, one OU = role (worker by default), every queue without URIs, clientAuth", () => {
    const ca = cert(dir, "ca");
    for (const [name, role] of [
      ["worker-1", "worker"],
      ["ci", "producer"],
      ["ops", "admin"],
    ] as const) {
      const c = cert(dir, name);
      expect(c.verify(ca.publicKey)).toBe(true);
      expect(c.subject).toBe(`OU=${role}\nCN=${name}`);
      expect(c.subjectAltName).toBeUndefined();
      expect(c.keyUsage).toEqual([clientAuth]);
      expect(c.ca).toBe(false);
      expect(c.checkPrivateKey(createPrivateKey(readFileSync(join(dir, `${name}-key.pem`))))).toBe(true);
    }
  });

  test("a certificate valid for --days, the CA for at least ten years", () => {
    const days = (c: X509Certificate) => (Date.parse(c.validTo) - Date.parse(c.validFrom)) / 86_400_000;
    // notBefore is 5 minutes back for clocks a little behind.
    expect(Math.round(days(cert(dir, "server")))).toBe(825);
    expect(Math.round(days(cert(dir, "billing")))).toBe(30);
    expect(days(cert(dir, "ca"))).toBeGreaterThanOrEqual(3650);
  });

  test("refuses to overwrite without --force, naming the file; --force replaces them 0600", async () => {
    const before = readFileSync(join(dir, "ca.pem"), "utf8");
    const r = await run(["certs", "init", "--dir", dir, "--hosts", "localhost"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`falconq: ${join(dir, "ca.pem")} exists; not overwriting it (--force replaces it)`);
    expect(readFileSync(join(dir, "ca.pem"), "utf8")).toBe(before);

    const d = join(tmp, "forced");
    expect((await run(["certs", "init", "--dir", d, "--hosts", "localhost", "--clients", "w1"])).code).toBe(0);
    const again = await run(["certs", "init", "--dir", d, "--hosts", "localhost", "--clients", "w2"]);
    expect(again.stderr).toContain(`${join(d, "ca.pem")} exists`);
    expect(existsSync(join(d, "w2.pem"))).toBe(false);
    chmodSync(join(d, "server-key.pem"), 0o644);
    const old = readFileSync(join(d, "ca.pem"), "utf8");
    expect((await run(["certs", "init", "--dir", d, "--hosts", "localhost", "--clients", "w1", "--force"])).code).toBe(0);
    expect(readFileSync(join(d, "ca.pem"), "utf8")).not.toBe(old);
    expect(mode(join(d, "server-key.pem"))).toBe(0o600);
    expect(readdirSync(d).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("bad --hosts, --clients and --days are usage errors naming the flag", async () => {
    const d = join(tmp, "bad-init");
    const cases: [string[], string][] = [
      [["--hosts", "local host"], '--hosts "local host" is neither a host name nor an IP address'],
      [["--hosts", ""], "--hosts needs at least one host"],
      [[], "--hosts is required"],
      [["--hosts", "localhost", "--clients", "x:boss"], '--clients "x:boss": "boss" after the colon is not a role'],
      [["--hosts", "localhost", "--clients", "a=b"], '--clients "a=b": a client name may not hold a comma, an equals sign'],
      [["--hosts", "localhost", "--clients", "ca"], '--clients "ca": ca.pem is the CA'],
      [["--hosts", "localhost", "--clients", "w,w:viewer"], "--clients names w twice"],
      [["--hosts", "localhost", "--days", "0"], '--days "0" must be a whole number from 1'],
    ];
    for (const [flags, message] of cases) {
      const r = await run(["certs", "init", "--dir", d, ...flags]);
      expect({ flags, code: r.code, stderr: r.stderr }).toEqual({ flags, code: 2, stderr: expect.stringContaining(message) });
    }
    expect(existsSync(join(d, "ca.pem"))).toBe(false);
  });
});

describe("falconq certs issue", () => {
  test("a client certificate with one queue URI per pattern, signed by the CA in --dir", () => {
    const c = cert(dir, "billing");
    expect(c.verify(cert(dir, "ca").publicKey)).toBe(true);
    expect(c.subject).toBe("OU=worker\nCN=billing");
    expect(c.subjectAltName).toBe("URI:urn:falconq:queue:mail.*, URI:urn:falconq:queue:billing");
    expect(c.keyUsage).toEqual([clientAuth]);
  });

  test("every role, and names with spaces and colons", async () => {
    for (const role of ["producer", "worker", "viewer", "admin"]) {
      const name = `svc:${role} one`;
      const r = await run(["certs", "issue", name, "--dir", dir, "--role", role, "--queues", "*"]);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      const c = cert(dir, name);
      expect(c.subject).toBe(`OU=${role}\nCN=${name}`);
      expect(c.subjectAltName).toBe("URI:urn:falconq:queue:*");
      expect(mode(join(dir, `${name}-key.pem`))).toBe(0o600);
    }
  });

  test("bad name, role or pattern is a usage error naming the flag; nothing is written", async () => {
    const long = "n".repeat(129);
    const cases: [string[], string][] = [
      [["x", "--role", "boss"], '--role "boss" is not a role; roles: producer, worker, viewer, admin'],
      [["x"], "--role is required"],
      [["x,y", "--role", "worker"], 'NAME "x,y": a client name may not hold a comma'],
      [["x=y", "--role", "worker"], 'NAME "x=y"'],
      [["x\ny", "--role", "worker"], "a client name holds only printable ASCII characters"],
      [["naïve", "--role", "worker"], "a client name holds only printable ASCII characters"],
      [[long, "--role", "worker"], "a client name is 1 to 128 bytes"],
      [["../x", "--role", "worker"], 'no "/"'],
      [["server", "--role", "worker"], "server.pem is the CA's or the master's file"],
      [["x", "--role", "worker", "--queues", "mail.**"], '--queues "mail.**" is not a queue pattern'],
      [["x", "--role", "worker", "--queues", "a*b"], '--queues "a*b" is not a queue pattern'],
      [["x", "--role", "worker", "--queues", "has space"], '--queues "has space" is not a queue pattern'],
      [["x", "--role", "worker", "--queues", `${"q".repeat(129)}`], "is not a queue pattern"],
    ];
    for (const [args, message] of cases) {
      const r = await run(["certs", "issue", ...args, "--dir", dir]);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 2, stderr: expect.stringContaining(message) });
    }
    expect(existsSync(join(dir, "x.pem"))).toBe(false);
  });

  test("refuses to overwrite a client's files without --force; a missing or foreign CA key is an error", async () => {
    const r = await run(["certs", "issue", "billing", "--dir", dir, "--role", "viewer"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`falconq: ${join(dir, "billing.pem")} exists; not overwriting it (--force replaces it)`);
    expect(cert(dir, "billing").subject).toBe("OU=worker\nCN=billing");

    const missing = await run(["certs", "issue", "x", "--dir", join(tmp, "nothing"), "--role", "viewer"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read the CA in");

    const mixed = join(tmp, "mixed");
    expect((await run(["certs", "init", "--dir", mixed, "--hosts", "localhost"])).code).toBe(0);
    writeFileSync(join(mixed, "ca-key.pem"), readFileSync(join(other, "ca-key.pem")));
    const foreign = await run(["certs", "issue", "x", "--dir", mixed, "--role", "viewer"]);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain("the key does not belong to the CA certificate");
  });
});

describe("mutual TLS with the generated files", () => {
  test("a client certificate of the CA is accepted and its identity read by the server", async () => {
    expect(await handshake(dir, dir, "billing")).toMatchObject({ answer: "billing/worker" });
    expect(await handshake(dir, dir, "ci")).toMatchObject({ answer: "ci/producer" });
  });

  test("a client certificate of a second CA is refused", async () => {
    const r = await handshake(dir, other, "worker-1");
    expect(r.answer).toBeUndefined();
    expect(r.serverError).toMatch(/certificate/i);
  });
});
