// Leadership of a FalconQueue cluster, taken from etcd's election service.
//
// Keys, under /falconq/<cluster>/:
//   leader/<lease hex>  one per campaigning master (v3election's keys), value =
//                       the master's advertise host:port, attached to its lease;
//                       the oldest (lowest create revision) is the leader.
//   insync              the in-sync member list, written only by the leader
//                       through putGuarded().
//
// The epoch of a leadership is its key's create revision: etcd's store
// revision only grows, so every later leader has a higher epoch.
//
// Self-fencing: a leader counts, with the monotonic clock, from the send
// time of its last answered lease renewal. Once ttl − margin has passed
// without another, it stops being leader by itself (onLost), before etcd
// can expire the lease and elect someone else (etcd's expiry is at least
// ttl after that send time). It also stops when its key vanishes (a watch
// on the election prefix) or a guarded write fails its compare.
//
// Invariants: onLost fires at most once per elected term; after onLost (or
// resign/close) isLeader() is false and putGuarded() returns false without
// writing; every timer and stream ends with close().

import type { Logger } from "../core/log.ts";
import { EtcdClient, isDeadline, isUnavailable, type LeaderKey, type LeaseKeeper, sleep, type WatchEvent } from "./etcd.ts";

export interface LeadershipOptions {
  endpoints: string[];
  /** The cluster's name: its keys live under /falconq/<cluster>/. */
  cluster: string;
  /** This master's advertise host:port, the value of its election key. */
  member: string;
  /** Lease TTL. etcd counts whole seconds and has a minimum of about 2 s. */
  ttlMs: number;
  log: Logger;
  /** How long before ttl a leader without renewals fences itself. Default max(200 ms, ttl / 5). */
  marginMs?: number;
  /** Deadline of each etcd call. Default min(2000 ms, ttl / 3). */
  callTimeoutMs?: number;
  /** A Campaign call waits at most this long, then is made again. Default 30 s. */
  campaignWindowMs?: number;
}

export interface LeaderInfo {
  member: string;
  epoch: number;
}

/** The keys of cluster `cluster`. */
export function clusterKeys(cluster: string): { root: string; election: string; insync: string } {
  if (cluster === "" || cluster.includes("/")) throw new Error(`invalid cluster name ${JSON.stringify(cluster)}`);
  const root = `/falconq/${cluster}/`;
  return { root, election: `${root}leader`, insync: `${root}insync` };
}

/** Thrown by campaign() when its signal aborts or the Leadership closes. */
export class CampaignAborted extends Error {
  constructor(reason: string) {
    super(`campaign aborted: ${reason}`);
    this.name = "CampaignAborted";
  }
}

interface CampaignLease {
  id: string;
  keeper: LeaseKeeper;
  /** Aborted when etcd reports the lease gone. */
  dead: AbortController;
  failed?: string;
}

interface Term {
  key: LeaderKey;
  keeper: LeaseKeeper;
  lost: boolean;
  /** The store revision at which the key was seen ours after the election: older reads say nothing about this term. */
  since: number;
}

const watchBackoffMaxMs = 1000;

export class Leadership {
  readonly member: string;
  readonly ttlMs: number;
  readonly marginMs: number;
  readonly keys: ReturnType<typeof clusterKeys>;
  private readonly etcd: EtcdClient;
  private readonly log: Logger;
  private readonly campaignWindowMs: number;
  private term: Term | undefined;
  private campaigning: Promise<unknown> | undefined;
  private readonly revoking = new Set<Promise<void>>();
  private fenceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly lostCallbacks: ((reason: string) => void)[] = [];
  private readonly observers = new Set<(l: LeaderInfo | undefined) => void>();
  private lastLeader: LeaderInfo | undefined | null = null; // null = not read yet
  private stopWatch: (() => void) | undefined;
  private watchRevision = 0;
  private watchFailures = 0;
  private watchTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private readonly closing = new AbortController();

  private constructor(o: LeadershipOptions) {
    if (!(o.ttlMs >= 1000)) throw new Error(`ttlMs must be at least 1000 (got ${o.ttlMs})`);
    this.keys = clusterKeys(o.cluster);
    this.member = o.member;
    this.ttlMs = o.ttlMs;
    this.marginMs = o.marginMs ?? Math.max(200, Math.round(o.ttlMs / 5));
    if (!(this.marginMs > 0 && this.marginMs < (2 * o.ttlMs) / 3)) throw new Error(`marginMs must be in (0, 2/3 ttl) (got ${this.marginMs})`);
    this.log = o.log;
    this.campaignWindowMs = o.campaignWindowMs ?? 30_000;
    this.etcd = new EtcdClient({ endpoints: o.endpoints, callTimeoutMs: o.callTimeoutMs ?? Math.min(2000, Math.floor(o.ttlMs / 3)), log: o.log });
  }

  /** Connects (one read of the election prefix must succeed) and starts watching the election. */
  static async open(o: LeadershipOptions): Promise<Leadership> {
    const l = new Leadership(o);
    try {
      const { revision } = await l.etcd.range(l.keys.election + "/", { prefix: true, limit: 1, timeoutMs: Math.max(l.etcd.callTimeoutMs, 5000) });
      l.watchRevision = revision;
      l.startWatch();
      void l.refresh();
      // A backstop for a watch that went silent: the leader is re-read once per ttl.
      l.pollTimer = setInterval(() => void l.refresh(), l.ttlMs);
    } catch (err) {
      l.etcd.close();
      throw err;
    }
    return l;
  }

  // ---- campaign ----

  /**
   * Resolves once this member leads, with its epoch (already leading: at
   * once). Waits as long as another member leads; rejects with
   * CampaignAborted when `signal` aborts or close() is called. etcd errors
   * are retried (backoff 100 ms doubling to 2 s).
   */
  campaign(signal?: AbortSignal): Promise<{ epoch: number }> {
    if (this.term && !this.term.lost) return Promise.resolve({ epoch: this.term.key.rev });
    if (this.campaigning) return Promise.reject(new Error("campaign already in progress"));
    const p = this.runCampaign(signal).finally(() => {
      this.campaigning = undefined;
    });
    this.campaigning = p.catch(() => {});
    return p;
  }

  private async runCampaign(signal?: AbortSignal): Promise<{ epoch: number }> {
    const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    let lease: CampaignLease | undefined;
    try {
      // Bounded by `stop`; every failure but the end of a Campaign window backs off (100 ms doubling to 2 s).
      for (let failures = 0; ; ) {
        if (stop.aborted) throw new CampaignAborted(this.closing.signal.aborted ? "closed" : "signal");
        let inCampaign: CampaignLease | undefined;
        try {
          if (lease === undefined || lease.failed !== undefined || this.fenceAt(lease.keeper) <= performance.now()) {
            if (lease) this.dropLease(lease.keeper, `campaign lease ${lease.id} ${lease.failed ?? "not renewed in time"}`);
            lease = undefined;
            lease = await this.grant();
          }
          const current = lease;
          inCampaign = current;
          // The attempt also ends when the lease dies: etcd's Campaign would wait on without a key.
          const key = await this.etcd.campaign(this.keys.election, current.id, this.member, this.campaignWindowMs, AbortSignal.any([stop, current.dead.signal]));
          inCampaign = undefined;
          // Elected by etcd: make sure the lease held all along and the key is ours.
          const { kvs, revision } = await this.etcd.range(key.key);
          const kv = kvs[0];
          if (current.failed !== undefined || this.fenceAt(current.keeper) <= performance.now() || kv === undefined || kv.createRevision !== key.rev || kv.lease !== current.id) {
            current.failed ??= "lapsed";
            throw new Error(`elected with a lapsed lease or a vanished key (${key.key})`);
          }
          this.becomeLeader(key, current.keeper, revision);
          lease = undefined; // owned by the term now
          return { epoch: key.rev };
        } catch (err) {
          if (stop.aborted) throw new CampaignAborted(this.closing.signal.aborted ? "closed" : "signal");
          // A Campaign window ended, or its lease died (the next round grants another): again at once.
          if (inCampaign !== undefined && (isDeadline(err) || inCampaign.failed !== undefined)) continue;
          const wait = Math.min(2000, 100 * 2 ** failures++);
          this.log.warn(`leadership: campaign failed (${(err as Error).message}); retrying in ${wait} ms`);
          await sleep(wait, stop);
        }
      }
    } finally {
      if (lease) this.dropLease(lease.keeper, "campaign ended");
    }
  }

  private async grant(): Promise<CampaignLease> {
    const sentAt = performance.now();
    const { id } = await this.etcd.leaseGrant(Math.ceil(this.ttlMs / 1000));
    const lease: CampaignLease = {
      id,
      dead: new AbortController(),
      keeper: this.etcd.keepAlive(id, {
        ttlMs: this.ttlMs,
        grantedAt: sentAt,
        onExpired: (reason) => {
          lease.failed = reason;
          lease.dead.abort();
          if (this.term?.keeper === lease.keeper) this.lose(reason);
        },
        onRenewed: () => {
          if (this.term?.keeper === lease.keeper) this.armFence();
        },
      }),
    };
    return lease;
  }

  /** When a leader holding `keeper` fences itself (performance.now() scale). */
  private fenceAt(keeper: LeaseKeeper): number {
    return keeper.renewedAt + this.ttlMs - this.marginMs;
  }

  /** Stops renewing a lease and revokes it (deleting its key) in the background. */
  private dropLease(keeper: LeaseKeeper, why: string): void {
    const paused = keeper.isPaused;
    keeper.stop();
    if (paused || this.etcd.isClosed) return; // a "stalled" keeper (tests) reaches etcd no more
    this.log.debug(`leadership: revoking lease ${keeper.id} (${why})`);
    const p = this.revoke(keeper.id).finally(() => this.revoking.delete(p));
    this.revoking.add(p);
  }

  /**
   * Revokes a lease, retrying (backoff 100 ms doubling to 1 s) for up to one
   * ttl: etcd extends every lease by its full TTL when it restarts, so a
   * lease we gave up while etcd was down would otherwise hold the election
   * for a whole ttl after etcd is back. close() ends the retries.
   */
  private async revoke(id: string): Promise<void> {
    const until = performance.now() + this.ttlMs;
    for (let n = 0; ; n++) {
      try {
        await this.etcd.leaseRevoke(id);
        return;
      } catch (err) {
        if (this.closing.signal.aborted || this.etcd.isClosed || performance.now() >= until) {
          this.log.debug(`leadership: revoking lease ${id}: ${(err as Error).message}; it expires by itself`);
          return;
        }
        await sleep(Math.min(1000, 100 * 2 ** n), this.closing.signal);
      }
    }
  }

  private becomeLeader(key: LeaderKey, keeper: LeaseKeeper, revision: number): void {
    this.term = { key, keeper, lost: false, since: revision };
    this.armFence();
    this.log.info(`leadership: ${this.member} leads cluster ${this.keys.root} with epoch ${key.rev}`);
    void this.refresh();
  }

  private armFence(): void {
    const t = this.term;
    if (!t || t.lost) return;
    clearTimeout(this.fenceTimer);
    const ms = this.fenceAt(t.keeper) - performance.now();
    if (ms <= 0) {
      this.lose(`lease ${t.keeper.id} not renewed for ${Math.round(performance.now() - t.keeper.renewedAt)} ms (ttl ${this.ttlMs} ms, margin ${this.marginMs} ms)`);
      return;
    }
    this.fenceTimer = setTimeout(() => this.armFence(), Math.ceil(ms));
  }

  /** Ends the current term (once): fences, revokes the lease, fires onLost. */
  private lose(reason: string): void {
    const t = this.term;
    if (!t || t.lost) return;
    t.lost = true;
    clearTimeout(this.fenceTimer);
    this.log.warn(`leadership: ${this.member} lost leadership of epoch ${t.key.rev}: ${reason}`);
    this.dropLease(t.keeper, "leadership lost");
    for (const cb of this.lostCallbacks) {
      try {
        cb(reason);
      } catch (err) {
        this.log.error(`leadership: onLost callback threw: ${(err as Error).message}`);
      }
    }
  }

  /** `cb` fires once per elected term when this member stops leading without resigning. */
  onLost(cb: (reason: string) => void): void {
    this.lostCallbacks.push(cb);
  }

  /** True while this member leads and its lease is within ttl − margin of its last renewal (checked now, synchronously). */
  isLeader(): boolean {
    const t = this.term;
    if (!t || t.lost) return false;
    if (this.fenceAt(t.keeper) <= performance.now()) {
      this.armFence(); // fences now
      return false;
    }
    return true;
  }

  /** The epoch this member leads with, or undefined. */
  get epoch(): number | undefined {
    return this.isLeader() ? this.term?.key.rev : undefined;
  }

  /** performance.now() of the send time of the last answered renewal of the leading lease, or undefined when not leading. */
  get renewedAt(): number | undefined {
    const t = this.term;
    return t && !t.lost ? t.keeper.renewedAt : undefined;
  }

  /** Gives leadership up (deletes the key, revokes the lease); onLost does not fire. No-op when not leading. */
  async resign(): Promise<void> {
    const t = this.term;
    this.term = undefined;
    clearTimeout(this.fenceTimer);
    if (!t || t.lost) return;
    t.lost = true;
    const paused = t.keeper.isPaused;
    t.keeper.stop();
    if (paused) return;
    try {
      await this.etcd.resign(t.key);
    } finally {
      await this.etcd.leaseRevoke(t.keeper.id).catch((err) => this.log.debug(`leadership: revoke after resign: ${(err as Error).message}`));
      this.log.info(`leadership: ${this.member} resigned epoch ${t.key.rev}`);
    }
  }

  // ---- reading the election ----

  /** Who leads now (etcd's Election.Leader), or undefined. */
  async leader(): Promise<LeaderInfo | undefined> {
    const kv = await this.etcd.leader(this.keys.election);
    return kv && { member: kv.value, epoch: kv.createRevision };
  }

  /**
   * Calls `cb` with the leader as known now (once read) and on every change
   * (a new leader or epoch, or nobody). Returns the unsubscribe function.
   */
  observe(cb: (l: LeaderInfo | undefined) => void): () => void {
    this.observers.add(cb);
    if (this.lastLeader !== null) {
      const known = this.lastLeader;
      queueMicrotask(() => this.observers.has(cb) && cb(known));
    }
    return () => {
      this.observers.delete(cb);
    };
  }

  /** Re-reads the leader; notifies observers on a change; fences when the key this member leads with is gone. */
  private refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      // Bounded: 20 reads; an error is retried after 50 ms doubling to 1 s.
      for (let n = 0, failures = 0; n < 20 && !this.closing.signal.aborted; n++) {
        this.refreshAgain = false;
        try {
          const { kv, revision } = await this.etcd.leaderAt(this.keys.election);
          const l = kv && { member: kv.value, epoch: kv.createRevision };
          const t = this.term;
          if (t && !t.lost && l?.epoch !== t.key.rev) {
            // A read served before the term began (it raced the election) says nothing about it;
            // "no leader" carries no revision, so then our key itself is read again.
            const gone = kv === undefined ? (await this.etcd.range(t.key.key)).kvs[0]?.createRevision !== t.key.rev : revision >= t.since;
            if (gone && this.term === t) this.lose(`leader key ${t.key.key} vanished`);
          }
          this.publish(l);
        } catch (err) {
          this.log.debug(`leadership: reading the leader: ${(err as Error).message}`);
          this.refreshAgain = true;
          await sleep(Math.min(1000, 50 * 2 ** failures++), this.closing.signal);
        }
        if (!this.refreshAgain) break;
      }
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private publish(l: LeaderInfo | undefined): void {
    const prev = this.lastLeader;
    if (prev !== null && prev?.member === l?.member && prev?.epoch === l?.epoch) return;
    this.lastLeader = l;
    for (const cb of [...this.observers]) {
      try {
        cb(l);
      } catch (err) {
        this.log.error(`leadership: observer threw: ${(err as Error).message}`);
      }
    }
  }

  private startWatch(): void {
    if (this.closing.signal.aborted) return;
    this.stopWatch = this.etcd.watch(
      this.keys.election + "/",
      { prefix: true, startRevision: this.watchRevision === 0 ? 0 : this.watchRevision + 1 },
      (events, revision) => this.onWatch(events, revision),
      (err) => {
        this.stopWatch = undefined;
        if (this.closing.signal.aborted) return;
        const compacted = err && !isUnavailable(err) && /compacted/.test(err.details);
        if (compacted) this.watchRevision = 0; // from now on; refresh() below covers the gap
        const wait = Math.min(watchBackoffMaxMs, 50 * 2 ** this.watchFailures++);
        this.log.debug(`leadership: election watch ended (${err?.message ?? "?"}); again in ${wait} ms`);
        this.watchTimer = setTimeout(() => {
          void this.refresh();
          this.startWatch();
        }, wait);
      },
    );
  }

  private onWatch(events: WatchEvent[], revision: number): void {
    this.watchFailures = 0;
    if (revision > this.watchRevision) this.watchRevision = revision;
    const t = this.term;
    if (t && !t.lost && events.some((e) => e.type === "DELETE" && e.kv.key === t.key.key)) this.lose(`leader key ${t.key.key} deleted`);
    void this.refresh();
  }

  // ---- guarded data ----

  /**
   * Puts `key` (under /falconq/<cluster>/ unless it starts with "/") only
   * if this member still leads: a Txn comparing the leader key's create
   * revision with the epoch. False when deposed (then onLost fires). Throws
   * EtcdError when etcd did not answer in time: the write may or may not
   * have happened.
   */
  async putGuarded(key: string, value: string): Promise<boolean> {
    const t = this.term;
    if (!t || !this.isLeader()) return false;
    const { succeeded } = await this.etcd.txn([{ key: t.key.key, target: "CREATE", createRevision: t.key.rev }], [{ put: { key: this.path(key), value } }]);
    if (!succeeded) this.lose(`guarded write of ${this.path(key)} failed: leader key ${t.key.key} is not epoch ${t.key.rev}`);
    return succeeded;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.etcd.get(this.path(key)))?.value;
  }

  private path(key: string): string {
    return key.startsWith("/") ? key : this.keys.root + key;
  }

  /** For tests: the current term's lease stops being renewed (a stalled process, a cut link) until resumeRenewals(). */
  pauseRenewals(): void {
    this.term?.keeper.pause();
  }

  resumeRenewals(): void {
    this.term?.keeper.resume();
  }

  /** Resigns when leading, stops the watch and closes the etcd client. */
  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    try {
      await this.resign();
    } catch (err) {
      this.log.debug(`leadership: resign on close: ${(err as Error).message}`);
    }
    this.closing.abort();
    clearTimeout(this.watchTimer);
    clearTimeout(this.fenceTimer);
    clearInterval(this.pollTimer);
    this.stopWatch?.();
    await this.campaigning; // its lease is being revoked
    await Promise.all([...this.revoking, this.refreshing]);
    this.etcd.close();
  }
}
