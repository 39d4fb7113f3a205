// An in-memory store for server tests: storage's MemoryJournal (which can be
// told to fail, to drive the fail-stop path without a real disk fault) over a
// fresh JobTable.

import { JobTable } from "../../src/core/index.ts";
import type { StoreHandle } from "../../src/server/master.ts";
import { MemoryJournal } from "../../src/storage/index.ts";

export function testStore(journal = new MemoryJournal({ keepRecords: true })): StoreHandle & { journal: MemoryJournal } {
  return { state: new JobTable(), journal, onFatal: (cb) => journal.onFatal(cb), close: () => journal.close() };
}
