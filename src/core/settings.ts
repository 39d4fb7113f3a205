// Jobs with equal settings share one frozen JobSettings object, so a queued
// job costs one pointer for them. Used by the live path (submit) and by the
// decoders of snapshots and WAL records (recovery), so both build the same
// sharing.

import type { JobSettings } from "./types.ts";

/** removeOnComplete and removeOnFail as two bits, so the interner compares one number. */
export const RemoveOnComplete = 1;
export const RemoveOnFail = 2;

export function removalFlags(o: { removeOnComplete: boolean; removeOnFail: boolean }): number {
  return (o.removeOnComplete ? RemoveOnComplete : 0) | (o.removeOnFail ? RemoveOnFail : 0);
}

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
    removal = 0,
  ): JobSettings {
    const removeOnComplete = (removal & RemoveOnComplete) !== 0;
    const removeOnFail = (removal & RemoveOnFail) !== 0;
    if (metadata !== undefined && hasKeys(metadata)) {
      const own = Object.freeze({ ...metadata });
      return Object.freeze({ maxAttempts, timeoutMs, backoffBaseMs, backoffMaxMs, metadata: own, removeOnComplete, removeOnFail });
    }
    const l = this.last;
    if (
      l !== undefined &&
      l.maxAttempts === maxAttempts &&
      l.timeoutMs === timeoutMs &&
      l.backoffBaseMs === backoffBaseMs &&
      l.backoffMaxMs === backoffMaxMs &&
      l.removeOnComplete === removeOnComplete &&
      l.removeOnFail === removeOnFail
    ) {
      return l;
    }
    const key = `${maxAttempts},${timeoutMs},${backoffBaseMs},${backoffMaxMs},${removal}`;
    let s = this.seen.get(key);
    if (s === undefined) {
      if (this.seen.size >= internedMax) this.seen.clear();
      s = Object.freeze({ maxAttempts, timeoutMs, backoffBaseMs, backoffMaxMs, metadata: emptyMetadata, removeOnComplete, removeOnFail });
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
