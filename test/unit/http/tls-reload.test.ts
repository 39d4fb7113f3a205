// A certificate reload that cannot listen with the new material must not
// leave the HTTP port without a listener: the previous certificate is served
// again (Bun.serve refuses the new material only once the old listener has
// stopped accepting).

import { afterAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { startHttp } from "../../../src/http/server.ts";
import { testPki } from "../../helpers/certs.ts";
import { waitFor } from "../../helpers/master.ts";

const pki = testPki();
afterAll(() => pki[Symbol.dispose]());

test("a reload whose material Bun.serve refuses keeps serving HTTPS with the previous certificate", async () => {
  const good = { cert: readFileSync(pki.server.cert), key: readFileSync(pki.server.key) };
  let version = "1";
  let loads = 0;
  const errors: string[] = [];
  const log = { debug() {}, info() {}, warn() {}, error: (s: string) => errors.push(s) };
  const h = await startHttp({
    host: "127.0.0.1",
    port: 0,
    // Passes the caller's checks but not Bun's: the listener cannot start with it.
    tls: { load: () => (loads++ === 0 ? good : { cert: "not a certificate", key: "not a key" }), stamp: () => version, reloadIntervalMs: 20 },
    broker: () => {
      throw new Error("unused");
    },
    auth: () => {
      throw new Error("unused");
    },
    log,
    version: "t",
  });
  try {
    const tls = { ca: readFileSync(pki.ca, "utf8") };
    const health = () =>
      fetch(`https://127.0.0.1:${h.port}/healthz`, { tls } as RequestInit).then(
        (r) => r.status,
        () => "refused",
      );
    expect(await health()).toBe(503); // no broker: "recovering", but served
    version = "2";
    await waitFor(async () => errors.length > 0, 5000, "the failed reload");
    expect(await health()).toBe(503);
    expect(errors[0]).toContain("serving the previous one");
  } finally {
    await h.close();
  }
});
