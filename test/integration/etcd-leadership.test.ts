// Leadership (src/cluster/leadership.ts) against a real etcd started by
// test/helpers/etcd.ts: one leader among three campaigners, resign and a
// higher epoch, self-fencing of a leader whose renewals stop (before etcd
// expires its lease), an etcd crash and restart the leader rides out, and
// observe(). Skipped only without an `etcd` binary outside CI (CI installs
// Debian's etcd-server, see .ci/run).
// Figures go to stdout as "figure: ..." lines.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { silentLogger } from "../../src/core/log.ts";
import { EtcdClient } from "../../src/cluster/etcd.ts";
import { type LeaderInfo, Leadership, type LeadershipOptions } from "../../src/cluster/leadership.ts";
import { type Etcd, etcdBinary, freePort, startEtcd } from "../helpers/etcd.ts";
import { waitFor, waitForValue } from "../helpers/wait.ts";

const skip = etcdBinary() === undefined && !process.env.CI;
if (skip) console.warn("etcd-leadership: skipped, no `etcd` binary on PATH (Debian: apt-get install etcd-server; CI installs it)");

let clusterSeq = 0;

/** A campaign whose outcome the test can poll. */
function track(p: Promise<{ epoch: number }>): { epoch?: number; error?: unknown; promise: Promise<unknown> } {
  const t: { epoch?: number; error?: unknown; promise: Promise<unknown> } = { promise: Promise.resolve() };
  t.promise = p.then(
    (r) => {
      t.epoch = r.epoch;
    },
    (err) => {
      t.error = err;
    },
  );
  return t;
}

describe.skipIf(skip)("Leadership on etcd", () => {
  let etcd: Etcd;
  const open: Leadership[] = [];

  beforeAll(async () => {
    etcd = await startEtcd();
  });

  afterAll(async () => {
    await Promise.all(open.map((l) => l.close()));
    await etcd?.[Symbol.asyncDispose]();
  });

  async function member(name: string, cluster: string, o: Partial<LeadershipOptions> = {}): Promise<Leadership> {
    const l = await Leadership.open({ endpoints: [etcd.endpoint], cluster, member: name, ttlMs: 2000, log: silentLogger, ...o });
    open.push(l);
    return l;
  }

  test("three campaign: exactly one leads, the others wait; the leader resigns and another wins with a higher epoch", async () => {
    const cluster = `three-${++clusterSeq}`;
    // The first endpoint refuses connections: calls fail over to the live one.
    const dead = `127.0.0.1:${await freePort()}`;
    const watcher = await member("watcher", cluster, { endpoints: [dead, etcd.endpoint] });
    const seen: (LeaderInfo | undefined)[] = [];
    watcher.observe((l) => seen.push(l));
    await waitFor(() => seen.length === 1, 5000, "observe() to report the initial state");
    expect(seen[0]).toBeUndefined();
    expect(await watcher.leader()).toBeUndefined();

    const ms = await Promise.all(["m1:50051", "m2:50051", "m3:50051"].map((n) => member(n, cluster, { endpoints: [dead, etcd.endpoint] })));
    const campaigns = ms.map((m) => track(m.campaign()));
    await waitFor(() => campaigns.some((c) => c.epoch !== undefined), 10_000, "a leader");
    const first = campaigns.findIndex((c) => c.epoch !== undefined);
    const leader = ms[first] as Leadership;
    const epoch1 = campaigns[first]?.epoch as number;

    // Everybody agrees, and the other two are still waiting.
    expect(await watcher.leader()).toEqual({ member: leader.member, epoch: epoch1 });
    await waitFor(() => seen.length === 2, 5000, "observe() to report the leader");
    expect(seen[1]).toEqual({ member: leader.member, epoch: epoch1 });
    expect(campaigns.filter((c) => c.epoch !== undefined)).toHaveLength(1);
    expect(ms.filter((m) => m.isLeader())).toEqual([leader]);
    expect(await leader.putGuarded("insync", "m1:50051,m2:50051")).toBe(true);
    expect(await watcher.get("insync")).toBe("m1:50051,m2:50051");
    // A non-leader's guarded write is refused without reaching etcd.
    expect(await (ms[(first + 1) % 3] as Leadership).putGuarded("insync", "nope")).toBe(false);
    expect(await watcher.get("insync")).toBe("m1:50051,m2:50051");

    let lostFired = false;
    leader.onLost(() => (lostFired = true));
    const t0 = performance.now();
    await leader.resign();
    expect(leader.isLeader()).toBe(false);
    expect(await leader.putGuarded("insync", "stale")).toBe(false);
    await waitFor(() => campaigns.filter((c) => c.epoch !== undefined).length === 2, 10_000, "a second leader");
    const failoverMs = performance.now() - t0;
    const second = campaigns.findIndex((c, i) => i !== first && c.epoch !== undefined);
    const epoch2 = campaigns[second]?.epoch as number;
    expect(epoch2).toBeGreaterThan(epoch1);
    expect(ms.filter((m) => m.isLeader())).toEqual([ms[second] as Leadership]);
    await waitFor(() => seen.at(-1)?.epoch === epoch2, 5000, "observe() to report the second leader");
    expect(seen.at(-1)).toEqual({ member: (ms[second] as Leadership).member, epoch: epoch2 });
    expect(lostFired).toBe(false);
    console.log(`figure: resign -> next leader elected in ${failoverMs.toFixed(0)} ms`);

    // The third still waits; the second resigns, the third leads; it resigns, nobody leads.
    const third = 3 - first - second;
    expect(campaigns[third]?.epoch).toBeUndefined();
    await (ms[second] as Leadership).resign();
    await waitFor(() => campaigns[third]?.epoch !== undefined, 10_000, "the third leader");
    expect(campaigns[third]?.epoch as number).toBeGreaterThan(epoch2);
    await (ms[third] as Leadership).resign();
    await waitFor(() => seen.length >= 2 && seen.at(-1) === undefined, 5000, "observe() to report no leader");
    expect(seen.map((l) => l?.member)).toEqual([undefined, leader.member, (ms[second] as Leadership).member, (ms[third] as Leadership).member, undefined]);
    expect(await watcher.leader()).toBeUndefined();
  });

  test("an aborted campaign gives up its place; campaign() while leading resolves with the same epoch", async () => {
    const cluster = `abort-${++clusterSeq}`;
    const a = await member("a:1", cluster);
    const b = await member("b:1", cluster);
    const { epoch } = await a.campaign();
    expect(await a.campaign()).toEqual({ epoch });
    const stop = new AbortController();
    const waiting = track(b.campaign(stop.signal));
    // b's key exists while it waits (the queue behind a).
    const etcdc = new EtcdClient({ endpoints: [etcd.endpoint] });
    try {
      await waitFor(async () => (await etcdc.range(`/falconq/${cluster}/leader/`, { prefix: true })).kvs.length === 2, 5000, "b's election key");
      stop.abort();
      await waiting.promise;
      expect((waiting.error as Error).name).toBe("CampaignAborted");
      await waitFor(async () => (await etcdc.range(`/falconq/${cluster}/leader/`, { prefix: true })).kvs.length === 1, 5000, "b's key gone");
    } finally {
      etcdc.close();
    }
    expect(a.isLeader()).toBe(true);
    await a.resign();
  });

  test("a waiting member outlasts several Campaign windows and wins when the leader resigns", async () => {
    const cluster = `window-${++clusterSeq}`;
    const a = await member("a:1", cluster);
    const b = await member("b:1", cluster, { campaignWindowMs: 300 });
    const { epoch } = await a.campaign();
    const waiting = track(b.campaign());
    const etcdc = new EtcdClient({ endpoints: [etcd.endpoint] });
    try {
      // Each window ends with etcd deleting b's waiting key and b putting a new one: its create revision moves on.
      const revs = new Set<number>();
      await waitFor(
        async () => {
          const kvs = (await etcdc.range(`/falconq/${cluster}/leader/`, { prefix: true, sortByCreate: true })).kvs;
          if (kvs.length === 2) revs.add((kvs[1] as { createRevision: number }).createRevision);
          return revs.size >= 3;
        },
        10_000,
        "b to campaign through three windows",
      );
    } finally {
      etcdc.close();
    }
    expect(waiting.epoch).toBeUndefined();
    await a.resign();
    await waitFor(() => waiting.epoch !== undefined, 5000, "b to lead");
    expect(waiting.epoch as number).toBeGreaterThan(epoch);
  });

  test("a leader whose renewals stop fences itself before etcd expires its lease; a waiting member then leads with a higher epoch", async () => {
    const cluster = `fence-${++clusterSeq}`;
    const ttlMs = 3000;
    const marginMs = 600;
    const a = await member("a:1", cluster, { ttlMs, marginMs });
    const b = await member("b:1", cluster, { ttlMs, marginMs });
    const { epoch } = await a.campaign();
    const waiting = track(b.campaign());

    let lost: { at: number; reason: string; successorElected: boolean } | undefined;
    a.onLost((reason) => {
      lost = { at: performance.now(), reason, successorElected: waiting.epoch !== undefined };
    });
    a.pauseRenewals();
    const pausedAt = performance.now();
    const renewedAt = a.renewedAt as number;
    expect(renewedAt).toBeLessThanOrEqual(pausedAt);

    await waitFor(() => lost !== undefined, ttlMs + 2000, "onLost");
    const fired = lost as { at: number; reason: string; successorElected: boolean };
    // ttl − margin after the last renewal, give or take a timer tick and a loaded machine.
    expect(fired.at - renewedAt).toBeGreaterThanOrEqual(ttlMs - marginMs - 5);
    expect(fired.at - renewedAt).toBeLessThan(ttlMs - marginMs + 250);
    expect(fired.reason).toMatch(/not renewed/);
    expect(fired.successorElected).toBe(false); // fenced before etcd let anyone else lead
    expect(a.isLeader()).toBe(false);
    expect(await a.putGuarded("insync", "from the deposed")).toBe(false);

    await waitFor(() => waiting.epoch !== undefined, ttlMs + 5000, "b to lead after a's lease expires");
    const electedAt = performance.now();
    expect(waiting.epoch as number).toBeGreaterThan(epoch);
    expect(b.isLeader()).toBe(true);
    expect(await b.leader()).toEqual({ member: "b:1", epoch: waiting.epoch as number });
    expect(await b.putGuarded("insync", "b:1")).toBe(true);
    expect(await a.putGuarded("insync", "from the deposed")).toBe(false);
    expect(await b.get("insync")).toBe("b:1");
    console.log(
      `figure: ttl ${ttlMs} ms, margin ${marginMs} ms: self-fence ${(fired.at - renewedAt).toFixed(0)} ms after the last renewal; ` +
        `successor elected ${(electedAt - renewedAt).toFixed(0)} ms after it (${(electedAt - fired.at).toFixed(0)} ms after the fence)`,
    );
  });

  test("the leader's key deleted behind its back: onLost fires and guarded writes fail", async () => {
    const cluster = `vanish-${++clusterSeq}`;
    const a = await member("a:1", cluster);
    await a.campaign();
    let reason: string | undefined;
    a.onLost((r) => (reason = r));
    const etcdc = new EtcdClient({ endpoints: [etcd.endpoint] });
    try {
      await etcdc.deleteRange(`/falconq/${cluster}/leader/`, { prefix: true });
    } finally {
      etcdc.close();
    }
    await waitFor(() => reason !== undefined, 5000, "onLost after the key vanished");
    expect(reason).toMatch(/vanished|deleted/);
    expect(await a.putGuarded("insync", "x")).toBe(false);
  });
});

describe.skipIf(skip)("Leadership across an etcd restart", () => {
  test("etcd killed and restarted while the lease holds: the leader stays leader, renewals resume, onLost does not fire", async () => {
    await using etcd = await startEtcd();
    // ttl 10 s (fence at 8 s): a restart takes about 2 s on this machine, plus up to ttl/3 since the last renewal.
    const o = { endpoints: [etcd.endpoint], cluster: "restart", ttlMs: 10_000, log: silentLogger };
    const a = await Leadership.open({ ...o, member: "a:1" });
    const b = await Leadership.open({ ...o, member: "b:1" });
    try {
      const { epoch } = await a.campaign();
      const waiting = track(b.campaign());
      const seen: (LeaderInfo | undefined)[] = [];
      b.observe((l) => seen.push(l));
      // b may first report what it read before a's election reached it.
      await waitFor(() => seen.at(-1)?.member === "a:1", 5000, "b to see a");
      seen.splice(0, seen.length - 1);
      let lost: string | undefined;
      a.onLost((r) => (lost = r));

      const before = a.renewedAt as number;
      const t0 = performance.now();
      await etcd.kill();
      await etcd.restart();
      const restartMs = performance.now() - t0;
      await waitForValue(() => ((a.renewedAt ?? 0) > t0 ? true : undefined), 8000, "a renewal after the restart");
      const gapMs = (a.renewedAt as number) - before;
      expect(lost).toBeUndefined();
      expect(a.isLeader()).toBe(true);
      expect(await a.leader()).toEqual({ member: "a:1", epoch });
      expect(await a.putGuarded("insync", "a:1,b:1")).toBe(true);
      expect(waiting.epoch).toBeUndefined();
      // Still leading after another ttl: the keeper renews as before.
      await waitFor(() => (a.renewedAt as number) > t0 + 4000, 10_000, "renewals to continue");
      expect(lost).toBeUndefined();
      expect(waiting.epoch).toBeUndefined();
      expect(seen).toEqual([{ member: "a:1", epoch }]);
      console.log(`figure: etcd kill + restart ${restartMs.toFixed(0)} ms; renewal gap ${gapMs.toFixed(0)} ms (fence at ${10_000 - a.marginMs} ms)`);

      // Then a normal handover still works.
      await a.resign();
      await waitFor(() => waiting.epoch !== undefined, 10_000, "b to lead");
      expect(waiting.epoch as number).toBeGreaterThan(epoch);
      await waitFor(() => seen.length === 2, 5000, "b to observe itself");
      expect(seen).toHaveLength(2);
      expect(seen[1]).toEqual({ member: "b:1", epoch: waiting.epoch as number });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test("etcd down for longer than the fence: the leader fences itself; once etcd is back a standby leads with a higher epoch", async () => {
    await using etcd = await startEtcd();
    const ttlMs = 3000;
    const o = { endpoints: [etcd.endpoint], cluster: "outage", ttlMs, log: silentLogger };
    const a = await Leadership.open({ ...o, member: "a:1" });
    const b = await Leadership.open({ ...o, member: "b:1" });
    try {
      const { epoch } = await a.campaign();
      const waiting = track(b.campaign());
      let lostAt: number | undefined;
      a.onLost(() => (lostAt = performance.now()));
      await etcd.kill();
      const renewedAt = a.renewedAt as number;
      await waitFor(() => lostAt !== undefined, ttlMs + 2000, "a to fence itself while etcd is down");
      expect((lostAt as number) - renewedAt).toBeLessThan(ttlMs - a.marginMs + 250);
      expect(a.isLeader()).toBe(false);
      const t0 = performance.now();
      await etcd.restart();
      // a's revoke (retried while etcd was down) frees the election without waiting out the revived lease.
      await waitFor(() => waiting.epoch !== undefined, 15_000, "b to lead after etcd is back");
      expect(waiting.epoch as number).toBeGreaterThan(epoch);
      expect(await b.leader()).toEqual({ member: "b:1", epoch: waiting.epoch as number });
      console.log(`figure: etcd back -> standby elected in ${(performance.now() - t0).toFixed(0)} ms (etcd restart included)`);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe.skipIf(skip)("EtcdClient", () => {
  test("Election.Observe streams leaders; a lease revoked behind the keeper's back is reported expired", async () => {
    await using etcd = await startEtcd();
    const c = new EtcdClient({ endpoints: [etcd.endpoint] });
    try {
      const seen: string[] = [];
      let ended: unknown = "running";
      const cancel = c.observeElection("/obs", (kv) => seen.push(kv.value), (err) => (ended = err));
      const l1 = await c.leaseGrant(5);
      const k1 = await c.campaign("/obs", l1.id, "one", 2000);
      await waitFor(() => seen.length === 1, 5000, "Observe to report the first leader");
      await c.proclaim(k1, "one again");
      await waitFor(() => seen.length === 2, 5000, "Observe to report the proclamation");
      expect(seen).toEqual(["one", "one again"]);
      expect((await c.leaseTimeToLive(l1.id)).grantedTtlSec).toBe(5);

      let expired: string | undefined;
      const keeper = c.keepAlive(l1.id, { ttlMs: 1500, grantedAt: performance.now(), onExpired: (r) => (expired = r) });
      const renewedBefore = keeper.renewedAt;
      await waitFor(() => keeper.renewedAt > renewedBefore, 5000, "a renewal");
      await c.leaseRevoke(l1.id);
      await waitFor(() => expired !== undefined, 5000, "the keeper to report the lease gone");
      expect(expired).toMatch(/expired at etcd/);
      expect((await c.leaseTimeToLive(l1.id)).ttlSec).toBe(-1);
      cancel();
      expect(ended).toBe("running"); // cancel() does not report an end
    } finally {
      c.close();
    }
  });
});
