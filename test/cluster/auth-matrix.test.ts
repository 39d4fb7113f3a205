// Authorization against a real master process (dist/falconq master with
// --admin-token-file): every RPC × every role × a queue in and out of the
// token's scope, checked against the role table; missing, garbled, expired
// and revoked tokens; revocation on an open connection and an open watch;
// worker impersonation. Refused calls leave the WAL untouched and the master
// serving.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import type { MethodDefinition } from "@grpc/proto-loader";
import { roles, type Role } from "../../src/core/auth.ts";
import { rpcRules } from "../../src/master/auth.ts";
import { packageDefinition } from "../../src/rpc/schema.ts";
import { type Cluster, startCluster } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";

type Rpc = Exclude<keyof typeof rpcRules, "ServerReflection" | "WatchJobs" | "ReplicationFollow" | "ReplicationAck" | "ClusterStatus" | "ClusterStepDown">;
// biome-ignore lint/suspicious/noExplicitAny: requests and replies are built and read loosely here
type Loose = any;

const methods = packageDefinition()["falconqueue.v1.FalconQueueService"] as unknown as Record<string, MethodDefinition<Loose, Loose>>;

/** A stock grpc-js channel that sends `authorization` as given. */
class Caller {
  readonly raw: grpc.Client;
  constructor(address: string) {
    this.raw = new grpc.Client(address, grpc.credentials.createInsecure());
  }

  call(rpc: string, req: Loose, token?: string): Promise<{ code: grpc.status; details: string; res?: Loose }> {
    const def = methods[rpc] as MethodDefinition<Loose, Loose>;
    const md = new grpc.Metadata();
    if (token !== undefined) md.set("authorization", token.startsWith("fq_") ? `Bearer ${token}` : token);
    return new Promise((resolve) => {
      this.raw.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, req, md, { deadline: Date.now() + 10_000 }, (err, res) =>
        resolve(err ? { code: err.code ?? grpc.status.UNKNOWN, details: err.details ?? "" } : { code: grpc.status.OK, details: "", res }),
      );
    });
  }

  watch(req: Loose, token: string): grpc.ClientReadableStream<Loose> {
    const def = methods.WatchJobs as MethodDefinition<Loose, Loose>;
    const md = new grpc.Metadata();
    md.set("authorization", `Bearer ${token}`);
    return this.raw.makeServerStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, req, md);
  }

  close(): void {
    this.raw.close();
  }
}

function walBytes(dataDir: string): number {
  let n = 0;
  for (const f of readdirSync(dataDir)) n += statSync(join(dataDir, f)).size;
  return n;
}

let c: Cluster;
let rpc: Caller;
let admin: string;
/** Per role: a token over `in.*` only. */
const scoped = {} as Record<Role, string>;
/** Per queue: a pending job, a scheduled one. */
const jobs = {} as Record<"in.q" | "out.q", { pending: string; scheduled: string }>;
/** A batch per queue whose callback goes to that queue (docs/workflows.md: batches are scoped by their callbacks' queues). */
const batches = {} as Record<"in.q" | "out.q", string>;

beforeAll(async () => {
  c = await startCluster({ workers: 0, masterArgs: ["--admin-token-file", "{dir}/admin.token"] });
}, 60_000);

afterAll(async () => {
  rpc?.close();
  await c?.[Symbol.asyncDispose]();
});

/** A request for `rpc` aimed at queue `q` (and its jobs). */
function requestFor(name: Rpc, q: "in.q" | "out.q"): Loose {
  const j = jobs[q];
  const spec = { type: "t", payload: Buffer.from("{}"), options: { queue: q } };
  switch (name) {
    case "SubmitJob":
      return { job: spec };
    case "SubmitJobs":
      return { jobs: [spec] };
    case "RegisterWorker":
      return { worker_id: `w-matrix-${q}-${Math.random().toString(36).slice(2, 8)}`, hostname: "h", pid: 1, queues: [q], concurrency: 1 };
    case "DeregisterWorker":
    case "Heartbeat":
      return { worker_id: "w-nobody" };
    case "PollJobs":
      return { worker_id: "w-nobody", count: 1, wait_ms: 0 };
    case "AcknowledgeJob":
      return { worker_id: "w-nobody", job_id: j.pending, lease_token: "x", success: true };
    case "AcknowledgeJobs":
      return { acks: [{ worker_id: "w-nobody", job_id: j.pending, lease_token: "x", success: true }] };
    case "ReportProgress":
      return { worker_id: "w-nobody", job_id: j.pending, lease_token: "x", progress: "1" };
    case "GetJob":
    case "CancelJob":
    case "RetryJob":
    case "DeleteJob":
      return { job_id: j.pending };
    case "PromoteJob":
      return { job_id: j.scheduled };
    case "ListJobs":
      return { queue: q, limit: 1 };
    case "PauseQueue":
    case "ResumeQueue":
      return { queue: q };
    case "SetQueueRetention":
      return { retention: { queue: q, completed_count_max: 10 } };
    case "SetQueueLimits":
      return { limits: { queue: q, concurrency: 5 } };
    case "GetQueueLimits":
      return { queue: q };
    case "CreateToken":
      return { name: `minted-${q}-${Math.random().toString(36).slice(2)}`, role: "viewer", queues: [q] };
    case "RevokeToken":
      return { token: "no-such-token" };
    case "CommandWorker":
      return { worker_id: "w-nobody", command: { quiet: true } };
    case "CreateSchedule":
      return { schedule: { name: `made-${q}-${Math.random().toString(36).slice(2, 8)}`, type: "t", queue: q, every_ms: 60_000 } };
    case "ListSchedules":
      return { queue: q };
    case "GetSchedule":
    case "PauseSchedule":
    case "ResumeSchedule":
    case "DeleteSchedule":
    case "TriggerSchedule":
      return { name: `sched-${q}` };
    case "SubmitFlow":
      return { root: { job: spec, children: [{ job: spec }] } };
    case "CreateBatch":
      return { on_complete: spec };
    case "CloseBatch":
    case "GetBatch":
      return { batch_id: batches[q] };
    case "GetDependencies":
      return { worker_id: "w-nobody", job_id: j.pending, lease_token: "x" };
    case "GetStats":
    case "ListWorkers":
    case "ListTokens":
    case "WhoAmI":
      return {};
    default:
      throw new Error(`the matrix has no request for ${name}: add one`);
  }
}

/** Should a token of `role` over `in.*` pass authorization for `rpc` on queue `q`? */
function expected(name: Rpc, role: Role, q: "in.q" | "out.q"): boolean {
  const rule = rpcRules[name];
  if (!(rule.roles as readonly string[]).includes(role)) return false;
  if (rule.scope === "all") return false; // the token covers in.* only, never "*"
  if (rule.scope === "self") return true;
  return q === "in.q";
}

const unaryRpcs = Object.keys(rpcRules).filter((n) => n !== "ServerReflection" && n !== "WatchJobs" && !n.startsWith("Replication") && !n.startsWith("Cluster")) as Rpc[];

describe("authorization matrix", () => {
  test("setup", async () => {
    const file = join(c.dir, "admin.token");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(c.logs()).toContain(`wrote a new admin token to ${file}`);
    admin = readFileSync(file, "utf8").trim();
    expect(c.logs()).not.toContain(admin);
    rpc = new Caller(c.address);
    for (const role of roles) {
      const r = await rpc.call("CreateToken", { name: `scoped-${role}`, role, queues: ["in.*"] }, admin);
      expect(r.code).toBe(grpc.status.OK);
      scoped[role] = r.res.token;
    }
    for (const q of ["in.q", "out.q"] as const) {
      const p = await rpc.call("SubmitJob", { job: { type: "t", payload: Buffer.from("{}"), options: { queue: q } } }, admin);
      const s = await rpc.call("SubmitJob", { job: { type: "t", payload: Buffer.from("{}"), options: { queue: q, delay_ms: 3_600_000 } } }, admin);
      expect([p.code, s.code]).toEqual([grpc.status.OK, grpc.status.OK]);
      jobs[q] = { pending: p.res.job.id, scheduled: s.res.job.id };
      const sc = await rpc.call("CreateSchedule", { schedule: { name: `sched-${q}`, type: "t", queue: q, every_ms: 3_600_000 } }, admin);
      expect(sc.code).toBe(grpc.status.OK);
      const b = await rpc.call("CreateBatch", { on_complete: { type: "t", options: { queue: q } } }, admin);
      expect(b.code).toBe(grpc.status.OK);
      batches[q] = b.res.batch.id;
    }
  });

  test("every refused call is PERMISSION_DENIED naming role and RPC, and leaves the WAL as it was", async () => {
    const before = walBytes(c.dataDir);
    let refused = 0;
    for (const name of unaryRpcs) {
      for (const role of roles) {
        for (const q of ["in.q", "out.q"] as const) {
          if (expected(name, role, q)) continue;
          const r = await rpc.call(name, requestFor(name, q), scoped[role]);
          expect({ name, role, q, code: grpc.status[r.code] }).toEqual({ name, role, q, code: "PERMISSION_DENIED" });
          expect(r.details).toContain(`scoped-${role}" (${role} on in.*) may not call ${name}`);
          expect(r.details).not.toContain(scoped[role].slice(scoped[role].indexOf("_", 3) + 1));
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(60);
    expect(walBytes(c.dataDir)).toBe(before);
    const stats = await rpc.call("GetStats", {}, admin);
    expect(stats.code).toBe(grpc.status.OK);
  });

  test("every allowed call gets past authorization", async () => {
    const refused: string[] = [];
    let allowed = 0;
    for (const name of unaryRpcs) {
      for (const role of roles) {
        for (const q of ["in.q", "out.q"] as const) {
          if (!expected(name, role, q)) continue;
          allowed++;
          const r = await rpc.call(name, requestFor(name, q), scoped[role]);
          if (r.code === grpc.status.PERMISSION_DENIED || r.code === grpc.status.UNAUTHENTICATED) refused.push(`${name} ${role} ${q}: ${r.details}`);
        }
      }
    }
    expect(refused).toEqual([]);
    expect(allowed).toBeGreaterThan(30);
  });

  test("ListSchedules without a queue covers every queue: a viewer over in.* is refused, a viewer over * is not", async () => {
    const r = await rpc.call("ListSchedules", {}, scoped.viewer);
    expect(grpc.status[r.code]).toBe("PERMISSION_DENIED");
    const v = await rpc.call("CreateToken", { name: "viewer-schedules", role: "viewer", queues: ["*"] }, admin);
    const all = await rpc.call("ListSchedules", {}, v.res.token);
    expect(grpc.status[all.code]).toBe("OK");
    expect(all.res.schedules.map((x: { name: string }) => x.name)).toContain("sched-out.q");
  });

  test("the admin file token and an unscoped viewer reach the cluster-wide calls", async () => {
    expect((await rpc.call("GetStats", {}, admin)).code).toBe(grpc.status.OK);
    const v = await rpc.call("CreateToken", { name: "viewer-all", role: "viewer", queues: ["*"] }, admin);
    expect((await rpc.call("GetStats", {}, v.res.token)).code).toBe(grpc.status.OK);
    expect((await rpc.call("ListWorkers", {}, v.res.token)).code).toBe(grpc.status.OK);
    expect((await rpc.call("ListJobs", { limit: 1 }, v.res.token)).code).toBe(grpc.status.OK);
    expect((await rpc.call("CancelJob", { job_id: jobs["in.q"].pending }, v.res.token)).code).toBe(grpc.status.PERMISSION_DENIED);
  });
});

describe("authentication", () => {
  test("missing, garbled, unknown and forged tokens are UNAUTHENTICATED; health stays open", async () => {
    for (const t of [undefined, "Bearer", "Basic YWxhZGRpbjpvcGVu", "Bearer fq_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", `${admin.slice(0, -2)}xx`]) {
      const r = await rpc.call("GetStats", {}, t);
      expect(grpc.status[r.code]).toBe("UNAUTHENTICATED");
    }
    const health = new grpc.Client(c.address, grpc.credentials.createInsecure());
    const ok = await new Promise<number>((resolve) =>
      health.makeUnaryRequest(
        "/grpc.health.v1.Health/Check",
        (x: Buffer) => x,
        (x: Buffer) => x,
        Buffer.alloc(0),
        (err) => resolve(err ? (err.code ?? -1) : 0),
      ),
    );
    health.close();
    expect(ok).toBe(0);
  });

  test("an expired token is refused", async () => {
    const r = await rpc.call("CreateToken", { name: "short", role: "viewer", queues: ["*"], expires_in_ms: 1500 }, admin);
    expect((await rpc.call("GetStats", {}, r.res.token)).code).toBe(grpc.status.OK);
    await waitFor(async () => (await rpc.call("GetStats", {}, r.res.token)).code === grpc.status.UNAUTHENTICATED, 10_000);
    expect((await rpc.call("GetStats", {}, r.res.token)).details).toMatch(/expired/);
  });

  test("a token cannot mint a token that outlives it", async () => {
    const shortAdmin = (await rpc.call("CreateToken", { name: "short-admin", role: "admin", queues: ["*"], expires_in_ms: 3_600_000 }, admin)).res.token as string;
    const forever = await rpc.call("CreateToken", { name: "forever", role: "viewer", queues: ["*"] }, shortAdmin);
    expect(grpc.status[forever.code]).toBe("PERMISSION_DENIED");
    expect(forever.details).toMatch(/may not outlive the token that creates it/);
    const longer = await rpc.call("CreateToken", { name: "longer", role: "viewer", queues: ["*"], expires_in_ms: 7_200_000 }, shortAdmin);
    expect(grpc.status[longer.code]).toBe("PERMISSION_DENIED");
    const within = await rpc.call("CreateToken", { name: "within", role: "viewer", queues: ["*"], expires_in_ms: 60_000 }, shortAdmin);
    expect(within.code).toBe(grpc.status.OK);
    // The admin token file's token has no expiry: it may mint one that never expires.
    expect((await rpc.call("CreateToken", { name: "forever-from-file", role: "viewer", queues: ["*"] }, admin)).code).toBe(grpc.status.OK);
  });

  test("revocation takes effect on an open connection and ends open watches", async () => {
    const r = await rpc.call("CreateToken", { name: "soon-gone", role: "viewer", queues: ["*"] }, admin);
    const t = r.res.token as string;
    expect((await rpc.call("GetStats", {}, t)).code).toBe(grpc.status.OK);
    const stream = rpc.watch({ queue: "in.q" }, t);
    const ended = new Promise<grpc.StatusObject>((resolve) => stream.on("status", resolve));
    stream.on("data", () => {});
    stream.on("error", () => {});
    await new Promise((resolve) => stream.once("metadata", resolve));
    expect((await rpc.call("RevokeToken", { token: "soon-gone" }, admin)).code).toBe(grpc.status.OK);
    expect((await rpc.call("GetStats", {}, t)).code).toBe(grpc.status.UNAUTHENTICATED);
    expect((await ended).code).toBe(grpc.status.UNAUTHENTICATED);
  });

  test("revocation survives a master restart", async () => {
    const r = await rpc.call("CreateToken", { name: "revoked-before-crash", role: "viewer", queues: ["*"] }, admin);
    const keep = await rpc.call("CreateToken", { name: "kept-over-crash", role: "viewer", queues: ["*"] }, admin);
    expect((await rpc.call("RevokeToken", { token: r.res.info.id }, admin)).code).toBe(grpc.status.OK);
    await c.killMaster();
    await c.restartMaster();
    await waitFor(async () => (await rpc.call("GetStats", {}, keep.res.token)).code === grpc.status.OK, 15_000);
    expect((await rpc.call("GetStats", {}, r.res.token)).code).toBe(grpc.status.UNAUTHENTICATED);
    const list = await rpc.call("ListTokens", {}, admin);
    const names = list.res.tokens.map((x: Loose) => x.name);
    expect(names).toContain("kept-over-crash");
    expect(names).not.toContain("revoked-before-crash");
  }, 60_000);
});

describe("bound worker identity", () => {
  test("another credential cannot act as a registered worker, and the owner is unaffected", async () => {
    const a = (await rpc.call("CreateToken", { name: "worker-a", role: "worker", queues: ["imp.*"] }, admin)).res.token as string;
    const b = (await rpc.call("CreateToken", { name: "worker-b", role: "worker", queues: ["imp.*"] }, admin)).res.token as string;
    expect((await rpc.call("RegisterWorker", { worker_id: "w-a", queues: ["imp.q"], concurrency: 1 }, a)).code).toBe(grpc.status.OK);
    const sub = await rpc.call("SubmitJob", { job: { type: "t", payload: Buffer.from("{}"), options: { queue: "imp.q" } } }, admin);
    const polled = await rpc.call("PollJobs", { worker_id: "w-a", count: 1, wait_ms: 0 }, a);
    expect(polled.res.jobs.length).toBe(1);
    const lease = polled.res.jobs[0];
    expect(lease.job.id).toBe(sub.res.job.id);
    const before = walBytes(c.dataDir);
    const impersonations: [string, Loose][] = [
      ["RegisterWorker", { worker_id: "w-a", queues: ["imp.q"], concurrency: 1 }],
      ["Heartbeat", { worker_id: "w-a", active_job_ids: [lease.job.id], lease_tokens: [lease.lease_token] }],
      ["PollJobs", { worker_id: "w-a", count: 1, wait_ms: 0 }],
      ["AcknowledgeJob", { worker_id: "w-a", job_id: lease.job.id, lease_token: lease.lease_token, success: true }],
      ["AcknowledgeJobs", { acks: [{ worker_id: "w-a", job_id: lease.job.id, lease_token: lease.lease_token, success: false, error: "x" }] }],
      ["ReportProgress", { worker_id: "w-a", job_id: lease.job.id, lease_token: lease.lease_token, progress: "50" }],
      ["DeregisterWorker", { worker_id: "w-a" }],
    ];
    for (const [name, req] of impersonations) {
      const r = await rpc.call(name, req, b);
      expect({ name, code: grpc.status[r.code] }).toEqual({ name, code: "PERMISSION_DENIED" });
      expect(r.details).toMatch(/another credential/);
    }
    expect(walBytes(c.dataDir)).toBe(before);
    const job = await rpc.call("GetJob", { job_id: lease.job.id }, admin);
    expect(job.res.job.state).toBe(3); // RUNNING
    const ack = await rpc.call("AcknowledgeJob", { worker_id: "w-a", job_id: lease.job.id, lease_token: lease.lease_token, success: true }, a);
    expect(ack.code).toBe(grpc.status.OK);
    expect(ack.res.job.state).toBe(4); // COMPLETED
  });

  test("the binding survives a master restart: the credential is recorded with the leases", async () => {
    const a = (await rpc.call("CreateToken", { name: "worker-ra", role: "worker", queues: ["rst.*"] }, admin)).res.token as string;
    const b = (await rpc.call("CreateToken", { name: "worker-rb", role: "worker", queues: ["rst.*"] }, admin)).res.token as string;
    expect((await rpc.call("RegisterWorker", { worker_id: "w-r", queues: ["rst.q"], concurrency: 1 }, a)).code).toBe(grpc.status.OK);
    await rpc.call("SubmitJob", { job: { type: "t", payload: Buffer.from("{}"), options: { queue: "rst.q" } } }, admin);
    const lease = (await rpc.call("PollJobs", { worker_id: "w-r", count: 1, wait_ms: 0 }, a)).res.jobs[0];
    expect(lease).toBeDefined();
    await c.killMaster();
    await c.restartMaster();
    await waitFor(async () => (await rpc.call("GetStats", {}, admin)).code === grpc.status.OK, 15_000);
    const before = walBytes(c.dataDir);
    for (const [name, req] of [
      ["RegisterWorker", { worker_id: "w-r", queues: ["rst.q"], concurrency: 1 }],
      ["DeregisterWorker", { worker_id: "w-r" }],
      ["Heartbeat", { worker_id: "w-r" }],
    ] as [string, Loose][]) {
      const r = await rpc.call(name, req, b);
      expect({ name, code: grpc.status[r.code] }).toEqual({ name, code: "PERMISSION_DENIED" });
    }
    expect(walBytes(c.dataDir)).toBe(before);
    // The worker that holds the lease comes back with it and acknowledges it.
    const again = await rpc.call("RegisterWorker", { worker_id: "w-r", queues: ["rst.q"], concurrency: 1, held_job_ids: [lease.job.id], held_lease_tokens: [lease.lease_token] }, a);
    expect(again.code).toBe(grpc.status.OK);
    const ack = await rpc.call("AcknowledgeJob", { worker_id: "w-r", job_id: lease.job.id, lease_token: lease.lease_token, success: true }, a);
    expect(ack.code).toBe(grpc.status.OK);
    expect(ack.res.job.state).toBe(4); // COMPLETED
  }, 60_000);

  test("a worker may only register for queues its grant covers", async () => {
    const a = (await rpc.call("CreateToken", { name: "worker-narrow", role: "worker", queues: ["narrow"] }, admin)).res.token as string;
    const r = await rpc.call("RegisterWorker", { worker_id: "w-narrow", queues: ["narrow", "wide"], concurrency: 1 }, a);
    expect(grpc.status[r.code]).toBe("PERMISSION_DENIED");
    expect(r.details).toContain('"wide"');
  });
});
