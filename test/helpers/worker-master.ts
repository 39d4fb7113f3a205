// An in-process master for worker tests: a real Broker over a real
// JobManager, optionally served over gRPC on 127.0.0.1 (port 0 the first
// time; restart() binds the same port again with a fresh Broker on the same
// JobManager, as a restarted master that recovered its state would).

import * as grpc from "@grpc/grpc-js";
import { JobManager, type JobSpec, type JobView, type ManagerOptions } from "../../src/core/index.ts";
import { packageDefinition } from "../../src/rpc/schema.ts";
import { Broker } from "../../src/master/broker.ts";
import { serviceHandlers } from "../../src/server/service.ts";
import type { Logger as PoolLog } from "../../src/core/log.ts";
import { MemoryJournal } from "../../src/storage/index.ts";
import { waitFor } from "./wait.ts";

export const quietLog: PoolLog = { info() {}, warn() {}, error() {}, debug() {} };

/** Collects log lines so tests can assert on them (and print them on failure). */
export function memoryLog(): PoolLog & { lines: string[] } {
  const lines: string[] = [];
  const at = (lvl: string) => (m: string) => void lines.push(`${lvl} ${m}`);
  return { lines, info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") };
}

export interface MasterOptions {
  heartbeatIntervalMs?: number;
  workerTimeoutMs?: number;
  manager?: ManagerOptions;
}

const enc = new TextEncoder();

export class TestMaster {
  readonly manager: JobManager;
  broker: Broker;
  private server: grpc.Server | undefined;
  port = 0;
  /** RPCs served, by method name (across restarts). */
  readonly calls = new Map<string, number>();

  constructor(private readonly o: MasterOptions = {}) {
    this.manager = new JobManager(o.manager);
    this.broker = this.newBroker();
  }

  private newBroker(): Broker {
    const b = new Broker({
      manager: this.manager,
      journal: new MemoryJournal(),
      heartbeatIntervalMs: this.o.heartbeatIntervalMs ?? 50,
      workerTimeoutMs: this.o.workerTimeoutMs ?? 10_000,
    });
    b.start();
    return b;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Serves the broker over gRPC; binds port 0 the first time, the same port after. */
  async serve(): Promise<void> {
    const pkg = grpc.loadPackageDefinition(packageDefinition()) as unknown as {
      falconqueue: { v1: { FalconQueueService: grpc.ServiceClientConstructor } };
    };
    const server = new grpc.Server();
    const impl = serviceHandlers({ broker: () => this.broker, log: quietLog, version: "test" });
    for (const [name, fn] of Object.entries(impl)) {
      impl[name] = ((call: unknown, cb: unknown) => {
        this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
        return (fn as (a: unknown, b: unknown) => unknown)(call, cb);
      }) as typeof fn;
    }
    server.addService(pkg.falconqueue.v1.FalconQueueService.service, impl);
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, grpc.ServerCredentials.createInsecure(), (err, port) =>
        err ? reject(err) : resolve(port),
      ),
    );
    this.server = server;
  }

  /** Stops serving at once, as a crashed master would; the old broker is closed. */
  crash(): void {
    this.server?.forceShutdown();
    this.server = undefined;
    this.broker.close();
  }

  /** A fresh broker (empty worker registry) on the same jobs, served on the same port. */
  async restart(): Promise<void> {
    this.broker = this.newBroker();
    await this.serve();
  }

  async submit(type: string, data?: unknown, spec: Partial<JobSpec> = {}): Promise<JobView> {
    const payload = data === undefined ? undefined : enc.encode(JSON.stringify(data));
    const [r] = await this.broker.submit([{ type, payload, ...spec }]);
    return r!.job;
  }

  async submitMany(n: number, type: string, data?: unknown, spec: Partial<JobSpec> = {}): Promise<JobView[]> {
    const payload = data === undefined ? undefined : enc.encode(JSON.stringify(data));
    const res = await this.broker.submit(Array.from({ length: n }, () => ({ type, payload, ...spec })));
    return res.map((r) => r.job);
  }

  job(id: string): JobView {
    return this.broker.get(id);
  }

  /** Waits until the job reaches `status` (a JobStatus number). */
  async waitStatus(id: string, status: number, timeoutMs = 5000): Promise<JobView> {
    await waitFor(() => this.job(id).status === status, timeoutMs, `job ${id} to reach status ${status} (is ${this.job(id).status})`);
    return this.job(id);
  }

  async close(): Promise<void> {
    this.server?.forceShutdown();
    this.server = undefined;
    this.broker.close();
  }
}

export function resultOf(j: JobView): unknown {
  return j.result === undefined ? undefined : JSON.parse(new TextDecoder().decode(j.result));
}
