// Durable master state: the Journal contract, the file WAL, snapshots and
// recovery. The server uses openStore(); tests and in-memory runs use
// MemoryJournal.

export { crc32c } from "./crc32c.ts";
export { StorageError, type StorageErrorKind } from "./errors.ts";
export { type FailPoint, type FileOps, nodeFileOps } from "./file-ops.ts";
export type { FsyncMode, Journal } from "./journal.ts";
export { MemoryJournal, type MemoryJournalOptions } from "./memory-journal.ts";
export { openStore, type Store, type StoreObserver, type StoreOptions } from "./store.ts";
export { FileJournal, type JournalObserver, type ReplicationSink } from "./wal.ts";
