import { describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import path from "node:path";
import { JobStatus } from "../../../src/core/types.ts";
import { type HandlerContext, isNonRetryable, type JobContextJob, NonRetryableError } from "../../../src/worker/handler.ts";
import { loadHandlers } from "../../../src/worker/load-handlers.ts";
import { handlerDir } from "../../fixtures/npm/handler-dir.ts";
import { resultOf } from "../../helpers/worker-master.ts";
import { localPool, newMaster } from "../../helpers/worker-pool.ts";

const fixture = (name: string) => path.join(import.meta.dir, "../../fixtures/handlers", name);

describe("loadHandlers", () => {
  test("loads a default export and a `handlers` export", async () => {
    expect([...(await loadHandlers(fixture("default-export.ts"))).keys()]).toEqual(["greet"]);
    expect([...(await loadHandlers(fixture("named-export.ts"))).keys()]).toEqual(["email.send"]);
  });

  test("accepts a path relative to the working directory", async () => {
    const rel = path.relative(process.cwd(), fixture("default-export.ts"));
    expect((await loadHandlers(rel)).has("greet")).toBe(true);
  });

  test("errors name the file and the problem", async () => {
    const cases: [string, string][] = [
      ["not-a-function.ts", `handler for type "broken" is a string, not a function`],
      ["no-export.ts", "exports neither `handlers` nor a default"],
      ["throws.ts", "failed to load: boom at import time"],
      ["missing.ts", "no such file"],
    ];
    for (const [name, why] of cases) {
      const err = await loadHandlers(fixture(name)).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).toContain(fixture(name));
      expect(err?.message).toContain(why);
    }
  });

  test("a pool runs loaded handlers and advertises only their types (plus builtins if enabled)", async () => {
    const m = newMaster();
    const handlers = new Map([...(await loadHandlers(fixture("default-export.ts"))), ...(await loadHandlers(fixture("named-export.ts")))]);
    const pool = await localPool(m, { handlers, builtins: false });
    expect(m.broker.findWorker(pool.workerId)?.types.sort()).toEqual(["email.send", "greet"]);
    const g = await m.submit("greet", { name: "falcon" });
    const e = await m.submit("email.send", { to: "a@example.com" });
    const bad = await m.submit("email.send", {}, { maxAttempts: 3 });
    const other = await m.submit("noop");
    expect(resultOf(await m.waitStatus(g.id, JobStatus.Completed))).toEqual({ greeting: "hello falcon" });
    expect(resultOf(await m.waitStatus(e.id, JobStatus.Completed))).toEqual({ sent: "a@example.com", attempt: 1 });
    expect((await m.waitStatus(bad.id, JobStatus.Failed)).attempt).toBe(1);
    expect(m.job(other.id).status).toBe(JobStatus.Pending);
  });
});

describe("loadHandlers: npm packages beside the module", () => {
  test("bare imports resolve from the module's own node_modules (walking up), and `falconq` from this process", async () => {
    const { dir, file } = handlerDir();
    try {
      // Loaded from a working directory that has none of these packages.
      const handlers = await loadHandlers(file);
      const job = { data: { word: "hi" } } as unknown as JobContextJob;
      const ctx = {} as HandlerContext;
      expect(await handlers.get("npm.value")?.(job, ctx)).toEqual({ cjs: 42, esm: "HI!" });
      const thrown = await Promise.resolve()
        .then(() => handlers.get("npm.refuse")?.(job, ctx))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      // The very class of this process: `falconq` was supplied, not found on disk.
      expect(thrown).toBeInstanceOf(NonRetryableError);
      expect(isNonRetryable(thrown)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
