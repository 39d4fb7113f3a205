// The CronEngine the master gives JobManager: croner (pinned in package.json)
// parses 5-field expressions (6 with seconds first) and computes next ticks
// in IANA time zones, DST included (docs/schedules.md says what it does at a
// skipped or repeated hour). Parsed expressions are cached by (expression,
// zone): a tick is computed for every firing.

import { Cron } from "croner";
import type { CronEngine } from "../core/schedules.ts";

/** Parsed expressions kept at once; past it the cache starts over. */
const cachedMax = 1024;

export class CronerEngine implements CronEngine {
  private readonly cache = new Map<string, Cron>();

  check(expr: string, timeZone: string): string | undefined {
    if (!validZone(timeZone)) return `unknown time zone ${JSON.stringify(timeZone)} (give an IANA name such as Europe/Berlin, or UTC)`;
    try {
      const c = this.parse(expr, timeZone);
      c.nextRun();
      return undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  next(expr: string, timeZone: string, afterMs: number): number {
    const d = this.parse(expr, timeZone).nextRun(new Date(afterMs));
    return d === null ? 0 : d.getTime();
  }

  private parse(expr: string, timeZone: string): Cron {
    const key = `${expr}\0${timeZone}`;
    let c = this.cache.get(key);
    if (c === undefined) {
      c = new Cron(expr, { timezone: timeZone, mode: "5-or-6-parts", paused: true });
      if (this.cache.size >= cachedMax) this.cache.clear();
      this.cache.set(key, c);
    }
    return c;
  }
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const cronEngine: CronEngine = new CronerEngine();
