// A master killed at each named point of the snapshot and rotation
// sequences restarts with every acknowledged job, and keeps working.

import { expect, test } from "bun:test";
import fs from "node:fs";
import type { FailPoint } from "../../src/storage/file-ops.ts";
import { openStore } from "../../src/storage/store.ts";
import { type Ack, Child, expectAcked } from "../helpers/storage-crash.ts";
import { quiet } from "../helpers/storage-files.ts";
import { tempDir } from "../helpers/storage.ts";

const points: [FailPoint, number][] = [
  ["snapshot:after-temp-write", 2],
  ["snapshot:after-rename", 2],
  ["snapshot:before-dir-fsync", 2],
  ["snapshot:before-delete-segments", 2],
  ["wal:after-rotate", 3],
];

test.each(points)("killed at %s (after %d passes) recovers every acknowledged job", async (point, skip) => {
  using t = tempDir("falconq-failpoint-");
  const acks = new Map<string, Ack>();
  const env = { FQ_DIR: t.dir, FQ_SEGMENT_BYTES: "16384", FQ_SNAPSHOT_BYTES: "65536" };
  const child = new Child({ ...env, FQ_RUN: "0", FQ_FAILPOINT: point, FQ_FAILPOINT_SKIP: String(skip) }, acks);
  await child.proc.exited;
  expect(child.proc.signalCode).toBe("SIGKILL");
  expect(acks.size).toBeGreaterThan(0);

  const store = await openStore({ dir: t.dir, ...quiet });
  expectAcked(store.state, acks);
  expect(fs.readdirSync(t.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  await store.close();

  const next = new Child({ ...env, FQ_RUN: "1", FQ_MAX_ACKS: "2000" }, acks);
  expect(await next.proc.exited).toBe(0);
  const again = await openStore({ dir: t.dir, ...quiet });
  expectAcked(again.state, acks);
  await again.close();
}, 60_000);
