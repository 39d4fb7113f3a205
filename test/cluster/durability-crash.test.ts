// Real processes, real files: SIGKILL a submitting master at random moments,
// restart on the same data dir, and check that every acknowledged job is
// there with its options. FALCONQ_CRASH_LOOPS raises the number of kills.

import { expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { decodeRecord, SettingsCache } from "../../src/storage/codec.ts";
import { FRAME_HEADER_BYTES } from "../../src/storage/frame.ts";
import { PbReader } from "../../src/storage/pb.ts";
import { scanFrames } from "../../src/storage/replay.ts";
import { openStore } from "../../src/storage/store.ts";
import { type Ack, Child, expectAcked } from "../helpers/storage-crash.ts";
import { quiet, segments } from "../helpers/storage-files.ts";
import { rng, tempDir } from "../helpers/storage.ts";

const loops = Number(process.env.FALCONQ_CRASH_LOOPS ?? 20);
const seed = Number(process.env.FALCONQ_CRASH_SEED ?? Date.now() % 100_000);

async function verify(dir: string, acks: Map<string, Ack>): Promise<string[]> {
  const store = await openStore({ dir, ...quiet });
  try {
    expectAcked(store.state, acks);
    return store.warnings;
  } finally {
    await store.close();
  }
}

test(`SIGKILL at random moments loses no acknowledged job (${loops} kills, seed ${seed})`, async () => {
  using t = tempDir("falconq-crash-");
  const r = rng(seed);
  const acks = new Map<string, Ack>();
  const env = { FQ_DIR: t.dir, FQ_SEGMENT_BYTES: "16384", FQ_SNAPSHOT_BYTES: "49152" };
  for (let run = 0; run < loops; run++) {
    const child = new Child({ ...env, FQ_RUN: String(run) }, acks);
    await child.waitAcks(1 + Math.floor(r() * 400));
    if (r() < 0.5) await Bun.sleep(Math.floor(r() * 15));
    await child.kill();
    expect(child.proc.signalCode).toBe("SIGKILL");
    await verify(t.dir, acks);
  }
  // Snapshots and compaction ran under the kills, and the log still takes writes.
  expect(fs.readdirSync(t.dir).some((f) => f.endsWith(".snap"))).toBe(true);
  const last = new Child({ ...env, FQ_RUN: String(loops), FQ_MAX_ACKS: "50" }, acks);
  expect(await last.proc.exited).toBe(0);
  await verify(t.dir, acks);
}, 150_000);

/** End of the last frame in `file` that holds an acknowledged submit, or 0. */
function lastAckedEnd(file: string, acks: Map<string, Ack>): number {
  const buf = fs.readFileSync(file);
  const reader = new PbReader(buf, 0, 0);
  const cache = new SettingsCache();
  let end = 0;
  scanFrames(buf, 0, (start, stop, offset) => {
    reader.pos = start;
    reader.end = stop;
    const rec = decodeRecord(reader, cache);
    if (rec.kind === "submitted" && acks.has(rec.job.id)) end = offset + FRAME_HEADER_BYTES + (stop - start);
  });
  return end;
}

test("power loss: the WAL cut at or after the last acknowledged record, then zero-filled, keeps every acked job", async () => {
  using t = tempDir("falconq-powerloss-");
  const r = rng(seed + 1);
  const acks = new Map<string, Ack>();
  for (let run = 0; run < 6; run++) {
    const child = new Child({ FQ_DIR: t.dir, FQ_RUN: String(run) }, acks);
    await child.waitAcks(50 + Math.floor(r() * 300));
    await child.kill();
    const seg = segments(t.dir).at(-1) as string;
    const size = fs.statSync(seg).size;
    const floor = lastAckedEnd(seg, acks);
    const cut = floor + Math.floor(r() * (size - floor + 1));
    const zeros = 512 * (1 + Math.floor(r() * 8));
    fs.truncateSync(seg, cut);
    fs.appendFileSync(seg, new Uint8Array(zeros));
    const warnings = await verify(t.dir, acks);
    expect(warnings.join("\n")).toContain(`${path.basename(seg)}: cut `);
  }
}, 60_000);
