// Types of the wire, derived from the generated service definition
// (src/rpc/gen, made by `npm run gen:types` from the .proto). A client sends
// `RequestOf<M>` and receives `ResponseOf<M>`; a server handler receives
// `ServerRequestOf<M>` (decoded, defaults filled in) and answers
// `ServerResponseOf<M>`. Nothing on the wire path is typed by hand.

import type { MethodDefinition } from "@grpc/proto-loader";
import type { FalconQueueServiceDefinition } from "./gen/falconqueue/v1/FalconQueueService";


/** The service's methods, without ServiceDefinition's string index signature. */
type Methods = {
  [K in keyof FalconQueueServiceDefinition as string extends K ? never : K]: FalconQueueServiceDefinition[K];
};

export type Rpc = keyof Methods & string;
/** Every method but the one server stream. */
export type UnaryRpc = Exclude<Rpc, "WatchJobs">;

type Parts<M extends Rpc> = Methods[M] extends MethodDefinition<infer Rq, infer Rs, infer RqOut, infer RsOut>
  ? { req: Rq; res: Rs; reqOut: RqOut; resOut: RsOut }
  : never;

export type RequestOf<M extends Rpc> = Parts<M>["req"];
export type ResponseOf<M extends Rpc> = Parts<M>["resOut"];
export type ServerRequestOf<M extends Rpc> = Parts<M>["reqOut"];
export type ServerResponseOf<M extends Rpc> = Parts<M>["res"];
