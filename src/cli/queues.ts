import { defineCommand } from "citty";
import { flowConcurrencyMax, flowRateCountMax, flowRatePeriodMsMax, flowTopGroupsMax } from "../core/config.ts";
import type { QueueLimits } from "../core/flow.ts";
import type { QueueLimitsOptions, RateOptions } from "../client/client.ts";
import { durationMs, parseDuration, parseIntFlag, usage } from "./common.ts";
import { clientArgs, withClient } from "./client-flags.ts";
import { printJson } from "./output.ts";

const toggle = (paused: boolean) =>
  defineCommand({
    meta: { name: paused ? "pause" : "resume", description: paused ? "Stop handing out jobs of a queue (submits still accepted)" : "Hand out jobs of a paused queue again" },
    args: {
      queue: { type: "positional", description: "queue name", required: true },
      json: { type: "boolean", description: "print JSON" },
      ...clientArgs,
    },
    async run({ args }) {
      await withClient(args, async (c) => {
        await (paused ? c.pause(args.queue) : c.resume(args.queue));
        if (args.json) printJson({ queue: args.queue, paused });
        else console.log(`${paused ? "paused" : "resumed"} queue ${args.queue}`);
      });
    },
  });

const countMax = Number.MAX_SAFE_INTEGER;

const retention = defineCommand({
  meta: { name: "retention", description: "Set a queue's own retention bounds, kept on top of the global ones" },
  args: {
    queue: { type: "positional", description: "queue name", required: true },
    "completed-count": { type: "string", description: "keep at most this many completed jobs of the queue" },
    "completed-age": { type: "string", description: "remove completed jobs this long after they finished (1h, 2d)" },
    "failed-count": { type: "string", description: "keep at most this many failed and cancelled jobs" },
    "failed-age": { type: "string", description: "remove failed and cancelled jobs this long after they finished" },
    clear: { type: "boolean", description: "drop the queue's own bounds (the global ones stay)" },
    json: { type: "boolean", description: "print JSON" },
    ...clientArgs,
  },
  async run({ args }) {
    const r = {
      completedCountMax: parseIntFlag("completed-count", args["completed-count"], 1, countMax),
      completedAgeMs: positiveDuration("completed-age", args["completed-age"]),
      failedCountMax: parseIntFlag("failed-count", args["failed-count"], 1, countMax),
      failedAgeMs: positiveDuration("failed-age", args["failed-age"]),
    };
    const given = Object.values(r).some((v) => v !== undefined);
    if (given === (args.clear === true)) {
      throw usage("give at least one of --completed-count, --completed-age, --failed-count, --failed-age, or --clear alone");
    }
    await withClient(args, async (c) => {
      await c.setQueueRetention(args.queue, r);
      if (args.json) printJson({ queue: args.queue, ...r });
      else if (args.clear) console.log(`queue ${args.queue} now follows only the global retention`);
      else console.log(`queue ${args.queue}: completed jobs kept ${bound(r.completedCountMax, r.completedAgeMs)}; failed/cancelled jobs kept ${bound(r.failedCountMax, r.failedAgeMs)}`);
    });
  },
});

function positiveDuration(flag: string, value: string | undefined): number | undefined {
  const ms = parseDuration(flag, value);
  if (ms === 0) throw usage(`--${flag} must be longer than 0`);
  return ms;
}

/** One kind's bounds as the operator gave them; the global bounds apply on top. */
function bound(count: number | undefined, ageMs: number | undefined): string {
  const parts = [count === undefined ? "" : `${count} jobs`, ageMs === undefined ? "" : `${ageMs} ms`].filter(Boolean);
  return parts.length === 0 ? "by the global bounds only" : `at most ${parts.join(" and ")} (within the global bounds)`;
}

/** "50/1m", "5/1s", "100/500ms": count per period; undefined when not given. */
export function parseRate(flag: string, value: string | undefined, burst: number | undefined): RateOptions | undefined {
  if (value === undefined || value === "") return undefined;
  const m = /^(\d+)\/(.+)$/.exec(value.trim());
  const count = m === null ? Number.NaN : Number(m[1]);
  const periodMs = m === null ? undefined : durationMs(m[2] as string);
  if (m === null || periodMs === undefined || !Number.isInteger(count)) {
    throw usage(`--${flag} "${value}" is not a rate (examples: 50/1m, 5/1s, 100/500ms)`);
  }
  if (count < 1 || count > flowRateCountMax) throw usage(`--${flag}: the count must be from 1 to ${flowRateCountMax}`);
  if (periodMs < 1 || periodMs > flowRatePeriodMsMax) throw usage(`--${flag}: the period must be from 1ms to 1d`);
  return burst === undefined ? { count, periodMs } : { count, periodMs, burst };
}

function rateText(count: number, periodMs: number, burst: number): string {
  if (count === 0) return "unlimited";
  return `${count} per ${periodMs} ms${burst && burst !== count ? `, burst ${burst}` : ""}`;
}

function limitsText(l: QueueLimits): string[] {
  const n = (v: number) => (v === 0 ? "unlimited" : String(v));
  return [
    `concurrency        ${n(l.concurrency)}`,
    `group concurrency  ${n(l.groupConcurrency)}`,
    `rate               ${rateText(l.rateCount, l.ratePeriodMs, l.rateBurst)}`,
    `group rate         ${rateText(l.groupRateCount, l.groupRatePeriodMs, l.groupRateBurst)}`,
  ];
}

const limit = defineCommand({
  meta: { name: "limit", description: "Set a queue's concurrency and rate limits (kept in the WAL; replaces the earlier ones)" },
  args: {
    queue: { type: "positional", description: "queue name", required: true },
    concurrency: { type: "string", description: "at most this many running jobs of the queue, over all workers" },
    "group-concurrency": { type: "string", description: "at most this many running jobs of one group" },
    rate: { type: "string", description: "at most N job starts per period for the queue (50/1m, 5/1s)" },
    burst: { type: "string", description: "with --rate: starts allowed at once (default: the rate's count)" },
    "group-rate": { type: "string", description: "at most N job starts per period for each group (5/1s)" },
    "group-burst": { type: "string", description: "with --group-rate: starts allowed at once" },
    clear: { type: "boolean", description: "remove every limit of the queue" },
    json: { type: "boolean", description: "print JSON" },
    ...clientArgs,
  },
  async run({ args }) {
    const burst = parseIntFlag("burst", args.burst, 1, flowRateCountMax);
    const groupBurst = parseIntFlag("group-burst", args["group-burst"], 1, flowRateCountMax);
    const l: QueueLimitsOptions = {
      concurrency: parseIntFlag("concurrency", args.concurrency, 1, flowConcurrencyMax),
      groupConcurrency: parseIntFlag("group-concurrency", args["group-concurrency"], 1, flowConcurrencyMax),
      rate: parseRate("rate", args.rate, burst),
      groupRate: parseRate("group-rate", args["group-rate"], groupBurst),
    };
    if (burst !== undefined && l.rate === undefined) throw usage("--burst needs --rate");
    if (groupBurst !== undefined && l.groupRate === undefined) throw usage("--group-burst needs --group-rate");
    const given = Object.values(l).some((v) => v !== undefined);
    if (given === (args.clear === true)) {
      throw usage("give at least one of --concurrency, --group-concurrency, --rate, --group-rate, or --clear alone");
    }
    await withClient(args, async (c) => {
      const now = await c.setQueueLimits(args.queue, l);
      if (args.json) printJson({ queue: args.queue, ...now });
      else if (args.clear) console.log(`queue ${args.queue} has no limits now`);
      else console.log([`queue ${args.queue} limits:`, ...limitsText(now).map((x) => `  ${x}`)].join("\n"));
    });
  },
});

const limits = defineCommand({
  meta: { name: "limits", description: "Show a queue's limits, what holds it now, and its busiest groups" },
  args: {
    queue: { type: "positional", description: "queue name", required: true },
    top: { type: "string", description: `groups to list, busiest first (at most ${flowTopGroupsMax})`, default: String(flowTopGroupsMax) },
    json: { type: "boolean", description: "print JSON" },
    ...clientArgs,
  },
  async run({ args }) {
    const top = parseIntFlag("top", args.top, 0, flowTopGroupsMax) ?? flowTopGroupsMax;
    await withClient(args, async (c) => {
      const v = await c.getQueueLimits(args.queue, top);
      if (args.json) {
        printJson(v);
        return;
      }
      const lines = [`queue ${v.queue}`, ...limitsText(v.limits).map((x) => `  ${x}`)];
      const until = v.heldUntil > 0 ? ` (next token at ${new Date(v.heldUntil).toISOString()})` : "";
      lines.push(`  held by            ${v.heldBy || "nothing: jobs start as workers ask"}${v.heldBy === "rate" ? until : ""}`);
      if (v.tokens >= 0) lines.push(`  tokens now         ${v.tokens.toFixed(2)}`);
      lines.push(`  groups             ${v.groups} known, ${v.readyGroups} with pending jobs, ${v.heldGroups} held`);
      if (v.topGroups.length > 0) {
        lines.push("", "  GROUP                RUNNING  PENDING  HELD BY");
        for (const g of v.topGroups) {
          const held = g.heldBy === "" ? "" : g.heldUntil > 0 ? `${g.heldBy} until ${new Date(g.heldUntil).toISOString()}` : g.heldBy;
          lines.push(`  ${(g.group || '""').padEnd(20)} ${String(g.running).padStart(7)}  ${String(g.pending).padStart(7)}  ${held}`);
        }
      }
      console.log(lines.join("\n"));
    });
  },
});

export default defineCommand({
  meta: { name: "queues", description: "Pause or resume a queue, set its retention or its limits" },
  subCommands: { pause: toggle(true), resume: toggle(false), retention, limit, limits },
});
