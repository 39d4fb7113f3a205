// The wire contract, embedded: the .proto text is imported as a string, so
// `dist/falconq` needs no file beside it. One protobufjs Root serves both the
// WAL codec and the gRPC package definition.

import * as protoLoader from "@grpc/proto-loader";
import protobuf from "protobufjs";
import healthText from "../../proto/grpc/health/v1/health.proto" with { type: "text" };
import reflectionText from "../../proto/grpc/reflection/v1/reflection.proto" with { type: "text" };
import protoText from "../../proto/falconqueue/v1/service.proto" with { type: "text" };

export const protoPackage = "falconqueue.v1";

// int64 fields as plain numbers: every time we send fits in 2^53, and
// protobufjs's Long objects cost more than the rest of a small message.
protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();

let root: protobuf.Root | undefined;

export function schemaRoot(): protobuf.Root {
  if (root === undefined) {
    root = new protobuf.Root();
    protobuf.parse(protoText, root, { keepCase: true });
    protobuf.parse(healthText, root, { keepCase: true });
    protobuf.parse(reflectionText, root, { keepCase: true });
    const alpha = reflectionText.replace("package grpc.reflection.v1;", "package grpc.reflection.v1alpha;");
    protobuf.parse(alpha, root, { keepCase: true });
    root.resolveAll();
  }
  return root;
}

export function messageType(name: string): protobuf.Type {
  return schemaRoot().lookupType(`${protoPackage}.${name}`);
}

/** Options shared by every gRPC peer: longs as numbers, enums as numbers, defaults filled in. */
export const loaderOptions: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: Number,
  bytes: Buffer,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
};

let definition: protoLoader.PackageDefinition | undefined;

export function packageDefinition(): protoLoader.PackageDefinition {
  if (definition === undefined) {
    definition = protoLoader.fromJSON(schemaRoot().toJSON(), loaderOptions);
    encodeDirectly(definition);
  }
  return definition;
}

/**
 * proto-loader serializes with `encode(fromObject(x))`; fromObject copies and
 * converts every field, which costs as much as the encoding itself. Our
 * messages are built with the right JS types (numbers, Uint8Array, arrays),
 * so encode them as they are. A malformed message still fails safely: grpc-js
 * turns a serializer's throw into INTERNAL for that one call.
 */
function encodeDirectly(def: protoLoader.PackageDefinition): void {
  const root = schemaRoot();
  for (const [name, entry] of Object.entries(def)) {
    if ("format" in entry) continue; // a message type, not a service
    const svc = root.lookupService(name);
    for (const [method, m] of Object.entries(entry as protoLoader.ServiceDefinition)) {
      const rpc = svc.methods[method] as protobuf.Method;
      const req = rpc.resolvedRequestType as protobuf.Type;
      const res = rpc.resolvedResponseType as protobuf.Type;
      m.requestSerialize = (v: object) => Buffer.from(req.encode(v).finish());
      m.responseSerialize = (v: object) => Buffer.from(res.encode(v).finish());
    }
  }
}
