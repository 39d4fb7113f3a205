// Subscribers to job state changes (WatchJobs), by job id or by queue.
// The broker hands events over only after the change is durable, so a
// watcher never sees a state that a crash could take back.

import { type Job, type JobView, viewOf } from "../core/types.ts";

export type JobListener = (job: JobView) => void;

export interface WatchFilter {
  jobIds?: readonly string[];
  queue?: string;
}

export class Watchers {
  private readonly byId = new Map<string, Set<JobListener>>();
  private readonly byQueue = new Map<string, Set<JobListener>>();
  private events: JobView[] = [];
  private queued = false;

  /** `durable` resolves once everything appended so far is durable (the journal's sync). */
  constructor(private readonly durable: () => Promise<void>) {}

  /** A job changed: queue its view for whoever watches it, delivered once the change is durable. */
  note(job: Job): void {
    if (this.empty || !this.interested(job.id, job.queue)) return;
    this.events.push(viewOf(job));
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.queued = false;
    const batch = this.events;
    this.events = [];
    this.durable().then(
      () => {
        for (const e of batch) this.deliver(e);
      },
      () => {}, // the failure reaches callers and fail-stop through the writes that wait for it
    );
  }

  get empty(): boolean {
    return this.byId.size === 0 && this.byQueue.size === 0;
  }

  interested(jobId: string, queue: string): boolean {
    return this.byId.has(jobId) || this.byQueue.has(queue);
  }

  subscribe(f: WatchFilter, listener: JobListener): () => void {
    const keys: [Map<string, Set<JobListener>>, string][] = [
      ...(f.jobIds ?? []).map((id) => [this.byId, id] as [Map<string, Set<JobListener>>, string]),
      ...(f.queue ? [[this.byQueue, f.queue] as [Map<string, Set<JobListener>>, string]] : []),
    ];
    for (const [map, key] of keys) {
      let set = map.get(key);
      if (set === undefined) map.set(key, (set = new Set()));
      set.add(listener);
    }
    return () => {
      for (const [map, key] of keys) {
        const set = map.get(key);
        set?.delete(listener);
        if (set?.size === 0) map.delete(key);
      }
    };
  }

  deliver(job: JobView): void {
    const seen = new Set<JobListener>();
    for (const set of [this.byId.get(job.id), this.byQueue.get(job.queue)]) {
      for (const l of set ?? []) {
        if (seen.has(l)) continue;
        seen.add(l);
        l(job);
      }
    }
  }
}
