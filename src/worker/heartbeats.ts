// The pool's heartbeat loop: every interval, tells the master which leases
// are still being worked on (extending them) and how busy the worker is, and
// passes on what the master answers: commands and leases it no longer holds.
// One heartbeat at a time; a failed one is logged and the next one retries.

import type { ActiveLease, JobSource, WorkerCommand } from "../core/contract.ts";
import type { Logger } from "../core/log.ts";
import { messageOf } from "./executor.ts";

export interface HeartbeatHooks {
  active(): ActiveLease[];
  onCommand(c: WorkerCommand): void;
  onLost(jobId: string): void;
}

const intervalMsMin = 10;

export class Heartbeats {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly source: JobSource,
    private readonly log: Logger,
    private readonly hooks: HeartbeatHooks,
  ) {}

  start(intervalMs: number): void {
    const every = Math.max(intervalMsMin, intervalMs);
    const tick = () => {
      this.timer = undefined;
      if (this.stopped) return;
      void this.beat().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, every);
      });
    };
    this.timer = setTimeout(tick, every);
  }

  private async beat(): Promise<void> {
    const active = this.hooks.active();
    try {
      const r = await this.source.heartbeat(active, active.length);
      if (this.failures > 0) this.log.info(`heartbeat reached the master again after ${this.failures} failure(s)`);
      this.failures = 0;
      if (this.stopped) return;
      for (const c of r.commands) this.hooks.onCommand(c);
      for (const id of r.lost) this.hooks.onLost(id);
    } catch (e) {
      if (this.stopped) return;
      if (this.failures++ === 0) this.log.warn(`heartbeat failed: ${messageOf(e)}`);
      else this.log.debug(`heartbeat failed again: ${messageOf(e)}`);
    }
  }

  /**
   * Stops the loop. A heartbeat in flight is not awaited (the master may be
   * unreachable); its answer is ignored, and sources refuse to register again
   * once closing, so it cannot resurrect the worker.
   */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
