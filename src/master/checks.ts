// Checks and log lines of the master runtime that are not business rules:
// a registration validated field by field (as job fields are), and the debug
// line for a job transition.

import type { ActiveLease, RegisterInput } from "../core/contract.ts";
import { type Limits, workerConcurrencyMax, workerQueuesMax, workerTypesMax } from "../core/config.ts";
import { invalidArgument } from "../core/errors.ts";
import { checkHostname, checkId, checkOptionalId, checkVersion } from "../core/input.ts";
import type { Logger } from "../core/log.ts";
import { type Job, type JobStatus, statusNames } from "../core/types.ts";
import { checkInt, checkName } from "../core/validate.ts";

/** A logger without a level counts as debug off, so a transition costs one property read. */
export function debugEnabled(log: Logger): boolean {
  return (log.level ?? 0) >= 4;
}

/** Ids, queues and types were checked against their safe alphabets on the way in; nothing here needs quoting. */
export function transitionLine(job: Job, from: JobStatus | 0): string {
  const was = from === 0 ? "new" : statusNames[from];
  const worker = job.workerId ? ` worker ${job.workerId}` : "";
  return `job ${job.id} ${was} -> ${statusNames[job.status]}: queue ${job.queue} type ${job.type}${worker}`;
}

/** A registration checked field by field, as job fields are. */
export function checkRegistration(r: RegisterInput, limits: Limits): RegisterInput {
  const queues = r.queues ?? [];
  const types = r.types ?? [];
  if (queues.length > workerQueuesMax) {
    throw invalidArgument(`queues holds ${queues.length} names; the limit is ${workerQueuesMax}`);
  }
  if (types.length > workerTypesMax) throw invalidArgument(`types holds ${types.length} names; the limit is ${workerTypesMax}`);
  for (let i = 0; i < queues.length; i++) checkName(`queues[${i}]`, queues[i], limits.queueBytesMax);
  for (let i = 0; i < types.length; i++) checkName(`types[${i}]`, types[i], limits.typeBytesMax);
  const held = r.held ?? [];
  for (let i = 0; i < held.length; i++) checkId(`held_job_ids[${i}]`, (held[i] as ActiveLease).jobId);
  return {
    ...r,
    workerId: checkOptionalId("worker_id", r.workerId),
    hostname: checkHostname(r.hostname),
    version: checkVersion(r.version),
    concurrency: r.concurrency ? checkInt("concurrency", r.concurrency, 1, workerConcurrencyMax) : 1,
    pid: r.pid !== undefined && r.pid > 0 ? r.pid : 0,
  };
}
