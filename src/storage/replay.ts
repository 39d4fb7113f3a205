// Reading frames back: the scan that recovery runs over each WAL segment,
// and how it tells a torn tail from damage in the middle of a file.

import type { WalRecord } from "../core/records.ts";
import { decodeRecord, type SettingsCache } from "./codec.ts";
import { corrupt } from "./errors.ts";
import { checkFrame, FRAME_HEADER_BYTES, type FrameDamage, nextValidFrame } from "./frame.ts";
import { PbReader } from "./pb.ts";

export interface Damage {
  offset: number;
  reason: FrameDamage;
  /** Offset of the next valid frame, or -1 when nothing valid follows (a torn tail). */
  resumesAt: number;
}

/**
 * Calls onFrame(payloadStart, payloadEnd, frameOffset) for each valid frame
 * from `from` on, and stops at the first invalid one, which it describes.
 */
export function scanFrames(
  buf: Uint8Array,
  from: number,
  onFrame: (start: number, end: number, offset: number) => void,
): Damage | undefined {
  const end = buf.length;
  let at = from;
  while (at < end) {
    const next = checkFrame(buf, at, end);
    if (typeof next !== "number") return { offset: at, reason: next, resumesAt: nextValidFrame(buf, at, end) };
    onFrame(at + FRAME_HEADER_BYTES, next, at);
    at = next;
  }
  return undefined;
}

/** Decodes every record of an undamaged framed buffer; throws on any damage. */
export function decodeFramedRecords(bytes: Uint8Array, cache: SettingsCache, onRecord: (r: WalRecord) => void): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damage = scanFrames(buf, 0, (start, end) => onRecord(decodeRecord(new PbReader(buf, start, end), cache)));
  if (damage) throw corrupt(`damaged frame at offset ${damage.offset}: ${damage.reason}`, { offset: damage.offset });
}
