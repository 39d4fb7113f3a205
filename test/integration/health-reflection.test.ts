// The standard services stock gRPC tools rely on: grpc.health.v1.Health and
// server reflection, answered from the embedded protos.

import { expect, test } from "bun:test";
import * as grpc from "@grpc/grpc-js";
import descriptor from "protobufjs/ext/descriptor/index.js";
import { packageDefinition } from "../../src/rpc/schema.ts";
import { startTestMaster } from "../helpers/master.ts";

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

test("reflection lists the services and returns a descriptor that defines FalconQueueService", async () => {
  await using m = await startTestMaster();
  for (const version of ["v1", "v1alpha"]) {
    const r = new pkg.grpc.reflection[version].ServerReflection(m.address, grpc.credentials.createInsecure());
    const call = r.ServerReflectionInfo();
    const replies: Any[] = [];
    const done = new Promise<void>((resolve) => {
      call.on("data", (x: Any) => {
        replies.push(x);
        if (replies.length === 3) call.end();
      });
      call.on("end", resolve);
      call.on("error", resolve);
    });
    call.write({ list_services: "*" });
    call.write({ file_containing_symbol: "falconqueue.v1.FalconQueueService" });
    call.write({ file_containing_symbol: "no.such.Symbol" });
    await done;
    r.close();
    const names = replies[0].list_services_response.service.map((s: Any) => s.name);
    expect(names).toContain("falconqueue.v1.FalconQueueService");
    expect(names).toContain("grpc.health.v1.Health");
    const fdp = (descriptor as Any).FileDescriptorProto.decode(replies[1].file_descriptor_response.file_descriptor_proto[0]);
    expect(fdp.package).toBe("falconqueue.v1");
    expect(fdp.service[0].name).toBe("FalconQueueService");
    expect(fdp.service[0].method.map((x: Any) => x.name)).toContain("SubmitJobs");
    expect(replies[2].error_response.error_code).toBe(grpc.status.NOT_FOUND);
  }
});
