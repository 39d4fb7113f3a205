// Jobs with equal settings share one frozen JobSettings object, so a queued
// job costs one pointer for them. Used by the live path (submit) and by the
// decoders of snapshots and WAL records (recovery), so both build the same
// sharing.

import type { JobSettings } from "./types.ts";

const emptyMetadata: Readonly<Record<string, string>> = Object.freeze({});
/** Distinct settings remembered at once; past it the table starts over. */
const internedMax = 64;

export class SettingsInterner {
  private last: JobSettings | undefined;
  private readonly seen = new Map<string, JobSettings>();

  /**
   * The shared settings for these values. Settings with metadata are not
   * shared (metadata varies per job): each gets its own frozen copy.
   */
  get(
    maxAttempts: number,
    timeoutMs: number,
    backoffBaseMs: number,
    backoffMaxMs: number,
    metadata?: Readonly<Record<string, string>>,
  ): JobSettings {
    if (metadata !== undefined && hasKeys(metadata)) {
      return Object.freeze({ maxAttempts, timeoutMs, backoffBaseMs, backoffMaxMs, metadata: Object.freeze({ ...metadata }) });
    }
    const l = this.last;
    if (
      l !== undefined &&
      l.maxAttempts === maxAttempts &&
      l.timeoutMs === timeoutMs &&
      l.backoffBaseMs === backoffBaseMs &&
      l.backoffMaxMs === backoffMaxMs
    ) {
      return l;
    }
    const key = `${maxAttempts},${timeoutMs},${backoffBaseMs},${backoffMaxMs}`;
    let s = this.seen.get(key);
    if (s === undefined) {
      if (this.seen.size >= internedMax) this.seen.clear();
      s = Object.freeze({ maxAttempts, timeoutMs, backoffBaseMs, backoffMaxMs, metadata: emptyMetadata });
      this.seen.set(key, s);
    }
    this.last = s;
    return s;
  }
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}
