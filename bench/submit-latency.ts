// Single-submit latency over the compiled binary (BullMQ's `queue.add`
// shape): one `client.submit()` per job at a steady rate against 1 master
// (--fsync always) and 2 workers × 50 running the `stamp` handler. Prints
// progress lines, then one JSON object as its last line:
//   addToStartP50Ms/P99Ms/MaxMs   handler start (worker clock) − the moment submit() was called
//   createdToStartP50Ms/P99Ms     handler start − the job's createdAt on the master (what bench/cluster.ts reports)
//   submitP50Ms/P99Ms/MaxMs       submit()'s own latency: call → resolved (durable)
//   phases                        p50/p99/max of: call → createdAt, createdAt → startedAt (lease),
//                                 startedAt → handler start
//   clientLoopLag*, masterProbe*  event-loop lag of this process (a 5 ms interval timer's lateness)
//                                 and round trips of a cheap RPC (WhoAmI) to the master every 20 ms
//   diskSync*                     a 100-byte append + fdatasync every 20 ms beside the master's data dir
//   cpuSeconds                    CPU seconds of each process while submitting (bench: this process, both
//                                 clients; masterSystem: the master's system share of its figure)
//   submitCalls, jobsPerSubmitCall  SubmitJobs calls the client made for the jobs
//   masterGc*                     with FALCONQ_BENCH_GCLOG=1: the master's JSC GC pauses (BUN_JSC_logGC)
// Env: FALCONQ_BENCH_PAUSED=1 (the queue paused while submitting: what the submits alone cost; the
//      add-to-start figures then include the pause), FALCONQ_BENCH_RATE (2000/s), FALCONQ_BENCH_SECONDS (10), FALCONQ_BENCH_QUICK=1 (3 s),
//      FALCONQ_SUBMIT_LINGER_MS (the client's submitLingerMs; unset: the SDK default; 0: no coalescing).
// Run: bun bench/submit-latency.ts

import { readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { heapStats } from "bun:jsc";
import { Client } from "../src/client/client.ts";
import { fixtureHandlers, listAll, startCluster } from "../test/helpers/cluster.ts";
import { waitFor } from "../test/helpers/wait.ts";

const quick = process.env.FALCONQ_BENCH_QUICK === "1";
const rate = Number(process.env.FALCONQ_BENCH_RATE ?? 2000);
const seconds = Number(process.env.FALCONQ_BENCH_SECONDS ?? (quick ? 3 : 10));
const lingerEnv = process.env.FALCONQ_SUBMIT_LINGER_MS;
const lingerMs = lingerEnv === undefined || lingerEnv === "" ? undefined : Number(lingerEnv);
const gcLog = process.env.FALCONQ_BENCH_GCLOG === "1";
/** The queue stays paused while submitting: submit cost alone (the add-to-start figures then include the pause). */
const paused = process.env.FALCONQ_BENCH_PAUSED === "1";
const workers = 2;
const concurrency = 50;
const queue = "lat";

const decoder = new TextDecoder();
const log = (msg: string) => console.log(`[bench] ${msg}`);
const round2 = (x: number) => Math.round(x * 100) / 100;
const wall = () => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summary(xs: number[]): { p50: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: round2(percentile(s, 50)), p99: round2(percentile(s, 99)), max: round2(s.at(-1) ?? Number.NaN) };
}

/** CPU seconds (user + system) a process has used so far, from /proc; 0 where /proc is missing. */
function cpuSeconds(pid: number, which: "all" | "user" | "system" = "all"): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const user = Number(fields[11]) / 100; // utime, stime in clock ticks (USER_HZ = 100)
    const system = Number(fields[12]) / 100;
    return which === "user" ? user : which === "system" ? system : user + system;
  } catch {
    return 0;
  }
}

/** Lateness of a 5 ms interval timer in this process (GC pauses, long tasks). */
function loopLag(): { stop(): number[] } {
  const lags: number[] = [];
  let last = performance.now();
  const t = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - last - 5));
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(t);
      return lags;
    },
  };
}

async function main(): Promise<void> {
  log(`single submits at ${rate}/s for ${seconds} s; ${workers} workers x ${concurrency}; fsync always; submitLingerMs ${lingerMs ?? "default"}`);
  await using c = await startCluster({
    workers,
    concurrency,
    masterArgs: ["--fsync", "always"],
    workerArgs: ["--handlers", fixtureHandlers, "--queues", queue],
    env: gcLog ? { BUN_JSC_logGC: "1" } : {},
  });
  const client = new Client({ master: c.address, retryDeadlineMs: 20_000, ...(lingerMs !== undefined && { submitLingerMs: lingerMs }) });
  const probe = new Client({ master: c.address, retryDeadlineMs: 20_000 });
  // Counts the SubmitJobs calls the client makes (coalescing shows as fewer calls than jobs).
  let submitCalls = 0;
  const call = client.rpc.call.bind(client.rpc);
  client.rpc.call = ((method, req, timeoutMs) => {
    if (method === "SubmitJobs") submitCalls++;
    return call(method, req, timeoutMs);
  }) as typeof client.rpc.call;
  try {
    // Warm up the connection and the code paths.
    await Promise.all(Array.from({ length: 200 }, () => client.submit("stamp", undefined, { queue })));
    await waitFor(async () => (await c.client.stats()).queues.find((q) => q.queue === queue)?.completedTotal === 200, 30_000, "warm-up jobs");
    const warm = new Set((await listAll(c.client, { queue })).map((j) => j.id));
    const gcLines0 = c.master.lines.length;
    if (paused) await c.client.pause(queue);

    const total = Math.round(rate * seconds);
    const calledAt = new Map<string, number>();
    const submitMs: number[] = [];
    const errors: string[] = [];
    const probes: number[] = [];
    let probing = true;
    const probeLoop = (async () => {
      while (probing) {
        const t0 = performance.now();
        await probe.whoAmI();
        probes.push(performance.now() - t0);
        await Bun.sleep(20);
      }
    })();
    // The disk's own fsync latency meanwhile: 100 bytes appended and fdatasync'ed every 20 ms next to the master's data dir.
    const syncs: number[] = [];
    const syncFile = await open(join(c.dir, "sync-probe"), "a");
    const syncLoop = (async () => {
      const rec = new Uint8Array(100);
      while (probing) {
        const t = performance.now();
        await syncFile.write(rec);
        await syncFile.datasync();
        syncs.push(performance.now() - t);
        await Bun.sleep(20);
      }
    })();
    const lag = loopLag();
    const heap0 = heapStats().heapSize;
    const pids = { master: c.master.pid, worker1: c.workers[0]?.pid ?? 0, worker2: c.workers[1]?.pid ?? 0 };
    const cpu0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
    const benchCpu0 = process.cpuUsage();
    const masterSys0 = cpuSeconds(c.master.pid, "system");
    const calls0 = submitCalls;
    const pending = new Set<Promise<void>>();
    const t0 = performance.now();
    let sent = 0;
    let maxInFlight = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
      while (sent < due) {
        sent++;
        const at = wall();
        const p: Promise<void> = client.submit("stamp", undefined, { queue }).then(
          (r) => {
            submitMs.push(wall() - at);
            calledAt.set(r.job.id, at);
            pending.delete(p);
          },
          (e: Error) => {
            errors.push(e.message);
            pending.delete(p);
          },
        );
        pending.add(p);
      }
      maxInFlight = Math.max(maxInFlight, pending.size);
      if (pending.size > 20_000) throw new Error("more than 20,000 submits in flight: the master cannot keep up");
      await Bun.sleep(1);
    }
    const sentMs = performance.now() - t0;
    await Promise.all(pending);
    const lags = lag.stop();
    const heap1 = heapStats().heapSize;
    const benchCpu = process.cpuUsage(benchCpu0);
    const cpu: Record<string, number> = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, round2(cpuSeconds(pid) - (cpu0[k] ?? 0))]));
    cpu.bench = round2((benchCpu.user + benchCpu.system) / 1e6);
    cpu.masterSystem = round2(cpuSeconds(c.master.pid, "system") - masterSys0);
    const calls = submitCalls - calls0;
    probing = false;
    await probeLoop;
    await syncLoop;
    await syncFile.close();
    if (errors.length > 0) throw new Error(`${errors.length} submits failed, first: ${errors[0]}`);
    if (paused) await c.client.resume(queue);
    await waitFor(async () => (await c.client.stats()).queues.find((q) => q.queue === queue)?.completedTotal === total + 200, 60_000, `${total} jobs`);

    const addToStart: number[] = [];
    const createdToStart: number[] = [];
    const callToCreated: number[] = [];
    const lease: number[] = [];
    const delivery: number[] = [];
    for (const j of await listAll(c.client, { queue, withPayloads: true })) {
      if (warm.has(j.id)) continue;
      const r = JSON.parse(decoder.decode(j.result)) as { startedAtMs: number };
      const at = calledAt.get(j.id);
      if (at === undefined) throw new Error(`job ${j.id} was not submitted by this run`);
      addToStart.push(r.startedAtMs - at);
      createdToStart.push(r.startedAtMs - j.createdAt);
      callToCreated.push(j.createdAt - at);
      lease.push(j.startedAt - j.createdAt);
      delivery.push(r.startedAtMs - j.startedAt);
    }
    const gcPauses: number[] = [];
    if (gcLog) {
      for (const line of c.master.lines.slice(gcLines0)) {
        const m = line.match(/ p=([\d.]+)ms/);
        if (m) gcPauses.push(Number(m[1]));
      }
    }
    const a = summary(addToStart);
    const cr = summary(createdToStart);
    const s = summary(submitMs);
    const l = summary(lags);
    const pr = summary(probes);
    const sy = summary(syncs);
    const out = {
      bench: "submit-latency",
      addToStartP50Ms: a.p50,
      addToStartP99Ms: a.p99,
      addToStartMaxMs: a.max,
      createdToStartP50Ms: cr.p50,
      createdToStartP99Ms: cr.p99,
      submitP50Ms: s.p50,
      submitP99Ms: s.p99,
      submitMaxMs: s.max,
      submitLingerMs: lingerMs ?? "default",
      paused,
      rate,
      rateAchievedPerSec: Math.round(total / (sentMs / 1000)),
      submitCalls: calls,
      jobsPerSubmitCall: round2(total / calls),
      jobs: addToStart.length,
      maxSubmitsInFlight: maxInFlight,
      phases: { callToCreated: summary(callToCreated), createdToLease: summary(lease), leaseToHandler: summary(delivery) },
      cpuSeconds: cpu,
      clientLoopLagP99Ms: l.p99,
      clientLoopLagMaxMs: l.max,
      clientHeapGrowthMB: round2((heap1 - heap0) / 1e6),
      masterProbeP50Ms: pr.p50,
      masterProbeP99Ms: pr.p99,
      masterProbeMaxMs: pr.max,
      diskSyncP50Ms: sy.p50,
      diskSyncP99Ms: sy.p99,
      diskSyncMaxMs: sy.max,
      ...(gcLog && { masterGcPauses: gcPauses.length, masterGcPauseMaxMs: round2(Math.max(0, ...gcPauses)), masterGcPauseTotalMs: round2(gcPauses.reduce((x, y) => x + y, 0)) }),
      workers,
      concurrency,
      fsync: "always",
      cores: navigator.hardwareConcurrency,
    };
    console.log(JSON.stringify(out));
  } finally {
    client.close();
    probe.close();
  }
}

await main();
