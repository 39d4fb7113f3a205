// Checks of the identifiers and free-text fields that clients send besides
// job specs: ids, page tokens, lease tokens, a worker's hostname and version,
// progress JSON. Every size here is in UTF-8 bytes, and every message names
// the field and the limit. Client text that goes into a message is quoted:
// escaped and cut short, so an error or a log line never carries control
// characters or kilobytes of someone else's input.

import { hostnameBytesMax, idBytesMax, versionBytesMax } from "./config.ts";
import { invalidArgument } from "./errors.ts";
import { quote } from "./text.ts";

const idPattern = /^[A-Za-z0-9_.:-]+$/;

export function byteLength(s: string): number {
  return Buffer.byteLength(s);
}

/** A job id, worker id or page token: 1..idBytesMax bytes of `A-Z a-z 0-9 _ . : -`. */
export function checkId(field: string, value: string | undefined): string {
  if (value === undefined || value === "") throw invalidArgument(`${field} must not be empty`);
  if (value.length > idBytesMax) {
    throw invalidArgument(`${field} is ${byteLength(value)} bytes; the limit is ${idBytesMax} bytes`);
  }
  if (!idPattern.test(value)) {
    throw invalidArgument(`${field} ${quote(value)} may hold only letters, digits and _ . : -`);
  }
  return value;
}

/** An id that may be empty (e.g. "assign me one"); otherwise as checkId. */
export function checkOptionalId(field: string, value: string | undefined): string {
  return value === undefined || value === "" ? "" : checkId(field, value);
}

/** Free text shown to operators (hostname, version): bounded, printable, no control characters. */
export function checkLabel(field: string, value: string | undefined, bytesMax: number): string {
  if (value === undefined || value === "") return "";
  const n = byteLength(value);
  if (n > bytesMax) throw invalidArgument(`${field} is ${n} bytes; the limit is ${bytesMax} bytes`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) {
    throw invalidArgument(`${field} ${quote(value)} holds control characters`);
  }
  return value;
}

export const checkHostname = (v: string | undefined) => checkLabel("hostname", v, hostnameBytesMax);
export const checkVersion = (v: string | undefined) => checkLabel("version", v, versionBytesMax);

/** Progress is JSON text, as the contract says. */
export function checkJson(field: string, value: string): string {
  try {
    JSON.parse(value);
  } catch {
    throw invalidArgument(`${field} is not valid JSON: ${quote(value)}`);
  }
  return value;
}
