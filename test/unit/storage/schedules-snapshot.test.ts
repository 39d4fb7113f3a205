// Schedules through the real store: written to the WAL and to a snapshot
// (Snapshot field 15, a frame per schedule), recovered equal, firing on.

import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import { JobManager } from "../../../src/core/job-manager.ts";
import { copySchedule } from "../../../src/core/schedules.ts";
import type { JobTable } from "../../../src/core/state.ts";
import { cronEngine } from "../../../src/master/cron.ts";
import { openStore } from "../../../src/storage/store.ts";
import { quiet } from "../../helpers/storage-files.ts";
import { FakeClock, tempDir } from "../../helpers/storage.ts";

const schedules = (s: JobTable) => [...s.schedules.values()].map(copySchedule).sort((a, b) => (a.name < b.name ? -1 : 1));

describe("schedules in the data dir", () => {
  for (const snapshot of [false, true]) {
    test(`survive a restart ${snapshot ? "from a snapshot" : "from the WAL alone"}, and fire on from where they were`, async () => {
      using t = tempDir();
      const clock = new FakeClock(Date.parse("2026-03-28T23:59:00Z"));
      let store = await openStore({ dir: t.dir, ...quiet });
      let m = new JobManager({ state: store.state, sink: store.journal, clock: clock.now, cron: cronEngine });
      m.createSchedule({ name: "every", type: "t", everyMs: 1000, noOverlap: true, payload: new Uint8Array([1, 2]) });
      m.createSchedule({ name: "berlin", type: "t", cron: "30 2 * * *", timeZone: "Europe/Berlin", missed: "run-once", queue: "q" });
      m.createSchedule({ name: "gone", type: "t", everyMs: 5000 });
      for (let i = 0; i < 3; i++) {
        clock.t += 1000;
        m.tick();
      }
      m.deleteSchedule("gone");
      m.pauseSchedule("every", true);
      m.triggerSchedule("berlin");
      await store.journal.sync();
      if (snapshot) await store.snapshotNow();
      const before = schedules(store.state);
      const jobs = [...store.state.jobs.keys()];
      await store.close();
      if (snapshot) expect(fs.readdirSync(t.dir).some((f) => f.endsWith(".snap"))).toBe(true);

      store = await openStore({ dir: t.dir, ...quiet });
      expect(schedules(store.state)).toEqual(before);
      expect([...store.state.jobs.keys()]).toEqual(jobs);
      m = new JobManager({ state: store.state, sink: store.journal, clock: clock.now, cron: cronEngine });
      // 02:30 Berlin does not exist on 2026-03-29: croner's next tick is 03:00 CEST.
      expect(m.getSchedule("berlin").nextRunAt).toBe(Date.parse("2026-03-29T01:00:00Z"));
      expect(m.nextWakeAt()).toBe(Date.parse("2026-03-29T01:00:00Z"));
      m.pauseSchedule("every", false);
      clock.t += 1000;
      m.tick();
      expect(m.getSchedule("every").firedTotal).toBe(1); // the no-overlap job from before is unfinished
      expect(m.getSchedule("every").skippedOverlapTotal).toBe(3);
      await store.close();
    });
  }
});
