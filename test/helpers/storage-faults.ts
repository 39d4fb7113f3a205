// A FileOps wrapper for fault injection: counts calls and fails or stops
// chosen operations on demand.

import { type FailPoint, type FileOps, nodeFileOps } from "../../src/storage/file-ops.ts";

type Op = "write" | "fdatasync" | "fsync" | "rename" | "open" | "syncDir";

export class FaultyOps implements FileOps {
  readonly calls: Record<Op, number> = { write: 0, fdatasync: 0, fsync: 0, rename: 0, open: 0, syncDir: 0 };
  /** Fail the op once, at this call count. */
  private readonly failAt = new Map<Op, number>();
  readonly points: FailPoint[] = [];
  onPoint: ((p: FailPoint) => void | Promise<void>) | undefined;

  failNext(op: Op, afterCalls = 0): void {
    this.failAt.set(op, this.calls[op] + 1 + afterCalls);
  }

  private check(op: Op): void {
    this.calls[op]++;
    const at = this.failAt.get(op);
    if (at !== undefined && this.calls[op] === at) {
      throw Object.assign(new Error(`injected ${op} failure (EIO)`), { code: "EIO" });
    }
  }

  async open(path: string, flags: string, mode: number): Promise<number> {
    this.check("open");
    return nodeFileOps.open(path, flags, mode);
  }
  async write(fd: number, buf: Uint8Array, offset: number, length: number, position: number): Promise<number> {
    this.check("write");
    return nodeFileOps.write(fd, buf, offset, length, position);
  }
  async fdatasync(fd: number): Promise<void> {
    this.check("fdatasync");
    return nodeFileOps.fdatasync(fd);
  }
  async fsync(fd: number): Promise<void> {
    this.check("fsync");
    return nodeFileOps.fsync(fd);
  }
  close(fd: number): Promise<void> {
    return nodeFileOps.close(fd);
  }
  async rename(from: string, to: string): Promise<void> {
    this.check("rename");
    return nodeFileOps.rename(from, to);
  }
  unlink(path: string): Promise<void> {
    return nodeFileOps.unlink(path);
  }
  async syncDir(dir: string): Promise<void> {
    this.check("syncDir");
    return nodeFileOps.syncDir(dir);
  }
  point(name: FailPoint): void | Promise<void> {
    this.points.push(name);
    return this.onPoint?.(name);
  }
}
