// The standard services stock gRPC tools rely on: grpc.health.v1.Health and
// server reflection, answered from the embedded protos. Reflection is used as
// grpcurl uses it, over a real stream, and what it returns is checked by
// strict consumers: @bufbuild/protobuf's registry, and protoc itself.

import { describe, expect, test } from "bun:test";
import { create, createFileRegistry, fromBinary, ScalarType, toJson } from "@bufbuild/protobuf";
import { type FileDescriptorProto, FileDescriptorProtoSchema, FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import * as grpc from "@grpc/grpc-js";
import healthText from "../../proto/grpc/health/v1/health.proto" with { type: "text" };
import reflectionText from "../../proto/grpc/reflection/v1/reflection.proto" with { type: "text" };
import serviceText from "../../proto/falconqueue/v1/service.proto" with { type: "text" };
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "../../src/client/client.ts";
import { packageDefinition, schemaRoot } from "../../src/rpc/schema.ts";
import { startTestMaster } from "../helpers/master.ts";
import { compileWithProtoc, protoc, reemitWithProtoc } from "../helpers/protoc.ts";

// biome-ignore lint/suspicious/noExplicitAny: generated clients are untyped
type Any = any;
const pkg = grpc.loadPackageDefinition(packageDefinition()) as Any;

function unary(client: Any, method: string, req: unknown): Promise<Any> {
  return new Promise((resolve, reject) => client[method](req, (e: Error | null, r: Any) => (e ? reject(e) : resolve(r))));
}

test("health says SERVING, NOT_FOUND for an unknown service, and NOT_SERVING after a storage failure", async () => {
  await using m = await startTestMaster();
  const h = new pkg.grpc.health.v1.Health(m.address, grpc.credentials.createInsecure());
  try {
    expect((await unary(h, "Check", { service: "" })).status).toBe(1);
    expect((await unary(h, "Check", { service: "falconqueue.v1.FalconQueueService" })).status).toBe(1);
    const err = await unary(h, "Check", { service: "nope" }).catch((e) => e);
    expect(err.code).toBe(grpc.status.NOT_FOUND);
    m.journal.failNextSync(new Error("fdatasync: EIO: i/o error"));
    await m.rpc.call("SubmitJob", { job: { type: "t" } }).catch(() => {});
    await m.master.fatal;
    expect((await unary(h, "Check", { service: "" })).status).toBe(2);
  } finally {
    h.close();
  }
});

const SERVICE = "falconqueue/v1/service.proto";
const HEALTH = "grpc/health/v1/health.proto";
const REFLECTION = "grpc/reflection/v1/reflection.proto";
const REFLECTION_ALPHA = "grpc/reflection/v1alpha/reflection.proto";

/** Sends `requests` on one ServerReflectionInfo stream; resolves with one reply per request. */
async function reflect(address: string, version: string, requests: object[], token?: string): Promise<Any[]> {
  const client = new pkg.grpc.reflection[version].ServerReflection(address, grpc.credentials.createInsecure());
  try {
    const md = new grpc.Metadata();
    if (token !== undefined) md.set("authorization", `Bearer ${token}`);
    const call = client.ServerReflectionInfo(md);
    const replies: Any[] = [];
    const done = new Promise<void>((resolve, reject) => {
      call.on("data", (x: Any) => {
        replies.push(x);
        if (replies.length === requests.length) call.end();
      });
      call.on("end", resolve);
      call.on("error", reject);
    });
    for (const r of requests) call.write(r);
    await done;
    return replies;
  } finally {
    client.close();
  }
}

/** The encoded FileDescriptorProtos of a reply, failing with its error if it has one. */
function rawDescriptors(reply: Any): Uint8Array[] {
  expect(reply.error_response ?? null).toBeNull();
  return reply.file_descriptor_response.file_descriptor_proto;
}

const descriptors = (reply: Any): FileDescriptorProto[] =>
  rawDescriptors(reply).map((b) => fromBinary(FileDescriptorProtoSchema, b));

describe.each(["v1", "v1alpha"])("reflection %s", (version) => {
  test("lists the four services and describes FalconQueueService so a strict registry resolves it", async () => {
    await using m = await startTestMaster();
    const [list, byService] = await reflect(m.address, version, [
      { list_services: "*" },
      { file_containing_symbol: "falconqueue.v1.FalconQueueService" },
    ]);
    expect(list.list_services_response.service.map((s: Any) => s.name).sort()).toEqual([
      "falconqueue.v1.FalconQueueService",
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection",
    ]);
    const files = descriptors(byService);
    expect(files.map((f) => [f.name, f.package, f.syntax])).toEqual([[SERVICE, "falconqueue.v1", "proto3"]]);

    // Throws on a relative or unresolvable type name, or a missing import.
    const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: files }));
    const service = registry.getService("falconqueue.v1.FalconQueueService");
    const methods = schemaRoot().lookupService("falconqueue.v1.FalconQueueService").methodsArray;
    expect(service?.methods.map((x) => x.name)).toEqual(methods.map((x) => x.name));
    expect(service?.method.submitJob?.input.typeName).toBe("falconqueue.v1.SubmitJobRequest");
    expect(service?.method.submitJob?.methodKind).toBe("unary");
    expect(service?.method.watchJobs?.methodKind).toBe("server_streaming");
    expect(service?.method.watchJobs?.output.typeName).toBe("falconqueue.v1.JobEvent");

    const job = registry.getMessage("falconqueue.v1.Job");
    const metadata = job?.field.metadata;
    expect(metadata?.fieldKind).toBe("map");
    if (metadata?.fieldKind !== "map" || metadata.mapKind !== "scalar") throw new Error("Job.metadata is not a scalar map");
    expect([metadata.mapKey, metadata.scalar]).toEqual([ScalarType.STRING, ScalarType.STRING]);
    const entry = files[0]?.messageType.find((t) => t.name === "Job")?.nestedType[0];
    expect([entry?.name, entry?.options?.mapEntry]).toEqual(["MetadataEntry", true]);
    expect(job?.field.metadata?.proto.typeName).toBe(".falconqueue.v1.Job.MetadataEntry");

    const state = registry.getEnum("falconqueue.v1.JobState");
    expect(state?.values.map((v) => v.name)).toContain("JOB_STATE_PENDING");
    expect(job?.field.state?.fieldKind === "enum" && job.field.state.enum).toBe(state as NonNullable<typeof state>);
  });

  test("finds files by name and by every kind of symbol, with streaming flags; NOT_FOUND otherwise", async () => {
    await using m = await startTestMaster();
    const bySymbol: [string, string][] = [
      ["falconqueue.v1.FalconQueueService", SERVICE],
      ["falconqueue.v1.FalconQueueService.WatchJobs", SERVICE],
      ["falconqueue.v1.Job", SERVICE],
      ["falconqueue.v1.Job.MetadataEntry", SERVICE],
      ["falconqueue.v1.Job.metadata", SERVICE],
      ["falconqueue.v1.WorkerCommand.command", SERVICE],
      ["falconqueue.v1.JobState", SERVICE],
      ["falconqueue.v1.JOB_STATE_PENDING", SERVICE],
      ["grpc.health.v1.HealthCheckResponse.ServingStatus", HEALTH],
      ["grpc.health.v1.HealthCheckResponse.SERVING", HEALTH],
      ["grpc.health.v1.Health.Watch", HEALTH],
      ["grpc.reflection.v1.ServerReflectionRequest", REFLECTION],
      ["grpc.reflection.v1alpha.ServerReflection", REFLECTION_ALPHA],
    ];
    const byName = [SERVICE, HEALTH, REFLECTION, REFLECTION_ALPHA];
    const unknown = [
      { file_containing_symbol: "falconqueue.v1.NoSuchMessage" },
      { file_containing_symbol: "falconqueue.v1" },
      { file_by_filename: "falconqueue_v1.proto" },
      { file_by_filename: "no/such.proto" },
      { file_containing_extension: { containing_type: "falconqueue.v1.Job", extension_number: 100 } },
      { all_extension_numbers_of_type: "falconqueue.v1.NoSuchMessage" },
    ];
    const replies = await reflect(m.address, version, [
      ...bySymbol.map(([s]) => ({ file_containing_symbol: s })),
      ...byName.map((f) => ({ file_by_filename: f })),
      { all_extension_numbers_of_type: "falconqueue.v1.Job" },
      ...unknown,
    ]);

    const symbolReplies = replies.splice(0, bySymbol.length);
    expect(symbolReplies.map((r) => descriptors(r).map((f) => f.name))).toEqual(bySymbol.map(([, f]) => [f]));
    const files = replies.splice(0, byName.length).flatMap(descriptors);
    expect(files.map((f) => f.name)).toEqual(byName);
    const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: files }));
    expect(registry.getService("grpc.health.v1.Health")?.method.watch?.methodKind).toBe("server_streaming");
    const info = registry.getService(`grpc.reflection.${version}.ServerReflection`)?.method.serverReflectionInfo;
    expect(info?.methodKind).toBe("bidi_streaming");

    const [extensions] = replies.splice(0, 1);
    expect(extensions.all_extension_numbers_response).toEqual({ base_type_name: "falconqueue.v1.Job", extension_number: [] });
    expect(replies.map((r) => [r.error_response?.error_code, r.message_response])).toEqual(
      unknown.map(() => [grpc.status.NOT_FOUND, "error_response"]),
    );
    expect(replies[0].original_request.file_containing_symbol).toBe("falconqueue.v1.NoSuchMessage");
  });
});

test.skipIf(!protoc)("reflection serves exactly what protoc compiles from the .proto files, and protoc loads it", async () => {
  await using m = await startTestMaster();
  const names = [SERVICE, HEALTH, REFLECTION, REFLECTION_ALPHA];
  const served = (await reflect(m.address, "v1", names.map((f) => ({ file_by_filename: f })))).map((r) => rawDescriptors(r)[0] as Uint8Array);
  const reference = compileWithProtoc({
    [SERVICE]: serviceText,
    [HEALTH]: healthText,
    [REFLECTION]: reflectionText,
    [REFLECTION_ALPHA]: reflectionText.replace("package grpc.reflection.v1;", "package grpc.reflection.v1alpha;"),
  });
  const json = (f: FileDescriptorProto) => toJson(FileDescriptorProtoSchema, f);
  expect(served.map((b) => json(fromBinary(FileDescriptorProtoSchema, b)))).toEqual(reference.file.map(json));
  // protoc's DescriptorPool is the check grpc_cli and protoc-based tools apply; grpcurl's is as strict.
  expect(reemitWithProtoc(served, SERVICE).file.map((f) => f.name)).toEqual([SERVICE]);
});

test("with credentials required, reflection needs the viewer role and health stays open", async () => {
  const dir = mkdtempSync(join(tmpdir(), "fq-refl-"));
  try {
    await using m = await startTestMaster({ adminTokenFile: join(dir, "admin.token") });
    const admin = readFileSync(join(dir, "admin.token"), "utf8").trim();
    const c = new Client({ master: m.address, token: admin, retryDeadlineMs: 0 });
    try {
      const viewer = (await c.createToken({ name: "v", role: "viewer" })).token;
      const producer = (await c.createToken({ name: "p", role: "producer" })).token;
      const list = { list_services: "" };
      const none = await reflect(m.address, "v1", [list]).catch((e) => e);
      expect(grpc.status[none.code]).toBe("UNAUTHENTICATED");
      const denied = await reflect(m.address, "v1", [list], producer).catch((e) => e);
      expect(grpc.status[denied.code]).toBe("PERMISSION_DENIED");
      expect(denied.details).toContain("may not call ServerReflection");
      const [ok] = await reflect(m.address, "v1", [list], viewer);
      expect(ok.list_services_response.service.map((x: Any) => x.name)).toContain("falconqueue.v1.FalconQueueService");
      const h = new pkg.grpc.health.v1.Health(m.address, grpc.credentials.createInsecure());
      try {
        expect((await unary(h, "Check", { service: "" })).status).toBe(1);
      } finally {
        h.close();
      }
    } finally {
      c.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
