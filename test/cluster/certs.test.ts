// `falconq certs` in the compiled binary: @peculiar/x509 and its Reflect
// polyfill load there too, and the files it writes verify with node:crypto
// and carry a real mutual-TLS handshake.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binary, ensureBinary } from "../helpers/cluster.ts";
import { handshake } from "../helpers/tls.ts";

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = Bun.spawn([binary, ...args], { stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => p.kill("SIGKILL"), 30_000);
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

const cert = (dir: string, name: string) => new X509Certificate(readFileSync(join(dir, `${name}.pem`)));

let tmp: string;

beforeAll(async () => {
  await ensureBinary();
  tmp = mkdtempSync(join(tmpdir(), "falconq-certs-bin-"));
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("falconq certs (binary)", () => {
  test("init and issue write certificates that verify and work for mutual TLS", async () => {
    const dir = join(tmp, "certs");
    const init = await run(["certs", "init", "--dir", dir, "--hosts", "localhost,127.0.0.1,::1", "--clients", "worker-1,ci:producer"]);
    expect(init).toMatchObject({ code: 0, stderr: "" });
    expect(init.stdout).toContain(`falconq master --tls-cert ${dir}/server.pem --tls-key ${dir}/server-key.pem --tls-client-ca ${dir}/ca.pem`);
    const issue = await run(["certs", "issue", "mailer", "--dir", dir, "--role", "worker", "--queues", "mail.*"]);
    expect(issue).toMatchObject({ code: 0, stderr: "" });
    expect(issue.stdout).toContain(`--tls-ca ${dir}/ca.pem --tls-cert ${dir}/mailer.pem --tls-key ${dir}/mailer-key.pem`);

    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, "mailer-key.pem")).mode & 0o777).toBe(0o600);
    const ca = cert(dir, "ca");
    const server = cert(dir, "server");
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost("localhost")).toBe("localhost");
    expect(server.checkIP("::1")).toBe("::1");
    const mailer = cert(dir, "mailer");
    expect(mailer.verify(ca.publicKey)).toBe(true);
    expect(mailer.subject).toBe("OU=worker\nCN=mailer");
    expect(mailer.subjectAltName).toBe("URI:urn:falconq:queue:mail.*");
    expect(cert(dir, "ci").subject).toBe("OU=producer\nCN=ci");

    expect(await handshake(dir, dir, "mailer")).toMatchObject({ answer: "mailer/worker" });
    const other = join(tmp, "other");
    expect((await run(["certs", "init", "--dir", other, "--hosts", "localhost", "--clients", "worker-1"])).code).toBe(0);
    const refused = await handshake(dir, other, "worker-1");
    expect(refused.answer).toBeUndefined();
    expect(refused.serverError).toMatch(/certificate/i);
  });

  test("bad input is a usage error (exit 2) naming the flag", async () => {
    const r = await run(["certs", "issue", "x", "--dir", tmp, "--role", "boss"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--role "boss" is not a role');
  });
});
