// Secure by default: the loopback test, the bind refusal and the admin token file.

import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseToken, sha256 } from "../../../src/master/auth.ts";
import { checkExposure, isLoopback, loadAdminToken } from "../../../src/server/security.ts";

const lines: string[] = [];
const log = { debug() {}, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error() {} };

describe("loopback", () => {
  test("loopback addresses and others", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"]) expect(isLoopback(h)).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.5", "192.168.1.1", "example.com", "128.0.0.1", "::ffff:10.0.0.1"]) expect(isLoopback(h)).toBe(false);
  });
});

describe("exposure", () => {
  test("loopback needs nothing", () => {
    expect(() => checkExposure({ host: "127.0.0.1", tls: false, authRequired: false, insecure: false }, log)).not.toThrow();
  });

  test("a non-loopback bind needs TLS and authentication, and says which is missing", () => {
    expect(() => checkExposure({ host: "0.0.0.0", tls: false, authRequired: false, insecure: false }, log)).toThrow(/without TLS .* and authentication/);
    expect(() => checkExposure({ host: "0.0.0.0", tls: true, authRequired: false, insecure: false }, log)).toThrow(/without authentication/);
    expect(() => checkExposure({ host: "0.0.0.0", tls: false, authRequired: true, insecure: false }, log)).toThrow(/without TLS \(--tls-cert/);
    expect(() => checkExposure({ host: "0.0.0.0", tls: true, authRequired: true, insecure: false }, log)).not.toThrow();
  });

  test("--insecure lets it through with a warning", () => {
    lines.length = 0;
    checkExposure({ host: "0.0.0.0", tls: false, authRequired: false, insecure: true }, log);
    expect(lines.join("\n")).toMatch(/--insecure: listening on 0\.0\.0\.0 without TLS/);
  });
});

describe("admin token file", () => {
  test("created 0600 when missing, then read back to the same hash", () => {
    const dir = mkdtempSync(join(tmpdir(), "fq-admin-"));
    const path = join(dir, "admin.token");
    const h1 = loadAdminToken(path, log);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, "utf8").trim();
    const p = parseToken(text);
    expect(p?.id).toBe("admin");
    expect(Buffer.from(sha256(p!.secret)).equals(Buffer.from(h1))).toBe(true);
    expect(Buffer.from(loadAdminToken(path, log)).equals(Buffer.from(h1))).toBe(true);
    expect(lines.join("\n")).not.toContain(p!.secret);
  });

  test("a file readable by others or holding something else is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "fq-admin-"));
    const open = join(dir, "open.token");
    writeFileSync(open, "fq_admin_abcdefghijklmnopqrstuvwxyz\n", { mode: 0o644 });
    chmodSync(open, 0o644);
    expect(() => loadAdminToken(open, log)).toThrow(/readable by others/);
    const junk = join(dir, "junk.token");
    writeFileSync(junk, "hunter2\n", { mode: 0o600 });
    expect(() => loadAdminToken(junk, log)).toThrow(/does not hold an admin token/);
  });
});
