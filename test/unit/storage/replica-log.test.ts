// ReplicaLog: a standby's copy of the leader's WAL, written only as an
// extension of its end, with per-segment digests and snapshot install.

import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import { crc32c } from "../../../src/storage/crc32c.ts";
import { segmentPath, snapshotPath } from "../../../src/storage/layout.ts";
import { ReplicaLog, readEpoch, writeEpoch } from "../../../src/storage/replica-log.ts";
import { tempDir } from "../../helpers/storage.ts";

const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);

describe("ReplicaLog", () => {
  test("writes only at its end or at offset 0 of the next segment; digests follow the bytes; reopening finds the end", async () => {
    using d = tempDir();
    const log = ReplicaLog.open(d.dir);
    expect(log.position).toEqual({ segment: 0, offset: 0 });
    await log.write(1, 0, bytes(10, 1));
    await log.write(1, 10, bytes(5, 2));
    await expect(log.write(1, 3, bytes(1, 3))).rejects.toThrow(/do not continue the log/);
    await expect(log.write(3, 0, bytes(1, 3))).rejects.toThrow(/do not continue the log/);
    await log.write(2, 0, bytes(4, 4));
    expect(await log.sync()).toEqual({ segment: 2, offset: 4 });
    await log.close();
    const one = fs.readFileSync(segmentPath(d.dir, 1));
    expect(one.length).toBe(15);
    const again = ReplicaLog.open(d.dir);
    expect(again.position).toEqual({ segment: 2, offset: 4 });
    expect(again.segmentDigests()).toEqual([
      { segment: 1, bytes: 15, crc32c: crc32c(one) },
      { segment: 2, bytes: 4, crc32c: crc32c(bytes(4, 4)) },
    ]);
    expect(log.segmentDigests()).toEqual(again.segmentDigests());
    await again.close();
  });

  test("installSnapshot replaces every segment and snapshot; the log continues at the snapshot's segment", async () => {
    using d = tempDir();
    const log = ReplicaLog.open(d.dir);
    await log.write(1, 0, bytes(8, 1));
    await log.write(2, 0, bytes(8, 2));
    fs.writeFileSync(snapshotPath(d.dir, 2), "old");
    const tmp = `${snapshotPath(d.dir, 5)}.tmp`;
    fs.writeFileSync(tmp, "new");
    await log.installSnapshot(5, tmp);
    expect(fs.readdirSync(d.dir).sort()).toEqual(["snap-0000000000000005.snap"]);
    expect(log.position).toEqual({ segment: 5, offset: 0 });
    expect(log.segmentDigests()).toEqual([]);
    await log.write(5, 0, bytes(3, 9));
    expect(log.position).toEqual({ segment: 5, offset: 3 });
    await log.close();
    // Without a snapshot: an empty state, the log starting at the given segment.
    await log.installSnapshot(1, undefined);
    expect(fs.readdirSync(d.dir)).toEqual([]);
    await log.write(1, 0, bytes(2, 1));
    expect(log.position).toEqual({ segment: 1, offset: 2 });
    await log.close();
  });

  test("the epoch file round-trips; absent reads 0", async () => {
    using d = tempDir();
    expect(readEpoch(d.dir)).toBe(0);
    await writeEpoch(d.dir, 42);
    expect(readEpoch(d.dir)).toBe(42);
  });
});
