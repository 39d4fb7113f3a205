import { defineCommand } from "citty";
import { parseDuration, parseIntFlag, usage } from "./common.ts";
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

export default defineCommand({
  meta: { name: "queues", description: "Pause or resume a queue, or set its retention" },
  subCommands: { pause: toggle(true), resume: toggle(false), retention },
});
