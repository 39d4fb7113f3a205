// Cluster mode (docs/ha.md, "Cluster mode"): three `dist/falconq master
// --cluster …` processes on loopback and a real etcd (test/helpers/etcd.ts).
// Skipped only without an `etcd` binary outside CI (CI installs Debian's
// etcd-server). Lease TTL 2 s. Figures go to stdout as "figure: …" lines.
//
//  (i)   bootstrap elects one leader, the others follow; a submit is
//        acknowledged only while a standby has it (both standbys stopped:
//        not acknowledged; resumed: acknowledged again);
//  (ii)  SIGKILL the leader under load, FALCONQ_CHAOS=1 → 20 kills, else 3:
//        every acknowledged job exists on the new leader and ends completed
//        with workers running, a new leader serves within 5 s each time; the
//        killed member restarts as a standby and rejoins the in-sync set;
//  (iii) SIGSTOP the leader past its lease, SIGCONT: a submit sent to it
//        while stopped is not acknowledged by it, and it exits (code 4);
//  (iv)  etcd restarts while the leader's lease holds: the leader serves on.

import { afterEach, describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "../../src/client/client.ts";
import { JobStatus } from "../../src/core/types.ts";
import { RpcError } from "../../src/rpc/errors.ts";
import { binary, Proc } from "../helpers/cluster.ts";
import { etcdBinary } from "../helpers/etcd.ts";
import { clusterStatus, type Ha, health, settled, startHa as startHaCluster } from "../helpers/ha.ts";
import { waitFor, waitForValue } from "../helpers/wait.ts";

const skip = etcdBinary() === undefined && !process.env.CI;
if (skip) console.warn("ha: skipped, no `etcd` binary on PATH (Debian: apt-get install etcd-server; CI installs it)");

const chaos = process.env.FALCONQ_CHAOS === "1";
const exitDeposed = 4;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

/** A three-member cluster, disposed after the test (its logs printed with FALCONQ_HA_LOGS=1). */
async function startHa(ttl = "2s", o: Parameters<typeof startHaCluster>[1] = {}): Promise<Ha> {
  const ha = await startHaCluster(ttl, o);
  cleanups.push(async () => {
    if (process.env.FALCONQ_HA_LOGS === "1") console.log(ha.sink.join("\n"));
    await ha.dispose();
  });
  return ha;
}

function logs(ha: Ha): string {
  return ha.sink.join("\n");
}

describe.skipIf(skip)("cluster mode", () => {
  test("(i) bootstrap elects one leader, the others follow; no standby, no acknowledgement", async () => {
    const ha = await startHa();
    try {
      const { leader, epoch } = await settled(ha);
      const standbys = ha.members.filter((m) => m !== leader);
      expect(leader.proc.text()).toMatch(/leads cluster .* \(epoch \d+\), serving/);
      for (const s of standbys) {
        expect(s.proc.text()).toContain(`following the leader at ${leader.address}`);
        expect(s.proc.text()).not.toMatch(/leads cluster .* serving/);
      }
      console.log(`figure: bootstrap leader ${leader.name}, epoch ${epoch}`);
      // A standby answers UNAVAILABLE with the leader hint, health NOT_SERVING; the leader SERVING.
      expect(await health(standbys[0]!.address)).toMatch(/^(NOT_SERVING|2)$/);
      expect(await health(leader.address)).toMatch(/^(SERVING|1)$/);
      const direct = new Client({ master: standbys[0]!.address, retryDeadlineMs: 0 });
      const err = await direct.stats().then(
        () => undefined,
        (e) => e,
      );
      direct.close();
      expect(err).toBeInstanceOf(RpcError);
      expect((err as RpcError).details).toBe(`not the leader; the leader is at ${leader.address}`);
      // Through every member: acknowledged (at least one standby wrote and fsynced it).
      const c = new Client({ master: ha.all, retryDeadlineMs: 10_000 });
      cleanups.push(async () => c.close());
      const ok = await c.submit("echo", { n: 1 });
      expect(ok.duplicate).toBe(false);
      // Both standbys stopped: they leave the in-sync set, and a submit is not acknowledged.
      for (const s of standbys) s.proc.pause();
      const once = new Client({ master: leader.address, retryDeadlineMs: 0 });
      cleanups.push(async () => once.close());
      const t0 = performance.now();
      const refused = await once.submit("echo", { n: 2 }).then(
        () => undefined,
        (e) => e as RpcError,
      );
      expect(refused).toBeInstanceOf(RpcError);
      expect(refused?.codeName).toBe("UNAVAILABLE");
      console.log(`figure: submit with both standbys stopped refused after ${Math.round(performance.now() - t0)} ms: ${refused?.details}`);
      for (const s of standbys) s.proc.resume();
      await settled(ha);
      const again = await c.submit("echo", { n: 3 });
      expect(again.duplicate).toBe(false);
    } catch (e) {
      console.log(logs(ha));
      throw e;
    }
  }, 120_000);

  test(`(ii) SIGKILL the leader under load, ${chaos ? 20 : 3} times: nothing acknowledged is lost`, async () => {
    const kills = chaos ? 20 : 3;
    const ha = await startHa();
    try {
      await settled(ha);
      const workers = [1, 2].map((i) => new Proc(`worker${i}`, ["worker", "--master", ha.all, "--concurrency", "4"], {}, ha.sink));
      cleanups.push(async () => {
        await Promise.all(workers.map((w) => w.kill()));
      });
      const producer = new Client({ master: ha.all, retryDeadlineMs: 30_000 });
      cleanups.push(async () => producer.close());
      const acked: string[] = [];
      let failed = 0;
      let stop = false;
      // Six producers in a loop; each submit carries its idempotency key through retries.
      const produce = async () => {
        for (let i = 0; !stop && i < 100_000; i++) {
          try {
            const r = await producer.submit("sleep", { ms: 5 });
            acked.push(r.job.id);
          } catch {
            failed++;
          }
        }
      };
      const producing = Array.from({ length: 6 }, () => produce());
      const failovers: number[] = [];
      for (let k = 0; k < kills; k++) {
        await Bun.sleep(1000);
        const { leader } = await settled(ha, 60_000);
        const before = acked.length;
        const others = ha.members.filter((m) => m !== leader).map((m) => m.address).join(",");
        await leader.proc.kill();
        const t0 = performance.now();
        const next = await waitForValue(async () => (await clusterStatus(others))?.leader, 15_000, "a new leader");
        const ms = performance.now() - t0;
        failovers.push(ms);
        expect(next).not.toBe(leader.address);
        console.log(`figure: kill ${k + 1}: ${leader.name} killed with ${before} jobs acknowledged; ${next} serving after ${Math.round(ms)} ms`);
        ha.start(leader); // back as a standby on its data dir; settled() waits until it is in sync
      }
      stop = true;
      await Promise.all(producing);
      const { leader } = await settled(ha, 60_000);
      // Every acknowledged job exists on the leader and ends completed.
      const ids = new Set(acked);
      const check = new Client({ master: ha.all, retryDeadlineMs: 10_000 });
      cleanups.push(async () => check.close());
      let attemptsOver1 = 0;
      await waitFor(
        async () => {
          const seen = new Map<string, { status: number; attempt: number }>();
          let token = "";
          for (let n = 0; n < 1000; n++) {
            const page = await check.list({ limit: 1000, pageToken: token });
            for (const j of page.jobs) seen.set(j.id, { status: j.status, attempt: j.attempt });
            token = page.nextPageToken;
            if (token === "") break;
          }
          const missing = [...ids].filter((id) => !seen.has(id));
          expect(missing).toEqual([]);
          const open = [...ids].filter((id) => seen.get(id)?.status !== JobStatus.Completed);
          attemptsOver1 = [...seen.values()].filter((j) => j.attempt > 1).length;
          return open.length === 0;
        },
        60_000,
        "every acknowledged job completed",
      );
      const sorted = [...failovers].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      const max = sorted[sorted.length - 1] ?? 0;
      console.log(
        `figure: ${kills} leader kills (ttl 2 s): ${acked.length} jobs acknowledged, 0 lost, all completed; ${failed} submits failed after 30 s of retries; ` +
          `${attemptsOver1} jobs ran more than once (leases lost with the leader); failover median ${Math.round(median)} ms, max ${Math.round(max)} ms; final leader ${leader.name}`,
      );
      expect(max).toBeLessThan(5000);
      expect(acked.length).toBeGreaterThan(0);
      for (const w of workers) expect(w.running).toBe(true);
    } catch (e) {
      console.log(logs(ha));
      throw e;
    }
  }, chaos ? 900_000 : 240_000);

  test("(iii) a leader stopped past its lease acknowledges nothing and exits when resumed", async () => {
    const ha = await startHa();
    try {
      const { leader, epoch } = await settled(ha);
      const c = new Client({ master: leader.address, retryDeadlineMs: 0 });
      cleanups.push(async () => c.close());
      await c.submit("echo", { n: 0 });
      leader.proc.pause();
      // A submit sent to the stopped leader: it sits in its socket.
      let outcome: "acknowledged" | "refused" | undefined;
      const pending = c.submit("echo", { n: 1 }).then(
        () => {
          outcome = "acknowledged";
        },
        () => {
          outcome = "refused";
        },
      );
      const others = ha.members.filter((m) => m !== leader).map((m) => m.address).join(",");
      const t0 = performance.now();
      const next = await waitForValue(
        async () => {
          const s = await clusterStatus(others);
          return s && Number(s.epoch) > epoch ? s.leader : undefined;
        },
        15_000,
        "a new leader while the old one is stopped",
      );
      console.log(`figure: old leader stopped; ${next} serving after ${Math.round(performance.now() - t0)} ms`);
      await Bun.sleep(500);
      leader.proc.resume();
      const code = await Promise.race([leader.proc.exited, Bun.sleep(15_000).then(() => -999)]);
      await pending;
      expect(outcome).toBe("refused");
      expect(code).toBe(exitDeposed);
      expect(leader.proc.text()).toMatch(/stops leading/);
      // The new leader has no trace of an acknowledgement it did not give: the first job is there.
      const all = new Client({ master: ha.all, retryDeadlineMs: 10_000 });
      cleanups.push(async () => all.close());
      expect((await all.submit("echo", { n: 2 })).duplicate).toBe(false);
    } catch (e) {
      console.log(logs(ha));
      throw e;
    }
  }, 120_000);

  test("(iv) etcd restarts while the leader's lease holds: the leader serves on", async () => {
    const ha = await startHa("10s");
    try {
      const { leader, epoch } = await settled(ha);
      const c = new Client({ master: ha.all, retryDeadlineMs: 10_000 });
      cleanups.push(async () => c.close());
      await c.submit("echo", { n: 0 });
      const t0 = performance.now();
      await ha.etcd.kill();
      await ha.etcd.restart();
      console.log(`figure: etcd killed and restarted in ${Math.round(performance.now() - t0)} ms`);
      await c.submit("echo", { n: 1 });
      await Bun.sleep(3000);
      const s = await settled(ha);
      expect(s.leader).toBe(leader);
      expect(s.epoch).toBe(epoch);
      expect(leader.proc.running).toBe(true);
      expect(leader.proc.text()).not.toMatch(/stops leading/);
      await c.submit("echo", { n: 2 });
    } catch (e) {
      console.log(logs(ha));
      throw e;
    }
  }, 120_000);

  test("(v) falconq cluster status and step-down", async () => {
    const ha = await startHa();
    try {
      const { leader, epoch } = await settled(ha);
      const run = async (args: string[]) => {
        const p = new Proc("cli", args, {}, ha.sink);
        const code = await p.exited;
        return { code, out: await p.output() };
      };
      const st = await run(["cluster", "status", "--master", ha.all, "--json"]);
      expect(st.code).toBe(0);
      const s = JSON.parse(st.out) as { leader: string; epoch: number; members: { id: string; quorum: boolean; in_sync: boolean; lag_bytes: number }[] };
      expect(s.leader).toBe(leader.address);
      expect(Number(s.epoch)).toBe(epoch);
      expect(s.members.map((m) => m.id).sort()).toEqual(ha.members.filter((m) => m !== leader).map((m) => m.address).sort());
      expect(s.members.every((m) => m.quorum && m.in_sync)).toBe(true);
      const sd = await run(["cluster", "step-down", "--master", ha.all]);
      expect(sd.code).toBe(0);
      const t0 = performance.now();
      expect(await Promise.race([leader.proc.exited, Bun.sleep(10_000).then(() => -999)])).toBe(exitDeposed);
      const others = ha.members.filter((m) => m !== leader).map((m) => m.address).join(",");
      const next = await waitForValue(
        async () => {
          const x = await clusterStatus(others);
          return x && Number(x.epoch) > epoch ? x.leader : undefined;
        },
        10_000,
        "a leader after the step-down",
      );
      console.log(`figure: step-down: ${next} serving ${Math.round(performance.now() - t0)} ms after the old leader exited`);
    } catch (e) {
      console.log(logs(ha));
      throw e;
    }
  }, 120_000);

  test("(vi) over TLS with client certificates required and an admin token: members follow and fail over; clients need the CA and a token", async () => {
    const adminToken = `fq_admin_${randomBytes(32).toString("base64url")}`;
    const ha = await startHa("2s", {
      prepare: async (root) => {
        const certs = join(root, "certs");
        const r = Bun.spawnSync([binary, "certs", "init", "--dir", certs, "--hosts", "localhost,127.0.0.1"]);
        if (r.exitCode !== 0) throw new Error(`certs init: ${r.stderr.toString()}`);
        writeFileSync(join(root, "admin.token"), `${adminToken}\n`, { mode: 0o600 });
        return [
          "--tls-cert", join(certs, "server.pem"), "--tls-key", join(certs, "server-key.pem"),
          "--tls-client-ca", join(certs, "ca.pem"), "--tls-client-auth", "require", "--admin-token-file", join(root, "admin.token"),
        ];
      },
      // The helper's own calls: the members' certificate as a client certificate (it carries clientAuth), and the admin token.
      security: (root) => ({
        token: adminToken,
        tls: { ca: readFileSync(join(root, "certs", "ca.pem")), cert: readFileSync(join(root, "certs", "server.pem")), key: readFileSync(join(root, "certs", "server-key.pem")) },
      }),
    });
    try {
      const { leader } = await settled(ha);
      const tls = { caFile: join(ha.root, "certs", "ca.pem"), certFile: join(ha.root, "certs", "server.pem"), keyFile: join(ha.root, "certs", "server-key.pem") };
      const c = new Client({ master: ha.all, tls, token: adminToken, retryDeadlineMs: 20_000, submitLingerMs: 0 });
      cleanups.push(async () => c.close());
      const before = await c.submit("echo", { n: 1 });
      // A client without the CA cannot reach any member; one without a token is refused by the leader.
      const noCa = new Client({ master: leader.address, retryDeadlineMs: 0 });
      cleanups.push(async () => noCa.close());
      expect(((await noCa.stats().catch((e) => e)) as RpcError).codeName).toBe("UNAVAILABLE");
      const noToken = new Client({ master: leader.address, tls, retryDeadlineMs: 0 });
      cleanups.push(async () => noToken.close());
      expect(((await noToken.stats().catch((e) => e)) as RpcError).codeName).toBe("PERMISSION_DENIED"); // a certificate without a role OU
      await leader.proc.kill();
      const after = await c.submit("echo", { n: 2 });
      ha.start(leader); // back as a standby over TLS; settled() waits until it is in sync again
      const next = await settled(ha, 60_000);
      expect(next.leader).not.toBe(leader);
      expect((await c.get(before.job.id)).id).toBe(before.job.id);
      expect((await c.get(after.job.id)).id).toBe(after.job.id);
    } catch (e) {
      console.log(logs(ha));
      throw e;
    }
  }, 120_000);
});
