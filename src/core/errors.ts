// Typed domain errors. Code throws only these; src/rpc/errors.ts maps each
// kind to one gRPC status, and anything else becomes INTERNAL.

export type ErrorKind =
  | "invalid_argument"
  | "not_found"
  | "failed_precondition"
  | "resource_exhausted"
  | "unavailable"
  | "unauthenticated"
  | "permission_denied"
  | "already_exists";

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const invalidArgument = (msg: string) => new DomainError("invalid_argument", msg);
export const notFound = (msg: string) => new DomainError("not_found", msg);
export const failedPrecondition = (msg: string) => new DomainError("failed_precondition", msg);
export const resourceExhausted = (msg: string) => new DomainError("resource_exhausted", msg);
export const unavailable = (msg: string) => new DomainError("unavailable", msg);
export const unauthenticated = (msg: string) => new DomainError("unauthenticated", msg);
export const permissionDenied = (msg: string) => new DomainError("permission_denied", msg);
/** The thing to create exists already (a token id or name). */
export const alreadyExists = (msg: string) => new DomainError("already_exists", msg);
