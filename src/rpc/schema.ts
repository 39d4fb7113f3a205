// The wire contract, embedded: the .proto text is imported as a string, so
// `dist/falconq` needs no file beside it. One protobufjs Root serves both the
// WAL codec and the gRPC package definition.

import * as protoLoader from "@grpc/proto-loader";
import protobuf from "protobufjs";
import healthText from "../../proto/grpc/health/v1/health.proto" with { type: "text" };
import reflectionText from "../../proto/grpc/reflection/v1/reflection.proto" with { type: "text" };
import protoText from "../../proto/falconqueue/v1/service.proto" with { type: "text" };

export const protoPackage = "falconqueue.v1";

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
  definition ??= protoLoader.fromJSON(schemaRoot().toJSON(), loaderOptions);
  return definition;
}
