// The file operations the WAL and the snapshot writer use, as one small
// object: tests swap in one whose write/fdatasync/rename fails on demand, or
// that stops the process at a named point. Every operation runs through the
// node:fs callback API, off the event loop. Reads at start-up are synchronous
// and do not go through the seam: nothing else runs then.

import fs from "node:fs";
import { StorageError } from "./errors.ts";

/** Named points in the snapshot and rotation sequences where a test may stop the process. */
export type FailPoint =
  | "snapshot:after-temp-write"
  | "snapshot:after-rename"
  | "snapshot:before-dir-fsync"
  | "snapshot:before-delete-segments"
  | "wal:after-rotate";

export interface FileOps {
  open(path: string, flags: string, mode: number): Promise<number>;
  write(fd: number, buf: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  fdatasync(fd: number): Promise<void>;
  fsync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** fsync of a directory, so a created, renamed or deleted entry survives power loss. */
  syncDir(dir: string): Promise<void>;
  /** Called at each FailPoint; the default does nothing. */
  point(name: FailPoint): void | Promise<void>;
}

function cb<T>(run: (done: (err: NodeJS.ErrnoException | null, v?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((err, v) => (err ? reject(err) : resolve(v as T))));
}

export const nodeFileOps: FileOps = {
  open: (path, flags, mode) => cb((d) => fs.open(path, flags, mode, d)),
  write: (fd, buf, offset, length, position) => cb((d) => fs.write(fd, buf, offset, length, position, d)),
  fdatasync: (fd) => cb((d) => fs.fdatasync(fd, d)),
  fsync: (fd) => cb((d) => fs.fsync(fd, d)),
  close: (fd) => cb((d) => fs.close(fd, d)),
  rename: (from, to) => cb((d) => fs.rename(from, to, d)),
  unlink: (path) => cb((d) => fs.unlink(path, d)),
  async syncDir(dir) {
    const fd = await cb<number>((d) => fs.open(dir, "r", d));
    try {
      await cb((d) => fs.fsync(fd, d));
    } finally {
      await cb((d) => fs.close(fd, d));
    }
  },
  point() {},
};

/** Writes all of buf[offset, offset+length) at `position`, looping over short writes. */
export async function writeAll(ops: FileOps, fd: number, buf: Uint8Array, offset: number, length: number, position: number): Promise<void> {
  while (length > 0) {
    const n = await ops.write(fd, buf, offset, length, position);
    if (n <= 0) throw new StorageError("io", `write returned ${n}`, { offset: position });
    offset += n;
    length -= n;
    position += n;
  }
}
