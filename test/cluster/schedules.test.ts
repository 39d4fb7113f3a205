// Schedules across master crashes (docs/schedules.md): the real binary with
// two `--every 1s` schedules (missed policy skip and run-once), its master
// killed with SIGKILL in a loop and restarted on the same data dir. Then:
// - no tick has two jobs (exactly once per tick across crashes);
// - every tick while the master was clearly up has its job;
// - each downtime window follows its policy: skip makes no job for it,
//   run-once exactly one, never one per missed tick.
// FALCONQ_CHAOS=1 kills 20 times instead of 5.

import { beforeAll, expect, test } from "bun:test";
import type { Job } from "../../src/client/job.ts";
import { ensureBinary, withCluster } from "../helpers/cluster.ts";

beforeAll(async () => {
  await ensureBinary();
}, 120_000);

const kills = process.env.FALCONQ_CHAOS === "1" ? 20 : 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tickOf = (j: Job) => Date.parse(j.metadata["falconq.tick"] ?? "");

interface Restart {
  killAt: number;
  spawnAt: number;
  readyAt: number;
}

test(`one job per tick across ${kills} SIGKILLs of the master; missed windows follow skip and run-once`, async () => {
  await withCluster({ workers: 0 }, async (c) => {
    const made = await c.cli(["schedules", "create", "skip", "--every", "1s", "--type", "tick"]);
    expect(made.code).toBe(0);
    await c.client.createSchedule({ name: "once", type: "tick", everyMs: 1000, missed: "run-once" });
    const startedAt = Date.now();
    const restarts: Restart[] = [];
    for (let i = 0; i < kills; i++) {
      await sleep(1500 + Math.random() * 1000);
      const killAt = Date.now();
      await c.killMaster();
      await sleep(2000 + Math.random() * 500); // two or more ticks pass while it is down
      const spawnAt = Date.now();
      await c.restartMaster();
      restarts.push({ killAt, spawnAt, readyAt: Date.now() });
    }
    await sleep(2500);
    const endAt = Date.now();

    const jobs: Job[] = [];
    for (let token = ""; ; ) {
      const page = await c.client.list({ limit: 1000, pageToken: token });
      jobs.push(...page.jobs);
      if (!page.nextPageToken) break;
      token = page.nextPageToken;
    }
    for (const name of ["skip", "once"]) {
      const s = await c.client.getSchedule(name);
      const mine = jobs.filter((j) => j.metadata["falconq.schedule"] === name);
      const ticks = mine.map(tickOf).sort((a, b) => a - b);
      // Exactly once: no tick twice, every tick on the schedule's grid.
      expect(new Set(ticks).size).toBe(ticks.length);
      for (const t of ticks) expect((t - s.anchorAt) % 1000).toBe(0);
      expect(s.firedTotal).toBe(mine.length);
      // Every tick while the master was clearly up (a second's margin either side) has its job.
      const up: [number, number][] = [[startedAt + 1500, (restarts[0]?.killAt ?? endAt) - 1500]];
      for (const [i, r] of restarts.entries()) up.push([r.readyAt + 1500, (restarts[i + 1]?.killAt ?? endAt) - 1500]);
      const missing: string[] = [];
      for (const [from, to] of up) {
        for (let t = s.anchorAt + Math.ceil((from - s.anchorAt) / 1000) * 1000; t < to; t += 1000) {
          if (!ticks.includes(t)) missing.push(new Date(t).toISOString());
        }
      }
      expect(missing).toEqual([]);
      // Each downtime: jobs created after the restart that stand for a tick before it.
      const perWindow = restarts.map((r) => mine.filter((j) => j.createdAt >= r.spawnAt && tickOf(j) < r.spawnAt).length);
      if (name === "skip") {
        expect(perWindow).toEqual(restarts.map(() => 0));
        expect(s.skippedMissedTotal).toBe(kills);
        expect(c.logs().match(/schedule skip: ticks from \S+ to \S+ were missed .*policy skip: none run/g)?.length).toBe(kills);
      } else {
        expect(perWindow).toEqual(restarts.map(() => 1));
        expect(s.skippedMissedTotal).toBe(0);
      }
    }
  });
}, 120_000);
