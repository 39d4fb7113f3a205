// Server-sent events over the broker's watch (the durable change stream that
// feeds WatchJobs), with resume. Every distinct filter (a queue, or a set of
// job ids) is one channel: one broker subscription whose events get a
// sequence number from one counter and are kept in a bounded ring
// (sseReplayEventsMax events, sseReplayBytesMax bytes). An event's SSE id is
// "<epoch>-<seq>", the epoch being random per master process.
//
// A client that reconnects with Last-Event-ID (or ?since=) gets every event
// of its channel after that id, if the channel can prove it has them all: the
// id is of this process, the channel has recorded since before it (a channel
// takes a fresh number when it is created, above every id issued before) and
// none after it was evicted from the ring. Otherwise the client gets
// `event: reset`: reload with GET /v1/jobs and carry on from there. A channel
// nobody listens to keeps recording for sseChannelLingerMs so a reconnect can
// resume; at most sseChannelsMax channels exist (the longest idle goes first).

import { randomBytes } from "node:crypto";
import {
  sseChannelLingerMs,
  sseChannelsMax,
  sseReplayBytesMax,
  sseReplayEventsMax,
  watchBacklogEventsMax,
} from "../core/config.ts";
import { resourceExhausted } from "../core/errors.ts";
import type { JobView } from "../core/types.ts";
import type { Broker } from "../master/broker.ts";
import { jobJson } from "./json.ts";

export interface SseEvent {
  seq: number;
  /** The job's queue: a stream delivers only the events of queues its caller may watch. */
  queue: string;
  /** The job as JSON text, without payload, result and logs. */
  json: string;
}

type Listener = (e: SseEvent) => void;

class Channel {
  readonly ring: SseEvent[] = [];
  private head = 0;
  private bytes = 0;
  /** Highest seq evicted from the ring (0: none). */
  dropped = 0;
  readonly listeners = new Set<Listener>();
  idleSince = 0;
  off: () => void = () => {};

  constructor(
    readonly key: string,
    /** The counter's value when the channel started recording; it holds every later event of its filter. */
    readonly since: number,
  ) {}

  push(e: SseEvent): void {
    this.ring.push(e);
    this.bytes += e.json.length;
    while (this.ring.length - this.head > sseReplayEventsMax || (this.bytes > sseReplayBytesMax && this.ring.length - this.head > 1)) {
      const old = this.ring[this.head++] as SseEvent;
      this.bytes -= old.json.length;
      this.dropped = old.seq;
    }
    if (this.head > 1024 && this.head * 2 > this.ring.length) {
      this.ring.splice(0, this.head);
      this.head = 0;
    }
    for (const l of this.listeners) l(e);
  }

  after(seq: number): SseEvent[] {
    const out: SseEvent[] = [];
    for (let i = this.head; i < this.ring.length; i++) {
      const e = this.ring[i] as SseEvent;
      if (e.seq > seq) out.push(e);
    }
    return out;
  }
}

export interface EventFilter {
  queue?: string;
  jobIds?: readonly string[];
}

export type Resume = { events: SseEvent[] } | { reset: string };

export class EventHub {
  readonly epoch = randomBytes(6).toString("hex");
  private seq = 0;
  private readonly channels = new Map<string, Channel>();
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly broker: Broker,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref?.();
  }

  idOf(seq: number): string {
    return `${this.epoch}-${seq}`;
  }

  get current(): number {
    return this.seq;
  }

  /**
   * Subscribes `listener` to the filter's channel (created on first use) and
   * answers what a client that last saw `lastId` missed. Synchronous, so no
   * event falls between the replay and the live stream.
   */
  open(f: EventFilter, listener: Listener, lastId: string | undefined): { resume: Resume | undefined; close: () => void } {
    const ch = this.channel(f);
    ch.listeners.add(listener);
    const resume = lastId === undefined ? undefined : this.resume(ch, lastId);
    return {
      resume,
      close: () => {
        ch.listeners.delete(listener);
        if (ch.listeners.size === 0) ch.idleSince = this.now();
      },
    };
  }

  private resume(ch: Channel, lastId: string): Resume {
    const m = /^([0-9a-f]+)-(\d+)$/.exec(lastId);
    if (m === null || m[1] !== this.epoch) return { reset: "the event id is not from this master process (it restarted, or the id is malformed)" };
    const seq = Number(m[2]);
    if (seq > this.seq) return { reset: "the event id is newer than any this master issued" };
    if (ch.since > seq) return { reset: "this filter was not being recorded when that event was sent" };
    if (ch.dropped > seq) return { reset: `more changes happened since that event than the master keeps (${sseReplayEventsMax} events or ${sseReplayBytesMax} bytes per filter)` };
    return { events: ch.after(seq) };
  }

  private channel(f: EventFilter): Channel {
    const key = f.queue ? `q:${f.queue}` : `j:${[...new Set(f.jobIds ?? [])].sort().join(",")}`;
    const have = this.channels.get(key);
    if (have !== undefined) return have;
    if (this.channels.size >= sseChannelsMax) this.evictIdle();
    const ch = new Channel(key, ++this.seq);
    ch.off = this.broker.watch({ queue: f.queue, jobIds: f.queue ? undefined : f.jobIds }, (job: JobView) => {
      ch.push({ seq: ++this.seq, queue: job.queue, json: jobJson(job, false) });
    });
    this.channels.set(key, ch);
    return ch;
  }

  private evictIdle(): void {
    let oldest: Channel | undefined;
    for (const ch of this.channels.values()) {
      if (ch.listeners.size === 0 && (oldest === undefined || ch.idleSince < oldest.idleSince)) oldest = ch;
    }
    if (oldest === undefined) {
      throw resourceExhausted(`${this.channels.size} event filters are being streamed; the limit is ${sseChannelsMax} (sseChannelsMax)`);
    }
    this.drop(oldest);
  }

  private drop(ch: Channel): void {
    ch.off();
    this.channels.delete(ch.key);
  }

  private sweep(): void {
    const now = this.now();
    for (const ch of [...this.channels.values()]) {
      if (ch.listeners.size === 0 && now - ch.idleSince >= sseChannelLingerMs) this.drop(ch);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const ch of [...this.channels.values()]) this.drop(ch);
  }
}

const enc = new TextEncoder();

/** One SSE frame; multi-line data becomes several data: lines. */
export function frame(event: string, data: string, id?: string): Uint8Array {
  let s = id === undefined ? "" : `id: ${id}\n`;
  s += `event: ${event}\n`;
  for (const line of data.split(/\r\n|\r|\n/)) s += `data: ${line}\n`;
  return enc.encode(`${s}\n`);
}

export const backlogMax = watchBacklogEventsMax;
