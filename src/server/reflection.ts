// gRPC server reflection (v1 and v1alpha): lists the services and returns
// the file descriptors built from the embedded protos, so grpcurl and other
// stock tools work against the single binary with no .proto files around.

import * as grpc from "@grpc/grpc-js";
import descriptor from "protobufjs/ext/descriptor/index.js";
import { schemaRoot } from "../rpc/schema.ts";

interface FileEntry {
  name: string;
  pkg: string;
  bytes: Uint8Array;
}

// biome-ignore lint/suspicious/noExplicitAny: protobufjs descriptor extension is untyped
type Any = any;

let files: FileEntry[] | undefined;

function descriptorFiles(): FileEntry[] {
  if (files === undefined) {
    const set = (schemaRoot() as Any).toDescriptor("proto3");
    const FDP = (descriptor as Any).FileDescriptorProto;
    files = set.file.map((f: Any) => ({ name: f.name, pkg: f.package ?? "", bytes: FDP.encode(f).finish() }));
  }
  return files as FileEntry[];
}

/** The file whose package holds `symbol` (a message, service or method name). */
function fileForSymbol(symbol: string): FileEntry | undefined {
  const matches = descriptorFiles().filter((f) => symbol.startsWith(`${f.pkg}.`));
  return matches.sort((a, b) => b.pkg.length - a.pkg.length)[0];
}

// biome-ignore lint/suspicious/noExplicitAny: decoded reflection request
function answer(req: any, services: string[]) {
  const base = { valid_host: req.host ?? "", original_request: req };
  const notFound = (what: string) => ({
    ...base,
    error_response: { error_code: grpc.status.NOT_FOUND, error_message: `${what} not found` },
  });
  if (req.list_services !== undefined && req.message_request === "list_services") {
    return { ...base, list_services_response: { service: services.map((name) => ({ name })) } };
  }
  if (req.message_request === "file_by_filename") {
    const f = descriptorFiles().find((x) => x.name === req.file_by_filename);
    return f ? { ...base, file_descriptor_response: { file_descriptor_proto: [f.bytes] } } : notFound(`file ${req.file_by_filename}`);
  }
  if (req.message_request === "file_containing_symbol") {
    const f = fileForSymbol(req.file_containing_symbol);
    return f ? { ...base, file_descriptor_response: { file_descriptor_proto: [f.bytes] } } : notFound(`symbol ${req.file_containing_symbol}`);
  }
  return {
    ...base,
    error_response: { error_code: grpc.status.UNIMPLEMENTED, error_message: "extensions are not used by this server" },
  };
}

export function reflectionHandlers(services: string[]): grpc.UntypedServiceImplementation {
  return {
    ServerReflectionInfo: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
      call.on("data", (req) => call.write(answer(req, services)));
      call.on("end", () => call.end());
      call.on("error", () => {});
    },
  };
}
