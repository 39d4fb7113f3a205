// Test certificates made with the openssl command: a CA, a server certificate
// for localhost/127.0.0.1, client certificates (CN, OU, a spiffe URI SAN),
// and a second CA with its own client, for "certificate from another CA".
// P-256 keys, so a full set takes well under a second.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Pair {
  cert: string;
  key: string;
}

export interface TestPki extends Disposable {
  dir: string;
  ca: string;
  server: Pair;
  client: Pair;
  otherCa: string;
  otherClient: Pair;
  /** Issues another certificate under the main CA (server: SAN localhost, 127.0.0.1). */
  issue(name: string, o: { cn: string; ou?: string[]; uri?: string; server?: boolean }): Pair;
}

function openssl(args: string[], cwd: string): void {
  const r = Bun.spawnSync(["openssl", ...args], { cwd, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`openssl ${args.join(" ")}: ${r.stderr.toString()}`);
}

const keyArgs = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function makeCa(dir: string, name: string): string {
  openssl(["req", "-x509", ...keyArgs, "-keyout", `${name}.key`, "-out", `${name}.pem`, "-days", "2", "-subj", `/CN=${name}`], dir);
  return name;
}

function issueUnder(dir: string, ca: string, name: string, o: { cn: string; ou?: string[]; uri?: string; server?: boolean }): Pair {
  const subj = `/CN=${o.cn}${(o.ou ?? []).map((u) => `/OU=${u}`).join("")}`;
  openssl(["req", "-new", ...keyArgs, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subj], dir);
  const sans = [...(o.server ? ["DNS:localhost", "IP:127.0.0.1"] : []), ...(o.uri ? [`URI:${o.uri}`] : [])];
  const ext = [
    "basicConstraints=CA:FALSE",
    `extendedKeyUsage=${o.server ? "serverAuth" : "clientAuth"}`,
    ...(sans.length > 0 ? [`subjectAltName=${sans.join(",")}`] : []),
  ];
  writeFileSync(join(dir, `${name}.ext`), `${ext.join("\n")}\n`);
  openssl(
    ["x509", "-req", "-in", `${name}.csr`, "-CA", `${ca}.pem`, "-CAkey", `${ca}.key`, "-CAcreateserial", "-days", "2", "-extfile", `${name}.ext`, "-out", `${name}.pem`],
    dir,
  );
  return { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) };
}

export function testPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "falconq-pki-"));
  makeCa(dir, "ca");
  makeCa(dir, "other-ca");
  return {
    dir,
    ca: join(dir, "ca.pem"),
    server: issueUnder(dir, "ca", "server", { cn: "falconq-master", server: true }),
    client: issueUnder(dir, "ca", "client", { cn: "worker-1", ou: ["admin", "batch"], uri: "spiffe://falconq.test/worker/1" }),
    otherCa: join(dir, "other-ca.pem"),
    otherClient: issueUnder(dir, "other-ca", "other-client", { cn: "intruder" }),
    issue: (name, o) => issueUnder(dir, "ca", name, o),
    [Symbol.dispose]() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
