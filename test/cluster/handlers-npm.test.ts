// The compiled binary loads a handler module that imports npm packages
// installed beside it (its own node_modules, one directory up) and
// NonRetryableError from "falconq", which the binary supplies: the jobs'
// results and outcomes prove the imports ran in the worker process.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { JobStatus } from "../../src/core/types.ts";
import { ensureBinary, withCluster } from "../helpers/cluster.ts";
import { handlerDir } from "../fixtures/npm/handler-dir.ts";

const fixture = handlerDir();

beforeAll(async () => {
  await ensureBinary();
}, 120_000);

afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

describe("handler modules with npm dependencies (compiled binary)", () => {
  test("bare imports resolve from the module's directory; `falconq` is the binary's SDK", () =>
    withCluster({ workers: 1, workerArgs: ["--handlers", fixture.file] }, async (c) => {
      const ok = await c.client.submit("npm.value", { word: "falcon" });
      const refused = await c.client.submit("npm.refuse", {}, { maxAttempts: 5 });
      const done = await c.client.wait(ok.job.id, 10_000);
      expect(done.status).toBe(JobStatus.Completed);
      expect(JSON.parse(new TextDecoder().decode(done.result))).toEqual({ cjs: 42, esm: "FALCON!" });
      const failed = await c.client.wait(refused.job.id, 10_000);
      expect(failed.status).toBe(JobStatus.Failed);
      expect(failed.attempt).toBe(1);
      expect(failed.error).toContain("refused by a handler that imported falconq");
    }));
});
