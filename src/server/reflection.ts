// gRPC server reflection (v1 and v1alpha, same messages): lists the services
// and answers with the file descriptors of the embedded protos (see
// descriptors.ts), so grpcurl and other stock tools work against the single
// binary with no .proto files around. Unknown names get an error_response
// with NOT_FOUND, as the reflection proto asks; the stream stays open.

import * as grpc from "@grpc/grpc-js";
import { schemaRoot } from "../rpc/schema.ts";
import { type DescribedFile, describeFiles } from "./descriptors.ts";

/** A decoded grpc.reflection.v1.ServerReflectionRequest (keepCase, oneofs). */
export interface ReflectionRequest {
  host?: string;
  message_request?: string;
  file_by_filename?: string;
  file_containing_symbol?: string;
  file_containing_extension?: { containing_type?: string; extension_number?: number };
  all_extension_numbers_of_type?: string;
  list_services?: string;
}

class NotFound extends Error {}

/** Answers reflection requests about `files`; the answer is a ServerReflectionResponse object. */
export function reflectionAnswerer(files: DescribedFile[], services: string[]): (req: ReflectionRequest) => object {
  const byName = new Map(files.map((f) => [f.name, f]));
  const bySymbol = new Map(files.flatMap((f) => f.symbols.map((s) => [s, f] as const)));
  const messages = new Set(files.flatMap((f) => f.messages));

  /** The file first, then everything it imports, directly or not, each once. */
  const descriptors = (file: DescribedFile | undefined, what: string) => {
    if (file === undefined) throw new NotFound(`${what} not found`);
    const out = [file];
    for (let i = 0; i < out.length; i++) {
      for (const dep of (out[i] as DescribedFile).dependencies) {
        const f = byName.get(dep);
        if (f !== undefined && !out.includes(f)) out.push(f);
      }
    }
    return { file_descriptor_response: { file_descriptor_proto: out.map((f) => f.bytes) } };
  };

  const respond = (req: ReflectionRequest): object => {
    switch (req.message_request) {
      case "list_services":
        return { list_services_response: { service: services.map((name) => ({ name })) } };
      case "file_by_filename":
        return descriptors(byName.get(req.file_by_filename ?? ""), `file ${req.file_by_filename}`);
      case "file_containing_symbol":
        return descriptors(bySymbol.get(req.file_containing_symbol ?? ""), `symbol ${req.file_containing_symbol}`);
      case "file_containing_extension": {
        // No embedded proto declares an extension.
        const { containing_type, extension_number } = req.file_containing_extension ?? {};
        throw new NotFound(`extension ${extension_number} of ${containing_type} not found`);
      }
      case "all_extension_numbers_of_type": {
        const type = req.all_extension_numbers_of_type ?? "";
        if (!messages.has(type)) throw new NotFound(`message type ${type} not found`);
        return { all_extension_numbers_response: { base_type_name: type, extension_number: [] } };
      }
      default:
        return { error_response: { error_code: grpc.status.INVALID_ARGUMENT, error_message: "empty reflection request" } };
    }
  };

  return (req) => {
    const base = { valid_host: req.host ?? "", original_request: req };
    try {
      return { ...base, ...respond(req) };
    } catch (e) {
      // Anything but NotFound is a bug; answering it beats killing the stream.
      const code = e instanceof NotFound ? grpc.status.NOT_FOUND : grpc.status.INTERNAL;
      return { ...base, error_response: { error_code: code, error_message: e instanceof Error ? e.message : String(e) } };
    }
  };
}

let described: DescribedFile[] | undefined;

export function reflectionHandlers(services: string[]): grpc.UntypedServiceImplementation {
  let answer: ((req: ReflectionRequest) => object) | undefined;
  return {
    ServerReflectionInfo: (call: grpc.ServerDuplexStream<ReflectionRequest, object>) => {
      described ??= describeFiles(schemaRoot());
      answer ??= reflectionAnswerer(described, services);
      const reply = answer;
      call.on("data", (req: ReflectionRequest) => call.write(reply(req)));
      call.on("end", () => call.end());
      call.on("error", () => {});
    },
  };
}
