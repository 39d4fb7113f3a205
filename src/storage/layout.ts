// Names of the files in a data directory. Numbers are zero-padded so that
// name order is number order.
//
//   LOCK                          pid of the master holding the directory
//   0000000000000007.wal          WAL segment 7
//   snap-0000000000000007.snap    snapshot of the state before segment 7
//   *.tmp                         snapshot being written; removed at start-up
//   *.broken                      bytes cut from a damaged segment, kept for inspection

import path from "node:path";

export const LOCK_FILE = "LOCK";
const SEG_RE = /^(\d{16})\.wal$/;
const SNAP_RE = /^snap-(\d{16})\.snap$/;

const pad = (n: number) => String(n).padStart(16, "0");

export const segmentName = (n: number) => `${pad(n)}.wal`;
export const snapshotName = (n: number) => `snap-${pad(n)}.snap`;

export function segmentPath(dir: string, n: number): string {
  return path.join(dir, segmentName(n));
}

export function snapshotPath(dir: string, n: number): string {
  return path.join(dir, snapshotName(n));
}

export interface DirListing {
  /** Segment numbers, ascending. */
  segments: number[];
  /** Snapshot numbers (first segment not covered), ascending. */
  snapshots: number[];
  temps: string[];
}

export function parseListing(names: readonly string[]): DirListing {
  const segments: number[] = [];
  const snapshots: number[] = [];
  const temps: string[] = [];
  for (const name of names) {
    const seg = SEG_RE.exec(name);
    if (seg) segments.push(Number(seg[1]));
    const snap = SNAP_RE.exec(name);
    if (snap) snapshots.push(Number(snap[1]));
    if (name.endsWith(".tmp")) temps.push(name);
  }
  segments.sort((a, b) => a - b);
  snapshots.sort((a, b) => a - b);
  return { segments, snapshots, temps };
}
