// RpcClient with several masters (docs/ha.md, "Clients and workers"): a
// standby's UNAVAILABLE with a `falconq-leader` trailer moves calls to the
// leader; an unreachable address without a hint moves them to the next
// configured one; with one address nothing moves. In process, on loopback:
// a real master and a fake standby that only answers with the hint.

import { afterEach, describe, expect, test } from "bun:test";
import * as grpc from "@grpc/grpc-js";
import { Client } from "../../src/client/client.ts";
import { addressList, leaderHintKey, RpcClient } from "../../src/rpc/channel.ts";
import { RpcError } from "../../src/rpc/errors.ts";
import { packageDefinition } from "../../src/rpc/schema.ts";
import { freePort } from "../helpers/etcd.ts";
import { startTestMaster, type TestMaster } from "../helpers/master.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function master(): Promise<TestMaster> {
  const m = await startTestMaster();
  cleanups.push(async () => {
    await m[Symbol.asyncDispose]();
  });
  return m;
}

/** A server answering every FalconQueueService call UNAVAILABLE, with `hint` as the leader when given. */
async function fakeStandby(hint: string | undefined): Promise<{ address: string; calls: () => number }> {
  const svc = packageDefinition()["falconqueue.v1.FalconQueueService"] as grpc.ServiceDefinition;
  const server = new grpc.Server();
  let calls = 0;
  const impl: grpc.UntypedServiceImplementation = {};
  for (const name of Object.keys(svc)) {
    impl[name] = ((_c: unknown, cb: grpc.sendUnaryData<unknown>) => {
      calls++;
      const metadata = new grpc.Metadata();
      if (hint !== undefined) metadata.set(leaderHintKey, hint);
      cb({ code: grpc.status.UNAVAILABLE, details: hint ? `not the leader; the leader is at ${hint}` : "not the leader", metadata });
    }) as grpc.UntypedHandleCall;
  }
  server.addService(svc, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  cleanups.push(() => server.forceShutdown());
  return { address: `127.0.0.1:${port}`, calls: () => calls };
}

const policy = { baseMs: 10, maxMs: 50, deadlineMs: 5000 };

describe("RpcClient with several masters", () => {
  test("addressList: a comma-separated string or an array, in order, without repeats", () => {
    expect(addressList("a:1, b:2,a:1")).toEqual(["a:1", "b:2"]);
    expect(addressList(["50051", "b:2"])).toEqual(["127.0.0.1:50051", "b:2"]);
    expect(() => addressList(" , ")).toThrow(/no master address/);
  });

  test("a standby's leader hint moves calls to the leader", async () => {
    const m = await master();
    const standby = await fakeStandby(m.address);
    const rpc = new RpcClient(standby.address);
    cleanups.push(() => rpc.close());
    const stats = await rpc.callRetry("GetStats", {}, policy);
    expect(stats.version).toBe("test");
    expect(rpc.address).toBe(m.address);
    expect(standby.calls()).toBe(1);
    // Later calls go straight to the leader.
    await rpc.call("GetStats", {});
    expect(standby.calls()).toBe(1);
  });

  test("an unreachable master without a hint: the next configured address", async () => {
    const m = await master();
    const dead = `127.0.0.1:${await freePort()}`;
    const c = new Client({ master: [dead, m.address], retryDeadlineMs: 5000 });
    cleanups.push(() => c.close());
    const r = await c.submit("echo", { n: 1 });
    expect(r.duplicate).toBe(false);
  });

  test("a standby without a hint: rotates to the next configured address", async () => {
    const m = await master();
    const standby = await fakeStandby(undefined);
    const rpc = new RpcClient(`${standby.address},${m.address}`);
    cleanups.push(() => rpc.close());
    await rpc.callRetry("GetStats", {}, policy);
    expect(rpc.address).toBe(m.address);
  });

  test("one address: no hint, no move; the call fails as before", async () => {
    const standby = await fakeStandby(undefined);
    const rpc = new RpcClient(standby.address);
    cleanups.push(() => rpc.close());
    const err = await rpc.callRetry("GetStats", {}, { ...policy, deadlineMs: 200 }).then(
      () => undefined,
      (e) => e as RpcError,
    );
    expect(err).toBeInstanceOf(RpcError);
    expect(err?.codeName).toBe("UNAVAILABLE");
    expect(rpc.address).toBe(standby.address);
  });
});
