// The one table from domain errors to gRPC status codes, and back again for
// clients. Anything that is not a DomainError becomes INTERNAL.

import { status } from "@grpc/grpc-js";
import { DomainError, type ErrorKind } from "../core/errors.ts";

const toCode: Record<ErrorKind, status> = {
  invalid_argument: status.INVALID_ARGUMENT,
  not_found: status.NOT_FOUND,
  failed_precondition: status.FAILED_PRECONDITION,
  resource_exhausted: status.RESOURCE_EXHAUSTED,
  unavailable: status.UNAVAILABLE,
  unauthenticated: status.UNAUTHENTICATED,
  permission_denied: status.PERMISSION_DENIED,
  already_exists: status.ALREADY_EXISTS,
};

const fromCode = new Map<number, ErrorKind>(Object.entries(toCode).map(([k, v]) => [v, k as ErrorKind]));

export interface StatusError {
  code: status;
  details: string;
}

/** Maps a thrown value to a status; `onInternal` sees every non-domain error once. */
export function toStatus(e: unknown, onInternal?: (e: unknown) => void): StatusError {
  if (e instanceof DomainError) return { code: toCode[e.kind], details: e.message };
  onInternal?.(e);
  return { code: status.INTERNAL, details: "internal error; the master logged the cause" };
}

/** A client-side view of a status error as a DomainError, when it maps to one. */
export function fromStatus(code: number, details: string): DomainError | undefined {
  const kind = fromCode.get(code);
  return kind === undefined ? undefined : new DomainError(kind, details);
}

/** A failed call as the client sees it: the gRPC status code and the master's message. */
export class RpcError extends Error {
  constructor(
    readonly code: status,
    readonly details: string,
  ) {
    super(details);
    this.name = "RpcError";
  }

  get codeName(): string {
    return status[this.code] ?? String(this.code);
  }
}

/**
 * The one retryable predicate: the master could not be reached or did not
 * answer in time. Every other status is the master's answer and final.
 */
export function isRetryable(e: unknown): boolean {
  return e instanceof RpcError && (e.code === status.UNAVAILABLE || e.code === status.DEADLINE_EXCEEDED);
}

export { status };
