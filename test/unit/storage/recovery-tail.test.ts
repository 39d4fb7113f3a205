// Corruption matrix, part 1: damage at the tail of the WAL is cut back with a
// warning; damage followed by valid records stops start-up unless repair.

import { afterAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { JobManager } from "../../../src/core/job-manager.ts";
import { crc32c } from "../../../src/storage/crc32c.ts";
import { openStore } from "../../../src/storage/store.ts";
import { copyDir, frameOffsets, quiet, segments, storageErrorOf, writeJobs } from "../../helpers/storage-files.ts";
import { tempDir } from "../../helpers/storage.ts";

const base = tempDir();
afterAll(() => base[Symbol.dispose]());
const pristine = path.join(base.dir, "pristine");
let ids: string[] = [];
let seg = "";

async function openIn(dir: string, repair = false) {
  return openStore({ dir, repair, ...quiet });
}

/** A fresh copy of the 5-job WAL to damage. */
function work(name: string): { dir: string; seg: string } {
  const dir = path.join(base.dir, name);
  copyDir(pristine, dir);
  return { dir, seg: path.join(dir, path.basename(seg)) };
}

/** The store still takes durable writes after recovery. */
async function acceptsWrites(store: Awaited<ReturnType<typeof openIn>>): Promise<void> {
  const m = new JobManager({ state: store.state, sink: store.journal });
  m.submit({ type: "after" });
  await store.journal.sync();
}

describe("WAL tail damage", () => {
  test("setup: five jobs in one segment", async () => {
    fs.mkdirSync(pristine);
    ids = await writeJobs(pristine, 5);
    seg = segments(pristine)[0] as string;
    expect(frameOffsets(seg).starts).toHaveLength(5);
  });

  test("the last record cut at every byte offset is cut back, kept in .broken, with a warning", async () => {
    const { starts, size } = frameOffsets(seg);
    const last = starts[4] as number;
    for (let k = last + 1; k < size; k++) {
      const w = work("cut");
      fs.truncateSync(w.seg, k);
      const store = await openIn(w.dir);
      expect(store.state.jobs.size).toBe(4);
      expect(store.state.jobs.has(ids[4] as string)).toBe(false);
      expect(store.warnings.join("\n")).toContain(`cut ${k - last} bytes of torn tail at offset ${last}`);
      expect(fs.statSync(`${w.seg}.${last}.broken`).size).toBe(k - last);
      expect(fs.statSync(w.seg).size).toBe(last);
      await acceptsWrites(store);
      await store.close();
    }
  });

  test("a cut exactly between records needs no warning", async () => {
    const w = work("between");
    fs.truncateSync(w.seg, frameOffsets(w.seg).starts[3] as number);
    const store = await openIn(w.dir);
    expect(store.warnings).toEqual([]);
    expect(store.state.jobs.size).toBe(3);
    await store.close();
  });

  test("a zero-filled tail is cut with a warning saying how many bytes", async () => {
    const w = work("zeros");
    fs.appendFileSync(w.seg, new Uint8Array(8192));
    const store = await openIn(w.dir);
    expect(store.state.jobs.size).toBe(5);
    expect(store.warnings.join("\n")).toMatch(/cut 8192 bytes of torn tail .*zero length/);
    await acceptsWrites(store);
    await store.close();
  });

  test("a length of 0xFFFFFFFF at the tail is a torn tail and allocates nothing", async () => {
    const w = work("huge-tail");
    const junk = Buffer.alloc(64, 0xab);
    junk.writeUInt32LE(0xffffffff, 0);
    fs.appendFileSync(w.seg, junk);
    const store = await openIn(w.dir);
    expect(store.state.jobs.size).toBe(5);
    expect(store.warnings.join("\n")).toMatch(/cut 64 bytes .*length too large/);
    await store.close();
  });

  test("a length of 0xFFFFFFFF mid-file stops start-up naming file and offset", async () => {
    const w = work("huge-mid");
    const at = frameOffsets(w.seg).starts[2] as number;
    const fd = fs.openSync(w.seg, "r+");
    fs.writeSync(fd, Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4, at);
    fs.closeSync(fd);
    await expect(openIn(w.dir)).rejects.toThrow(`${w.seg}: damaged record at offset ${at} (length too large)`);
    expect(await storageErrorOf(openIn(w.dir))).toMatchObject({ kind: "corrupt", file: w.seg, offset: at });
  });

  test("one bit flipped mid-file stops start-up; --repair skips the record and keeps a .broken copy", async () => {
    const w = work("bitflip");
    const at = frameOffsets(w.seg).starts[1] as number;
    const buf = fs.readFileSync(w.seg);
    buf[at + 12] = (buf[at + 12] as number) ^ 0x10;
    fs.writeFileSync(w.seg, buf);
    await expect(openIn(w.dir)).rejects.toThrow(new RegExp(`${w.seg}: damaged record at offset ${at} \\(checksum mismatch\\).*--repair`));
    const store = await openIn(w.dir, true);
    expect([...store.state.jobs.keys()].sort()).toEqual([ids[0], ids[2], ids[3], ids[4]].sort() as string[]);
    expect(store.warnings.join("\n")).toContain("repair:");
    expect(fs.existsSync(`${w.seg}.0.broken`)).toBe(true);
    await acceptsWrites(store);
    await store.close();
    // The repair took a snapshot past the damage: a plain start works now.
    const again = await openIn(w.dir);
    expect(again.state.jobs.size).toBe(5);
    await again.close();
  });

  test("an unknown record type with a valid checksum stops start-up even at the tail", async () => {
    const w = work("unknown");
    const payload = Buffer.from([0x9a, 0x06, 2, 0x08, 0x01]); // WalRecord field 99, unused (tag (99 << 3) | 2 as a two-byte varint) { field 1: 1 }
    const head = Buffer.alloc(8);
    head.writeUInt32LE(payload.length, 0);
    head.writeUInt32LE(crc32c(payload), 4);
    const size = fs.statSync(w.seg).size;
    fs.appendFileSync(w.seg, Buffer.concat([head, payload]));
    await expect(openIn(w.dir)).rejects.toThrow(`${w.seg}: undecodable record at offset ${size}: unknown record type (WalRecord field 99)`);
    // Written by a newer version, perhaps: refused as unsupported rather than called damage.
    expect(await storageErrorOf(openIn(w.dir))).toMatchObject({ kind: "unsupported", file: w.seg, offset: size });
    const store = await openIn(w.dir, true);
    expect(store.state.jobs.size).toBe(5);
    await store.close();
  });
});
