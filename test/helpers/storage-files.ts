// Helpers for tests that damage data directories on purpose.

import fs from "node:fs";
import path from "node:path";
import { JobManager } from "../../src/core/job-manager.ts";
import { silentLogger } from "../../src/core/log.ts";
import { StorageError } from "../../src/storage/errors.ts";
import { checkFrame } from "../../src/storage/frame.ts";
import { openStore, type StoreOptions } from "../../src/storage/store.ts";
import { FakeClock } from "./storage.ts";

export const quiet = { log: silentLogger };

/** Submits n jobs (payload = their index) through a real store and closes it; returns their ids. */
export async function writeJobs(dir: string, n: number, opts: Partial<StoreOptions> = {}): Promise<string[]> {
  const store = await openStore({ dir, ...quiet, ...opts });
  const clock = new FakeClock();
  const m = new JobManager({ state: store.state, sink: store.journal, clock: clock.now });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    clock.t++;
    ids.push(m.submit({ type: "t", payload: new TextEncoder().encode(String(i)) }).job.id);
  }
  await store.journal.sync();
  await store.close();
  return ids;
}

export function segments(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".wal"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Start offsets of the frames in a segment file, and its length. */
export function frameOffsets(file: string): { starts: number[]; size: number } {
  const buf = fs.readFileSync(file);
  const starts: number[] = [];
  let at = 0;
  while (at < buf.length) {
    const next = checkFrame(buf, at, buf.length);
    if (typeof next !== "number") break;
    starts.push(at);
    at = next;
  }
  return { starts, size: buf.length };
}

export function copyDir(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}

/** The StorageError `p` rejects with, as the fields a test compares; fails if it resolves or rejects with anything else. */
export async function storageErrorOf(p: Promise<unknown>): Promise<{ kind: string; file: string | undefined; offset: number | undefined; message: string }> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof StorageError)) throw new Error(`expected a StorageError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  return { kind: e.kind, file: e.file, offset: e.offset, message: e.message };
}
