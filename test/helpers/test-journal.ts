// An in-memory store for server tests whose journal can be told to fail,
// to drive the fail-stop path without a real disk fault.

import { JobState, type WalRecord } from "../../src/core/index.ts";
import type { StoreHandle } from "../../src/server/master.ts";
import type { Journal } from "../../src/storage/journal.ts";

export class TestJournal implements Journal {
  readonly records: WalRecord[] = [];
  private failure: Error | undefined;
  private failNextSync: Error | undefined;
  private readonly fatal: ((e: Error) => void)[] = [];

  append(r: WalRecord): void {
    if (this.failure) throw this.failure;
    this.records.push(r);
  }

  async sync(): Promise<void> {
    if (this.failNextSync && !this.failure) {
      this.failure = this.failNextSync;
      for (const cb of this.fatal) cb(this.failure);
    }
    if (this.failure) throw this.failure;
  }

  /** The next sync fails as fdatasync would: every later append and sync fails too. */
  breakOnNextSync(err = new Error("fdatasync: EIO: i/o error")): void {
    this.failNextSync = err;
  }

  onFatal(cb: (e: Error) => void): void {
    this.fatal.push(cb);
  }

  async close(): Promise<void> {}
}

export function testStore(journal = new TestJournal()): StoreHandle & { journal: TestJournal } {
  return { state: new JobState(), journal, onFatal: (cb) => journal.onFatal(cb), close: () => journal.close() };
}
