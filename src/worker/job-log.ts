// The lines a handler writes with ctx.log during one attempt, kept to send
// with the attempt's ack. Bounded as the master checks them: at most
// jobLogLinesMax lines of jobLogBytesMax UTF-8 bytes together, the marker
// included. Past either bound the newest lines are dropped and counted, so
// the first lines (usually what explains a failure's start) survive.

import { defaultLimits } from "../core/config.ts";
import { cutBytes } from "../core/text.ts";

export const jobLogLinesMax = defaultLimits.jobLogLinesMax;
export const jobLogBytesMax = defaultLimits.jobLogBytesMax;
/** Room kept for the "… N more lines dropped" marker (it is under 40 bytes). */
const markerBytesMax = 64;
/** One line is cut to this, so a single huge line cannot take all the room. */
export const jobLogLineBytesMax = 4 * 1024;

export type JobLogLevel = "debug" | "info" | "warn" | "error";

export class AttemptLog {
  private readonly kept: string[] = [];
  private bytes = 0;
  private dropped = 0;

  constructor(
    private readonly linesMax = jobLogLinesMax,
    private readonly bytesMax = jobLogBytesMax,
  ) {}

  /** `at`: the worker's clock, ms since the epoch. */
  add(level: JobLogLevel, message: string, at: number): void {
    if (this.dropped > 0) {
      this.dropped++;
      return;
    }
    const line = cutBytes(`${new Date(at).toISOString()} ${level.toUpperCase()} ${message}`, jobLogLineBytesMax, "…");
    const n = Buffer.byteLength(line);
    // One line and markerBytesMax bytes stay free for the marker.
    if (this.kept.length + 1 >= this.linesMax || this.bytes + n > this.bytesMax - markerBytesMax) {
      this.dropped = 1;
      return;
    }
    this.kept.push(line);
    this.bytes += n;
  }

  /** The lines to send, with the marker when some were dropped. */
  lines(): string[] {
    if (this.dropped === 0) return [...this.kept];
    return [...this.kept, `… ${this.dropped} more lines dropped`];
  }
}

