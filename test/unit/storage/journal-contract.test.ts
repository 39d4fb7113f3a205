// One contract, two journals: FileJournal (through openStore) and MemoryJournal.

import { afterEach, describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { DomainError } from "../../../src/core/errors.ts";
import type { WalRecord } from "../../../src/core/records.ts";
import { Job } from "../../../src/core/types.ts";
import type { Journal } from "../../../src/storage/journal.ts";
import { SettingsCache } from "../../../src/storage/codec.ts";
import { MemoryJournal } from "../../../src/storage/memory-journal.ts";
import { decodeFramedRecords } from "../../../src/storage/replay.ts";
import { openStore } from "../../../src/storage/store.ts";
import { FaultyOps } from "../../helpers/storage-faults.ts";
import { tempDir } from "../../helpers/storage.ts";

interface Subject {
  journal: Journal & { onFatal(cb: (e: Error) => void): void };
  /** Makes the next durable write fail. */
  breakDisk(): void;
  /** Records as a restart would see them; call after close(). */
  readBack(): WalRecord[];
}

type Make = () => Promise<Subject>;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const makeFile: Make = async () => {
  const t = tempDir();
  cleanups.push(() => t[Symbol.dispose]());
  const ops = new FaultyOps();
  const store = await openStore({ dir: t.dir, fileOps: ops });
  return {
    journal: store.journal,
    breakDisk: () => ops.failNext("fdatasync"),
    readBack: () => readSegments(t.dir),
  };
};

const makeMemory: Make = async () => {
  const j = new MemoryJournal({ keepRecords: true });
  return { journal: j, breakDisk: () => j.failNextSync(new Error("injected failure")), readBack: () => j.records() };
};

function readSegments(dir: string): WalRecord[] {
  const out: WalRecord[] = [];
  const cache = new SettingsCache();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".wal")).sort()) {
    decodeFramedRecords(fs.readFileSync(path.join(dir, f)), cache, (r) => out.push(r));
  }
  return out;
}

const settings = Object.freeze({ maxAttempts: 3, timeoutMs: 0, backoffBaseMs: 1, backoffMaxMs: 2, metadata: Object.freeze({}), removeOnComplete: false, removeOnFail: false });
const newJob = (id: string) => new Job(id, "default", "t", new Uint8Array([1]), 0, 1000, 1000, settings);

describe.each([
  ["FileJournal", makeFile],
  ["MemoryJournal", makeMemory],
] as const)("Journal contract: %s", (_name, make) => {
  test("records come back in append order after sync and close", async () => {
    const s = await make();
    const recs: WalRecord[] = [
      { kind: "submitted", job: newJob("a") },
      { kind: "queuePaused", queue: "q", paused: true },
      { kind: "cancelled", jobId: "a", at: 5 },
    ];
    for (const r of recs) s.journal.append(r);
    await s.journal.sync();
    await s.journal.close();
    expect(s.readBack().map((r) => r.kind)).toEqual(["submitted", "queuePaused", "cancelled"]);
  });

  test("a submitted job is recorded as it was at append time", async () => {
    const s = await make();
    const j = newJob("b");
    s.journal.append({ kind: "submitted", job: j });
    j.runAt = 99_999;
    j.attempt = 7;
    await s.journal.close();
    const back = s.readBack()[0] as { job: Job };
    expect(back.job.runAt).toBe(1000);
    expect(back.job.attempt).toBe(0);
  });

  test("sync with nothing new resolves; many concurrent syncs all resolve", async () => {
    const s = await make();
    await s.journal.sync();
    const waits: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      s.journal.append({ kind: "promoted", at: i });
      waits.push(s.journal.sync());
    }
    await Promise.all(waits);
    await s.journal.close();
    expect(s.readBack()).toHaveLength(50);
  });

  test("close is idempotent and later appends throw an UNAVAILABLE domain error", async () => {
    const s = await make();
    s.journal.append({ kind: "promoted", at: 1 });
    await Promise.all([s.journal.close(), s.journal.close()]);
    await s.journal.close();
    let err: unknown;
    try {
      s.journal.append({ kind: "promoted", at: 2 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).kind).toBe("unavailable");
    expect(s.readBack()).toHaveLength(1);
  });

  test("a failed write rejects sync, then every append throws and onFatal runs once", async () => {
    const s = await make();
    const fatal: Error[] = [];
    s.journal.onFatal((e) => fatal.push(e));
    s.journal.append({ kind: "promoted", at: 1 });
    await s.journal.sync();
    s.breakDisk();
    s.journal.append({ kind: "promoted", at: 2 });
    await expect(s.journal.sync()).rejects.toThrow(/injected/);
    expect(() => s.journal.append({ kind: "promoted", at: 3 })).toThrow(/accepts no writes/);
    await expect(s.journal.sync()).rejects.toThrow(/injected/);
    expect(fatal).toHaveLength(1);
    await s.journal.close().catch(() => {});
  });
});
