// A real single-member etcd for tests: `etcd` from PATH (CI installs
// Debian's etcd-server) on 127.0.0.1 with free client and peer ports and a
// temp data dir. `await using e = await startEtcd()` kills it and removes the
// dir; `kill()` (SIGKILL) and `restart()` on the same dir and ports simulate
// an etcd crash. `etcdBinary()` says whether tests can run at all.
// Invariant: a running etcd is in `live` until it exited, and a process-exit
// hook SIGKILLs whatever is left, like test/helpers/cluster.ts.

import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { waitFor } from "./wait.ts";

const startTimeoutMs = 15_000;
const exitTimeoutMs = 10_000;

const live = new Set<Subprocess>();
process.on("exit", () => {
  for (const p of live) p.kill("SIGKILL");
});

/** The etcd executable on PATH, or undefined. */
export function etcdBinary(): string | undefined {
  return Bun.which("etcd") ?? undefined;
}

/** A port nothing listens on right now (the kernel's pick for port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const addr = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (addr === null || typeof addr === "string") throw new Error("no port");
  return addr.port;
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
async function accepts(port: number): Promise<boolean> {
  try {
    const s = await Bun.connect({ hostname: "127.0.0.1", port, socket: { data() {} } });
    s.end();
    return true;
  } catch {
    return false;
  }
}

export class Etcd implements AsyncDisposable {
  /** stdout and stderr lines of every run. */
  readonly lines: string[] = [];
  private proc: Subprocess<"ignore", "pipe", "pipe"> | undefined;

  private constructor(
    readonly bin: string,
    readonly dir: string,
    readonly clientPort: number,
    readonly peerPort: number,
  ) {}

  /** "127.0.0.1:<client port>", the gRPC endpoint. */
  get endpoint(): string {
    return `127.0.0.1:${this.clientPort}`;
  }

  get running(): boolean {
    return this.proc !== undefined && live.has(this.proc);
  }

  static async start(): Promise<Etcd> {
    const bin = etcdBinary();
    if (bin === undefined) throw new Error("no etcd binary on PATH (Debian: apt-get install etcd-server)");
    const dir = mkdtempSync(join(tmpdir(), "falconq-etcd-"));
    const e = new Etcd(bin, dir, await freePort(), await freePort());
    try {
      await e.launch();
    } catch (err) {
      await e[Symbol.asyncDispose]();
      throw err;
    }
    return e;
  }

  private async launch(): Promise<void> {
    const client = `http://127.0.0.1:${this.clientPort}`;
    const peer = `http://127.0.0.1:${this.peerPort}`;
    const proc = Bun.spawn(
      [
        this.bin,
        "--name",
        "falconq-test",
        "--data-dir",
        join(this.dir, "data"),
        "--listen-client-urls",
        client,
        "--advertise-client-urls",
        client,
        "--listen-peer-urls",
        peer,
        "--initial-advertise-peer-urls",
        peer,
        "--initial-cluster",
        `falconq-test=${peer}`,
        "--initial-cluster-state",
        "new",
        "--log-level",
        "warn",
        "--logger",
        "zap",
      ],
      { stdin: "ignore", stdout: "pipe", stderr: "pipe", env: { ...process.env, ...(process.arch === "arm64" && { ETCD_UNSUPPORTED_ARCH: "arm64" }) } },
    );
    this.proc = proc;
    live.add(proc);
    void proc.exited.then(() => live.delete(proc));
    void this.read(proc.stdout);
    void this.read(proc.stderr);
    await waitFor(
      async () => {
        if (!live.has(proc)) throw new Error(`etcd exited (code ${proc.exitCode}):\n${this.lines.join("\n")}`);
        return (await accepts(this.clientPort)) && (await this.healthy());
      },
      startTimeoutMs,
      "etcd to answer /health",
    );
  }

  /** etcd's own /health endpoint on the client port (true once it has a raft leader). */
  private async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.clientPort}/health`, { signal: AbortSignal.timeout(1000) });
      const body = (await res.json()) as { health?: string };
      return body.health === "true";
    } catch {
      return false;
    }
  }

  private async read(stream: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let rest = "";
    for await (const chunk of stream) {
      rest += decoder.decode(chunk, { stream: true });
      const parts = rest.split("\n");
      rest = parts.pop() ?? "";
      this.lines.push(...parts);
    }
    if (rest !== "") this.lines.push(rest);
  }

  private async signal(sig: "SIGKILL" | "SIGTERM" | "SIGSTOP" | "SIGCONT"): Promise<void> {
    const p = this.proc;
    if (p === undefined || !live.has(p)) return;
    p.kill(sig);
    if (sig !== "SIGKILL" && sig !== "SIGTERM") return;
    const timer = setTimeout(() => p.kill("SIGKILL"), exitTimeoutMs);
    try {
      await p.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGTERM and wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void> {
    return this.signal("SIGTERM");
  }

  /** SIGKILL and wait for the exit: a crash. */
  kill(): Promise<void> {
    return this.signal("SIGKILL");
  }

  /** Starts it again on the same data dir and ports (stops it first if it runs); resolves once it answers. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Starts a fresh etcd; dispose it (`await using`) to kill it and remove its data. */
export function startEtcd(): Promise<Etcd> {
  return Etcd.start();
}
