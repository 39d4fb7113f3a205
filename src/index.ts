// The public SDK: `import { Client, Worker } from "falconq"`.
//
//   const client = new Client({ master: "127.0.0.1:50051" });
//   const { job } = await client.submit("email.send", { to: "a@b.c" }, { maxAttempts: 5 });
//   const done = await client.wait(job.id);
//
//   const worker = new Worker({ master: "127.0.0.1:50051", handlers: { "email.send": async (job, ctx) => ... } });
//   await worker.start();   // ... await worker.close();
//
//   const q = await startEmbedded({ dataDir: "./data", handlers });   // master + pool in this process

export { type Batch, type BatchOptions, Client, type ClientOptions, type CreateScheduleOptions, type FlowJob, type JobInput, type JobPage, type ListOptions, type QueueLimitsOptions, type QueueFlow, type QueueRetentionOptions, type RateOptions, type QueueStats, type Schedule, type Stats, type SubmitOptions, type Submitted, type SubmittedFlow, type WaitOptions, type WorkerSummary } from "./client/client.ts";
export { type Job, JobFailedError, type JobState, WaitTimeoutError } from "./client/job.ts";
export { RpcError } from "./rpc/errors.ts";
export type { ClientSecurityOptions, ClientTlsOptions } from "./rpc/security.ts";
export { DomainError, type ErrorKind } from "./core/errors.ts";
export type { DependencyFailure, JobSpec } from "./core/validate.ts";
export { DependencyPolicy, JobStatus, type JobView, statusNames } from "./core/types.ts";
export { type AnyHandler, type DependencyInfo, type Handler, type HandlerContext, type HandlerMap, type JobContextJob, isNonRetryable, NonRetryableError, RateLimitedError } from "./worker/handler.ts";
export { type AttemptFailure, Worker, type WorkerEvents, type WorkerOptions } from "./worker/worker.ts";
export { type EmbeddedOptions, type EmbeddedQueue, startEmbedded } from "./embedded.ts";
