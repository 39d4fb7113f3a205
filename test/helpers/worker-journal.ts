// A journal that keeps nothing and is always durable: worker tests exercise
// the broker's live path, not storage.

import type { Journal } from "../../src/storage/journal.ts";

export class NullJournal implements Journal {
  append(): void {}
  sync(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
