// The errors storage throws. Every one is a StorageError whose `kind` says
// what went wrong and, where known, which file and byte offset; the message
// names them too, so a log line or the CLI's one-line error is enough.
// Refusals of writes to the callers of a failed or closed journal are
// DomainError `unavailable` instead (core/errors.ts): the server maps those
// to UNAVAILABLE, while a StorageError that escapes to a handler is INTERNAL.
// System errors from node:fs at start-up are passed on as they are; the
// server adds the data directory to their message.

export type StorageErrorKind =
  /** Bytes on disk fail a check: framing, checksum, decoding, apply, a missing segment. */
  | "corrupt"
  /** Another live process holds the data directory. */
  | "locked"
  /** A write, fdatasync or rename failed; the WAL fails stop. */
  | "io"
  /** The store or snapshot was closed or aborted. */
  | "closed"
  /** A record type or feature this version does not know, or a call the object was not set up for. */
  | "unsupported"
  /** Another operation of the same kind is running (one snapshot at a time). */
  | "busy";

export interface StorageErrorWhere {
  file?: string;
  offset?: number;
  cause?: unknown;
}

export class StorageError extends Error {
  readonly file: string | undefined;
  readonly offset: number | undefined;

  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    where: StorageErrorWhere = {},
  ) {
    super(message, where.cause === undefined ? undefined : { cause: where.cause });
    this.name = "StorageError";
    this.file = where.file;
    this.offset = where.offset;
  }
}

/** Damage found in a file; `offset` is the byte where the bad data starts, when known. */
export const corrupt = (message: string, where: StorageErrorWhere = {}) => new StorageError("corrupt", message, where);
