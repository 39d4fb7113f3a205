// Corruption matrix, part 2: whole files: empty and missing segments,
// damaged snapshots, the lock, and file modes.

import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { JobManager } from "../../../src/core/job-manager.ts";
import { snapshotPath } from "../../../src/storage/layout.ts";
import { openStore } from "../../../src/storage/store.ts";
import { quiet, segments, storageErrorOf, writeJobs } from "../../helpers/storage-files.ts";
import { tempDir } from "../../helpers/storage.ts";

describe("segments and snapshots at start-up", () => {
  test("an empty segment between full ones is fine", async () => {
    using t = tempDir();
    const a = await writeJobs(t.dir, 3);
    fs.writeFileSync(path.join(t.dir, "0000000000000002.wal"), "", { mode: 0o600 });
    const b = await writeJobs(t.dir, 3);
    expect(segments(t.dir).map((f) => path.basename(f))).toEqual(["0000000000000001.wal", "0000000000000002.wal", "0000000000000003.wal"]);
    const store = await openStore({ dir: t.dir, ...quiet });
    expect([...store.state.jobs.keys()].sort()).toEqual([...a, ...b].sort());
    await store.close();
  });

  test("a missing segment stops start-up naming it; --repair starts with what is left", async () => {
    using t = tempDir();
    await writeJobs(t.dir, 2);
    await writeJobs(t.dir, 2);
    const c = await writeJobs(t.dir, 2);
    fs.rmSync(path.join(t.dir, "0000000000000002.wal"));
    await expect(openStore({ dir: t.dir, ...quiet })).rejects.toThrow(/WAL segment 0000000000000002\.wal is missing/);
    const store = await openStore({ dir: t.dir, repair: true, ...quiet });
    for (const id of c) expect(store.state.jobs.has(id)).toBe(true);
    await store.close();
  });

  test("a snapshot failing its checksum falls back to the older snapshot plus WAL", async () => {
    using t = tempDir();
    const store = await openStore({ dir: t.dir, ...quiet });
    const m = new JobManager({ state: store.state, sink: store.journal });
    const ids: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10; i++) ids.push(m.submit({ type: "t" }).job.id);
      await store.journal.sync();
      await store.snapshotNow();
    }
    await store.close();
    const snaps = fs.readdirSync(t.dir).filter((f) => f.endsWith(".snap")).sort();
    expect(snaps).toHaveLength(2); // the oldest was compacted away
    const newest = path.join(t.dir, snaps[1] as string);
    const buf = fs.readFileSync(newest);
    buf[buf.length >> 1] = (buf[buf.length >> 1] as number) ^ 0x01;
    fs.writeFileSync(newest, buf);
    const again = await openStore({ dir: t.dir, ...quiet });
    expect(again.warnings.join("\n")).toContain(`snapshot ${newest} is unusable`);
    expect([...again.state.jobs.keys()].sort()).toEqual(ids.sort());
    await again.close();
  });

  test("with every snapshot damaged and the early WAL compacted, start-up refuses rather than start empty", async () => {
    using t = tempDir();
    const store = await openStore({ dir: t.dir, ...quiet });
    const m = new JobManager({ state: store.state, sink: store.journal });
    for (let round = 0; round < 3; round++) {
      m.submit({ type: "t" });
      await store.journal.sync();
      await store.snapshotNow();
    }
    await store.close();
    for (const f of fs.readdirSync(t.dir).filter((n) => n.endsWith(".snap"))) fs.truncateSync(path.join(t.dir, f), 20);
    const e = await storageErrorOf(openStore({ dir: t.dir, ...quiet }));
    expect(e).toMatchObject({ kind: "corrupt", file: t.dir, offset: undefined });
    expect(e.message).toMatch(/no usable snapshot .*refusing to start/);
  });

  test("a leftover temp snapshot is removed at start-up", async () => {
    using t = tempDir();
    await writeJobs(t.dir, 1);
    fs.writeFileSync(`${snapshotPath(t.dir, 9)}.tmp`, "partial");
    const store = await openStore({ dir: t.dir, ...quiet });
    expect(fs.readdirSync(t.dir).some((f) => f.endsWith(".tmp"))).toBe(false);
    await store.close();
  });
});

describe("data directory", () => {
  test("a second store on the same directory fails naming the directory and the pid", async () => {
    using t = tempDir();
    const store = await openStore({ dir: t.dir, ...quiet });
    await expect(openStore({ dir: t.dir, ...quiet })).rejects.toThrow(
      `data directory ${t.dir} is in use by another master (pid ${process.pid}`,
    );
    expect(await storageErrorOf(openStore({ dir: t.dir, ...quiet }))).toMatchObject({ kind: "locked", file: path.join(t.dir, "LOCK") });
    await store.close();
    const again = await openStore({ dir: t.dir, ...quiet });
    await again.close();
  });

  test("a lock left by a dead process is taken over", async () => {
    using t = tempDir();
    const dead = Bun.spawnSync(["true"]).pid;
    fs.writeFileSync(path.join(t.dir, "LOCK"), `${dead}\n`);
    const store = await openStore({ dir: t.dir, ...quiet });
    expect(fs.readFileSync(path.join(t.dir, "LOCK"), "utf8").trim()).toBe(String(process.pid));
    await store.close();
  });

  test("the directory is created 0700 and its files 0600", async () => {
    using t = tempDir();
    const dir = path.join(t.dir, "data");
    const store = await openStore({ dir, ...quiet });
    const m = new JobManager({ state: store.state, sink: store.journal });
    m.submit({ type: "t" });
    await store.journal.sync();
    await store.snapshotNow();
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(dir)) expect([f, fs.statSync(path.join(dir, f)).mode & 0o777]).toEqual([f, 0o600]);
    await store.close();
  });
});
