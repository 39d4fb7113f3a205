// `falconq schedules create|list|get|pause|resume|delete|trigger`: schedules
// (docs/schedules.md) live on the master; each tick creates one job.

import { defineCommand } from "citty";
import type { Schedule } from "../client/client.ts";
import { defaultLimits } from "../core/config.ts";
import { missedNames } from "../core/schedules.ts";
import { clientArgs, withClient } from "./client-flags.ts";
import { parseDuration, parseIntFlag, usage } from "./common.ts";
import { ago, dim, printJson, table } from "./output.ts";
import { readPayload } from "./submit.ts";

const create = defineCommand({
  meta: { name: "create", description: "Create a schedule: one job per tick of a cron expression or an interval" },
  args: {
    name: { type: "positional", description: "schedule name (letters, digits, _ . : - /)", required: true },
    cron: { type: "string", description: "cron expression, 5 fields (6 with seconds first): '*/5 * * * *'" },
    tz: { type: "string", description: "IANA time zone of --cron (Europe/Berlin); default UTC" },
    every: { type: "string", description: "fixed interval instead of --cron (30s, 5m, 1h); at least 1s" },
    type: { type: "string", description: "job type", required: true },
    payload: { type: "string", description: "JSON payload of every job, or @file" },
    queue: { type: "string", description: "queue of the jobs (default: the master's default queue)" },
    priority: { type: "string", description: "higher runs first" },
    attempts: { type: "string", description: "max attempts of each job" },
    timeout: { type: "string", description: "per-attempt time limit of each job (30s, 5m)" },
    missed: { type: "string", description: "ticks missed while the master was down: skip (none runs) or run-once (one job now)", default: "skip" },
    overlap: { type: "boolean", description: "--no-overlap: skip a tick while the last job it created is unfinished", default: true },
    paused: { type: "boolean", description: "create it paused" },
    replace: { type: "boolean", description: "replace a schedule of that name (keeps its counters)" },
    json: { type: "boolean", description: "print JSON" },
    ...clientArgs,
  },
  async run({ args }) {
    if ((args.cron === undefined) === (args.every === undefined)) throw usage("give exactly one of --cron and --every");
    if (args.tz !== undefined && args.cron === undefined) throw usage("--tz is for --cron; an --every schedule runs in absolute time");
    if (args.missed !== "skip" && args.missed !== "run-once") throw usage(`--missed must be skip or run-once, not ${JSON.stringify(args.missed)}`);
    const everyMs = parseDuration("every", args.every);
    if (everyMs !== undefined && everyMs < defaultLimits.scheduleEveryMsMin) throw usage(`--every must be at least ${defaultLimits.scheduleEveryMsMin / 1000}s`);
    await withClient(args, async (c) => {
      const s = await c.createSchedule({
        name: args.name,
        type: args.type,
        payload: readPayload(args.payload),
        queue: args.queue,
        priority: parseIntFlag("priority", args.priority, defaultLimits.priorityMin, defaultLimits.priorityMax),
        maxAttempts: parseIntFlag("attempts", args.attempts, 1, defaultLimits.maxAttemptsMax),
        timeoutMs: parseDuration("timeout", args.timeout),
        cron: args.cron,
        timeZone: args.tz,
        everyMs,
        missed: args.missed as "skip" | "run-once",
        noOverlap: args.overlap === false,
        paused: args.paused === true,
        replace: args.replace === true,
      });
      if (args.json) printJson(jsonOf(s));
      else console.log(`${args.replace ? "set" : "created"} schedule ${s.name}: ${when(s)}; ${s.paused ? "paused" : `next tick ${iso(s.nextRunAt)}`}`);
    });
  },
});

const list = defineCommand({
  meta: { name: "list", description: "List schedules with their next tick and counters" },
  args: {
    queue: { type: "string", description: "only this queue's schedules (without it: every queue, which needs a grant on '*')" },
    json: { type: "boolean", description: "one JSON line per schedule" },
    ...clientArgs,
  },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const ss = await c.listSchedules(args.queue);
      if (args.json) {
        for (const s of ss) printJson(jsonOf(s));
        return;
      }
      const rows = [["NAME", "WHEN", "QUEUE", "TYPE", "NEXT", "LAST", "FIRED", "SKIPPED", "STATE"]];
      for (const s of ss) {
        const skipped = s.skippedOverlapTotal + s.skippedMissedTotal + s.skippedFullTotal;
        rows.push([s.name, when(s), s.queue, s.type, s.paused ? "-" : iso(s.nextRunAt), s.lastTickAt ? ago(s.lastTickAt) : "never", String(s.firedTotal), String(skipped), s.paused ? "paused" : "active"]);
      }
      console.log(ss.length === 0 ? dim("no schedules") : table(rows, { keep: [0] }));
    }),
});

const get = defineCommand({
  meta: { name: "get", description: "Show one schedule" },
  args: { name: { type: "positional", description: "schedule name", required: true }, json: { type: "boolean", description: "print JSON" }, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const s = await c.getSchedule(args.name);
      if (args.json) {
        printJson(jsonOf(s));
        return;
      }
      const lines: [string, string][] = [
        ["name", s.name],
        ["when", when(s)],
        ["job", `type ${s.type} in queue ${s.queue}, priority ${s.priority}, ${s.maxAttempts} attempts${s.timeoutMs ? `, timeout ${s.timeoutMs} ms` : ""}`],
        ["payload", new TextDecoder().decode(s.payload) || "(none)"],
        ["missed ticks", missedNames[s.missed]],
        ["overlap", s.noOverlap ? "no (a tick is skipped while the last job is unfinished)" : "allowed"],
        ["state", s.paused ? "paused" : "active"],
        ["next tick", s.paused ? "-" : iso(s.nextRunAt)],
        ["last tick", s.lastTickAt ? `${iso(s.lastTickAt)} (job ${s.lastJobId})` : "never"],
        ["fired", String(s.firedTotal)],
        ["skipped", `overlap ${s.skippedOverlapTotal}, missed windows ${s.skippedMissedTotal}, queue full ${s.skippedFullTotal}`],
        ["created", iso(s.createdAt)],
      ];
      for (const [k, v] of lines) console.log(`${k.padEnd(13)} ${v}`);
    }),
});

const toggle = (paused: boolean) =>
  defineCommand({
    meta: { name: paused ? "pause" : "resume", description: paused ? "Stop a schedule's ticks" : "Tick again from the next tick after now (ticks while paused are not made up)" },
    args: { name: { type: "positional", description: "schedule name", required: true }, json: { type: "boolean", description: "print JSON" }, ...clientArgs },
    run: ({ args }) =>
      withClient(args, async (c) => {
        const s = await (paused ? c.pauseSchedule(args.name) : c.resumeSchedule(args.name));
        if (args.json) printJson(jsonOf(s));
        else console.log(paused ? `paused schedule ${s.name}` : `resumed schedule ${s.name}; next tick ${iso(s.nextRunAt)}`);
      }),
  });

const del = defineCommand({
  meta: { name: "delete", description: "Delete a schedule (the jobs it created stay)" },
  args: { name: { type: "positional", description: "schedule name", required: true }, json: { type: "boolean", description: "print JSON" }, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const s = await c.deleteSchedule(args.name);
      if (args.json) printJson(jsonOf(s));
      else console.log(`deleted schedule ${s.name}`);
    }),
});

const trigger = defineCommand({
  meta: { name: "trigger", description: "Run a schedule's job now (its next tick stays)" },
  args: { name: { type: "positional", description: "schedule name", required: true }, json: { type: "boolean", description: "print JSON" }, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const { schedule, job } = await c.triggerSchedule(args.name);
      if (args.json) printJson({ schedule: jsonOf(schedule), job: { id: job.id, queue: job.queue, type: job.type } });
      else console.log(`triggered schedule ${schedule.name}: job ${job.id}`);
    }),
});

/** A schedule as JSON output shows it: payload as text, missed policy by name. */
function jsonOf(s: Schedule): Record<string, unknown> {
  return { ...s, payload: new TextDecoder().decode(s.payload), missed: missedNames[s.missed] };
}

function iso(ms: number): string {
  return ms ? new Date(ms).toISOString() : "none";
}

function when(s: Schedule): string {
  if (s.everyMs > 0) return `every ${s.everyMs / 1000}s`;
  return `cron '${s.cron}' ${s.timeZone}`;
}

export default defineCommand({
  meta: { name: "schedules", description: "Create and manage schedules: jobs by cron expression or interval" },
  subCommands: { create, list, get, pause: toggle(true), resume: toggle(false), delete: del, trigger },
});
