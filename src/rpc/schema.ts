// The wire contract, embedded: the .proto texts are imported as strings, so
// `dist/falconq` needs no file beside it.
//
// Two protobufjs instances. `schemaRoot()` uses the application's shared
// `protobufjs`, left exactly as configured by whoever else uses it (we only
// parse with it: reflection and tests). Everything that encodes or decodes
// on the gRPC path uses `protobufjs-wire`, a private copy of the same
// library (an npm alias), configured to read int64 as plain numbers: every
// time and duration we send fits in 2^53, and Long objects cost more than
// the rest of a small message. So importing the SDK changes nothing for
// another protobufjs user in the same process.

import * as protoLoader from "@grpc/proto-loader";
import protobuf from "protobufjs";
import wirePb from "protobufjs-wire";
import healthText from "../../proto/grpc/health/v1/health.proto" with { type: "text" };
import reflectionText from "../../proto/grpc/reflection/v1/reflection.proto" with { type: "text" };
import protoText from "../../proto/falconqueue/v1/service.proto" with { type: "text" };
import { decodeRequest } from "./decode.ts";

export const protoPackage = "falconqueue.v1";

wirePb.util.Long = undefined as unknown as typeof wirePb.util.Long;
wirePb.configure();

/** The embedded proto files by their import paths. */
export const protoFiles: Readonly<Record<string, string>> = {
  "falconqueue/v1/service.proto": protoText,
  "grpc/health/v1/health.proto": healthText,
  "grpc/reflection/v1/reflection.proto": reflectionText,
  "grpc/reflection/v1alpha/reflection.proto": reflectionText.replace(
    "package grpc.reflection.v1;",
    "package grpc.reflection.v1alpha;",
  ),
};

type Pb = typeof protobuf;

function parseAll(pb: Pb): protobuf.Root {
  const root = new pb.Root();
  for (const text of Object.values(protoFiles)) pb.parse(text, root, { keepCase: true });
  root.resolveAll();
  return root;
}

let root: protobuf.Root | undefined;
let wire: protobuf.Root | undefined;

/** The schema on the shared protobufjs: for reading descriptors, never for the hot path. */
export function schemaRoot(): protobuf.Root {
  root ??= parseAll(protobuf);
  return root;
}

/** The schema on the private, int64-as-number protobufjs instance. */
export function wireRoot(): protobuf.Root {
  wire ??= parseAll(wirePb as unknown as Pb);
  return wire;
}

export function messageType(name: string): protobuf.Type {
  return wireRoot().lookupType(`${protoPackage}.${name}`);
}

/** How decoded messages look: longs and enums as numbers, defaults filled in. */
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
    useWireCodec(definition);
  }
  return definition;
}

/**
 * Every method's four (de)serializers use the private instance's types.
 * Serializers encode our objects as they are: proto-loader would run
 * `fromObject` first, which copies and converts every field and costs as
 * much as the encoding itself; our messages are built with the right JS
 * types. Request deserializers check the bytes first (lengths, UTF-8) and
 * turn what they refuse into INVALID_ARGUMENT (see decode.ts).
 */
function useWireCodec(def: protoLoader.PackageDefinition): void {
  const root = wireRoot();
  for (const [name, entry] of Object.entries(def)) {
    if ("format" in entry) continue; // a message type, not a service
    const svc = root.lookupService(name);
    for (const [method, m] of Object.entries(entry as protoLoader.ServiceDefinition)) {
      const rpc = svc.methods[method] as protobuf.Method;
      const req = rpc.resolvedRequestType as protobuf.Type;
      const res = rpc.resolvedResponseType as protobuf.Type;
      m.requestSerialize = (v: object) => Buffer.from(req.encode(v).finish());
      m.responseSerialize = (v: object) => Buffer.from(res.encode(v).finish());
      m.requestDeserialize = (b: Buffer) => decodeRequest(req, b, loaderOptions);
      m.responseDeserialize = (b: Buffer) => res.toObject(res.decode(b), loaderOptions);
    }
  }
}
