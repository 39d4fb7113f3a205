// The HTTP API under TLS: the master's certificate and key serve both ports,
// session cookies are Secure, and replacing the files is picked up by new
// HTTPS connections (Bun 1.4.5's server.reload ignores TLS, so the listener
// is re-opened on the same port; open streams carry on).

import { afterAll, expect, test } from "bun:test";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { connect } from "node:tls";
import { testPki } from "../helpers/certs.ts";
import { startTestMaster, waitFor } from "../helpers/master.ts";

const pki = testPki();
afterAll(() => pki[Symbol.dispose]());

function peerCn(port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port, ca: readFileSync(pki.ca), servername: "localhost" }, () => {
      const cn = String(s.getPeerCertificate().subject?.CN);
      s.end();
      resolve(cn);
    });
    s.on("error", () => resolve("")); // a connection caught by the relisten
  });
}

test("HTTPS with the master's files, Secure cookies, and a certificate reload", async () => {
  const cert = join(pki.dir, "live.pem");
  const key = join(pki.dir, "live.key");
  copyFileSync(pki.server.cert, cert);
  copyFileSync(pki.server.key, key);
  await using m = await startTestMaster({
    http: true,
    tls: { certFile: cert, keyFile: key, reloadIntervalMs: 50 },
    security: { tls: { ca: readFileSync(pki.ca) } },
  });
  const port = m.master.httpPort as number;
  const base = `https://127.0.0.1:${port}`;
  const tls = { ca: readFileSync(pki.ca, "utf8") };
  const r = await fetch(`${base}/v1/whoami`, { tls } as RequestInit);
  expect(r.status).toBe(200);
  // Plain HTTP is not served on the TLS port.
  expect(await fetch(`http://127.0.0.1:${port}/healthz`).then((x) => x.status, () => "refused")).not.toBe(200);

  const stream = await fetch(`${base}/v1/events?queue=tls`, { tls } as RequestInit);
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  expect(new TextDecoder().decode((await reader.read()).value)).toContain("event: ready");

  const before = await peerCn(port);
  const next = pki.issue("next-server", { cn: "next-server", server: true });
  copyFileSync(next.cert, cert);
  copyFileSync(next.key, key);
  await waitFor(async () => (await peerCn(port)) === "next-server", 10_000, "the reloaded certificate");
  expect(before).not.toBe("next-server");
  expect((await fetch(`${base}/healthz`, { tls } as RequestInit)).status).toBe(200);
  // The stream opened before the reload still delivers.
  await fetch(`${base}/v1/jobs`, { method: "POST", tls, headers: { "content-type": "application/json" }, body: '{"type":"t","queue":"tls"}' } as RequestInit);
  let seen = "";
  while (!seen.includes("event: job")) seen += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
});

test("the session cookie is Secure under TLS", async () => {
  await using m = await startTestMaster({ http: true, tls: { certFile: pki.server.cert, keyFile: pki.server.key }, security: { tls: { ca: readFileSync(pki.ca) } } });
  const { token } = await m.rpc.call("CreateToken", { name: "d", role: "viewer", queues: ["*"] });
  const r = await fetch(`https://127.0.0.1:${m.master.httpPort}/v1/session`, {
    method: "POST",
    tls: { ca: readFileSync(pki.ca, "utf8") },
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  } as RequestInit);
  expect(r.status).toBe(200);
  expect(r.headers.get("set-cookie")).toMatch(/; Secure$/);
});
