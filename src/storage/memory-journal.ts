// MemoryJournal: the Journal contract without a disk, for tests and for a
// master run without a data directory. With keepRecords it stores each
// record encoded exactly as the WAL would (so later changes to a submitted
// Job do not leak in) and can hand them back decoded.

import { unavailable } from "../core/errors.ts";
import type { WalRecord } from "../core/records.ts";
import { encodeRecord, SettingsCache } from "./codec.ts";
import { StorageError } from "./errors.ts";
import type { Journal } from "./journal.ts";
import { closeFrame, openFrame } from "./frame.ts";
import { PbWriter } from "./pb.ts";
import { decodeFramedRecords } from "./replay.ts";

export interface MemoryJournalOptions {
  /** Keep every record (memory grows with the log); default false. */
  keepRecords?: boolean;
}

export class MemoryJournal implements Journal {
  private readonly w: PbWriter | undefined;
  private failed: Error | undefined;
  private closed = false;
  private count = 0;
  private failOnSync: Error | undefined;
  private readonly fatalListeners: ((e: Error) => void)[] = [];

  constructor(o: MemoryJournalOptions = {}) {
    this.w = o.keepRecords ? new PbWriter() : undefined;
  }

  get recordCount(): number {
    return this.count;
  }

  append(record: WalRecord): void {
    if (this.failed) throw unavailable(`storage has failed (${this.failed.message}); the master accepts no writes`);
    if (this.closed) throw unavailable("storage is closed; the master accepts no writes");
    this.count++;
    if (this.w === undefined) return;
    const at = openFrame(this.w);
    encodeRecord(this.w, record);
    closeFrame(this.w, at);
  }

  sync(): Promise<void> {
    if (this.failOnSync && !this.failed) this.fail(this.failOnSync);
    return this.failed ? Promise.reject(this.failed) : Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    return this.failed ? Promise.reject(this.failed) : Promise.resolve();
  }

  onFatal(cb: (e: Error) => void): void {
    this.fatalListeners.push(cb);
    if (this.failed) cb(this.failed);
  }

  /** Makes the next sync() fail as a failed fdatasync would. */
  failNextSync(e: Error): void {
    this.failOnSync = e;
  }

  /** Simulates a failed write: the same fail-stop behaviour as FileJournal. */
  fail(e: Error): void {
    if (this.failed) return;
    this.failed = e;
    for (const cb of this.fatalListeners) cb(e);
  }

  /** The records appended so far, decoded afresh (requires keepRecords). */
  records(): WalRecord[] {
    if (this.w === undefined) throw new StorageError("unsupported", "MemoryJournal was created without keepRecords");
    const out: WalRecord[] = [];
    decodeFramedRecords(this.w.buf.subarray(0, this.w.pos), new SettingsCache(), (r) => out.push(r));
    return out;
  }

  /** The framed bytes, as a WAL segment would hold them. */
  bytes(): Uint8Array {
    if (this.w === undefined) throw new StorageError("unsupported", "MemoryJournal was created without keepRecords");
    return this.w.buf.subarray(0, this.w.pos);
  }
}
