// Loads user handlers from a module at run time. The module exports a map
// of type -> handler function, either as `default` or as `handlers`, e.g.
//   export default { "email.send": async (job, ctx) => { ... } };
// Every failure names the file, so `falconq worker --handlers x.ts` explains
// itself without a stack trace.
//
// Bare imports in the module resolve from the module's own directory (its
// node_modules, walking up), in the compiled binary as from source: that is
// Bun's resolution for a file loaded from disk. `falconq` itself is the one
// package the binary can always supply: when the module's directory has no
// falconq of its own, `import { NonRetryableError } from "falconq"` gets the
// handler-facing part of the SDK this process runs.

import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { plugin } from "bun";
import { type Handler, handlerMap, isNonRetryable, NonRetryableError, RateLimitedError } from "./handler.ts";

export class HandlerModuleError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`handler module ${file}: ${message}`);
    this.name = "HandlerModuleError";
  }
}

/** What `import ... from "falconq"` gives a handler module that has no falconq installed beside it. */
export const handlerSdk = { NonRetryableError, isNonRetryable, RateLimitedError } as const;

let sdkProvided = false;

/**
 * Makes `falconq` importable from a module in `dir` when nothing there resolves
 * it. The registration is process-wide, so it is made at most once, and never
 * when the module has its own copy (the brand still lets its NonRetryableError count).
 */
function provideSdk(dir: string): void {
  if (sdkProvided) return;
  try {
    Bun.resolveSync("falconq", dir);
    return;
  } catch {
    // not installed beside the module: supply ours
  }
  sdkProvided = true;
  plugin({
    name: "falconq-handler-sdk",
    setup(build) {
      build.module("falconq", () => ({ exports: { ...handlerSdk }, loader: "object" }));
    },
  });
}

/** Imports the module at `file` (relative to the working directory) and returns its handlers by type. */
export async function loadHandlers(file: string): Promise<Map<string, Handler>> {
  const abs = path.resolve(file);
  if (!existsSync(abs)) throw new HandlerModuleError(abs, "no such file");
  provideSdk(path.dirname(abs));
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  } catch (e) {
    throw new HandlerModuleError(abs, `failed to load: ${e instanceof Error ? e.message : String(e)}`);
  }
  const exported = mod.handlers ?? mod.default;
  if (exported === undefined) {
    throw new HandlerModuleError(abs, "exports neither `handlers` nor a default; export a map of type -> function");
  }
  if (typeof exported !== "object" || exported === null || Array.isArray(exported)) {
    throw new HandlerModuleError(abs, `the exported handlers are a ${Array.isArray(exported) ? "array" : typeof exported}, not a map of type -> function`);
  }
  let map: Map<string, Handler>;
  try {
    map = handlerMap(exported as Record<string, Handler>, "handlers");
  } catch (e) {
    throw new HandlerModuleError(abs, (e as Error).message);
  }
  if (map.size === 0) throw new HandlerModuleError(abs, "exports no handlers");
  return map;
}
