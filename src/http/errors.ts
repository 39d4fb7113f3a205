// The one table from domain error kinds to HTTP statuses, and the error body
// every failed request gets: { "error": { "code": "INVALID_ARGUMENT", "message": "…" } }.
// Codes are the gRPC status names, so a message reads the same on both APIs.

import { DomainError, type ErrorKind } from "../core/errors.ts";

const toHttp: Record<ErrorKind, number> = {
  invalid_argument: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  already_exists: 409,
  failed_precondition: 409,
  resource_exhausted: 429,
  unavailable: 503,
};

/** An HTTP-only failure (route, method, body size, media type) with its own status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For 405: the methods the route takes (the Allow header). */
    readonly allow?: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const notRoute = (path: string) => new HttpError(404, "NOT_FOUND", `no route ${path}; see docs/http.md`);
export const badMethod = (method: string, allowed: readonly string[]) =>
  new HttpError(405, "METHOD_NOT_ALLOWED", `${method} is not allowed here; use ${allowed.join(" or ")}`, allowed.join(", "));
export const tooLarge = (max: number) => new HttpError(413, "RESOURCE_EXHAUSTED", `the request body is over ${max} bytes (httpBodyBytesMax)`);
export const forbidden = (message: string) => new HttpError(403, "PERMISSION_DENIED", message);

export interface ErrorReply {
  status: number;
  body: { error: { code: string; message: string } };
}

/** Maps a thrown value to a status and body; `onInternal` sees every unexpected error once. */
export function toHttpError(e: unknown, onInternal?: (e: unknown) => void): ErrorReply {
  if (e instanceof HttpError) return { status: e.status, body: { error: { code: e.code, message: e.message } } };
  if (e instanceof DomainError) return { status: toHttp[e.kind], body: { error: { code: e.kind.toUpperCase(), message: e.message } } };
  onInternal?.(e);
  return { status: 500, body: { error: { code: "INTERNAL", message: "internal error; the master logged the cause" } } };
}
