// The worker side's public surface, for the CLI and the SDK.

export { NonRetryableError } from "./handler.ts";
export type { Handler, HandlerContext, HandlerLog, HandlerMap, JobContextJob } from "./handler.ts";
export { JobAbortedError, resultBytesMax } from "./executor.ts";
export { builtinHandlers } from "./builtins.ts";
export { GrpcJobSource, type GrpcSourceOptions } from "./grpc-source.ts";
export { HandlerModuleError, loadHandlers } from "./load-handlers.ts";
export { LocalJobSource } from "./local-source.ts";
export { type PoolLog, WorkerPool, type WorkerPoolOptions } from "./pool.ts";
export type { JobSource, Registration, WorkerIdentity } from "./source.ts";
