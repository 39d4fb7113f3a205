// Cluster benchmark over the compiled binary: 1 master (--fsync always) and 2
// worker processes of concurrency 50 on 127.0.0.1. Prints progress lines,
// then one JSON object as its last line:
//   endToEndJobsPerSec   N noop jobs, batches of 1000 from this process, first submit → all COMPLETED
//   latencyP50Ms/P99Ms   submit-to-start at a steady 2,000 jobs/s: handler start − job createdAt
//   submit100RoundTripMs `falconq submit --type noop --count 100 --wait` as a process (median of 5)
// Run: bun bench/cluster.ts   (FALCONQ_BENCH_QUICK=1: 10,000 jobs end to end)
//      bun bench/cluster.ts --secure   the same over TLS: workers authenticate with client
//      certificates (falconq certs init), the SDK client and CLI with a bearer token
// Every process is killed and the temp dir removed on exit, also on error or Ctrl-C.

import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Cluster, ensureBinary, fixtureHandlers, listAll, startCluster } from "../test/helpers/cluster.ts";
import { waitFor } from "../test/helpers/wait.ts";
import type { Client } from "../src/client/client.ts";

// --cluster: the high-availability benchmark (bench/ha.ts) instead.
if (process.argv.includes("--cluster")) {
  await import("./ha.ts");
  process.exit(0);
}

const quick = process.env.FALCONQ_BENCH_QUICK === "1";
const secure = process.argv.includes("--secure");
const jobs = quick ? 10_000 : 100_000;
const batchSize = 1000;
const batchesInFlightMax = 4;
const workers = 2;
const concurrency = 50;
const fsync = "always";
const steadyRatePerSec = 2000;
const steadyMs = 5000;
const steadyTickMs = 5; // 10 jobs every 5 ms
const roundTrips = 5;

const decoder = new TextDecoder();
const log = (msg: string) => console.log(`[bench] ${msg}`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** CPU seconds (user + system) a process has used so far, from /proc; 0 where /proc is missing. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

function cpuOf(c: Cluster): Record<string, number> {
  const out: Record<string, number> = { master: cpuSeconds(c.master.pid), bench: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 };
  for (const [i, w] of c.workers.entries()) out[`worker${i + 1}`] = cpuSeconds(w.pid);
  return out;
}

function cpuDelta(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(b).map((k) => [k, round2((b[k] ?? 0) - (a[k] ?? 0))]));
}

async function completedTotal(client: Client, queue: string): Promise<number> {
  const s = await client.stats();
  return s.queues.find((q) => q.queue === queue)?.completedTotal ?? 0;
}

async function endToEnd(c: Cluster) {
  const queue = "e2e";
  const spec = { type: "noop", queue };
  const batch = Array.from({ length: batchSize }, () => spec);
  const cpu0 = cpuOf(c);
  const t0 = performance.now();
  let submitted = 0;
  let submitDoneAt = 0;
  const submitting = (async () => {
    const inFlight = new Set<Promise<void>>();
    for (let sent = 0; sent < jobs; sent += batchSize) {
      const n = Math.min(batchSize, jobs - sent);
      const p: Promise<void> = c.client.submitMany(n === batchSize ? batch : batch.slice(0, n)).then((r) => {
        submitted += r.length;
        inFlight.delete(p);
      });
      inFlight.add(p);
      if (inFlight.size >= batchesInFlightMax) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    submitDoneAt = performance.now();
  })();
  let lastLog = t0;
  let done = 0;
  await waitFor(
    async () => {
      done = await completedTotal(c.client, queue);
      if (performance.now() - lastLog >= 1000) {
        lastLog = performance.now();
        log(`end to end: ${submitted} submitted, ${done} completed after ${Math.round(lastLog - t0)} ms`);
      }
      return done >= jobs;
    },
    300_000,
    `${jobs} completed jobs`,
  );
  const elapsedMs = performance.now() - t0;
  await submitting;
  const cpu = cpuDelta(cpu0, cpuOf(c));
  const jobsPerSec = Math.round(jobs / (elapsedMs / 1000));
  const submitPerSec = Math.round(jobs / ((submitDoneAt - t0) / 1000));
  log(`end to end: ${jobs} jobs in ${Math.round(elapsedMs)} ms = ${jobsPerSec} jobs/s (submits alone ${submitPerSec}/s); CPU s ${JSON.stringify(cpu)}`);
  return { jobsPerSec, elapsedMs: Math.round(elapsedMs), submitPerSec, cpuSeconds: cpu };
}

async function steadyLatency(c: Cluster) {
  const queue = "lat";
  const perTick = (steadyRatePerSec * steadyTickMs) / 1000;
  const ticks = steadyMs / steadyTickMs;
  const batch = Array.from({ length: perTick }, () => ({ type: "stamp", queue }));
  const cpu0 = cpuOf(c);
  const t0 = performance.now();
  const pending = new Set<Promise<unknown>>();
  let late = 0;
  for (let i = 0; i < ticks; i++) {
    const due = t0 + i * steadyTickMs;
    const wait = due - performance.now();
    if (wait > 0) await Bun.sleep(wait);
    else if (wait < -steadyTickMs) late++;
    if (pending.size > 200) throw new Error("more than 200 submit batches in flight: the master cannot keep up with the steady rate");
    const p = c.client.submitMany(batch).finally(() => pending.delete(p));
    pending.add(p);
  }
  await Promise.all(pending);
  const sentMs = performance.now() - t0;
  const total = perTick * ticks;
  await waitFor(async () => (await completedTotal(c.client, queue)) >= total, 60_000, `${total} steady-rate jobs`);
  const cpu = cpuDelta(cpu0, cpuOf(c));
  const all = await listAll(c.client, { queue, withPayloads: true });
  const handler: number[] = [];
  const lease: number[] = [];
  for (const j of all) {
    const r = JSON.parse(decoder.decode(j.result)) as { startedAtMs: number };
    handler.push(r.startedAtMs - j.createdAt);
    lease.push(j.startedAt - j.createdAt);
  }
  handler.sort((a, b) => a - b);
  lease.sort((a, b) => a - b);
  const out = {
    p50: round2(percentile(handler, 50)),
    p99: round2(percentile(handler, 99)),
    leaseP50Ms: percentile(lease, 50),
    leaseP99Ms: percentile(lease, 99),
    jobs: all.length,
    rateAchievedPerSec: Math.round(total / (sentMs / 1000)),
    lateTicks: late,
    cpuSeconds: cpu,
  };
  log(`steady ${steadyRatePerSec}/s: ${JSON.stringify(out)}`);
  return out;
}

async function submitRoundTrip(c: Cluster) {
  const times: number[] = [];
  for (let i = 0; i < roundTrips; i++) {
    const t0 = performance.now();
    const r = await c.cli(["submit", "--type", "noop", "--count", "100", "--wait", "--queue", "e2e", ...cliSecurity], 30_000);
    const ms = performance.now() - t0;
    if (r.code !== 0) throw new Error(`submit --count 100 --wait exited ${r.code}: ${r.stdout} ${r.stderr}`);
    times.push(round2(ms));
    log(`submit --count 100 --wait: ${Math.round(ms)} ms (${r.stdout.trim().split("\n").at(-1)})`);
  }
  // What a bare start of the binary costs, to tell process start-up from queue time.
  const binary = await ensureBinary();
  const t0 = performance.now();
  Bun.spawnSync([binary, "--version"]);
  const startupMs = round2(performance.now() - t0);
  const sorted = [...times].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), all: times, processStartupMs: startupMs };
}

/** Flags the CLI round trip adds in --secure mode. */
let cliSecurity: string[] = [];

/** --secure: a private CA (falconq certs init), TLS with optional client certificates, an admin token file. */
function securityFlags(binary: string) {
  const dir = mkdtempSync(join(tmpdir(), "falconq-bench-pki-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const r = Bun.spawnSync([binary, "certs", "init", "--dir", dir, "--hosts", "localhost,127.0.0.1", "--clients", "worker-1"]);
  if (r.exitCode !== 0) throw new Error(`certs init failed: ${r.stderr.toString()}`);
  const token = `fq_admin_${randomBytes(32).toString("base64url")}`;
  writeFileSync(join(dir, "admin.token"), `${token}\n`, { mode: 0o600 });
  const ca = join(dir, "ca.pem");
  cliSecurity = ["--tls-ca", ca, "--token-file", join(dir, "admin.token")];
  return {
    masterArgs: ["--tls-cert", join(dir, "server.pem"), "--tls-key", join(dir, "server-key.pem"), "--tls-client-ca", ca, "--tls-client-auth", "optional", "--admin-token-file", join(dir, "admin.token")],
    workerArgs: ["--tls-ca", ca, "--tls-cert", join(dir, "worker-1.pem"), "--tls-key", join(dir, "worker-1-key.pem")],
    clientOptions: { tls: { caFile: ca }, token },
  };
}

async function main(): Promise<void> {
  log(`building/using dist/falconq; ${jobs} jobs, ${workers} workers x ${concurrency}, fsync ${fsync}${secure ? ", TLS + tokens/certificates" : ""}`);
  const binary = await ensureBinary();
  const sec = secure ? securityFlags(binary) : undefined;
  await using c = await startCluster({
    workers,
    concurrency,
    masterArgs: ["--fsync", fsync, ...(sec?.masterArgs ?? [])],
    workerArgs: ["--handlers", fixtureHandlers, "--queues", "e2e,lat", ...(sec?.workerArgs ?? [])],
    clientOptions: sec?.clientOptions,
  });
  const stopOnSignal = () => {
    log("interrupted; cleaning up");
    void Promise.resolve(c[Symbol.asyncDispose]()).finally(() => process.exit(130));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  log(`cluster up on ${c.address} (master pid ${c.master.pid}, workers ${c.workers.map((w) => w.pid).join(", ")})`);

  const e2e = await endToEnd(c);
  const lat = await steadyLatency(c);
  const rt = await submitRoundTrip(c);
  console.log(
    JSON.stringify({
      endToEndJobsPerSec: e2e.jobsPerSec,
      latencyP50Ms: lat.p50,
      latencyP99Ms: lat.p99,
      submit100RoundTripMs: rt.median,
      jobs,
      workers,
      concurrency,
      fsync,
      secure,
      batchSize,
      batchesInFlightMax,
      endToEndMs: e2e.elapsedMs,
      submitOnlyJobsPerSec: e2e.submitPerSec,
      endToEndCpuSeconds: e2e.cpuSeconds,
      steadyRatePerSec,
      steadyJobs: lat.jobs,
      steadyRateAchievedPerSec: lat.rateAchievedPerSec,
      leaseLatencyP50Ms: lat.leaseP50Ms,
      leaseLatencyP99Ms: lat.leaseP99Ms,
      steadyCpuSeconds: lat.cpuSeconds,
      submit100RoundTripAllMs: rt.all,
      processStartupMs: rt.processStartupMs,
      cores: navigator.hardwareConcurrency,
    }),
  );
}

await main();
