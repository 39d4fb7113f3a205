// HTTP API benchmark against an in-process master (in-memory journal, gRPC
// and HTTP on loopback). Prints one JSON object as its last line:
// submitJobsPerSec (POST /v1/jobs with batches of `batch` jobs, `clients`
// requests in flight), and search p50/p99 in ms of GET /v1/jobs?search=
// with `jobs` jobs held: a rare needle (each call scans up to listScanMax
// jobs) and a common one (a page fills at once).
// Run: bun bench/http.ts   (FALCONQ_BENCH_QUICK=1 for 200,000 jobs held)

import { JobTable } from "../src/core/index.ts";
import { startMaster } from "../src/server/master.ts";
import { MemoryJournal } from "../src/storage/index.ts";

const quick = process.env.FALCONQ_BENCH_QUICK === "1";
const jobs = Number(process.env.FALCONQ_HTTP_JOBS ?? (quick ? 200_000 : 1_000_000));
const batch = 1000;
const clients = 4;
const submitJobs = quick ? 50_000 : 200_000;
const searches = quick ? 50 : 200;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const journal = new MemoryJournal();
const m = await startMaster({
  host: "127.0.0.1",
  port: 0,
  httpPort: 0,
  dataDir: "",
  fsync: "never",
  fsyncBatchMs: 10,
  repair: false,
  heartbeatIntervalMs: 2000,
  workerTimeoutMs: 6000,
  leaseMs: 30_000,
  version: "bench",
  log: quiet,
  limits: { queueJobsMax: 10_000_000 },
  store: async () => ({ state: new JobTable(), journal, onFatal: (cb) => journal.onFatal(cb), close: () => journal.close() }),
});
const base = `http://127.0.0.1:${m.httpPort}`;

// Held jobs, submitted in process (not what is measured). One in 10,000 holds the rare needle.
for (let i = 0; i < jobs; i += 10_000) {
  const specs = Array.from({ length: Math.min(10_000, jobs - i) }, (_, k) => ({
    type: "noop",
    queue: "held",
    payload: new TextEncoder().encode(`{"n":${i + k},"tag":"${(i + k) % 10_000 === 0 ? "rare-needle" : "common"}"}`),
  }));
  await m.broker.submit(specs, true);
}

const body = JSON.stringify({ jobs: Array.from({ length: batch }, (_, i) => ({ type: "bench", queue: "submitted", payload: { i, to: "someone@example.com" } })) });
async function post(): Promise<void> {
  const r = await fetch(`${base}/v1/jobs`, { method: "POST", headers: { "content-type": "application/json" }, body });
  if (r.status !== 200) throw new Error(`POST /v1/jobs: ${r.status} ${await r.text()}`);
  await r.arrayBuffer();
}

async function submitRate(n: number): Promise<number> {
  let left = n / batch;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left-- > 0) await post();
    }),
  );
  return n / ((performance.now() - t0) / 1000);
}

async function searchMs(needle: string, rounds: number): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const r = await fetch(`${base}/v1/jobs?queue=held&search=${needle}`);
    const page = (await r.json()) as { jobs: unknown[] };
    times.push(performance.now() - t0);
    if (r.status !== 200 || page.jobs.length === 0) throw new Error(`search ${needle}: ${r.status}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Number((times[Math.min(times.length - 1, Math.floor(q * times.length))] as number).toFixed(2));
  return { p50: at(0.5), p99: at(0.99) };
}

await submitRate(batch * 10); // warm-up
const submitJobsPerSec = Math.round(await submitRate(submitJobs));
await searchMs("rare-needle", 5);
const rare = await searchMs("rare-needle", searches);
const common = await searchMs("common", searches);
await m.close();
console.log(
  JSON.stringify({
    bench: "http",
    jobs,
    batch,
    clients,
    submitJobsPerSec,
    searchRareP50Ms: rare.p50,
    searchRareP99Ms: rare.p99,
    searchCommonP50Ms: common.p50,
    searchCommonP99Ms: common.p99,
  }),
);
