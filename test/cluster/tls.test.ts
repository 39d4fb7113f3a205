// The built binary over mTLS: master flags, a worker and CLI commands with
// client certificates from flags, env and a config file, usage errors for
// half-given TLS settings, and a plaintext CLI against the TLS master.

import { afterAll, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { binary, ensureBinary, withCluster } from "../helpers/cluster.ts";
import { testPki } from "../helpers/certs.ts";

const pki = testPki();
afterAll(() => pki[Symbol.dispose]());

const masterTls = ["--tls-cert", pki.server.cert, "--tls-key", pki.server.key, "--tls-client-ca", pki.ca, "--tls-client-auth", "require"];
const clientTls = ["--tls-ca", pki.ca, "--tls-cert", pki.client.cert, "--tls-key", pki.client.key];

test("master, worker and CLI over mTLS; plaintext and certificate-less CLI runs fail cleanly", async () => {
  await withCluster(
    {
      workers: 1,
      masterArgs: masterTls,
      workerArgs: clientTls,
      clientOptions: { tls: { caFile: pki.ca, certFile: pki.client.cert, keyFile: pki.client.key } },
    },
    async (c) => {
      const submitted = await c.cli(["submit", "--type", "echo", "--payload", '{"a":1}', "--wait", "--wait-timeout", "20s", ...clientTls]);
      expect(submitted.stderr).not.toMatch(/error/i);
      expect(submitted.code).toBe(0);

      const stats = await c.cli(["stats", "--json", ...clientTls]);
      expect(stats.code).toBe(0);
      expect(JSON.parse(stats.stdout).workers).toBe(1);

      // The same settings from the environment, and from a config file.
      const env = await run(["workers", "list", "--json", "--master", c.address], {
        FALCONQ_TLS_CA: pki.ca,
        FALCONQ_TLS_CERT: pki.client.cert,
        FALCONQ_TLS_KEY: pki.client.key,
      });
      expect(env.code).toBe(0);
      expect(env.stdout).toContain(`"workerId"`);
      const file = join(c.dir, "client.toml");
      writeFileSync(file, `tls-ca = ${JSON.stringify(pki.ca)}\ntls-cert = ${JSON.stringify(pki.client.cert)}\ntls-key = ${JSON.stringify(pki.client.key)}\n`);
      const fromFile = await c.cli(["jobs", "list", "--json", "--config", file]);
      expect(fromFile.code).toBe(0);
      expect(fromFile.stdout.split("\n").filter((l) => l.trim()).length).toBeGreaterThan(0);

      const plain = await c.cli(["stats"]);
      expect(plain.code).toBe(1);
      expect(plain.stderr.trim().split("\n")).toHaveLength(1);
      expect(plain.stderr).toContain("a plaintext client against a TLS master");

      const noCert = await c.cli(["stats", "--tls-ca", pki.ca]);
      expect(noCert.code).toBe(1);
      expect(noCert.stderr.trim().split("\n")).toHaveLength(1);
      expect(noCert.stderr).toContain("cannot reach the master over TLS (tlsv1 alert certificate required)");
    },
  );
}, 120_000);

async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stderr: string; stdout: string }> {
  const p = Bun.spawn([binary, ...args], { stdout: "pipe", stderr: "pipe", env: { ...process.env, ...env } });
  const [stdout, stderr] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text()]);
  return { code: await p.exited, stdout, stderr };
}

test("usage errors: --tls-cert without --tls-key, client auth without a client CA, unreadable files", async () => {
  await ensureBinary();
  const half = await run(["master", "--port", "0", "--http-port", "0", "--data-dir", join(pki.dir, "d1"), "--tls-cert", pki.server.cert]);
  expect(half.code).toBe(2);
  expect(half.stderr).toContain('--tls-cert "');
  expect(half.stderr).toContain("needs --tls-key too");

  const auth = await run(["standalone", "--port", "0", "--http-port", "0", "--data-dir", join(pki.dir, "d2"), "--tls-cert", pki.server.cert, "--tls-key", pki.server.key, "--tls-client-auth", "optional"]);
  expect(auth.code).toBe(2);
  expect(auth.stderr).toContain("needs --tls-client-ca");

  const envAuth = await run(["master", "--port", "0", "--http-port", "0", "--data-dir", join(pki.dir, "d3"), "--tls-cert", pki.server.cert, "--tls-key", pki.server.key], {
    FALCONQ_TLS_CLIENT_AUTH: "sometimes",
  });
  expect(envAuth.code).toBe(2);
  expect(envAuth.stderr).toContain("FALCONQ_TLS_CLIENT_AUTH=sometimes: must be none, optional or require");

  const missing = await run(["master", "--port", "0", "--http-port", "0", "--data-dir", join(pki.dir, "d4"), "--tls-cert", join(pki.dir, "nope.pem"), "--tls-key", pki.server.key]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/TLS certificate ".*nope\.pem": cannot read it \(ENOENT\)/);

  const clientMissing = await run(["stats", "--master", "127.0.0.1:1", "--tls-ca", join(pki.dir, "nope.pem")]);
  expect(clientMissing.code).toBe(2);
  expect(clientMissing.stderr).toMatch(/--tls-ca ".*nope\.pem" cannot be read \(ENOENT\)/);

  const secret = await run(["worker", "--print-config"], { FALCONQ_TOKEN: "fq_secret.value" });
  expect(secret.code).toBe(0);
  expect(secret.stdout).toContain("# token is set (not shown) # FALCONQ_TOKEN");
  expect(secret.stdout).not.toContain("fq_secret.value");
}, 60_000);
