// Settings resolution without processes: precedence, value checks naming the
// source, booleans from env and file, and the printed file reading back.

import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { envName, loadSettings } from "../../../src/cli/config.ts";
import { masterConfig, serverSettings } from "../../../src/cli/server-flags.ts";
import { silentLogger } from "../../../src/core/log.ts";
import type { ConsolaInstance } from "consola";

const dir = mkdtempSync(join(tmpdir(), "falconq-settings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function toml(text: string): string {
  const path = join(dir, `${Bun.hash(text).toString(16)}.toml`);
  writeFileSync(path, text);
  return path;
}

const load = (args: Record<string, unknown>, env: Record<string, string> = {}) => loadSettings("master", serverSettings, { args, env });
const log = silentLogger as unknown as ConsolaInstance;

describe("loadSettings", () => {
  test("env names follow one rule", () => {
    expect([envName("port"), envName("data-dir"), envName("snapshot-wal-bytes")]).toEqual([
      "FALCONQ_PORT",
      "FALCONQ_DATA_DIR",
      "FALCONQ_SNAPSHOT_WAL_BYTES",
    ]);
  });

  test("flag > env > file > default, for every kind of value", () => {
    const config = toml('port = 7001\nlease = "40s"\nrepair = true\nfsync = "batch"\nhost = "127.0.0.2"\n');
    const s = load({ config, lease: "60s", host: "127.0.0.3" }, { FALCONQ_LEASE: "50s", FALCONQ_FSYNC: "never", FALCONQ_HOST: "127.0.0.4" });
    const c = masterConfig(s, log);
    expect(c).toMatchObject({ host: "127.0.0.3", port: 7001, leaseMs: 60_000, fsync: "never", repair: true, fsyncBatchMs: 10 });
    expect([s.source("lease"), s.source("fsync"), s.source("port"), s.source("fsync-batch")]).toEqual([
      { kind: "flag" },
      { kind: "env", name: "FALCONQ_FSYNC" },
      { kind: "file", path: config },
      { kind: "default" },
    ]);
  });

  test("booleans: a flag, an env word, a file boolean; anything else names its source", () => {
    expect(masterConfig(load({}, { FALCONQ_REPAIR: "yes" }), log).repair).toBe(true);
    expect(masterConfig(load({ repair: false }, { FALCONQ_REPAIR: "1" }), log).repair).toBe(false);
    expect(() => masterConfig(load({}, { FALCONQ_REPAIR: "maybe" }), log)).toThrow("FALCONQ_REPAIR=maybe: must be true or false");
  });

  test("bad values name the flag, the variable or the file", () => {
    expect(() => masterConfig(load({ port: "x" }), log)).toThrow('--port "x" must be a whole number from 0 to 65535');
    expect(() => masterConfig(load({}, { FALCONQ_LEASE: "soon" }), log)).toThrow("FALCONQ_LEASE=soon: is not a duration");
    const config = toml('worker-timeout = "1s"\n');
    expect(() => masterConfig(load({ config }), log)).toThrow(`${config}: worker-timeout "1s" (1000 ms) must be longer than heartbeat-interval (2000 ms)`);
    expect(() => masterConfig(load({ config: toml("port = [1]\n") }), log)).toThrow("port must be a string, a number or true/false");
    expect(() => load({ config: toml("port = \n") })).toThrow("not valid TOML");
  });

  test("every error is a usage error (exit 2)", () => {
    try {
      load({ config: toml("fsynk = 'always'\n") });
      throw new Error("not thrown");
    } catch (e) {
      expect(e).toMatchObject({ exitCode: 2, message: expect.stringContaining('unknown setting "fsynk" (did you mean fsync?)') });
    }
  });

  test("keys of another server command are allowed in the file and ignored", () => {
    const config = toml("concurrency = 4\n");
    expect(() => load({ config })).toThrow('unknown setting "concurrency"');
    expect(loadSettings("master", serverSettings, { args: { config }, env: {}, otherKeys: ["concurrency"] }).print()).not.toContain("concurrency");
  });

  test("print() is a TOML file that loads back to the same settings", () => {
    const s = load({ port: "7002", "data-dir": '/tmp/with "quotes"' }, { FALCONQ_FSYNC: "batch" });
    const again = load({ config: toml(s.print()) });
    expect(masterConfig(again, log)).toEqual(masterConfig(s, log));
    expect(s.print()).toContain('fsync = "batch" # FALCONQ_FSYNC\n');
  });
});
