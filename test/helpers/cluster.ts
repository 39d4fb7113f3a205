// A real cluster for tests and benchmarks: the compiled `dist/falconq` as a
// master (or standalone) process plus worker processes, on 127.0.0.1 with a
// port the master picks itself (--port 0, read back from its log line) and a
// temp data dir. `await using c = await startCluster(...)` kills every
// process and removes the dir, even when the test fails; `withCluster` also
// prints the collected logs on failure.
// Invariant: every process this module spawns is in `live` until it exited,
// and a process-exit hook SIGKILLs whatever is left, so no test leaves strays.

import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Subprocess } from "bun";
import { Client, type ClientOptions, type ListOptions } from "../../src/client/client.ts";
import type { JobView } from "../../src/core/types.ts";
import { waitFor, waitForValue } from "./wait.ts";

export const root = resolve(import.meta.dir, "../..");
export const binary = join(root, "dist", "falconq");
/** Extra handler types `hold`, `stamp`, `span` and `throttled` (see the file). */
export const fixtureHandlers = join(root, "test", "fixtures", "cluster", "handlers.ts");

const startTimeoutMs = 15_000;
const exitTimeoutMs = 10_000;

// ---- the binary -------------------------------------------------------------

function newestMtimeMs(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, name)));
  return newest;
}

function binaryIsFresh(): boolean {
  let built: number;
  try {
    built = statSync(binary).mtimeMs;
  } catch {
    return false;
  }
  const sources = [join(root, "src"), join(root, "proto"), join(root, "build.ts"), join(root, "package.json")];
  return sources.every((p) => {
    try {
      return newestMtimeMs(p) <= built;
    } catch {
      return true; // a source that does not exist cannot be newer
    }
  });
}

let building: Promise<string> | undefined;

/** Builds dist/falconq (`bun build.ts`) when it is missing or older than a source; once per process. */
export function ensureBinary(): Promise<string> {
  building ??= (async () => {
    if (binaryIsFresh()) return binary;
    const p = Bun.spawn([process.execPath, "build.ts"], { cwd: root, stdout: "pipe", stderr: "pipe" });
    const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
    if (code !== 0) throw new Error(`bun build.ts failed (exit ${code}):\n${out}${err}`);
    return binary;
  })();
  return building;
}

// ---- one process --------------------------------------------------------------

const live = new Set<Subprocess>();
process.on("exit", () => {
  for (const p of live) p.kill("SIGKILL");
});

export type Signal = "SIGKILL" | "SIGTERM" | "SIGSTOP" | "SIGCONT";

/** A spawned falconq process with its output kept line by line. */
export class Proc {
  /** stdout and stderr interleaved as read. */
  readonly lines: string[] = [];
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<number>;
  private readonly proc: Subprocess<"ignore", "pipe", "pipe">;
  private readonly drained: Promise<void>;

  constructor(
    readonly name: string,
    readonly args: string[],
    env: Record<string, string> = {},
    private readonly sink?: string[],
  ) {
    this.proc = Bun.spawn([binary, ...args], {
      cwd: root,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
    });
    live.add(this.proc);
    this.drained = Promise.all([this.read(this.proc.stdout, this.stdout), this.read(this.proc.stderr, this.stderr)]).then(() => {});
    this.exited = this.proc.exited.then((code) => {
      live.delete(this.proc);
      return code;
    });
  }

  private async read(stream: ReadableStream<Uint8Array>, to: string[]): Promise<void> {
    const decoder = new TextDecoder();
    let rest = "";
    for await (const chunk of stream) {
      rest += decoder.decode(chunk, { stream: true });
      const parts = rest.split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) this.push(line, to);
    }
    if (rest !== "") this.push(rest, to);
  }

  private push(line: string, to: string[]): void {
    to.push(line);
    this.lines.push(line);
    this.sink?.push(`${new Date().toISOString().slice(11, 23)} [${this.name}] ${line}`);
  }

  get pid(): number {
    return this.proc.pid;
  }

  /** null while running. */
  get exitCode(): number | null {
    return this.proc.exitCode ?? (this.proc.signalCode !== null ? -1 : null);
  }

  get running(): boolean {
    return live.has(this.proc);
  }

  text(): string {
    return this.lines.join("\n");
  }

  signal(sig: Signal): void {
    if (this.running) this.proc.kill(sig);
  }

  /** SIGKILL and wait for the exit. */
  async kill(): Promise<void> {
    this.signal("SIGKILL");
    await this.exited;
  }

  /** SIGTERM, wait up to timeoutMs for the exit (SIGKILL after that); resolves with the exit code. */
  async stop(timeoutMs = exitTimeoutMs): Promise<number> {
    this.signal("SIGTERM");
    const timer = setTimeout(() => this.signal("SIGKILL"), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  pause(): void {
    this.signal("SIGSTOP");
  }

  resume(): void {
    this.signal("SIGCONT");
  }

  /** The first log line matching `pattern` (searching from line `from`); fails early if the process exits. */
  waitForLog(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpMatchArray> {
    return waitForValue(
      () => {
        for (let i = from; i < this.lines.length; i++) {
          const m = (this.lines[i] as string).match(pattern);
          if (m) return m;
        }
        if (!this.running) throw new Error(`${this.name} exited (code ${this.exitCode}) before logging ${pattern}:\n${this.text()}`);
        return undefined;
      },
      timeoutMs,
      `${this.name} to log ${pattern}`,
    );
  }

  /** Output fully read (after exit). */
  async output(): Promise<string> {
    await this.exited;
    await this.drained;
    return this.text();
  }
}

// ---- the cluster --------------------------------------------------------------

export interface ClusterOptions {
  /** Worker processes started with the cluster. Default 2. */
  workers?: number;
  /** --concurrency of those workers. Default 4. */
  concurrency?: number;
  /** Extra flags for the master (e.g. --heartbeat-interval 200ms); "{dir}" in one stands for the cluster's temp dir. */
  masterArgs?: string[];
  /** Extra flags for every worker. */
  workerArgs?: string[];
  /** Run `standalone` instead of `master` (its flags: masterArgs plus standaloneArgs). */
  standalone?: boolean;
  standaloneArgs?: string[];
  /** Environment for every process (FALCONQ_LOG=debug shows dropped acks). */
  env?: Record<string, string>;
  /** TLS and token of the cluster's own SDK client (workers and cli() take theirs from workerArgs/env). */
  clientOptions?: Omit<ClientOptions, "master">;
}

export interface WorkerProc extends Proc {
  workerId: string;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Cluster extends AsyncDisposable {
  dir: string;
  dataDir: string;
  port: number;
  /** The HTTP API's port (-1 when a masterArgs' --http-port off turned it off). */
  readonly httpPort: number;
  address: string;
  client: Client;
  master: Proc;
  /** Every worker started, including ones since killed. */
  workers: WorkerProc[];
  addWorker(o?: { concurrency?: number; args?: string[]; env?: Record<string, string> }): Promise<WorkerProc>;
  /** SIGKILL the master and wait for it to be gone. */
  killMaster(): Promise<void>;
  /** Start the master again on the same data dir and port (the old one must have exited). */
  restartMaster(): Promise<Proc>;
  /** Runs `falconq <args> --master <address>` to the end (killed after timeoutMs). */
  cli(args: string[], timeoutMs?: number): Promise<CliRun>;
  /** Every process's output, time-stamped and interleaved. */
  logs(): string;
}

function masterCommand(o: ClusterOptions, dir: string, dataDir: string, port: number, httpPort: number): string[] {
  const mode = o.standalone ? ["standalone", ...(o.standaloneArgs ?? [])] : ["master"];
  const extra = (o.masterArgs ?? []).map((a) => a.replaceAll("{dir}", dir));
  return [...mode, "--host", "127.0.0.1", "--port", String(port), "--http-port", String(httpPort), "--data-dir", dataDir, ...extra];
}

const listening = /(?:listening on|standalone on) 127\.0\.0\.1:(\d+) \(gRPC\), HTTP (?:on port (\d+)|off)/;

export async function startCluster(o: ClusterOptions = {}): Promise<Cluster> {
  await ensureBinary();
  const dir = mkdtempSync(join(tmpdir(), "falconq-cluster-"));
  const dataDir = join(dir, "data");
  const sink: string[] = [];
  const procs: Proc[] = [];
  const workers: WorkerProc[] = [];
  let masterRuns = 0;
  let port = 0;
  let httpPort = 0;
  let client: Client | undefined;

  const dispose = async () => {
    client?.close();
    for (const p of procs) {
      p.signal("SIGCONT"); // a stopped process still dies of SIGKILL, but let it go cleanly
      p.signal("SIGKILL");
    }
    await Promise.all(procs.map((p) => p.exited));
    rmSync(dir, { recursive: true, force: true });
  };

  const spawnMaster = async (): Promise<Proc> => {
    const name = masterRuns++ === 0 ? (o.standalone ? "standalone" : "master") : `master#${masterRuns}`;
    const p = new Proc(name, masterCommand(o, dir, dataDir, port, httpPort), o.env, sink);
    procs.push(p);
    const m = await p.waitForLog(listening, startTimeoutMs);
    port = Number(m[1]);
    httpPort = m[2] === undefined ? -1 : Number(m[2]);
    return p;
  };

  const addWorker = async (w: { concurrency?: number; args?: string[]; env?: Record<string, string> } = {}) => {
    const args = ["worker", "--master", `127.0.0.1:${port}`, "--concurrency", String(w.concurrency ?? o.concurrency ?? 4)];
    const p = new Proc(`worker${workers.length + 1}`, [...args, ...(o.workerArgs ?? []), ...(w.args ?? [])], { ...o.env, ...w.env }, sink);
    procs.push(p);
    const m = await p.waitForLog(/worker (\S+) connected to/, startTimeoutMs);
    const wp = Object.assign(p, { workerId: m[1] as string });
    workers.push(wp);
    return wp;
  };

  try {
    let master = await spawnMaster();
    const address = `127.0.0.1:${port}`;
    client = new Client({ master: address, retryDeadlineMs: 20_000, ...o.clientOptions });
    for (let i = 0; i < (o.workers ?? 2); i++) await addWorker();
    const c: Cluster = {
      dir,
      dataDir,
      port,
      get httpPort() {
        return httpPort;
      },
      address,
      client,
      get master() {
        return master;
      },
      workers,
      addWorker,
      async killMaster() {
        await master.kill();
      },
      async restartMaster() {
        if (master.running) throw new Error("restartMaster: the master is still running; kill or stop it first");
        master = await spawnMaster();
        return master;
      },
      async cli(args, timeoutMs = 30_000) {
        const p = new Proc(`cli ${args[0]}`, [...args, "--master", address], o.env, sink);
        procs.push(p);
        const timer = setTimeout(() => p.signal("SIGKILL"), timeoutMs);
        try {
          const code = await p.exited;
          await p.output();
          return { code, stdout: p.stdout.join("\n"), stderr: p.stderr.join("\n") };
        } finally {
          clearTimeout(timer);
        }
      },
      logs: () => sink.join("\n"),
      [Symbol.asyncDispose]: dispose,
    };
    return c;
  } catch (e) {
    const logs = sink.join("\n");
    await dispose();
    throw new Error(`cluster did not start: ${(e as Error).message}\n--- logs ---\n${logs}`);
  }
}

/** Runs fn against a fresh cluster; prints the cluster's logs if fn fails; always cleans up. */
export async function withCluster<T>(o: ClusterOptions, fn: (c: Cluster) => Promise<T>): Promise<T> {
  await using c = await startCluster(o);
  try {
    return await fn(c);
  } catch (e) {
    console.error(`--- cluster logs (${c.dir}) ---\n${c.logs()}\n--- end of cluster logs ---`);
    throw e;
  }
}

// ---- inspection ---------------------------------------------------------------

/** Every job matching the filter, paging through ListJobs (bounded by maxJobs). */
export async function listAll(client: Client, o: Omit<ListOptions, "pageToken" | "limit"> = {}, maxJobs = 200_000): Promise<JobView[]> {
  const out: JobView[] = [];
  let pageToken = "";
  while (out.length < maxJobs) {
    const res = await client.list({ ...o, limit: 1000, pageToken });
    out.push(...res.jobs);
    if (res.nextPageToken === "" || res.jobs.length === 0) break;
    pageToken = res.nextPageToken;
  }
  return out;
}

/** Completed + failed + cancelled jobs the master holds, over all queues. */
export async function finishedCount(client: Client): Promise<number> {
  const s = await client.stats();
  return s.queues.reduce((n, q) => n + q.completed + q.failed + q.cancelled, 0);
}

/** Waits until the master holds at least `n` finished jobs. */
export function waitForFinished(client: Client, n: number, timeoutMs: number): Promise<void> {
  return waitFor(async () => (await finishedCount(client)) >= n, timeoutMs, `${n} finished jobs`);
}
