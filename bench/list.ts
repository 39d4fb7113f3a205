// ListJobs paging benchmark. Prints one JSON object as its last line:
// pageAllMs (paging through every job, limit 100, at pageAllJobs jobs) and
// pageUs* (mean cost of one page of 100 at a random, early or late page
// token, at `jobs` jobs).
// Run: bun bench/list.ts   (FALCONQ_BENCH_QUICK=1 for 200,000 jobs;
// FALCONQ_LIST_JOBS=n sets `jobs`, FALCONQ_LIST_PAGE_ALL_JOBS=n the size of
// the page-through, default `jobs`)

import { JobManager } from "../src/core/index.ts";

const quick = process.env.FALCONQ_BENCH_QUICK === "1";
const jobs = Number(process.env.FALCONQ_LIST_JOBS ?? (quick ? 200_000 : 1_000_000));
const pageAllJobs = Number(process.env.FALCONQ_LIST_PAGE_ALL_JOBS ?? jobs);
const limit = 100;
const payload = new TextEncoder().encode('{"n":1}');

function filled(n: number): { m: JobManager; ids: string[] } {
  const m = new JobManager({ limits: { queueJobsMax: 10_000_000 } });
  const batch = Array.from({ length: 1000 }, () => ({ type: "noop", payload }));
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1000) for (const r of m.submitMany(batch)) ids.push(r.job.id);
  return { m, ids };
}

function pageAll(m: JobManager): { ms: number; seen: number } {
  const t0 = performance.now();
  let token = "";
  let seen = 0;
  do {
    const page = m.list({ limit, pageToken: token });
    seen += page.jobs.length;
    token = page.nextPageToken;
  } while (token !== "");
  return { ms: performance.now() - t0, seen };
}

/** Mean µs per page of `limit` jobs after tokens drawn from ids[from, to). */
function pageCost(m: JobManager, ids: string[], from: number, to: number, rounds = 200): number {
  let spent = 0;
  let x = 12345;
  for (let i = 0; i < rounds; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31; // fixed pseudo-random sequence: same tokens every run
    const token = ids[from + (x % (to - from))] as string;
    const t0 = performance.now();
    const page = m.list({ limit, pageToken: token });
    spent += performance.now() - t0;
    if (page.jobs.length === 0) throw new Error("empty page");
  }
  return (spent * 1000) / rounds;
}

const small = filled(10_000); // warm-up
pageAll(small.m);
pageCost(small.m, small.ids, 0, small.ids.length - limit);

const all = filled(pageAllJobs);
const whole = pageAll(all.m);
if (whole.seen !== pageAllJobs) throw new Error(`paged ${whole.seen} of ${pageAllJobs} jobs`);
const big = pageAllJobs === jobs ? all : filled(jobs);
const n = big.ids.length - limit;
console.log(
  JSON.stringify({
    bench: "list",
    jobs,
    limit,
    pageAllJobs,
    pageAllMs: Math.round(whole.ms),
    pageUsFirst: Number(pageCost(big.m, big.ids, 0, 1000).toFixed(1)),
    pageUsRandom: Number(pageCost(big.m, big.ids, 0, n).toFixed(1)),
    pageUsLast: Number(pageCost(big.m, big.ids, n - 1000, n).toFixed(1)),
  }),
);
