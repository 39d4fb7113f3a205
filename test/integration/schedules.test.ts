// Schedules through the public SDK against an in-process master (real clock,
// real croner): create, list, get, pause, resume, trigger, delete, and the
// jobs a `--every 1s` schedule creates.

import { describe, expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import { Client } from "../../src/index.ts";
import { rejects, startTestMaster, waitFor } from "../helpers/master.ts";

describe("schedules through the SDK", () => {
  test("an every-1s schedule makes one job per tick; pause, resume, trigger, delete; errors keep their codes", async () => {
    await using m = await startTestMaster();
    const c = new Client({ master: m.address });
    try {
      const s = await c.createSchedule({ name: "tick", type: "ping", payload: { n: 1 }, queue: "sched", everyMs: 1000, noOverlap: false });
      expect(s).toMatchObject({ name: "tick", queue: "sched", type: "ping", everyMs: 1000, paused: false, missed: 1 });
      expect(s.nextRunAt).toBe(s.anchorAt + 1000);
      await waitFor(async () => (await c.getSchedule("tick")).firedTotal >= 2, 10_000);
      const page = await c.list({ queue: "sched", withPayloads: true });
      expect(page.jobs.length).toBeGreaterThanOrEqual(2);
      for (const j of page.jobs) {
        expect(j.metadata["falconq.schedule"]).toBe("tick");
        expect(Date.parse(j.metadata["falconq.tick"] ?? "") % 1000).toBe(s.anchorAt % 1000);
        expect(new TextDecoder().decode(j.payload)).toBe('{"n":1}');
      }
      const paused = await c.pauseSchedule("tick");
      expect(paused.paused).toBe(true);
      const { job, schedule } = await c.triggerSchedule("tick");
      expect(job.queue).toBe("sched");
      expect(schedule.lastJobId).toBe(job.id);
      const resumed = await c.resumeSchedule("tick");
      expect(resumed.paused).toBe(false);
      expect(resumed.nextRunAt).toBeGreaterThan(Date.now() - 1000);

      const berlin = await c.createSchedule({ name: "nightly", type: "report", cron: "30 2 * * *", timeZone: "Europe/Berlin", missed: "run-once" });
      expect(berlin).toMatchObject({ cron: "30 2 * * *", timeZone: "Europe/Berlin", missed: 2 });
      expect((await c.listSchedules()).map((x) => x.name)).toEqual(["nightly", "tick"]);
      expect((await c.listSchedules("sched")).map((x) => x.name)).toEqual(["tick"]);

      await rejects(c.createSchedule({ name: "tick", type: "ping", everyMs: 1000 }), status.ALREADY_EXISTS, /schedule "tick" exists already/);
      await rejects(c.createSchedule({ name: "bad", type: "t", cron: "61 * * * *" }), status.INVALID_ARGUMENT, /schedule\.cron "61 \* \* \* \*"/);
      await rejects(c.createSchedule({ name: "bad", type: "t", cron: "* * * * *", timeZone: "Nowhere/Land" }), status.INVALID_ARGUMENT, /unknown time zone "Nowhere\/Land"/);
      const replaced = await c.createSchedule({ name: "tick", type: "pong", everyMs: 60_000, replace: true });
      expect(replaced.type).toBe("pong");
      expect(replaced.firedTotal).toBeGreaterThanOrEqual(3);

      expect((await c.deleteSchedule("tick")).name).toBe("tick");
      await rejects(c.getSchedule("tick"), status.NOT_FOUND, /schedule "tick" not found/);
    } finally {
      c.close();
    }
  }, 30_000);
});
