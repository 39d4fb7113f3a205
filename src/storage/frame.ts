// Record framing shared by WAL segments and snapshot files:
//
//   offset 0  u32 little-endian  length of payload in bytes (1 .. FRAME_BYTES_MAX)
//   offset 4  u32 little-endian  CRC-32C (Castagnoli) of the payload bytes
//   offset 8  payload            one protobuf message
//
// A length of 0 is never written: a zero-filled region must not read as a run
// of valid empty frames (the CRC-32C of nothing is 0). A length above
// FRAME_BYTES_MAX or past the end of the file marks the frame invalid without
// allocating anything.

import { crc32c } from "./crc32c.ts";
import type { PbWriter } from "./pb.ts";

export const FRAME_HEADER_BYTES = 8;
/** No record comes near this; a larger length field is damage. */
export const FRAME_BYTES_MAX = 64 * 1024 * 1024;

/** Reserves a frame header; the payload is written next, then closeFrame(). */
export function openFrame(w: PbWriter): number {
  w.ensure(FRAME_HEADER_BYTES);
  const at = w.pos;
  w.pos += FRAME_HEADER_BYTES;
  return at;
}

export function closeFrame(w: PbWriter, at: number): void {
  const start = at + FRAME_HEADER_BYTES;
  const len = w.pos - start;
  w.buf.writeUInt32LE(len, at);
  w.buf.writeUInt32LE(crc32c(w.buf, start, w.pos), at + 4);
}

export type FrameDamage = "short header" | "zero length" | "length too large" | "runs past end of file" | "checksum mismatch";

/** Checks the frame at `at`; returns its end offset, or why it is invalid. */
export function checkFrame(buf: Uint8Array, at: number, end: number): number | FrameDamage {
  if (end - at < FRAME_HEADER_BYTES) return "short header";
  const len = (buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16) | (buf[at + 3]! << 24)) >>> 0;
  if (len === 0) return "zero length";
  if (len > FRAME_BYTES_MAX) return "length too large";
  const start = at + FRAME_HEADER_BYTES;
  if (len > end - start) return "runs past end of file";
  const want = (buf[at + 4]! | (buf[at + 5]! << 8) | (buf[at + 6]! << 16) | (buf[at + 7]! << 24)) >>> 0;
  if (crc32c(buf, start, start + len) !== want) return "checksum mismatch";
  return start + len;
}

/**
 * The offset of the first valid frame that starts after `from`, or -1. Used
 * to tell a torn tail (nothing valid follows) from damage in the middle of a
 * file (valid records follow, so cutting there would lose them).
 */
export function nextValidFrame(buf: Uint8Array, from: number, end: number): number {
  for (let at = from + 1; at + FRAME_HEADER_BYTES < end; at++) {
    if (typeof checkFrame(buf, at, end) === "number") return at;
  }
  return -1;
}
