// The contract between the live path and durable storage. JobManager calls
// append() synchronously for every record, then applies the record; the
// server answers a client only after sync() resolves. FileJournal (WAL) and
// MemoryJournal implement it; one contract test suite runs against both.

import type { RecordSink, WalRecord } from "../core/records.ts";

export type FsyncMode = "always" | "batch" | "never";

export interface Journal extends RecordSink {
  /**
   * Buffers the record, encoding it before returning (the record's objects may
   * change right after). Throws when the journal has failed or is closed;
   * the caller must then not apply the record.
   */
  append(record: WalRecord): void;
  /**
   * Resolves once every record appended before this call is as durable as the
   * fsync mode promises; rejects if the journal failed to write or sync them.
   */
  sync(): Promise<void>;
  /** Flushes and syncs what is buffered, then releases files. Idempotent. */
  close(): Promise<void>;
}
