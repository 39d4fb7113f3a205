// The embedded etcd protos (proto/etcd/…) without an etcd: they are what
// protoc accepts, free of gogoproto and google.api annotations, carry
// exactly the methods src/cluster uses (all present in etcd 3.4), and keep
// etcd's field numbers. Plus the pure helpers of src/cluster.

import { describe, expect, test } from "bun:test";
import { clusterKeys, Leadership } from "../../../src/cluster/leadership.ts";
import { etcdDefinition, etcdProtoFiles, parseEndpoints, prefixEnd } from "../../../src/cluster/etcd.ts";
import { silentLogger } from "../../../src/core/log.ts";
import { compileWithProtoc, protoc } from "../../helpers/protoc.ts";

describe("embedded etcd protos", () => {
  test("no gogoproto, google.api or other imports beyond each other", () => {
    for (const [path, text] of Object.entries(etcdProtoFiles)) {
      const code = text.replace(/\/\/.*$/gm, "");
      expect(code).not.toMatch(/gogoproto|google\.api|google\/api|option \(/);
      for (const m of text.matchAll(/^import "([^"]+)";/gm)) expect(Object.keys(etcdProtoFiles)).toContain(m[1] as string);
      expect(path.startsWith("etcd/")).toBe(true);
    }
  });

  test("the services and methods etcd 3.4 has, and only those we use", () => {
    const def = etcdDefinition();
    const methods = (svc: string) => Object.keys(def[svc] as object).sort();
    expect(methods("etcdserverpb.KV")).toEqual(["DeleteRange", "Put", "Range", "Txn"]);
    expect(methods("etcdserverpb.Watch")).toEqual(["Watch"]);
    expect(methods("etcdserverpb.Lease")).toEqual(["LeaseGrant", "LeaseKeepAlive", "LeaseRevoke", "LeaseTimeToLive"]);
    expect(methods("v3electionpb.Election")).toEqual(["Campaign", "Leader", "Observe", "Proclaim", "Resign"]);
    const ka = (def["etcdserverpb.Lease"] as Record<string, { path: string; requestStream: boolean; responseStream: boolean }>).LeaseKeepAlive;
    expect(ka).toMatchObject({ path: "/etcdserverpb.Lease/LeaseKeepAlive", requestStream: true, responseStream: true });
    const observe = (def["v3electionpb.Election"] as Record<string, { path: string; requestStream: boolean; responseStream: boolean }>).Observe;
    expect(observe).toMatchObject({ path: "/v3electionpb.Election/Observe", requestStream: false, responseStream: true });
  });

  test("etcd's field numbers on the wire", () => {
    const def = etcdDefinition();
    const txn = (def["etcdserverpb.KV"] as Record<string, { requestSerialize(v: object): Buffer }>).Txn;
    // Compare{result EQUAL, target CREATE (1) -> field 2, key "k" -> field 3, create_revision 7 -> field 5}
    const bytes = txn?.requestSerialize({ compare: [{ target: "CREATE", key: Buffer.from("k"), create_revision: 7 }] }) as Buffer;
    expect([...bytes]).toEqual([0x0a, 7, 0x10, 1, 0x1a, 1, 0x6b, 0x28, 7]);
    const grant = (def["etcdserverpb.Lease"] as Record<string, { responseDeserialize(b: Buffer): { ID: string; TTL: string } }>).LeaseGrant;
    // ID 2^62 + 1 (field 2) survives as a decimal string; TTL 2 (field 3).
    const id = 2n ** 62n + 1n;
    const varint: number[] = [];
    for (let v = id; ; ) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if (v === 0n) {
        varint.push(b);
        break;
      }
      varint.push(b | 0x80);
    }
    expect(grant?.responseDeserialize(Buffer.from([0x10, ...varint, 0x18, 2]))).toMatchObject({ ID: id.toString(), TTL: "2" });
  });

  test.skipIf(protoc === null)("protoc compiles them", () => {
    const set = compileWithProtoc(etcdProtoFiles as Record<string, string>);
    expect(set.file.map((f) => f.name)).toEqual(Object.keys(etcdProtoFiles));
  });
});

describe("cluster helpers", () => {
  test("prefixEnd", () => {
    expect(prefixEnd("/a/").toString()).toBe("/a0");
    expect([...prefixEnd("a\xff")]).toEqual([0x61, 0xc3, 0xc0]); // UTF-8 of ÿ is c3 bf
  });

  test("parseEndpoints", () => {
    expect(parseEndpoints("etcd://127.0.0.1:2379,127.0.0.1:22379")).toEqual(["127.0.0.1:2379", "127.0.0.1:22379"]);
    expect(parseEndpoints(["http://a:2379/", " b:2379 ", ""])).toEqual(["a:2379", "b:2379"]);
  });

  test("clusterKeys and option checks", async () => {
    expect(clusterKeys("prod")).toEqual({ root: "/falconq/prod/", election: "/falconq/prod/leader", insync: "/falconq/prod/insync" });
    expect(() => clusterKeys("a/b")).toThrow(/invalid cluster name/);
    expect(() => clusterKeys("")).toThrow(/invalid cluster name/);
    const o = { endpoints: ["127.0.0.1:1"], cluster: "c", member: "m:1", log: silentLogger };
    await expect(Leadership.open({ ...o, ttlMs: 500 })).rejects.toThrow(/ttlMs must be at least 1000/);
    await expect(Leadership.open({ ...o, ttlMs: 3000, marginMs: 2500 })).rejects.toThrow(/marginMs/);
    // Nothing listens on port 1: open() fails within its deadline instead of hanging.
    const t0 = Date.now();
    await expect(Leadership.open({ ...o, ttlMs: 3000, callTimeoutMs: 300 })).rejects.toThrow(/UNAVAILABLE|DEADLINE/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
